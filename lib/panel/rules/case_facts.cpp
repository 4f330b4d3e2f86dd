#include "panel/rules/case_facts.hpp"

#include "panel/core/text.hpp"

#include <fmt/format.h>
#include <optional>

namespace panel::rules {

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
  if (left_out.empty())
    return {};
  const auto listed = [](const std::vector<std::string>& items, const char* last) {
    std::string text;
    for (size_t i = 0; i < items.size(); ++i)
      text += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
    return text;
  };
  return {fmt::format("{} does not give {}: case {} keeps {} from its earlier referrals (if that has changed: "
                      "'panel referral update {} {} --reason \"...\"')",
                      reference, listed(left_out, " or "), case_reference, listed(kept, " and "), reference,
                      core::join(flags, " "))};
}

} // namespace panel::rules
