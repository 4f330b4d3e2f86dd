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

} // namespace panel::rules
