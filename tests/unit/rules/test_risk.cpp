#include "panel/rules/risk.hpp"

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
  const std::vector<rules::AssessedRisk> refs{{"A-1", "standard"}, {"A-2", "high"}, {"A-3", "medium"}, {"A-4", ""}};
  CHECK(rules::assessed_higher(p, "standard", refs) == std::vector<std::string>{"A-2", "A-3"});
  CHECK(rules::assessed_higher(p, "medium", refs) == std::vector<std::string>{"A-2"});
  CHECK(rules::assessed_higher(p, "high", refs).empty());
  // The panel has not set a risk: every assessed level is above it, a blank one is not.
  CHECK(rules::assessed_higher(p, "", refs) == std::vector<std::string>{"A-1", "A-2", "A-3"});
  CHECK(rules::assessed_higher(p, "standard", {{"A-5", "unheard-of"}}).empty());
}

TEST_CASE("risk: the highest assessed level of a case's referrals")
{
  const auto p = three_levels();
  CHECK(rules::highest_assessed(p, {{"A-1", "standard"}, {"A-2", "high"}, {"A-3", "medium"}}) == "high");
  CHECK(rules::highest_assessed(p, {{"A-1", ""}}).empty());
  CHECK(rules::highest_assessed(p, {}).empty());
}
