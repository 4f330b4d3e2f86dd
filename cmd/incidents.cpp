#include "cmd/cli.hpp"

#include "panel/ops/incidents.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <memory>

namespace panel::cmd {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
};

// 1234567 -> "1,234,567", as people read counts.
std::string grouped(std::int64_t n)
{
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return (n < 0 ? "-" : "") + digits;
}

// A progress line is for a person watching a terminal: not for pipes, logs or --quiet.
bool shows_progress(const Context& ctx) { return !ctx.quiet && ctx.err_is_tty; }

int run_import(const ImportOptions& o, Context& ctx)
{
  using render::Format;
  // Output on stdout only when asked for: the summary goes to stderr.
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  auto db = ctx.open_db();
  bool progressed = false;
  ops::ImportProgressSink progress;
  if (shows_progress(ctx))
    progress = [&](const ops::ImportProgress& p) {
      ctx.err << fmt::format("\rpanel: importing: {} rows read (file {} of {})", grouped(p.rows), p.file, p.files)
              << std::flush;
      progressed = true;
    };
  std::vector<ops::ImportedMonth> months;
  try {
    months = ops::import_incidents(db, o.files, ctx.actor(), progress, &ctx.in);
  } catch (...) {
    if (progressed)
      ctx.err << "\r\033[K";
    throw;
  }
  if (progressed)
    ctx.err << "\r\033[K";

  std::int64_t total = 0;
  for (const auto& m : months) {
    total += m.imported;
    if (!m.earlier_file.empty())
      ctx.warn(fmt::format("{} {} is in both '{}' and '{}': the later file replaces the earlier", m.reported_by,
                           m.month, m.earlier_file, m.file));
    ctx.note(fmt::format("imported {} incident{} for {} {}{}", grouped(m.imported), m.imported == 1 ? "" : "s",
                         m.reported_by, m.month, m.existed ? fmt::format(" (replaced {})", grouped(m.replaced)) : ""));
  }
  // What is stored: a force's month that is in several files counts once, from the last of them.
  if (months.size() > 1 || o.files.size() > 1)
    ctx.note(fmt::format("imported {} incident{} for {} force-month{} from {} file{}", grouped(total),
                         total == 1 ? "" : "s", months.size(), months.size() == 1 ? "" : "s", o.files.size(),
                         o.files.size() == 1 ? "" : "s"));
  if (!ctx.format.empty())
    render::imported_months_listing(ctx.out, months, format, ctx.style());
  return 0;
}

} // namespace

void register_incidents(CLI::App& app, Context& ctx)
{
  auto* incidents = app.add_subcommand("incidents", "Police incident data: import data.police.uk street CSVs");
  incidents->require_subcommand(1);
  incidents->footer(R"(Imported incidents feed 'panel report incidents' and 'panel report trends'. See
docs/cli/incidents.md.

Example:
  panel incidents import 2018-10-city-of-london-street.csv)");

  auto o = std::make_shared<ImportOptions>();
  auto* import = incidents->add_subcommand("import", "Import data.police.uk street CSV files (one force's month each)");
  import->add_option("FILE", o->files, "Street CSV files, e.g. 2018-10-city-of-london-street.csv (- for standard input)")
      ->required()
      ->type_name("FILE");
  import->footer(R"(Each force's month in the files replaces what was imported for it before (a newer download
revises outcomes); identical rows are separate incidents and are all kept. All files are one
transaction: a problem in any file imports nothing and names the file, line and column.
A month in several files is stored, listed and counted once, from the last of them. A summary
per force and month goes to stderr (silenced by -q); --format table|csv|json|md also lists the
months on stdout. See docs/cli/incidents.md.

Examples:
  panel incidents import 2018-10-city-of-london-street.csv
  panel incidents import downloads/*/*-street.csv --format json | jq '.[].imported')");
  import->callback([o, &ctx] { ctx.select("incidents import", [o, &ctx] { return run_import(*o, ctx); }); });
}

} // namespace panel::cmd
