#include "panel/report/period.hpp"

#include "panel/core/error.hpp"

#include <fmt/format.h>

namespace panel::report {
namespace {

// Digits only, of an exact length; -1 otherwise.
int number(std::string_view text)
{
  if (text.empty())
    return -1;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9')
      return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

core::Date ymd(int y, unsigned m, unsigned d) { return *core::Date::from_ymd(y, m, d); }

// The financial year starting in April of `start`, e.g. 2017 -> "2017/18".
std::string fy_label(int start) { return fmt::format("{}/{:02}", start, (start + 1) % 100); }

// "2017/18" -> 2017; -1 when malformed (the second year must follow the first).
int fy_start(std::string_view text)
{
  if (text.size() != 7 || text[4] != '/')
    return -1;
  const int first = number(text.substr(0, 4)), second = number(text.substr(5, 2));
  return first >= 1900 && second == (first + 1) % 100 ? first : -1;
}

Period quarter(int year, int q)
{
  const auto from = ymd(year, static_cast<unsigned>(q * 3 - 2), 1);
  return {from, from.plus_months(3).plus_days(-1), fmt::format("{}-Q{}", year, q), "quarter"};
}

// Quarter 1 of a financial year is April to June.
Period fy_quarter(int start, int q)
{
  const auto from = ymd(start, 4, 1).plus_months((q - 1) * 3);
  return {from, from.plus_months(3).plus_days(-1), fmt::format("{}-Q{}", fy_label(start), q), "fy-quarter"};
}

Period year(int y) { return {ymd(y, 1, 1), ymd(y, 12, 31), std::to_string(y), "year"}; }
Period fy(int start) { return {ymd(start, 4, 1), ymd(start + 1, 3, 31), fy_label(start), "fy"}; }

Period days(core::Date from, core::Date to)
{
  return {from, to, fmt::format("{} to {}", from.iso(), to.iso()), "days"};
}

} // namespace

Period parse_period(const PeriodRequest& r)
{
  const int given = !r.quarter.empty() + !r.fy_quarter.empty() + !r.year.empty() + !r.fy.empty() +
                    (!r.from.empty() || !r.to.empty());
  if (given == 0)
    throw usage_error("give a period: --quarter 2017-Q3, --fy-quarter 2017/18-Q1, --year 2017, --fy 2017/18 "
                      "or --from DATE --to DATE");
  if (given > 1)
    throw usage_error("give one period only (--quarter, --fy-quarter, --year, --fy or --from/--to)");
  if (!r.quarter.empty()) {
    const std::string_view q = r.quarter;
    const int y = q.size() == 7 && q.substr(4, 2) == "-Q" ? number(q.substr(0, 4)) : -1;
    const int n = y >= 1900 ? number(q.substr(6, 1)) : -1;
    if (n < 1 || n > 4)
      throw usage_error(fmt::format("--quarter: '{}' is not a quarter (use YYYY-Qn, e.g. 2017-Q3)", r.quarter));
    return quarter(y, n);
  }
  if (!r.fy_quarter.empty()) {
    const std::string_view q = r.fy_quarter;
    const int start = q.size() == 10 && q.substr(7, 2) == "-Q" ? fy_start(q.substr(0, 7)) : -1;
    const int n = start >= 0 ? number(q.substr(9, 1)) : -1;
    if (n < 1 || n > 4)
      throw usage_error(fmt::format("--fy-quarter: '{}' is not a financial-year quarter (use YYYY/YY-Qn, e.g. "
                                    "2017/18-Q1 for April to June 2017)",
                                    r.fy_quarter));
    return fy_quarter(start, n);
  }
  if (!r.year.empty()) {
    const int y = r.year.size() == 4 ? number(r.year) : -1;
    if (y < 1900)
      throw usage_error(fmt::format("--year: '{}' is not a year (use YYYY)", r.year));
    return year(y);
  }
  if (!r.fy.empty()) {
    const int start = fy_start(r.fy);
    if (start < 0)
      throw usage_error(fmt::format("--fy: '{}' is not a financial year (use YYYY/YY, e.g. 2017/18)", r.fy));
    return fy(start);
  }
  if (r.from.empty() || r.to.empty())
    throw usage_error("--from and --to go together");
  const auto from = core::Date::parse(r.from);
  if (!from)
    throw usage_error(fmt::format("--from: '{}' is not a date (use YYYY-MM-DD)", r.from));
  const auto to = core::Date::parse(r.to);
  if (!to)
    throw usage_error(fmt::format("--to: '{}' is not a date (use YYYY-MM-DD)", r.to));
  if (*to < *from)
    throw usage_error(fmt::format("--to {} is before --from {}", r.to, r.from));
  return days(*from, *to);
}

std::optional<Period> comparison_period(const Period& p, const std::string& compare)
{
  if (compare == "none")
    return std::nullopt;
  if (compare != "previous" && compare != "year")
    throw usage_error(fmt::format("--compare: '{}' is not one of previous, year, none", compare));
  // The period of the same kind that holds `day`.
  auto same_kind = [&](core::Date day) -> Period {
    const int fy_year = day.month() >= 4 ? day.year() : day.year() - 1;
    if (p.kind == "quarter")
      return quarter(day.year(), static_cast<int>(day.month() + 2) / 3);
    if (p.kind == "fy-quarter")
      return fy_quarter(fy_year, static_cast<int>((day.month() + 8) % 12) / 3 + 1);
    if (p.kind == "year")
      return year(day.year());
    return fy(fy_year);
  };
  if (compare == "year")
    return p.kind == "days" ? days(p.from.plus_months(-12), p.to.plus_months(-12)) : same_kind(p.from.plus_months(-12));
  if (p.kind == "days") {
    const int length = p.from.days_until(p.to) + 1;
    return days(p.from.plus_days(-length), p.from.plus_days(-1));
  }
  return same_kind(p.from.plus_days(-1));
}

std::string quarter_of(core::Date d) { return fmt::format("{}-Q{}", d.year(), (d.month() + 2) / 3); }

std::string fy_quarter_of(core::Date d)
{
  const int start = d.month() >= 4 ? d.year() : d.year() - 1;
  return fmt::format("{}-Q{}", fy_label(start), (d.month() + 8) % 12 / 3 + 1);
}

} // namespace panel::report
