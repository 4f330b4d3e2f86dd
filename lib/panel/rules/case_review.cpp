#include "panel/rules/case_review.hpp"

#include "panel/core/text.hpp"
#include "panel/rules/names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace panel::rules {
namespace {


// "the same day", "1 day after the incident", "35 days after the incident".
std::string delay(const core::Complaint& c)
{
  const int days = c.incident.days_until(c.reported);
  return days == 0 ? "the same day" : core::plural(days, "day", "days") + " after the incident";
}

// Why a complaint on its own does not count, or "" when it does. s.104 of the 2014 Act counts a
// complaint made "within the period of one month beginning with" the day of the behaviour, and an
// application made within six months beginning with the day of the complaint: periods that
// include their first day, so a month beginning with 1 January ends on 31 January.
std::string problem_of(const core::Complaint& c, core::Date received, const core::CaseReviewSettings& s)
{
  if (const auto last = c.incident.last_day_of_months_beginning(s.reported_within_months); c.reported > last)
    return fmt::format("reported {}, after the {} beginning with the incident (which ended on {})", delay(c),
                       core::plural(s.reported_within_months, "month", "months"), last.iso());
  if (c.reported > received)
    return "reported after the application was received";
  if (const auto last = c.reported.last_day_of_months_beginning(s.applied_within_months); received > last)
    return fmt::format("the application came after the {} beginning with the report (which ended on {})",
                       core::plural(s.applied_within_months, "month", "months"), last.iso());
  return "";
}

// The most different complainants whose qualifying incidents fall within `span` months of each other:
// a window from each incident's day to `span` months later slides over the incidents in date order,
// counting the complainants inside it (linear after the sort; 100,000 complaints take milliseconds).
int complainants_within(std::vector<std::pair<core::Date, std::string>> incidents, int span)
{
  std::sort(incidents.begin(), incidents.end());
  std::map<std::string, int> inside;  // complainant -> incidents of theirs in the window
  size_t first = 0;
  size_t end = 0;
  int best = 0;
  for (size_t i = 0; i < incidents.size(); ++i) {
    const core::Date start = incidents[i].first;
    if (i > 0 && incidents[i - 1].first == start)
      continue;  // the same window as the day before it
    for (; first < i; ++first)
      if (--inside[incidents[first].second] == 0)
        inside.erase(incidents[first].second);
    const core::Date last = start.plus_months(span);
    for (; end < incidents.size() && incidents[end].first <= last; ++end)
      ++inside[incidents[end].second];
    best = std::max(best, static_cast<int>(inside.size()));
  }
  return best;
}

} // namespace

const std::vector<std::string>& threshold_rules()
{
  static const std::vector<std::string> rules = {"complaints", "hate", "complainants"};
  return rules;
}

ThresholdCheck check_threshold(const core::CaseReviewApplication& a, const core::CaseReviewSettings& s)
{
  ThresholdCheck result;
  // The first qualifying complaint of each incident (date, complainant) is the one counted:
  // the incident's index among those counted, and the complaint's own index.
  std::map<std::pair<core::Date, std::string>, std::pair<size_t, size_t>> counted;
  std::vector<std::pair<core::Date, std::string>> incidents;
  std::vector<bool> hate;
  for (size_t i = 0; i < a.complaints.size(); ++i) {
    const auto& c = a.complaints[i];
    ComplaintCheck check;
    check.complainant = c.complainant.empty() ? a.victim() : c.complainant;
    const auto key = std::make_pair(c.incident, normalise_name(check.complainant));
    const auto problem = problem_of(c, a.received, s);
    if (!problem.empty()) {
      check.reason = problem;
    } else if (const auto it = counted.find(key); it != counted.end()) {
      check.reason = fmt::format("the same incident as complaint {}, counted once", it->second.second + 1);
      hate[it->second.first] = hate[it->second.first] || c.hate;
    } else {
      counted.emplace(key, std::make_pair(incidents.size(), i));
      incidents.push_back(key);
      hate.push_back(c.hate);
      check.qualifies = true;
      check.reason = fmt::format("counts: reported {}{}", delay(c), c.hate ? ", hate-motivated" : "");
    }
    result.complaints.push_back(std::move(check));
  }
  result.incidents = static_cast<int>(incidents.size());
  result.hate_incidents = static_cast<int>(std::count(hate.begin(), hate.end(), true));
  result.complainants = complainants_within(incidents, s.complainants_within_months);

  if (s.complaints > 0 && result.incidents >= s.complaints) {
    result.rule = "complaints";
    result.grounds = fmt::format("{} (at least {} needed)", core::plural(result.incidents, "qualifying incident", "qualifying incidents"),
                                 s.complaints);
  } else if (s.hate_complaints > 0 && result.hate_incidents >= s.hate_complaints) {
    result.rule = "hate";
    result.grounds = fmt::format("{} (at least {} needed)",
                                 core::plural(result.hate_incidents, "qualifying hate incident", "qualifying hate incidents"), s.hate_complaints);
  } else if (s.complainants > 0 && result.complainants >= s.complainants) {
    result.rule = "complainants";
    result.grounds = fmt::format("{} within {} (at least {} needed)",
                                 core::plural(result.complainants, "complainant", "different complainants"),
                                 core::plural(s.complainants_within_months, "month", "months"), s.complainants);
  } else {
    std::vector<std::string> shortfalls;
    if (s.complaints > 0)
      shortfalls.push_back(fmt::format("{} ({} needed)", core::plural(result.incidents, "qualifying incident", "qualifying incidents"), s.complaints));
    if (s.hate_complaints > 0)
      shortfalls.push_back(fmt::format("{} ({} needed)", core::plural(result.hate_incidents, "hate incident", "hate incidents"), s.hate_complaints));
    if (s.complainants > 0)
      shortfalls.push_back(fmt::format("{} within {} ({} needed)", core::plural(result.complainants, "complainant", "complainants"),
                                       core::plural(s.complainants_within_months, "month", "months"), s.complainants));
    result.grounds = shortfalls.empty() ? "every rule is switched off" : core::join(shortfalls, ", ");
  }
  result.met = !result.rule.empty();
  result.verdict = (result.met ? "threshold met: " : "threshold not met: ") + result.grounds;
  return result;
}

std::vector<StepDue> step_dues(const core::CaseReview& r, const core::CaseReviewSettings& s, const Holidays& holidays)
{
  const auto received = r.application.received;
  std::vector<StepDue> steps = {{"acknowledge", add_working_days(received, s.acknowledge_days, holidays), r.acknowledged},
                                {"decide", add_working_days(received, s.decision_days, holidays), r.decided}};
  if (r.decided && r.threshold_met.value_or(false)) {
    const auto from = s.outcome_from == "received" ? received : *r.decided;
    steps.push_back({"outcome", add_working_days(from, s.outcome_days, holidays), r.outcome});
  }
  return steps;
}

std::string stage_of(const core::CaseReview& r)
{
  if (r.appealed)
    return "appealed";
  if (r.outcome)
    return "outcome-sent";
  if (r.meeting)
    return "review-listed";
  if (r.decided)
    return r.threshold_met.value_or(false) ? "threshold-met" : "threshold-not-met";
  return r.acknowledged ? "acknowledged" : "received";
}

const std::vector<std::string>& case_review_stages()
{
  static const std::vector<std::string> stages = {"received",      "acknowledged",  "threshold-not-met", "threshold-met",
                                                  "review-listed", "outcome-sent", "appealed"};
  return stages;
}

std::vector<std::string> stages_reached(const core::CaseReview& r)
{
  std::vector<std::string> reached = {"received"};
  if (r.acknowledged)
    reached.push_back("acknowledged");
  if (r.decided)
    reached.push_back(r.threshold_met.value_or(false) ? "threshold-met" : "threshold-not-met");
  if (r.meeting)
    reached.push_back("review-listed");
  if (r.outcome)
    reached.push_back("outcome-sent");
  if (r.appealed)
    reached.push_back("appealed");
  return reached;
}

} // namespace panel::rules
