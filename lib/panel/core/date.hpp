#pragma once
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace panel::core {

// A calendar date without time zone, as panels use them (received, due, meeting dates).
class Date {
public:
  Date() = default;
  explicit Date(std::chrono::sys_days days) : m_days(days) {}
  // Returns the date for a real year-month-day, or nothing (31 February, month 13).
  static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
  // Parses exactly YYYY-MM-DD; anything else, or an impossible date, gives nothing.
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  // 0 = Monday ... 6 = Sunday.
  unsigned weekday() const;
  std::string iso() const;
  // "4 September 2017", the British long form used in letters.
  std::string british() const;
  Date plus_days(int days) const { return Date(m_days + std::chrono::days(days)); }
  // The same day `months` months later, or the month's last day when it has no such day
  // (31 August + 6 months = 28 February).
  Date plus_months(int months) const;
  // The last day of "the period of `months` months beginning with" this day, as statutes count
  // (s.104 of the Anti-social Behaviour, Crime and Policing Act 2014): the day before the same
  // day `months` months later, or that month's last day when it has no such day. One month
  // beginning with 1 January ends on 31 January; beginning with 31 January, on 28 February.
  Date last_day_of_months_beginning(int months) const;
  // Whole days from this date to `later` (negative when `later` is earlier).
  int days_until(Date later) const { return static_cast<int>((later.m_days - m_days).count()); }
  std::chrono::sys_days sys_days() const { return m_days; }

  auto operator<=>(const Date&) const = default;

private:
  std::chrono::sys_days m_days{};
};

// The years a date typed into panel may fall in: anything else is a typing mistake (0217 for 2017,
// 9999 for "never", 1066), refused where it is read so that the message names its file and line.
// rules/dates.hpp narrows this for events (not before 2000) and dates of birth (120 years).
constexpr int first_year = 1900;
constexpr int last_year = 2199;
// "" when `day` falls in first_year..last_year, else why not ("9999-12-31 is after 2199 ...").
std::string year_range_problem(Date day);

// A length of calendar time as a profile writes it: "12 months", "90 days".
struct DateSpan {
  enum class Unit { days, months };
  int count = 12;
  Unit unit = Unit::months;

  // Reads "<whole number> day(s)|month(s)"; nothing for anything else.
  static std::optional<DateSpan> parse(std::string_view text);
  // "12 months", "1 month", "90 days".
  std::string text() const;
  // The last day "within" the span from `start`: `count` days later, or the same day `count`
  // months later (that month's last day when it has no such day: 29 February 2020 + 12 months
  // is 28 February 2021).
  Date last_day_from(Date start) const;

  bool operator==(const DateSpan&) const = default;
};

// Today's local date from the system clock (commands take `today` from Context instead).
Date system_today();
// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string system_timestamp();

} // namespace panel::core
