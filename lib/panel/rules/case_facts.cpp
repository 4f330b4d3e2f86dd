#include "panel/rules/case_facts.hpp"

#include "panel/core/text.hpp"
#include "panel/core/words.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <optional>

namespace panel::rules {
namespace {

struct Kept {
  std::vector<std::string> left_out, kept, flags;
};

std::string listed(const std::vector<std::string>& items, const char* last)
{
  std::string text;
  for (size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
  return text;
}

// The children, role and postcode the earlier referrals gave (the latest known of each) that the
// joining referral leaves blank.
Kept household_kept(const std::vector<core::Referral>& earlier, const core::Referral& joining)
{
  KnownFacts known;
  for (const auto& r : earlier)
    learn(known, r);
  const auto& children = known.children;
  const auto& role = known.role;
  const auto& postcode = known.postcode;
  std::vector<std::string> left_out, kept, flags;
  if (children && !joining.children) {
    left_out.push_back("the children in the household");
    kept.push_back(fmt::format("{} child{}", *children, *children == 1 ? "" : "ren"));
    flags.push_back("--children N");
  }
  if (!role.empty() && core::trim(joining.role).empty()) {
    left_out.push_back("the subject's role");
    kept.push_back("role " + role);
    flags.push_back("--role ROLE");
  }
  if (!postcode.empty() && core::trim(joining.postcode).empty()) {
    left_out.push_back("the postcode");
    kept.push_back("postcode " + postcode);
    flags.push_back("--postcode POSTCODE");
  }
  return {left_out, kept, flags};
}

} // namespace

void learn(KnownFacts& known, const core::Referral& referral)
{
  if (referral.children)
    known.children = referral.children;
  if (referral.dob)
    known.dob = referral.dob;
  if (!core::trim(referral.role).empty())
    known.role = referral.role;
  if (!core::trim(referral.postcode).empty())
    known.postcode = referral.postcode;
}

std::vector<std::string> facts_kept(const std::string& reference, const std::string& case_reference,
                                    const std::vector<core::Referral>& earlier, const core::Referral& joining)
{
  const auto [left_out, kept, flags] = household_kept(earlier, joining);
  if (left_out.empty())
    return {};
  return {fmt::format("{} does not give {}: case {} keeps {} from its earlier referrals (if that has changed: "
                      "'panel referral update {} {} --reason \"WHY\"')",
                      reference, listed(left_out, " or "), case_reference, listed(kept, " and "), reference,
                      core::join(flags, " "))};
}

std::vector<std::string> repeat_facts_kept(const std::string& reference, const std::string& repeated,
                                           const std::string& earlier_case, bool closed,
                                           const std::vector<core::Referral>& earlier, const core::Referral& repeat)
{
  const auto named = [&](const std::string& name) {
    for (const auto& party : repeat.other_parties)
      if (core::ascii_lower(core::trim(party.name)) == core::ascii_lower(core::trim(name)))
        return true;
    return false;
  };
  std::vector<std::string> people;
  for (const auto& r : earlier)
    for (const auto& party : r.other_parties) {
      if (named(party.name))
        continue;
      const auto who = party.role.empty() ? party.name : fmt::format("{} ({})", party.name, party.role);
      if (std::find(people.begin(), people.end(), who) == people.end())
        people.push_back(who);
    }
  auto [left_out, kept, flags] = household_kept(earlier, repeat);
  if (people.empty() && kept.empty())
    return {};
  std::vector<std::string> parts;
  if (!people.empty())
    parts.push_back("the new case's research lists keep " + listed(people, " and "));
  if (!kept.empty())
    parts.push_back("the new case keeps " + listed(kept, " and "));
  // The people named stay on the case's research lists whatever the repeat says (as they do when
  // a referral joins an open case); the children, role and postcode are the latest known.
  const auto advice = flags.empty() ? std::string()
                                    : fmt::format(" (if that has changed: 'panel referral update {} {} --reason \"WHY\"')",
                                                  reference, core::join(flags, " "));
  return {fmt::format("{} repeats {} of {}case {}: {} from that case{}", reference, repeated, closed ? "closed " : "",
                      earlier_case, listed(parts, " and "), advice)};
}

} // namespace panel::rules
