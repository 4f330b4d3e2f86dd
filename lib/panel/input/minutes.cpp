#include "panel/input/minutes.hpp"

#include "panel/core/vocabulary.hpp"
#include "panel/input/yaml_fields.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace panel::input {
namespace {

// A choice from a fixed list as a person types it: "Risk  reduced" is "risk reduced". Lower
// case, one space between words; the list's own words are checked later.
std::string choice(std::string text)
{
  std::string out;
  for (const char ch : text) {
    const bool space = ch == ' ' || ch == '\t';
    if (space && (out.empty() || out.back() == ' '))
      continue;
    out += space ? ' ' : static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

// An outcome as people write it: "Closed", "keep open".
std::string outcome_choice(const std::string& text)
{
  const std::string out = choice(text);
  if (out == "closed")
    return core::to_string(core::MinutesOutcome::close);
  if (out == "keep open" || out == "kept open")
    return core::to_string(core::MinutesOutcome::keep_open);
  if (out == "refer elsewhere" || out == "referred elsewhere")
    return core::to_string(core::MinutesOutcome::refer_elsewhere);
  return out;
}

// Minutes are read with the shared field reader, plus how one case's record is laid out.
class Reader : public FieldReader {
public:
  using FieldReader::FieldReader;

  core::CaseMinute case_minute(const YAML::Node& key, const YAML::Node& n)
  {
    core::CaseMinute c;
    const std::string ref = key.Scalar();
    c.reference = ref;
    c.line = line_of(key);
    const std::string f = "cases." + ref;
    if (n.IsNull() || !keys(n, f, {"summary", "risk", "outcome", "close_reason", "referred_to", "next_review", "interventions",
                                  "actions"}))
      return c;
    for (const auto& field : n)
      c.lines[field.first.Scalar()] = input::line_of(field.second.IsNull() ? field.first : field.second);
    c.summary = text(n["summary"], f + ".summary");
    c.risk = text(n["risk"], f + ".risk");
    c.outcome = outcome_choice(text(n["outcome"], f + ".outcome"));
    c.close_reason = choice(text(n["close_reason"], f + ".close_reason"));
    c.referred_to = text(n["referred_to"], f + ".referred_to");
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
    c.actions = actions(n["actions"], f + ".actions", true);
    return c;
  }

};

} // namespace

core::Minutes read_minutes(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                           core::DateOrder order)
{
  core::Minutes m;
  const auto loaded = load_yaml(text, file, problems);
  if (!loaded)
    return m;
  const YAML::Node& doc = *loaded;
  Reader r(file, problems, order);
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
