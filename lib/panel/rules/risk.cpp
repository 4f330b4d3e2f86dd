#include "panel/rules/risk.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::rules {
namespace {

// The first criterion met that tests the risk score ("visible-high-risk" -> "visible high risk").
std::string score_criterion_met(const core::Profile& profile, const std::vector<std::string>& met)
{
  for (const auto& c : profile.criteria) {
    const bool on_score = std::any_of(c.all.begin(), c.all.end(), [](const core::Condition& k) { return k.field == "risk_score"; });
    if (on_score && std::find(met.begin(), met.end(), c.id) != met.end()) {
      std::string words = c.id;
      std::replace(words.begin(), words.end(), '-', ' ');
      return words;
    }
  }
  return "";
}

} // namespace

std::string risk_summary(const core::Profile& profile, const std::string& level, std::optional<int> score,
                         const std::string& instrument, const std::vector<std::string>& criteria_met)
{
  if (!score)
    return level;
  const std::string tool = !instrument.empty()                 ? instrument
                           : !profile.risk_instruments.empty() ? profile.risk_instruments.front().name
                                                               : "risk score";
  const std::string scored = fmt::format("{} {}", tool, *score);
  if (!level.empty())
    return fmt::format("{} ({})", level, scored);
  if (const auto criterion = score_criterion_met(profile, criteria_met); !criterion.empty())
    return fmt::format("{} ({})", criterion, scored);
  return scored + ", no risk level recorded";
}

int risk_rank(const core::Profile& profile, const std::string& level)
{
  const auto& levels = profile.risk_levels;
  const auto it = std::find(levels.begin(), levels.end(), level);
  return level.empty() || it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

std::vector<std::string> assessed_higher(const core::Profile& profile, const std::string& case_risk,
                                         const std::vector<AssessedRisk>& referrals, std::optional<core::Date> risk_set)
{
  // A case whose risk is not set is below every assessed level: the panel has a level to set.
  const int panel = risk_rank(profile, case_risk);
  std::vector<std::string> out;
  for (const auto& r : referrals) {
    if (risk_set && (!r.received || *r.received <= *risk_set))
      continue;
    if (const int rank = risk_rank(profile, r.level); rank >= 0 && rank > panel)
      out.push_back(r.reference);
  }
  return out;
}

std::string highest_assessed(const core::Profile& profile, const std::vector<AssessedRisk>& referrals)
{
  std::string best;
  for (const auto& r : referrals)
    if (risk_rank(profile, r.level) > risk_rank(profile, best))
      best = r.level;
  return best;
}

} // namespace panel::rules
