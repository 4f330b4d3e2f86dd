#include "panel/rules/case_facts.hpp"

#include <algorithm>
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

TEST_CASE("repeat_facts_kept: a repeat of a closed case names the people and facts the new case keeps (trial 2 N1)")
{
  auto june = referral(1, "victim", "EX2 4AB");
  june.other_parties = {{"Omar Hussain", std::nullopt, "perpetrator", "husband"}, {"Yusuf Hussain", std::nullopt, "child", "son"}};
  auto february = referral(std::nullopt, "victim", "");
  february.other_parties = {{"omar hussain ", std::nullopt, "perpetrator", "husband"}};
  CHECK(rules::repeat_facts_kept("MARAC-2027-0001", "MARAC-2026-0001", "MARAC-2026-0001", true, {june}, february) ==
        std::vector<std::string>{
            "MARAC-2027-0001 repeats MARAC-2026-0001 of closed case MARAC-2026-0001: the new case's research lists keep "
            "Yusuf Hussain (child) and the new case keeps 1 child and postcode EX2 4AB from that case (if that has changed: "
            "'panel referral update MARAC-2027-0001 --children N --postcode POSTCODE --reason \"WHY\"')"});
  // People only: they stay on the lists whatever the repeat says, so no correction is offered.
  auto restated = referral(1, "victim", "EX2 4AB");
  CHECK(rules::repeat_facts_kept("R", "P", "C", false, {june}, restated) ==
        std::vector<std::string>{"R repeats P of case C: the new case's research lists keep Omar Hussain (perpetrator) and "
                                 "Yusuf Hussain (child) from that case"});
  // A repeat that restates the whole household keeps nothing; nor does one of a case that knew nothing.
  restated.other_parties = june.other_parties;
  CHECK(rules::repeat_facts_kept("R", "P", "C", true, {june}, restated).empty());
  CHECK(rules::repeat_facts_kept("R", "P", "C", true, {referral(std::nullopt, "", "")}, february).empty());
}

TEST_CASE("learn: each fact is the latest value known; a blank or absent one leaves what was known, 0 children is a value")
{
  rules::KnownFacts known;
  rules::learn(known, referral(2, "victim", "LN1 2AA"));
  rules::learn(known, referral(std::nullopt, "  ", ""));
  CHECK(known.children == 2);
  CHECK(known.role == "victim");
  CHECK(known.postcode == "LN1 2AA");
  rules::learn(known, referral(0, "both", "LN2 3BB"));
  CHECK(known.children == 0);
  CHECK(known.role == "both");
  CHECK(known.postcode == "LN2 3BB");
  // Over every order of three referrals, each fact is that of the last one that gave it.
  std::vector<core::Referral> rs = {referral(1, "victim", ""), referral(std::nullopt, "", "LN3 4CC"), referral(3, "", "")};
  std::vector<size_t> order = {0, 1, 2};
  do {
    rules::KnownFacts k;
    std::optional<int> children;
    std::string role, postcode;
    for (const auto i : order) {
      rules::learn(k, rs[i]);
      if (rs[i].children)
        children = rs[i].children;
      if (!rs[i].role.empty())
        role = rs[i].role;
      if (!rs[i].postcode.empty())
        postcode = rs[i].postcode;
    }
    CHECK(k.children == children);
    CHECK(k.role == role);
    CHECK(k.postcode == postcode);
  } while (std::next_permutation(order.begin(), order.end()));
}
