#pragma once
#include <cstdint>
#include <string>

namespace panel::core {

// A rounded figure, held exactly: `scaled` is the value times 10^places (6.3 at 1 place is 63).
struct Rounded {
  std::int64_t scaled = 0;
  int places = 0;

  // The nearest double, which JSON writes back as the same decimal (0.0625, not 0.06250000001).
  double value() const;
  // The decimal with exactly `places` places: "6.3", "-0.5", "12.0", "3".
  std::string text() const;
};

// The one rounding rule of every report (docs/reports.md): half away from zero, applied once to
// the exact figure, never to a figure that was already rounded. `part / whole` is computed in
// whole numbers, so halves are exact: round_ratio(1, 16, 3) is 0.063 and round_ratio(107, 4000, 4)
// is 0.0268. `whole` must not be 0.
Rounded round_ratio(std::int64_t part, std::int64_t whole, int places);

// A measured value (a mean, a ratio of means) rounded by the same rule as it is written in its
// shortest decimal form: 2.675 gives 2.68, although the nearest double is just below 2.675.
Rounded round_value(double value, int places);

// `part / whole` as a percentage: percent(1, 16) is "6.3%"; with `sign`, "+6.3%" or "-6.3%".
std::string percent(std::int64_t part, std::int64_t whole, int places = 1, bool sign = false);

} // namespace panel::core
