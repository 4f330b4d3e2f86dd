#include "panel/rules/letters.hpp"

#include "panel/core/address.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::rules {
namespace {

std::string type_name(const core::Profile& profile, const std::string& code)
{
  for (const auto& t : profile.interventions)
    if (t.code == code)
      return t.name;
  return code;
}

// "Community Protection Warning" or "Acceptable Behaviour Contract or Community Protection Warning".
std::string type_names(const core::Profile& profile, const std::vector<std::string>& types)
{
  std::vector<std::string> names;
  for (const auto& t : types)
    names.push_back(type_name(profile, t));
  return core::join(names, " or ");
}

} // namespace

std::string letter_address(const std::vector<core::RecordedReferral>& referrals)
{
  const core::RecordedReferral* latest = nullptr;
  for (const auto& r : referrals)
    if (!r.referral.address.empty() && !r.voided && (!latest || !(r.referral.received < latest->referral.received)))
      latest = &r;
  return latest ? latest->referral.address : "";
}

std::string typed_address(const std::string& text) { return core::address_lines(text, true); }

core::InterventionRecord letter_intervention(const std::vector<core::InterventionRecord>& interventions,
                                             const std::vector<std::string>& types, std::optional<std::int64_t> requested,
                                             const std::string& case_reference, const std::string& template_name,
                                             const core::Profile& profile)
{
  const auto of_type = [&](const core::InterventionRecord& i) {
    return std::find(types.begin(), types.end(), i.type) != types.end();
  };
  if (requested) {
    const auto found = std::find_if(interventions.begin(), interventions.end(),
                                    [&](const auto& i) { return i.id == *requested; });
    if (found == interventions.end())
      throw refused(fmt::format("--intervention: case {} has no intervention {} (its interventions and their ids: "
                                "'panel case show {}')",
                                case_reference, *requested, case_reference));
    if (!of_type(*found))
      throw refused(fmt::format("--intervention: intervention {} of case {} is a {}; template '{}' is about a {}",
                                *requested, case_reference, type_name(profile, found->type), template_name,
                                type_names(profile, types)));
    return *found;
  }
  std::vector<core::InterventionRecord> matching;
  std::copy_if(interventions.begin(), interventions.end(), std::back_inserter(matching), of_type);
  if (matching.size() == 1)
    return matching.front();
  if (matching.empty())
    throw refused(fmt::format("case {} has no {} recorded: record it first ('panel case intervention add {} --type {} "
                              "--agency CODE --date DATE', or in the minutes of the meeting that agreed it), then write "
                              "the letter",
                              case_reference, type_names(profile, types), case_reference, types.front()));
  std::string message = fmt::format("case {} has {} interventions that template '{}' can be about; say which with "
                                    "--intervention ID:",
                                    case_reference, matching.size(), template_name);
  for (const auto& i : matching)
    message += fmt::format("\npanel: error:   {}: {} by {} on {}", i.id, type_name(profile, i.type), i.agency, i.date.iso());
  throw refused(message);
}

} // namespace panel::rules
