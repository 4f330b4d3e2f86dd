#pragma once
// Dates as people write them, in files and on the command line: ISO always, dd/mm/yyyy where the
// profile's input.date_order (or refer's --date-order) says so. Every date a user types is read here. Never guessed: anything else is refused with the reason.
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

// The problem of read_date() after the text it is about, for a message after "<where>: ":
// "'32/01/2027': January 2027 has 31 days", "'soon' is not a date (use ...)".
std::string date_problem(std::string_view text, const std::string& problem);

// "dmy" or "iso", as profiles and --date-order write them; nothing for another word.
std::optional<core::DateOrder> date_order_named(std::string_view word);
const char* date_order_name(core::DateOrder order);

} // namespace panel::input
