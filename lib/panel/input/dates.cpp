#include "panel/input/dates.hpp"

#include "panel/core/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <vector>

namespace panel::input {
namespace {

bool all_digits(std::string_view s)
{
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split(std::string_view text, char sep)
{
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const auto end = text.find(sep, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos)
      return parts;
    start = end + 1;
  }
}

int number(std::string_view digits)
{
  int n = 0;
  for (char c : digits.substr(0, 6))
    n = n * 10 + (c - '0');
  return n;
}

const std::array<const char*, 12> month_names = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};

unsigned days_in(int year, unsigned month)
{
  for (unsigned day = 31; day > 28; --day)
    if (core::Date::from_ymd(year, month, day))
      return day;
  return 28;
}

// Why year-month-day is not a date, or "" when it is one. `us_hint`: the day and month could be
// the other way round, as a US mm/dd/yyyy date writes them.
std::string impossible(int year, int month, int day, bool us_hint)
{
  if (month < 1 || month > 12) {
    std::string why = fmt::format("month {} does not exist", month);
    if (us_hint && month > 12 && day >= 1 && day <= 12)
      why += " — is this a US mm/dd/yyyy date? panel reads dd/mm/yyyy";
    return why;
  }
  if (day < 1)
    return fmt::format("day {} does not exist", day);
  const unsigned last = days_in(year, static_cast<unsigned>(month));
  if (static_cast<unsigned>(day) > last)
    return fmt::format("{} {} has {} days", month_names[static_cast<size_t>(month - 1)], year, last);
  return "";
}

// The date part of "05/02/2024 00:00", or why the time makes it no date.
std::string_view without_midnight(std::string_view text, std::string& problem)
{
  const auto space = text.find_first_of(" T");
  if (space == std::string_view::npos || space == 0)
    return text;
  const auto time = core::trim(text.substr(space + 1));
  const bool clock = time.find(':') != std::string::npos &&
                     std::all_of(time.begin(), time.end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); });
  if (!clock)
    return text;  // "1st May": not a date with a time, just not a date
  if (time == "00:00" || time == "00:00:00" || time == "0:00" || time == "0:00:00")
    return text.substr(0, space);
  problem = fmt::format("has a time of day ({}): give the date only", core::strip_controls(time));
  return {};
}

} // namespace

std::optional<core::DateOrder> date_order_named(std::string_view word)
{
  if (word == "dmy")
    return core::DateOrder::dmy;
  if (word == "iso")
    return core::DateOrder::iso;
  return std::nullopt;
}

const char* date_order_name(core::DateOrder order) { return order == core::DateOrder::dmy ? "dmy" : "iso"; }

DateReading read_date(std::string_view raw, core::DateOrder order)
{
  DateReading out;
  const std::string trimmed = core::trim(raw);
  if (trimmed.empty())
    return out;
  const std::string_view text = without_midnight(trimmed, out.problem);
  if (!out.problem.empty())
    return out;
  const bool dmy = order == core::DateOrder::dmy;
  const char* usage = dmy ? "use DD/MM/YYYY or YYYY-MM-DD, e.g. 04/09/2017" : "use YYYY-MM-DD, e.g. 2017-09-04";

  if (const auto parts = split(text, '-'); parts.size() == 3 && std::all_of(parts.begin(), parts.end(), all_digits)) {
    if (parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2) {
      out.problem = fmt::format("is not a date ({})", usage);
      return out;
    }
    const int year = number(parts[0]), month = number(parts[1]), day = number(parts[2]);
    out.problem = impossible(year, month, day, false);
    if (out.problem.empty())
      out.date = core::Date::from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return out;
  }
  const auto parts = split(text, '/');
  if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), all_digits) || parts[0].size() > 2 ||
      parts[1].size() > 2) {
    out.problem = fmt::format("is not a date ({})", usage);
    return out;
  }
  const int first = number(parts[0]), second = number(parts[1]);
  if (!dmy) {
    // Never guessed: the profile has to say that dates are written dd/mm/yyyy. The advice names
    // no option, as only `refer` has --date-order; it works wherever the date was typed.
    if (second > 12 && first <= 12) {
      out.problem = "dates must be yyyy-mm-dd; this looks like a US mm/dd/yyyy date: write it as yyyy-mm-dd";
      return out;
    }
    const auto as_iso = parts[2].size() == 4 && impossible(number(parts[2]), second, first, false).empty()
                            ? fmt::format("write it as {}-{:02}-{:02}", parts[2], second, first)
                            : std::string("write it as yyyy-mm-dd");
    out.problem = fmt::format("dates must be yyyy-mm-dd; this looks like dd/mm/yyyy: {}, or let the register read "
                              "dd/mm/yyyy: panel config set input.date_order dmy",
                              as_iso);
    return out;
  }
  if (parts[2].size() != 4) {
    out.problem = parts[2].size() == 2 ? fmt::format("write the year in full ({}/{}/20{} or {}/{}/19{})", parts[0],
                                                     parts[1], parts[2], parts[0], parts[1], parts[2])
                                       : "write the year in full, as 4 digits";
    return out;
  }
  const int year = number(parts[2]);
  out.problem = impossible(year, second, first, true);
  if (out.problem.empty())
    out.date = core::Date::from_ymd(year, static_cast<unsigned>(second), static_cast<unsigned>(first));
  return out;
}

std::string date_problem(std::string_view text, const std::string& problem)
{
  const auto shown = core::strip_controls(core::trim(text));
  if (problem.starts_with("is ") || problem.starts_with("has "))
    return fmt::format("'{}' {}", shown, problem);
  return fmt::format("'{}': {}", shown, problem);
}

} // namespace panel::input
