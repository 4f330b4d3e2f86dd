#pragma once
// Dates as people write them in files: ISO always, dd/mm/yyyy where the profile or --date-order
// says the file is written that way. Never guessed: anything else is refused with the reason.
#include "panel/core/date.hpp"
#include "panel/core/profile.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace panel::input {

// A date read from text: the date, or why the text is not one (`problem`). Empty text gives
// neither (the field was left blank).
struct DateReading {
  std::optional<core::Date> date;
  std::string problem;
};

// Reads yyyy-mm-dd, and with DateOrder::dmy also dd/mm/yyyy and d/m/yyyy. A time of day after
// the date (Excel writes "05/02/2024 00:00") is accepted only when it is midnight. The problem
// says what is wrong in plain words ("month 13 does not exist - ..."), without the text itself.
DateReading read_date(std::string_view text, core::DateOrder order);

// "dmy" or "iso", as profiles and --date-order write them; nothing for another word.
std::optional<core::DateOrder> date_order_named(std::string_view word);
const char* date_order_name(core::DateOrder order);

} // namespace panel::input
