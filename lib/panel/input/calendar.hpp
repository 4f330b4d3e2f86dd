#pragma once
#include "panel/rules/working_days.hpp"

#include <string>
#include <vector>
#include <string_view>

namespace panel::input {

// Reads a calendar file's `bank_holidays:` list of dates; Error(refused) "<file>:<line>: ..."
// for a YAML error or a day that is not a date.
rules::Holidays parse_holidays(std::string_view yaml, const std::string& file);

// The bank holidays of England and Wales, 2016-2030, shipped as data
// (templates/calendars/england-and-wales.yaml, built into the binary).
const rules::Holidays& england_and_wales_bank_holidays();

// The names of the built-in calendars ("england-and-wales").
std::vector<std::string> calendar_names();

// The holidays a profile lists: each entry a built-in calendar's name or a date (a local closure
// day); Error(refused) "<what>: '<entry>' is neither a calendar (...) nor a date".
rules::Holidays holidays_from(const std::vector<std::string>& entries, const std::string& what);

} // namespace panel::input
