#include "panel/rules/attention.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::rules {

std::vector<std::string> attention_reasons(const core::CaseNextStep& c, const std::vector<core::Date>& open_meetings,
                                           core::Date today, int undiscussed_days)
{
  std::vector<std::string> reasons;
  const auto review = c.info.review_date;
  if (!c.listed_for && !review) {
    reasons.push_back(c.awaiting_meeting ? "accepted but listed for no meeting"
                                         : "no review date and no meeting: the case has no next step");
  } else if (!c.listed_for) {
    // A review date brings the case to the first meeting on or after it; with none scheduled the
    // case would wait unseen, before its date as much as after it.
    const bool meeting_after = std::any_of(open_meetings.begin(), open_meetings.end(),
                                           [&](core::Date m) { return m >= *review; });
    if (!meeting_after)
      reasons.push_back(fmt::format("review due {} and no meeting on or after it is scheduled", review->iso()));
  }
  // A case listed for a meeting still to come is about to be discussed, however long it waited.
  const bool coming = c.listed_for && *c.listed_for >= today;
  if (undiscussed_days > 0 && !coming) {
    const auto since = c.last_discussed.value_or(c.info.opened);
    if (since.plus_days(undiscussed_days) < today)
      reasons.push_back(c.last_discussed
                            ? fmt::format("not discussed since {} (over {} days)", since.iso(), undiscussed_days)
                            : fmt::format("opened {} and never discussed (over {} days)", since.iso(), undiscussed_days));
  }
  return reasons;
}

} // namespace panel::rules
