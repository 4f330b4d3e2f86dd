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
  // Whole days from this date to `later` (negative when `later` is earlier).
  int days_until(Date later) const { return static_cast<int>((later.m_days - m_days).count()); }
  std::chrono::sys_days sys_days() const { return m_days; }

  auto operator<=>(const Date&) const = default;

private:
  std::chrono::sys_days m_days{};
};

// Today's local date from the system clock (commands take `today` from Context instead).
Date system_today();
// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string system_timestamp();

} // namespace panel::core
