#include "panel/profile/case_review.hpp"

#include "panel/core/text.hpp"
#include "panel/input/calendar.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::profile {

core::CaseReviewSettings read_case_review(const Reader& r, const YAML::Node& node)
{
  core::CaseReviewSettings s;
  if (!node || node.IsNull())
    return s;
  r.expect_map(node, "case_review",
               {"reported_within_months", "applied_within_months", "complaints", "hate_complaints", "complainants",
                "complainants_within_months", "acknowledge_days", "decision_days", "outcome_days", "outcome_from",
                "bank_holidays", "appeal_to"});
  auto number = [&](const char* key, int fallback, long min, long max) {
    const YAML::Node n = node[key];
    return n && !n.IsNull() ? static_cast<int>(r.integer(n, join_path("case_review", key), min, max)) : fallback;
  };
  s.reported_within_months = number("reported_within_months", s.reported_within_months, 1, 24);
  s.applied_within_months = number("applied_within_months", s.applied_within_months, 1, 60);
  s.complaints = number("complaints", s.complaints, 0, 100);
  s.hate_complaints = number("hate_complaints", s.hate_complaints, 0, 100);
  s.complainants = number("complainants", s.complainants, 0, 100);
  s.complainants_within_months = number("complainants_within_months", s.complainants_within_months, 1, 60);
  s.acknowledge_days = number("acknowledge_days", s.acknowledge_days, 0, 250);
  s.decision_days = number("decision_days", s.decision_days, 0, 250);
  s.outcome_days = number("outcome_days", s.outcome_days, 0, 250);
  if (node["outcome_from"] && !node["outcome_from"].IsNull()) {
    s.outcome_from = r.text(node["outcome_from"], "case_review.outcome_from");
    if (s.outcome_from != "decision" && s.outcome_from != "received")
      r.fail(node["outcome_from"], "case_review.outcome_from",
             "'" + s.outcome_from + "': the outcome's time limit runs from the 'decision' or from the day the application was 'received'");
  }
  if (node["bank_holidays"]) {
    s.bank_holidays = r.text_list(node["bank_holidays"], "case_review.bank_holidays");
    const auto calendars = input::calendar_names();
    for (size_t i = 0; i < s.bank_holidays.size(); ++i) {
      const auto& entry = s.bank_holidays[i];
      if (!core::Date::parse(entry) && std::find(calendars.begin(), calendars.end(), entry) == calendars.end())
        r.fail(node["bank_holidays"][i], "case_review.bank_holidays",
               fmt::format("'{}' is neither a calendar ({}) nor a date (YYYY-MM-DD)", entry, core::join(calendars, ", ")));
    }
  }
  s.appeal_to = r.text(node["appeal_to"], "case_review.appeal_to");
  return s;
}

void emit_case_review(YAML::Emitter& out, const core::CaseReviewSettings& s)
{
  out << YAML::Key << "case_review" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "reported_within_months" << YAML::Value << s.reported_within_months;
  out << YAML::Key << "applied_within_months" << YAML::Value << s.applied_within_months;
  out << YAML::Key << "complaints" << YAML::Value << s.complaints;
  out << YAML::Key << "hate_complaints" << YAML::Value << s.hate_complaints;
  out << YAML::Key << "complainants" << YAML::Value << s.complainants;
  out << YAML::Key << "complainants_within_months" << YAML::Value << s.complainants_within_months;
  out << YAML::Key << "acknowledge_days" << YAML::Value << s.acknowledge_days;
  out << YAML::Key << "decision_days" << YAML::Value << s.decision_days;
  out << YAML::Key << "outcome_days" << YAML::Value << s.outcome_days;
  out << YAML::Key << "outcome_from" << YAML::Value << s.outcome_from;
  out << YAML::Key << "bank_holidays" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& entry : s.bank_holidays)
    out << entry;
  out << YAML::EndSeq;
  out << YAML::Key << "appeal_to" << YAML::Value << s.appeal_to;
  out << YAML::EndMap;
}

} // namespace panel::profile
