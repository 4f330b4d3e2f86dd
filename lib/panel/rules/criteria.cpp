#include "panel/rules/criteria.hpp"

#include <optional>

namespace panel::rules {
namespace {

std::optional<long> number(const core::Referral& r, const std::string& field)
{
  auto value = [](const std::optional<int>& v) { return v ? std::optional<long>(*v) : std::nullopt; };
  if (field == "risk_score")
    return value(r.risk_score);
  if (field == "incidents_12m")
    return value(r.incidents_12m);
  if (field == "agencies_involved")
    return value(r.agencies_involved);
  if (field == "children")
    return value(r.children);
  return std::nullopt;
}

std::optional<bool> flag(const core::Referral& r, const std::string& field, bool repeat)
{
  if (field == "repeat")
    return repeat;
  if (field == "vulnerable")
    return r.vulnerable;
  if (field == "professional_judgement")
    return r.professional_judgement;
  if (field == "resident")
    return r.resident;
  return std::nullopt;
}

bool holds(const core::Condition& c, const core::Referral& r, bool repeat)
{
  if (c.at_least) {
    const auto value = number(r, c.field);
    return value && *value >= *c.at_least;
  }
  if (c.is) {
    const auto value = flag(r, c.field, repeat);
    return value && *value == *c.is;
  }
  if (c.equals)
    return c.field == "risk_level" && r.risk_level == *c.equals;
  return false;
}

} // namespace

std::vector<std::string> criteria_met(const std::vector<core::Criterion>& criteria, const core::Referral& referral,
                                      bool repeat)
{
  std::vector<std::string> met;
  for (const auto& criterion : criteria) {
    bool all = !criterion.all.empty();
    for (const auto& condition : criterion.all)
      all = all && holds(condition, referral, repeat);
    if (all)
      met.push_back(criterion.id);
  }
  return met;
}

bool within_repeat_window(core::Date previous, core::Date current, const core::DateSpan& window)
{
  return previous <= current && current <= window.last_day_from(previous);
}

} // namespace panel::rules
