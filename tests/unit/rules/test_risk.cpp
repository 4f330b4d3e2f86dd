#include "panel/rules/risk.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Profile three_levels()
{
  core::Profile p;
  p.risk_levels = {"standard", "medium", "high"};
  return p;
}

} // namespace

TEST_CASE("risk: levels rank in the profile's order; not set and unknown words rank below all")
{
  const auto p = three_levels();
  CHECK(rules::risk_rank(p, "standard") == 0);
  CHECK(rules::risk_rank(p, "high") == 2);
  CHECK(rules::risk_rank(p, "") == -1);
  CHECK(rules::risk_rank(p, "very high") == -1);
}

TEST_CASE("risk: referrals assessed above the panel's risk are the ones flagged, in order")
{
  const auto p = three_levels();
  const std::vector<rules::AssessedRisk> refs{{"A-1", "standard", {}}, {"A-2", "high", {}}, {"A-3", "medium", {}}, {"A-4", "", {}}};
  CHECK(rules::assessed_higher(p, "standard", refs) == std::vector<std::string>{"A-2", "A-3"});
  CHECK(rules::assessed_higher(p, "medium", refs) == std::vector<std::string>{"A-2"});
  CHECK(rules::assessed_higher(p, "high", refs).empty());
  // The panel has not set a risk: every assessed level is above it, a blank one is not.
  CHECK(rules::assessed_higher(p, "", refs) == std::vector<std::string>{"A-1", "A-2", "A-3"});
  CHECK(rules::assessed_higher(p, "standard", {{"A-5", "unheard-of", {}}}).empty());
}

TEST_CASE("risk: a referral the panel had seen when it last set the case's risk is not flagged")
{
  const auto p = three_levels();
  const auto day = [](const char* text) { return core::Date::parse(text); };
  const std::vector<rules::AssessedRisk> refs{{"A-1", "high", day("2024-01-10")}, {"A-2", "high", day("2024-03-01")},
                                              {"A-3", "high", day("2024-03-02")}, {"A-4", "medium", day("2024-04-01")}};
  // Without a day the risk was set, every referral assessed above it counts.
  CHECK(rules::assessed_higher(p, "standard", refs) == std::vector<std::string>{"A-1", "A-2", "A-3", "A-4"});
  // Set on 1 March: a referral received that day or before was before the panel.
  CHECK(rules::assessed_higher(p, "standard", refs, day("2024-03-01")) == std::vector<std::string>{"A-3", "A-4"});
  CHECK(rules::assessed_higher(p, "medium", refs, day("2024-03-01")) == std::vector<std::string>{"A-3"});
  CHECK(rules::assessed_higher(p, "standard", refs, day("2024-05-01")).empty());
  // Whatever the day, the flag is a subset of the flag without one.
  for (const auto* d : {"2023-12-31", "2024-01-10", "2024-03-02", "2024-04-01"}) {
    const auto flagged = rules::assessed_higher(p, "standard", refs, day(d));
    for (const auto& r : flagged) {
      const auto it = std::find_if(refs.begin(), refs.end(), [&](const auto& x) { return x.reference == r; });
      REQUIRE(it != refs.end());
      CHECK(*it->received > *day(d));
    }
  }
}

TEST_CASE("risk: the highest assessed level of a case's referrals")
{
  const auto p = three_levels();
  CHECK(rules::highest_assessed(p, {{"A-1", "standard", {}}, {"A-2", "high", {}}, {"A-3", "medium", {}}}) == "high");
  CHECK(rules::highest_assessed(p, {{"A-1", "", {}}}).empty());
  CHECK(rules::highest_assessed(p, {}).empty());
}
