#include "panel/input/templates.hpp"

#include "panel/core/embedded.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/file.hpp"
#include "panel/input/yaml_document.hpp"
#include "panel/rules/case_review.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace panel::input {
namespace {

long line_of(const YAML::Node& node) { return node.Mark().is_null() ? 1 : node.Mark().line + 1; }

[[noreturn]] void fail(const std::string& file, long line, const std::string& key, const std::string& problem)
{
  throw refused(fmt::format("{}:{}: {}{}", file, line, key.empty() ? "" : key + ": ", problem));
}

std::string text_of(const YAML::Node& node, const std::string& file, const std::string& key)
{
  if (!node.IsScalar())
    fail(file, line_of(node), key, "expected text");
  // A NUL cuts a document short in most programs that read it; ESC and the like drive terminals.
  if (core::strip_controls(node.Scalar()) != node.Scalar())
    fail(file, line_of(node), key, "holds a control character (such as NUL or ESC); remove it");
  return node.Scalar();
}

// Where the body's first line is: the line after `body: |`, or the key's own line otherwise.
long body_start(const YAML::Node& body, std::string_view text)
{
  const auto mark = body.Mark();
  if (mark.is_null())
    return 1;
  const auto pos = static_cast<size_t>(mark.pos);
  const bool block = pos < text.size() && (text[pos] == '|' || text[pos] == '>');
  return mark.line + 1 + (block ? 1 : 0);
}

} // namespace

core::Template parse_template(std::string_view text, const std::string& file, const std::string& source)
{
  const YAML::Node doc = load_document(text, file);
  if (!doc.IsMap())
    fail(file, 1, "", "a template is a mapping with name, for, format and body");
  static const std::vector<std::string> known = {"name", "description", "for", "format", "subject", "body", "fields", "when",
                                                 "profiles", "interventions"};
  for (const auto& item : doc) {
    const auto key = item.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail(file, line_of(item.first), key, fmt::format("unknown key (known: {})", core::join(known, ", ")));
  }
  for (const auto* key : {"name", "for", "format", "body"})
    if (!doc[key] || doc[key].IsNull())
      fail(file, 1, key, "is required");
  core::Template t;
  t.file = file;
  t.source = source;
  t.text = std::string(text);
  t.name = text_of(doc["name"], file, "name");
  t.kind = text_of(doc["for"], file, "for");
  t.format = text_of(doc["format"], file, "format");
  t.body = text_of(doc["body"], file, "body");
  t.body_line = body_start(doc["body"], text);
  if (doc["description"])
    t.description = text_of(doc["description"], file, "description");
  if (doc["subject"]) {
    t.subject = text_of(doc["subject"], file, "subject");
    t.subject_line = line_of(doc["subject"]);
  }
  const auto& kinds = core::template_kinds();
  if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end())
    fail(file, line_of(doc["for"]), "for", fmt::format("unknown kind '{}' (known: {})", t.kind, core::join(kinds, ", ")));
  if (t.format != "markdown" && t.format != "text" && t.format != "html")
    fail(file, line_of(doc["format"]), "format", fmt::format("unknown format '{}' (known: markdown, text, html)", t.format));
  if (t.name.empty() || t.name.find_first_of(" /\\") != std::string::npos)
    fail(file, line_of(doc["name"]), "name", "a template name is one word, e.g. warning-letter");
  if (const YAML::Node fields = doc["fields"]; fields) {
    if (!fields.IsSequence())
      fail(file, line_of(fields), "fields", "expected a list of personal fields");
    const auto& personal = core::personal_fields();
    for (const auto& f : fields) {
      const auto name = text_of(f, file, "fields");
      if (std::find(personal.begin(), personal.end(), name) == personal.end())
        fail(file, line_of(f), "fields",
             fmt::format("'{}' is not a personal field (known: {})", name, core::join(personal, ", ")));
      t.fields.push_back(name);
    }
  }
  if (const YAML::Node when = doc["when"]; when) {
    static const std::vector<std::string> referral_statuses = core::known_values<core::ReferralStatus>();
    // A case review letter is for the stages an application has reached.
    const bool review = t.kind == "case-review";
    const auto& statuses = review ? rules::case_review_stages() : referral_statuses;
    const YAML::Node list = when.IsSequence() ? when : YAML::Node(YAML::NodeType::Sequence);
    if (!when.IsSequence())
      fail(file, line_of(when), "when",
           review ? "expected a list of case review stages, e.g. [threshold-not-met]" : "expected a list of referral statuses, e.g. [declined]");
    for (const auto& item : list) {
      const auto status = text_of(item, file, "when");
      if (std::find(statuses.begin(), statuses.end(), status) == statuses.end())
        fail(file, line_of(item), "when", fmt::format("unknown status '{}' (known: {})", status, core::join(statuses, ", ")));
      t.when.push_back(status);
    }
  }
  if (const YAML::Node profiles = doc["profiles"]; profiles) {
    // ASB tools (warnings, CPWs, ABCs, case reviews) mean nothing to a domestic-abuse MARAC.
    if (!profiles.IsSequence())
      fail(file, line_of(profiles), "profiles", "expected a list of profile kinds, e.g. [community]");
    for (const auto& item : profiles) {
      const auto kind = text_of(item, file, "profiles");
      if (kind != "community" && kind != "domestic-abuse")
        fail(file, line_of(item), "profiles", fmt::format("unknown profile kind '{}' (known: community, domestic-abuse)", kind));
      t.profiles.push_back(kind);
    }
  }
  if (const YAML::Node types = doc["interventions"]; types) {
    // A letter about an intervention (a CPW, an ABC): the profile's intervention codes.
    if (!types.IsSequence() || types.size() == 0)
      fail(file, line_of(types), "interventions", "expected a list of the profile's intervention codes, e.g. [cpw]");
    if (t.kind != "case")
      fail(file, line_of(types), "interventions", fmt::format("only a letter about a case ('for: case') is about an intervention, not one for {}", t.kind));
    for (const auto& item : types)
      t.interventions.push_back(text_of(item, file, "interventions"));
  }
  return t;
}

std::vector<core::Template> load_templates(const std::string& folder, std::vector<std::string>& problems)
{
  std::vector<core::Template> templates;
  for (const auto& file : core::embedded_files()) {
    if (file.path.starts_with("profiles/") || file.path.starts_with("calendars/"))
      continue;
    templates.push_back(parse_template(file.text, "templates/" + std::string(file.path), "built-in"));
  }
  if (folder.empty())
    return templates;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw refused(fmt::format("templates folder '{}' does not exist", folder));
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> from_folder;  // name -> the file in `folder` that defines it
  for (const auto& path : files) {
    try {
      auto t = parse_template(read_file(path.string()), path.string(), folder);
      // Two files naming the same template: which one wins would depend on file names.
      if (const auto [first, added] = from_folder.emplace(t.name, path.string()); !added)
        throw refused(fmt::format("{}:{}: name: template '{}' is also defined in {}; rename or remove one", path.string(),
                                  line_of(YAML::Load(t.text)["name"]), t.name, first->second));
      const auto same = std::find_if(templates.begin(), templates.end(), [&](const auto& x) { return x.name == t.name; });
      if (same != templates.end())
        *same = std::move(t);
      else
        templates.push_back(std::move(t));
    } catch (const Error& e) {
      problems.push_back(e.what());
    }
  }
  std::sort(templates.begin(), templates.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return templates;
}

} // namespace panel::input
