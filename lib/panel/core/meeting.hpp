#pragma once
#include "panel/core/date.hpp"
#include "panel/core/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace panel::core {

// A panel meeting: scheduled -> agenda-issued -> held, or cancelled with a reason.
struct Meeting {
  std::int64_t id = 0;
  Date date;
  std::string time, venue, chair;  // time as HH:MM, or ""
  std::string status = to_string(MeetingStatus::scheduled);  // a MeetingStatus word
  std::string cancel_reason;
  std::optional<Date> agenda_issued;
  int listed = 0;  // referrals listed for it (filled by listings)
};

} // namespace panel::core
