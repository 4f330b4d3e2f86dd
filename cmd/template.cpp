#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/documents/documents.hpp"
#include "panel/input/file.hpp"
#include "panel/input/templates.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/listings.hpp"
#include "panel/render/template_check.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct TemplateOptions {
  std::string name;
  std::vector<std::string> paths;
};

// The templates in use: the database's profile may name an override folder, but the template
// commands also work where there is no database yet.
std::vector<core::Template> templates(Context& ctx, std::vector<std::string>& problems)
{
  std::string folder = ctx.templates;
  if (folder.empty() && std::filesystem::exists(ctx.db_path)) {
    auto db = ctx.open_db();
    const auto profile = ops::load_profile(db);
    folder = documents::templates_folder("", &profile);
  }
  return input::load_templates(folder, problems);
}

// The kind of panel the register is for ("" where there is no register yet).
std::string profile_kind(Context& ctx)
{
  if (!std::filesystem::exists(ctx.db_path))
    return "";
  auto db = ctx.open_db();
  return ops::load_profile(db).kind;
}

int run_list(Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  std::vector<std::string> problems;
  const auto style = ctx.style();
  if (ctx.flags.marking && format == Format::csv && style.csv_marking.empty())
    ctx.warn(fmt::format("--marking: there is no register at '{}', so no protective marking is known", ctx.db_path));
  auto listed = templates(ctx, problems);
  // A register lists only the templates for its kind of panel (no CPW letter for a MARAC).
  if (const auto kind = profile_kind(ctx); !kind.empty())
    std::erase_if(listed, [&kind](const core::Template& t) { return !documents::applies_to(t, kind); });
  render::template_listing(ctx.out, listed, format, style);
  for (const auto& p : problems)
    ctx.warn(p);
  return 0;
}

int run_show(const TemplateOptions& o, Context& ctx)
{
  std::vector<std::string> problems;
  ctx.out << documents::find_template(templates(ctx, problems), o.name).text;
  return 0;
}

int run_check(const TemplateOptions& o, Context& ctx)
{
  std::vector<std::string> problems;
  std::vector<core::Template> checked;
  if (o.paths.empty()) {
    checked = templates(ctx, problems);
  } else {
    for (const auto& path : o.paths) {
      try {
        checked.push_back(input::parse_template(input::read_file(path), path, std::filesystem::path(path).parent_path()));
      } catch (const Error& e) {
        problems.push_back(e.what());
      }
    }
  }
  for (const auto& t : checked)
    for (auto& p : render::check_template(t))
      problems.push_back(std::move(p));
  for (const auto& p : problems)
    ctx.err << "panel: error: " << p << '\n';
  ctx.note(fmt::format("{} template{} checked, {} problem{}", checked.size(), checked.size() == 1 ? "" : "s",
                       problems.size(), problems.size() == 1 ? "" : "s"));
  return problems.empty() ? 0 : static_cast<int>(Exit::refused);
}

} // namespace

void register_template(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<TemplateOptions>();
  auto* tmpl = app.add_subcommand("template", "List, show and check the templates of letters, packs and mails");
  tmpl->require_subcommand(1);
  tmpl->footer(R"(Built-in templates are part of panel; a folder given by --templates, PANEL_TEMPLATES or the
profile's 'templates' key overrides them by name. See docs/templates.md.

Examples:
  panel template list
  panel template show warning-letter > templates/warning-letter.yaml
  panel --templates templates template check)");

  auto* list = tmpl->add_subcommand("list", "List the templates in use and where each comes from");
  list->footer("Example:\n  panel --templates ./our-letters template list");
  list->callback([&ctx] { ctx.select("template list", [&ctx] { return run_list(ctx); }); });

  auto* show = tmpl->add_subcommand("show", "Print a template's YAML, to copy and adapt");
  show->add_option("NAME", o->name, "Template name")->required();
  show->footer("Example:\n  panel template show referral-acknowledgement");
  show->callback([o, &ctx] { ctx.select("template show", [o, &ctx] { return run_show(*o, ctx); }); });

  auto* check = tmpl->add_subcommand("check", "Check templates: syntax, variables, personal fields");
  check->add_option("PATH", o->paths, "Template files to check (default: every template in use)");
  check->footer("Exits 1 on any problem, naming the file and line.\n\nExample:\n  panel template check our-letters/*.yaml");
  check->callback([o, &ctx] { ctx.select("template check", [o, &ctx] { return run_check(*o, ctx); }); });
}

} // namespace panel::cmd
