#include "panel/rules/case_facts.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Referral referral(std::optional<int> children, const std::string& role, const std::string& postcode)
{
  core::Referral r;
  r.children = children;
  r.role = role;
  r.postcode = postcode;
  return r;
}

} // namespace

TEST_CASE("facts_kept: a joining referral that leaves out what the case knows is told the case keeps it (trial F23)")
{
  const std::vector<core::Referral> earlier = {referral(2, "victim", "LN1 2AA"), referral(std::nullopt, "", "")};
  CHECK(rules::facts_kept("MARAC-2026-0003", "MARAC-2026-0001", earlier, referral(std::nullopt, "", "")) ==
        std::vector<std::string>{
            "MARAC-2026-0003 does not give the children in the household, the subject's role or the postcode: case "
            "MARAC-2026-0001 keeps 2 children, role victim and postcode LN1 2AA from its earlier referrals (if that has "
            "changed: 'panel referral update MARAC-2026-0003 --children N --role ROLE --postcode POSTCODE --reason \"WHY\"')"});
}

TEST_CASE("facts_kept: the latest value known is the one kept; a value given, 0 children included, says nothing")
{
  const std::vector<core::Referral> earlier = {referral(3, "both", "LN1 2AA"), referral(1, "", "LN5 8QT")};
  CHECK(rules::facts_kept("R", "C", earlier, referral(std::nullopt, "victim", "LN1 2AA")) ==
        std::vector<std::string>{"R does not give the children in the household: case C keeps 1 child from its earlier "
                                 "referrals (if that has changed: 'panel referral update R --children N --reason \"WHY\"')"});
  CHECK(rules::facts_kept("R", "C", earlier, referral(0, "victim", "LN9 9ZZ")).empty());
  // Nothing known before: nothing to keep.
  CHECK(rules::facts_kept("R", "C", {referral(std::nullopt, " ", "")}, referral(std::nullopt, "", "")).empty());
  CHECK(rules::facts_kept("R", "C", {}, referral(std::nullopt, "", "")).empty());
}
