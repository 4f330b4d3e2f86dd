#pragma once
#include "panel/core/case.hpp"
#include "panel/core/date.hpp"

#include <string>
#include <vector>

namespace panel::rules {

// Why an open case needs the coordinator's attention on `today` (DESIGN §2: an open case always
// has a next step), empty when it has one and was discussed recently enough:
// - it has no review date and is listed for no coming meeting (or awaits one none is scheduled);
// - no meeting on or after its review date is scheduled (whether or not the date has passed);
// - no meeting has discussed it (or, never discussed, it was opened) more than `undiscussed_days`
//   ago (0: no limit), unless it is listed for a meeting today or later.
// `open_meetings` are the meetings not yet held or cancelled.
std::vector<std::string> attention_reasons(const core::CaseNextStep& c, const std::vector<core::Date>& open_meetings,
                                           core::Date today, int undiscussed_days);

} // namespace panel::rules
