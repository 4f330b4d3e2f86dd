#include "panel/input/case_review.hpp"

#include "panel/input/yaml_fields.hpp"

#include <fmt/format.h>

namespace panel::input {

std::vector<ComplaintLine> read_complaints(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                                           core::DateOrder order)
{
  std::vector<ComplaintLine> out;
  const auto loaded = load_yaml(text, file, problems);
  if (!loaded)
    return out;
  FieldReader r(file, problems, order);
  YAML::Node list = *loaded;
  if (list.IsMap()) {
    r.keys(list, "", {"complaints"});
    list = list["complaints"];
  }
  if (!list.IsSequence()) {
    problems.push_back(fmt::format("{}:{}: expected a list of complaints (incident_date, reported_date, agency, "
                                   "description ...)", file, line_of(list)));
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const auto f = fmt::format("complaints[{}]", i);
    const YAML::Node x = list[i];
    ComplaintLine c;
    c.line = line_of(x);
    if (!r.keys(x, f, {"incident_date", "reported_date", "agency", "reference", "complainant", "hate", "description"}))
      continue;
    auto& k = c.complaint;
    const auto incident = r.date(x["incident_date"], f + ".incident_date");
    const auto reported = r.date(x["reported_date"], f + ".reported_date");
    if (blank(x["incident_date"]))
      r.problem(x, f + ".incident_date", "every complaint needs the date of the incident");
    if (blank(x["reported_date"]))
      r.problem(x, f + ".reported_date", "every complaint needs the date it was reported");
    if (incident && reported && *reported < *incident)
      r.problem(x["reported_date"], f + ".reported_date",
                fmt::format("{} is before the incident ({})", reported->iso(), incident->iso()));
    k.incident = incident.value_or(core::Date());
    k.reported = reported.value_or(core::Date());
    k.agency = r.text(x["agency"], f + ".agency");
    if (k.agency.empty())
      r.problem(x, f + ".agency", "say which agency it was reported to (an agency code)");
    k.reference = r.text(x["reference"], f + ".reference");
    k.complainant = r.text(x["complainant"], f + ".complainant");
    if (x["hate"])
      k.hate = r.flag(x["hate"], f + ".hate").value_or(false);
    k.description = r.text(x["description"], f + ".description");
    if (k.description.empty())
      r.problem(x, f + ".description", "say what happened");
    out.push_back(std::move(c));
  }
  return out;
}

OutcomeFile read_outcome(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                         core::DateOrder order)
{
  OutcomeFile out;
  const auto loaded = load_yaml(text, file, problems);
  if (!loaded)
    return out;
  const YAML::Node& doc = *loaded;
  FieldReader r(file, problems, order);
  if (!doc.IsMap()) {
    problems.push_back(fmt::format("{}:1: the outcome is a mapping (date, summary, recommendations)", file));
    return out;
  }
  r.keys(doc, "", {"date", "summary", "recommendations"});
  out.date = r.date(doc["date"], "date");
  out.date_line = doc["date"] ? line_of(doc["date"]) : 1;
  out.summary = r.text(doc["summary"], "summary");
  if (out.summary.empty())
    r.problem(doc, "summary", "say what the review found");
  out.recommendations = r.actions(doc["recommendations"], "recommendations");
  return out;
}

} // namespace panel::input
