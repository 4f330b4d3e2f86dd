#include "panel/core/date.hpp"
#include "panel/core/error.hpp"

#include <array>
#include <ctime>
#include <fmt/format.h>

namespace panel::core {

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day)
{
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok() || year < 1 || year > 9999)
    return std::nullopt;
  return Date(std::chrono::sys_days(ymd));
}

std::optional<Date> Date::parse(std::string_view text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  auto number = [&](size_t from, size_t len) -> int {
    int value = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (text[i] < '0' || text[i] > '9')
        return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 0 || m < 0 || d < 0)
    return std::nullopt;
  return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string year_range_problem(Date day)
{
  if (day.year() < first_year)
    return fmt::format("{} is before {}-01-01, the earliest date panel reads (a typing mistake?)", day.iso(),
                       first_year);
  if (day.year() > last_year)
    return fmt::format("{} is after {}-12-31, the latest date panel reads (a typing mistake?)", day.iso(), last_year);
  return "";
}

Date Date::plus_months(int months) const
{
  const int total = year() * 12 + static_cast<int>(month()) - 1 + months;
  const int y = total / 12;
  const auto m = static_cast<unsigned>(total % 12 + 1);
  if (total < 12 || y > 9999)
    throw refused(fmt::format("{} {} month(s) is outside the years 0001 to 9999", iso(), months < 0 ? "less" : "plus"));
  unsigned d = day();
  while (!from_ymd(y, m, d))
    --d;  // ends at the month's last day: every month has a 28th
  return *from_ymd(y, m, d);
}

Date Date::last_day_of_months_beginning(int months) const
{
  const Date same_day = plus_months(months);
  return same_day.day() == day() ? same_day.plus_days(-1) : same_day;
}

std::optional<DateSpan> DateSpan::parse(std::string_view text)
{
  const auto space = text.find(' ');
  if (space == std::string_view::npos || space == 0 || space > 4)
    return std::nullopt;
  int count = 0;
  for (const char c : text.substr(0, space)) {
    if (c < '0' || c > '9')
      return std::nullopt;
    count = count * 10 + (c - '0');
  }
  const auto unit = text.substr(space + 1);
  if (unit == "days" || unit == "day")
    return DateSpan{count, Unit::days};
  if (unit == "months" || unit == "month")
    return DateSpan{count, Unit::months};
  return std::nullopt;
}

std::string DateSpan::text() const
{
  return fmt::format("{} {}{}", count, unit == Unit::days ? "day" : "month", count == 1 ? "" : "s");
}

Date DateSpan::last_day_from(Date start) const
{
  return unit == Unit::days ? start.plus_days(count) : start.plus_months(count);
}

int Date::year() const { return int(std::chrono::year_month_day(m_days).year()); }
unsigned Date::month() const { return unsigned(std::chrono::year_month_day(m_days).month()); }
unsigned Date::day() const { return unsigned(std::chrono::year_month_day(m_days).day()); }

unsigned Date::weekday() const
{
  return std::chrono::weekday(m_days).iso_encoding() - 1;
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }

std::string Date::british() const
{
  static constexpr std::array<const char*, 12> names = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {} {}", day(), names[month() - 1], year());
}

Date system_today()
{
  // The local calendar date: a panel in London works on London's day, not UTC's.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1), static_cast<unsigned>(local.tm_mday));
}

std::string system_timestamp()
{
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::hh_mm_ss time{now - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date(day).iso(), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

} // namespace panel::core
