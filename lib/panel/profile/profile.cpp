#include "panel/profile/profile.hpp"

#include "panel/core/embedded.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/yaml_document.hpp"
#include "panel/profile/case_review.hpp"
#include "panel/profile/reader.hpp"
#include "panel/profile/documents.hpp"
#include "panel/profile/input_settings.hpp"
#include "panel/profile/retention.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <yaml-cpp/yaml.h>

namespace panel::profile {
namespace {

const std::vector<std::string> top_keys = {
    "name", "short", "kind", "reference_prefix", "address", "coordinator", "marking",
    "confidentiality", "agencies", "quorum", "categories", "risk_levels", "risk_instruments",
    "criteria", "interventions", "redirect_forums", "repeat_window", "repeat_window_days", "agenda_lead_days",
    "minutes_due_working_days", "due_soon_days", "remind_every_days", "escalate_after_days",
    "attention_after_days", "templates", "mail", "safelives", "population", "case_review", "retention",
    "input", "documents"};

// A code used in references, categories and criteria: lower-case words joined by '-'.
bool is_slug(const std::string& s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A key that is missing or written with no value ("interventions:").
bool absent(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

std::string index_path(const std::string& path, size_t i) { return fmt::format("{}[{}]", path, i); }

std::vector<core::Agency> read_agencies(const Reader& r, const YAML::Node& list)
{
  r.expect_list(list, "agencies");
  std::vector<core::Agency> agencies;
  if (absent(list))
    return agencies;
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto path = index_path("agencies", i);
    const YAML::Node node = list[i];
    r.expect_map(node, path, {"code", "name", "email", "core"});
    core::Agency a;
    a.code = r.line(r.child(node, path, "code", true), path + ".code");
    if (const auto problem = core::agency_code_problem(a.code); !problem.empty())
      r.fail(node["code"], path + ".code", problem);
    if (!seen.insert(a.code).second)
      r.fail(node["code"], path + ".code", fmt::format("agency '{}' is listed twice", a.code));
    a.name = r.line(r.child(node, path, "name", true), path + ".name");
    a.email = r.line(node["email"], path + ".email");
    if (!a.email.empty())
      if (const auto problem = core::email_problem(a.email); !problem.empty())
        r.fail(node["email"], path + ".email", problem);
    if (node["core"])
      a.core = r.flag(node["core"], path + ".core");
    agencies.push_back(std::move(a));
  }
  return agencies;
}

std::vector<core::Category> read_categories(const Reader& r, const YAML::Node& list)
{
  r.expect_list(list, "categories");
  std::vector<core::Category> categories;
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto path = index_path("categories", i);
    r.expect_map(list[i], path, {"code", "name"});
    core::Category c{r.line(r.child(list[i], path, "code", true), path + ".code"),
                     r.line(r.child(list[i], path, "name", true), path + ".name")};
    if (!is_slug(c.code))
      r.fail(list[i]["code"], path + ".code", "a category code has only a-z, 0-9 and '-'");
    if (!seen.insert(c.code).second)
      r.fail(list[i]["code"], path + ".code", fmt::format("category '{}' is listed twice", c.code));
    categories.push_back(std::move(c));
  }
  if (categories.empty())
    r.fail(list, "categories", "at least one category is needed");
  return categories;
}

// Reads one condition; an inline one shares its mapping with the criterion, whose keys were checked.
core::Condition read_condition(const Reader& r, const YAML::Node& node, const std::string& path, bool check_keys)
{
  if (check_keys)
    r.expect_map(node, path, {"field", "at_least", "is", "equals"});
  core::Condition c;
  c.field = r.text(r.child(node, path, "field", true), path + ".field");
  const auto& fields = core::criterion_fields();
  const auto field = std::find_if(fields.begin(), fields.end(),
                                  [&](const auto& f) { return c.field == f.name; });
  if (field == fields.end()) {
    std::vector<std::string> names;
    for (const auto& f : fields)
      names.emplace_back(f.name);
    r.fail(node["field"], path + ".field",
           fmt::format("unknown field '{}' (known: {})", c.field, core::join(names, ", ")));
  }
  const std::string kind = field->kind;
  const std::string wanted = kind == "number" ? "at_least" : kind == "flag" ? "is" : "equals";
  for (const auto* key : {"at_least", "is", "equals"})
    if (node[key] && key != wanted)
      r.fail(node[key], path, fmt::format("'{}' is a {} field: test it with '{}'", c.field, kind, wanted));
  if (!node[wanted])
    r.fail(node, path, fmt::format("'{}' needs '{}'", c.field, wanted));
  if (kind == "number")
    c.at_least = r.integer(node[wanted], path + ".at_least", 0, 1000000);
  else if (kind == "flag")
    c.is = r.flag(node[wanted], path + ".is");
  else
    c.equals = r.text(node[wanted], path + ".equals");
  return c;
}

std::vector<core::Criterion> read_criteria(const Reader& r, const YAML::Node& list)
{
  r.expect_list(list, "criteria");
  std::vector<core::Criterion> criteria;
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto path = index_path("criteria", i);
    const YAML::Node node = list[i];
    r.expect_map(node, path, {"id", "label", "field", "at_least", "is", "equals", "all"});
    if (node["all"])
      for (const auto* key : {"field", "at_least", "is", "equals"})
        if (node[key])
          r.fail(node[key], path, fmt::format("use either '{}' or 'all', not both", key));
    core::Criterion c;
    c.id = r.text(r.child(node, path, "id", true), path + ".id");
    if (!is_slug(c.id))
      r.fail(node["id"], path + ".id", "a criterion id has only a-z, 0-9 and '-'");
    if (!seen.insert(c.id).second)
      r.fail(node["id"], path + ".id", fmt::format("criterion '{}' is listed twice", c.id));
    c.label = r.line(r.child(node, path, "label", true), path + ".label");
    // Either one condition inline, or several under `all:` that must all hold.
    if (node["all"]) {
      r.expect_list(node["all"], path + ".all");
      for (size_t k = 0; k < node["all"].size(); ++k) {
        const auto sub = index_path(path + ".all", k);
        c.all.push_back(read_condition(r, node["all"][k], sub, true));
      }
      if (c.all.empty())
        r.fail(node["all"], path + ".all", "at least one condition is needed");
    } else {
      if (!node["field"])
        r.fail(node, path, "missing required key 'field' (or 'all')");
      c.all.push_back(read_condition(r, node, path, false));
    }
    criteria.push_back(std::move(c));
  }
  if (criteria.empty())
    r.fail(list, "criteria", "at least one criterion is needed");
  return criteria;
}

std::vector<core::RiskInstrument> read_instruments(const Reader& r, const YAML::Node& list)
{
  r.expect_list(list, "risk_instruments");
  std::vector<core::RiskInstrument> instruments;
  if (absent(list))
    return instruments;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto path = index_path("risk_instruments", i);
    r.expect_map(list[i], path, {"name", "max"});
    core::RiskInstrument ri;
    ri.name = r.line(r.child(list[i], path, "name", true), path + ".name");
    ri.max = static_cast<int>(r.integer(r.child(list[i], path, "max", true), path + ".max", 1, 1000));
    instruments.push_back(std::move(ri));
  }
  return instruments;
}

std::vector<core::InterventionType> read_interventions(const Reader& r, const YAML::Node& list)
{
  r.expect_list(list, "interventions");
  std::vector<core::InterventionType> types;
  if (absent(list))
    return types;
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto path = index_path("interventions", i);
    const YAML::Node node = list[i];
    r.expect_map(node, path, {"code", "name", "tier", "review_months", "duration_months"});
    core::InterventionType t;
    t.code = r.text(r.child(node, path, "code", true), path + ".code");
    if (!is_slug(t.code))
      r.fail(node["code"], path + ".code", "an intervention code has only a-z, 0-9 and '-'");
    if (!seen.insert(t.code).second)
      r.fail(node["code"], path + ".code", fmt::format("intervention '{}' is listed twice", t.code));
    t.name = r.line(r.child(node, path, "name", true), path + ".name");
    t.tier = static_cast<int>(r.integer(r.child(node, path, "tier", true), path + ".tier", 1, 4));
    if (!absent(node["review_months"]))
      t.review_months = static_cast<int>(r.integer(node["review_months"], path + ".review_months", 1, 120));
    if (!absent(node["duration_months"]))
      t.duration_months = static_cast<int>(r.integer(node["duration_months"], path + ".duration_months", 1, 120));
    types.push_back(std::move(t));
  }
  return types;
}

// `repeat_window: 12 months` (or `90 days`). Profiles written before it had `repeat_window_days: N`,
// which still reads as N days, so that a database keeps the window it was set up with.
std::optional<core::DateSpan> read_repeat_window(const Reader& r, const YAML::Node& doc)
{
  const YAML::Node window = doc["repeat_window"], old = doc["repeat_window_days"];
  if (window && old)
    r.fail(old, "repeat_window_days", "give either 'repeat_window' or the older 'repeat_window_days', not both");
  if (old)
    return core::DateSpan{static_cast<int>(r.integer(old, "repeat_window_days", 0, 3660)), core::DateSpan::Unit::days};
  if (!window)
    return std::nullopt;
  const auto text = window.IsScalar() ? window.Scalar() : std::string();
  const auto span = core::DateSpan::parse(text);
  if (!span)
    r.fail(window, "repeat_window",
           window.IsScalar() ? fmt::format("expected a number of months or days such as '12 months' or '90 days', got '{}'", text)
                             : std::string("expected a number of months or days such as '12 months' or '90 days'"));
  const long max = span->unit == core::DateSpan::Unit::days ? 3660 : 120;
  if (span->count > max)
    r.fail(window, "repeat_window", fmt::format("'{}' is out of range (0 to {} {})", text, max,
                                                span->unit == core::DateSpan::Unit::days ? "days" : "months"));
  return *span;
}

core::Profile read_profile(const Reader& r, const YAML::Node& doc, const std::vector<core::Agency>& live,
                           const std::string& source, bool stored)
{
  r.expect_map(doc, "", top_keys);
  core::Profile p;
  p.name = r.line(r.child(doc, "", "name", true), "name");
  p.short_name = r.line(r.child(doc, "", "short", true), "short");
  for (const auto* key : {"name", "short"})
    if (core::trim(r.text(doc[key], key)).empty())
      r.fail(doc[key], key, "must not be empty");
  p.kind = r.line(r.child(doc, "", "kind", true), "kind");
  if (p.kind != "community" && p.kind != "domestic-abuse")
    r.fail(doc["kind"], "kind", fmt::format("unknown kind '{}' (known: community, domestic-abuse)", p.kind));
  p.reference_prefix = r.line(r.child(doc, "", "reference_prefix", true), "reference_prefix");
  if (core::agency_code_problem(p.reference_prefix) != "")
    r.fail(doc["reference_prefix"], "reference_prefix",
           "a reference prefix has 2 to 10 capital letters, digits or '-', starting with a letter");
  p.address = r.text(doc["address"], "address");
  if (const YAML::Node c = doc["coordinator"]; c) {
    r.expect_map(c, "coordinator", {"name", "email", "phone"});
    p.coordinator = {r.line(c["name"], "coordinator.name"), r.line(c["email"], "coordinator.email"),
                     r.line(c["phone"], "coordinator.phone")};
    if (!p.coordinator.email.empty())
      if (const auto problem = core::email_problem(p.coordinator.email); !problem.empty())
        r.fail(c["email"], "coordinator.email", problem);
  }
  if (doc["marking"])
    p.marking = r.line(doc["marking"], "marking");
  p.confidentiality = r.text(r.child(doc, "", "confidentiality", true), "confidentiality");

  p.agencies = doc["agencies"] ? read_agencies(r, doc["agencies"]) : live;
  if (doc["agencies"] && p.agencies.empty())
    r.fail(doc["agencies"], "agencies", "at least one agency is needed (leave the key out to keep the current ones)");
  if (p.agencies.empty())
    r.fail(doc, "agencies", "a new panel needs an 'agencies:' list");
  p.quorum = r.text_list(doc["quorum"], "quorum");
  std::set<std::string> codes;  // sets, not scans: a quorum as long as the agency list stays linear
  for (const auto& a : p.agencies)
    codes.insert(a.code);
  std::set<std::string> listed;
  for (size_t i = 0; i < p.quorum.size(); ++i) {
    const auto& code = p.quorum[i];
    if (!listed.insert(code).second)
      r.fail(doc["quorum"][i], "quorum", fmt::format("agency '{}' is listed twice", code));
    if (!codes.contains(code)) {
      std::vector<std::string> known;
      for (const auto& a : p.agencies)
        known.push_back(a.code);
      r.fail(doc["quorum"][i], "quorum",
             fmt::format("unknown agency '{}' (known: {})", code, core::join(known, ", ")));
    }
  }
  p.categories = read_categories(r, r.child(doc, "", "categories", true));
  if (doc["risk_levels"])
    p.risk_levels = r.text_list(doc["risk_levels"], "risk_levels");
  if (p.risk_levels.empty())
    r.fail(doc["risk_levels"], "risk_levels", "at least one risk level is needed");
  std::set<std::string> levels;
  for (size_t i = 0; i < p.risk_levels.size(); ++i)
    if (!is_slug(p.risk_levels[i]) || !levels.insert(p.risk_levels[i]).second)
      r.fail(doc["risk_levels"][i], "risk_levels",
             fmt::format("'{}': risk levels are distinct lower-case words", p.risk_levels[i]));
  p.risk_instruments = read_instruments(r, doc["risk_instruments"]);
  p.criteria = read_criteria(r, r.child(doc, "", "criteria", true));
  for (size_t i = 0; i < p.criteria.size(); ++i)
    for (const auto& condition : p.criteria[i].all)
      if (condition.equals && std::find(p.risk_levels.begin(), p.risk_levels.end(), *condition.equals) == p.risk_levels.end())
        r.fail(doc["criteria"][i], fmt::format("criteria[{}]", i),
               fmt::format("risk level '{}' is not one of risk_levels ({})", *condition.equals, core::join(p.risk_levels, ", ")));
  p.interventions = read_interventions(r, doc["interventions"]);
  p.redirect_forums = r.text_list(doc["redirect_forums"], "redirect_forums");

  // A key left out keeps core::Profile's default, so the defaults are written down once.
  auto days = [&](const char* key, int& field, long max) {
    if (doc[key])
      field = static_cast<int>(r.integer(doc[key], key, 0, max));
  };
  if (const auto window = read_repeat_window(r, doc))
    p.repeat_window = *window;
  days("agenda_lead_days", p.agenda_lead_days, 90);
  days("minutes_due_working_days", p.minutes_due_working_days, 60);
  days("due_soon_days", p.due_soon_days, 365);
  days("remind_every_days", p.remind_every_days, 365);
  days("escalate_after_days", p.escalate_after_days, 365);
  days("attention_after_days", p.attention_after_days, 3660);
  p.templates = r.text(doc["templates"], "templates");

  if (const YAML::Node m = doc["mail"]; m) {
    r.expect_map(m, "mail", {"from", "sendmail"});
    p.mail.from = r.line(m["from"], "mail.from");
    if (!p.mail.from.empty()) {
      if (const auto problem = core::email_problem(core::mailbox_address(p.mail.from)); !problem.empty())
        r.fail(m["from"], "mail.from", problem + " (write \"Name <address>\" or just the address)");
    }
    if (m["sendmail"]) {
      p.mail.sendmail = r.text_list(m["sendmail"], "mail.sendmail");
      if (p.mail.sendmail.empty() || p.mail.sendmail.front().empty())
        r.fail(m["sendmail"], "mail.sendmail", "must not be empty: give the program and its arguments, e.g. "
                                               "[/usr/sbin/sendmail, -t, -i]");
      else if (p.mail.sendmail.size() == 1 && p.mail.sendmail.front().find(' ') != std::string::npos)
        r.fail(m["sendmail"], "mail.sendmail", fmt::format("'{}' is one word with spaces: give the program and each "
                                                           "argument as a list item, e.g. [/usr/sbin/sendmail, -t, -i]",
                                                           p.mail.sendmail.front()));
    }
  }
  if (const YAML::Node s = doc["safelives"]; s) {
    r.expect_map(s, "safelives", {"police", "idva"});
    if (s["police"])
      p.safelives.police = r.text_list(s["police"], "safelives.police");
    if (s["idva"])
      p.safelives.idva = r.text_list(s["idva"], "safelives.idva");
  }
  if (const YAML::Node pop = doc["population"]; pop) {
    r.expect_map(pop, "population", {"adult_female"});
    if (pop["adult_female"] && !pop["adult_female"].IsNull())
      p.adult_female_population = r.integer(pop["adult_female"], "population.adult_female", 1, 100'000'000);
  }
  p.case_review = read_case_review(r, doc["case_review"]);
  p.retention = read_retention(r, doc["retention"]);
  p.input = read_input(r, doc["input"]);
  p.documents = read_documents(r, doc["documents"], source, stored);
  return p;
}

YAML::Node parse(std::string_view text, const std::string& source)
{
  return input::load_document(text, source.empty() ? "profile" : source);
}

} // namespace

std::vector<std::string> builtin_names()
{
  std::vector<std::string> names;
  for (const auto& file : core::embedded_files()) {
    const std::string path(file.path);
    if (path.rfind("profiles/", 0) == 0 && path.size() > 14)
      names.push_back(path.substr(9, path.size() - 14));
  }
  return names;
}

std::string builtin_text(const std::string& name)
{
  const std::string path = "profiles/" + name + ".yaml";
  for (const auto& file : core::embedded_files())
    if (file.path == path)
      return std::string(file.text);
  throw refused(fmt::format("unknown profile '{}' (built-in: {}; or give a path to a .yaml file)",
                            name, core::join(builtin_names(), ", ")));
}

core::Profile load(std::string_view text, const std::string& source, const std::vector<core::Agency>& live_agencies,
                   bool stored)
{
  const YAML::Node doc = parse(text, source);
  const Reader reader(source, stored);
  if (!doc.IsDefined() || doc.IsNull())
    reader.fail(doc, "", "the profile is empty");
  try {
    return read_profile(reader, doc, live_agencies, source, stored);
  } catch (const YAML::Exception& e) {
    // The reader checks shapes first, so this is a case it did not foresee: still the user's file.
    throw refused(fmt::format("{}:{}: cannot read the profile: {}", source.empty() ? "profile" : source,
                              e.mark.line + 1, e.msg));
  }
}

bool has_agencies(std::string_view text)
{
  const YAML::Node doc = parse(text, "");
  return doc.IsMap() && doc["agencies"];
}

} // namespace panel::profile
