#pragma once
#include "panel/rules/working_days.hpp"

#include <string>
#include <string_view>

namespace panel::input {

// Reads a calendar file's `bank_holidays:` list of dates; Error(refused) "<file>:<line>: ..."
// for a YAML error or a day that is not a date.
rules::Holidays parse_holidays(std::string_view yaml, const std::string& file);

// The bank holidays of England and Wales, 2016-2030, shipped as data
// (templates/calendars/england-and-wales.yaml, built into the binary).
const rules::Holidays& england_and_wales_bank_holidays();

} // namespace panel::input
