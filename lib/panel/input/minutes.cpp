#include "panel/input/minutes.hpp"

#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace panel::input {
namespace {

long line_of(const YAML::Node& n) { return n.Mark().is_null() ? 1 : n.Mark().line + 1; }

class Reader {
public:
  Reader(std::string file, std::vector<std::string>& problems) : m_file(std::move(file)), m_problems(problems) {}

  void problem(const YAML::Node& at, const std::string& field, const std::string& text)
  {
    m_problems.push_back(fmt::format("{}:{}: {}: {}", m_file, line_of(at), field, text));
  }

  std::string text(const YAML::Node& n, const std::string& field)
  {
    if (!n.IsDefined() || n.IsNull())
      return "";
    if (!n.IsScalar()) {
      problem(n, field, "expected text");
      return "";
    }
    const std::string s = n.Scalar();
    if (!core::valid_utf8(s) || core::strip_controls(s) != s) {
      problem(n, field, "has control characters or is not UTF-8");
      return "";
    }
    return core::trim(s);
  }

  std::optional<core::Date> date(const YAML::Node& n, const std::string& field)
  {
    const auto t = text(n, field);
    if (t.empty())
      return std::nullopt;
    const auto d = core::Date::parse(t);
    if (!d)
      problem(n, field, fmt::format("'{}' is not a date (use YYYY-MM-DD)", t));
    return d;
  }

  std::optional<bool> flag(const YAML::Node& n, const std::string& field)
  {
    std::string t = text(n, field);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "true" || t == "yes")
      return true;
    if (t == "false" || t == "no")
      return false;
    problem(n, field, fmt::format("expected true or false, got '{}'", t));
    return std::nullopt;
  }

  bool keys(const YAML::Node& n, const std::string& field, const std::vector<std::string>& known)
  {
    if (!n.IsMap()) {
      problem(n, field, "expected a mapping");
      return false;
    }
    for (const auto& item : n) {
      const auto key = item.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        const auto hint = core::close_matches(key, known);
        problem(item.first, field.empty() ? key : field + "." + key,
                hint.empty() ? fmt::format("unknown key (known: {})", core::join(known, ", "))
                             : fmt::format("unknown key (did you mean '{}'?)", hint.front()));
      }
    }
    return true;
  }

  core::CaseMinute case_minute(const YAML::Node& key, const YAML::Node& n)
  {
    core::CaseMinute c;
    const std::string ref = key.Scalar();
    c.reference = ref;
    c.line = line_of(key);
    const std::string f = "cases." + ref;
    if (n.IsNull() || !keys(n, f, {"summary", "risk", "outcome", "close_reason", "next_review", "interventions", "actions"}))
      return c;
    c.summary = text(n["summary"], f + ".summary");
    c.risk = text(n["risk"], f + ".risk");
    c.outcome = text(n["outcome"], f + ".outcome");
    c.close_reason = text(n["close_reason"], f + ".close_reason");
    c.next_review = date(n["next_review"], f + ".next_review");
    if (const auto list = n["interventions"]; list && !list.IsNull()) {
      if (!list.IsSequence())
        problem(list, f + ".interventions", "expected a list");
      else
        for (size_t i = 0; i < list.size(); ++i) {
          const auto g = fmt::format("{}.interventions[{}]", f, i);
          const YAML::Node x = list[i];
          core::NewIntervention iv;
          iv.line = line_of(x);
          if (!keys(x, g, {"type", "agency", "date", "review", "expiry", "note"}))
            continue;
          iv.type = text(x["type"], g + ".type");
          iv.agency = text(x["agency"], g + ".agency");
          iv.note = text(x["note"], g + ".note");
          iv.date = date(x["date"], g + ".date").value_or(core::Date());
          iv.review = date(x["review"], g + ".review");
          iv.expiry = date(x["expiry"], g + ".expiry");
          c.interventions.push_back(iv);
        }
    }
    if (const auto list = n["actions"]; list && !list.IsNull()) {
      if (!list.IsSequence())
        problem(list, f + ".actions", "expected a list");
      else
        for (size_t i = 0; i < list.size(); ++i) {
          const auto g = fmt::format("{}.actions[{}]", f, i);
          const YAML::Node x = list[i];
          core::NewAction a;
          a.line = line_of(x);
          if (!keys(x, g, {"owner", "description", "due"}))
            continue;
          a.owner = text(x["owner"], g + ".owner");
          a.description = text(x["description"], g + ".description");
          const auto due = date(x["due"], g + ".due");
          if (a.owner.empty())
            problem(x, g + ".owner", "every action needs an owner agency");
          if (a.description.empty())
            problem(x, g + ".description", "say what is to be done");
          if (!due && !x["due"].IsDefined())
            problem(x, g + ".due", "every action needs a due date");
          a.due = due.value_or(core::Date());
          c.actions.push_back(a);
        }
    }
    return c;
  }

  std::string m_file;
  std::vector<std::string>& m_problems;
};

} // namespace

core::Minutes read_minutes(std::string_view text, const std::string& file, std::vector<std::string>& problems)
{
  core::Minutes m;
  if (!core::valid_utf8(text)) {
    problems.push_back(fmt::format("{}: not valid UTF-8 text", file));
    return m;
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    problems.push_back(fmt::format("{}:{}: YAML syntax error: {}", file, e.mark.line + 1, e.msg));
    return m;
  }
  Reader r(file, problems);
  if (!doc.IsMap()) {
    problems.push_back(fmt::format("{}:1: the minutes are a mapping (held, chair, attendance, cases ...)", file));
    return m;
  }
  r.keys(doc, "", {"meeting", "held", "reason", "chair", "attendance", "observers", "cases", "action_updates"});
  if (doc["held"])
    m.held = r.flag(doc["held"], "held").value_or(true);
  m.reason = r.text(doc["reason"], "reason");
  m.chair = r.text(doc["chair"], "chair");
  if (const auto a = doc["attendance"]; a && !a.IsNull()) {
    if (!a.IsMap())
      r.problem(a, "attendance", "expected agency: present | apologies | absent");
    else
      for (const auto& item : a) {
        const auto code = item.first.Scalar();
        m.attendance[code] = r.text(item.second, "attendance." + code);
        m.attendance_lines[code] = line_of(item.first);
      }
  }
  if (const auto o = doc["observers"]; o && !o.IsNull()) {
    if (!o.IsSequence())
      r.problem(o, "observers", "expected a list");
    else
      for (size_t i = 0; i < o.size(); ++i) {
        const auto f = fmt::format("observers[{}]", i);
        if (!r.keys(o[i], f, {"name", "organisation", "confidentiality_signed"}))
          continue;
        core::Observer ob{r.text(o[i]["name"], f + ".name"), r.text(o[i]["organisation"], f + ".organisation"), false};
        if (o[i]["confidentiality_signed"])
          ob.confidentiality_signed = r.flag(o[i]["confidentiality_signed"], f + ".confidentiality_signed").value_or(false);
        if (ob.name.empty())
          r.problem(o[i], f + ".name", "is required");
        m.observers.push_back(ob);
      }
  }
  if (const auto cs = doc["cases"]; cs && !cs.IsNull()) {
    if (!cs.IsMap())
      r.problem(cs, "cases", "expected a mapping of case references to what was recorded");
    else
      for (const auto& item : cs)
        m.cases.push_back(r.case_minute(item.first, item.second));
  }
  if (const auto u = doc["action_updates"]; u && !u.IsNull()) {
    if (!u.IsMap())
      r.problem(u, "action_updates", "expected a mapping of action ids to a status");
    else
      for (const auto& item : u) {
        core::ActionUpdate up;
        up.id = item.first.Scalar();
        up.line = line_of(item.first);
        const auto f = "action_updates." + up.id;
        if (item.second.IsScalar()) {
          up.status = r.text(item.second, f);
        } else if (r.keys(item.second, f, {"status", "note"})) {
          up.status = r.text(item.second["status"], f + ".status");
          up.note = r.text(item.second["note"], f + ".note");
        }
        m.action_updates.push_back(up);
      }
  }
  return m;
}

} // namespace panel::input
