#include "panel/core/rounding.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace panel::core {
namespace {

std::int64_t power_of_ten(int places)
{
  std::int64_t p = 1;
  for (int i = 0; i < places; ++i)
    p *= 10;
  return p;
}

std::int64_t times(std::int64_t a, std::int64_t b)
{
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out))
    throw std::overflow_error(fmt::format("{} x {} is too large to round", a, b));
  return out;
}

// |n| without overflow for the most negative value (which no count reaches).
std::int64_t magnitude(std::int64_t n) { return n < 0 ? -n : n; }

} // namespace

double Rounded::value() const { return std::stod(text()); }

std::string Rounded::text() const
{
  std::string digits = std::to_string(magnitude(scaled));
  if (digits.size() <= static_cast<size_t>(places))
    digits.insert(0, static_cast<size_t>(places) + 1 - digits.size(), '0');
  if (places > 0)
    digits.insert(digits.size() - static_cast<size_t>(places), ".");
  return (scaled < 0 ? "-" : "") + digits;
}

Rounded round_ratio(std::int64_t part, std::int64_t whole, int places)
{
  if (whole == 0)
    throw std::invalid_argument("round_ratio: a ratio of nothing");
  const std::int64_t a = times(magnitude(part), power_of_ten(places)), b = magnitude(whole);
  std::int64_t q = a / b;
  // The remainder is at least half the divisor: a half or more rounds away from zero.
  if (a % b >= b - a % b)
    ++q;
  return {(part < 0) != (whole < 0) ? -q : q, places};
}

Rounded round_value(double value, int places)
{
  if (!std::isfinite(value))
    throw std::invalid_argument("round_value: not a finite number");
  // The shortest decimal that reads back as this double ("2.675", "1.5e-05"), as digits and
  // the position of the decimal point among them.
  std::string text = fmt::format("{}", std::fabs(value));
  int exponent = 0;
  if (const auto e = text.find('e'); e != std::string::npos) {
    exponent = std::stoi(text.substr(e + 1));
    text.resize(e);
  }
  auto point = static_cast<int>(text.find('.'));
  if (point < 0)
    point = static_cast<int>(text.size());
  else
    text.erase(static_cast<size_t>(point), 1);
  point += exponent;
  if (point < 0) {
    text.insert(0, static_cast<size_t>(-point), '0');
    point = 0;
  }
  // Keep the digits up to `places` after the point; the first one dropped decides.
  const int keep = point + places;
  std::int64_t q = 0;
  for (int i = 0; i < keep; ++i)
    q = times(q, 10) + (i < static_cast<int>(text.size()) ? text[static_cast<size_t>(i)] - '0' : 0);
  if (keep >= 0 && keep < static_cast<int>(text.size()) && text[static_cast<size_t>(keep)] >= '5')
    ++q;
  return {value < 0 ? -q : q, places};
}

std::string percent(std::int64_t part, std::int64_t whole, int places, bool sign)
{
  const auto r = round_ratio(times(part, 100), whole, places);
  const bool negative = (part < 0) != (whole < 0) && part != 0;
  return std::string(sign && !negative ? "+" : "") + (negative && r.scaled == 0 ? "-" : "") + r.text() + "%";
}

} // namespace panel::core
