#include "panel/core/rounding.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

using panel::core::percent;
using panel::core::round_ratio;
using panel::core::round_value;

TEST_CASE("rounding: 1 of 16 is 6.25%, and a half rounds up to 6.3%")
{
  CHECK(percent(1, 16) == "6.3%");
  CHECK(round_ratio(1, 16, 3).text() == "0.063");
  // The rule the SafeLives percent row broke: the binary formatter rounds 6.25 to even.
  CHECK(fmt::format("{:.1f}", 6.25) == "6.2");
}

TEST_CASE("rounding: 1 of 8 is 0.125, a half at the third place, rounded to 0.13")
{
  CHECK(round_ratio(1, 8, 2).text() == "0.13");
  CHECK(round_ratio(1, 8, 2).value() == 0.13);
  CHECK(percent(1, 8, 0) == "13%");
  CHECK(percent(1, 8, 1) == "12.5%");
}

TEST_CASE("rounding: 107 of 4000 is 2.675%, which a double cannot hold, rounded to 2.68%")
{
  CHECK(percent(107, 4000, 2) == "2.68%");
  CHECK(round_ratio(107, 4000, 4).text() == "0.0268");
  CHECK(round_ratio(107, 4000, 4).value() == 0.0268);
  // The double nearest 2.675 is below it: rounding the double would give 2.67.
  CHECK(fmt::format("{:.2f}", 2.675) == "2.67");
}

TEST_CASE("rounding: just below a half rounds down, just above rounds up")
{
  CHECK(percent(1249, 20000, 1) == "6.2%");  // 6.245%
  CHECK(percent(1251, 20000, 1) == "6.3%");  // 6.255%
  CHECK(round_ratio(62499, 1000000, 3).text() == "0.062");
  CHECK(round_ratio(62500, 1000000, 3).text() == "0.063");
}

TEST_CASE("rounding: a negative half rounds away from zero too")
{
  CHECK(round_ratio(-1, 16, 3).text() == "-0.063");
  CHECK(round_ratio(1, -8, 2).text() == "-0.13");
  CHECK(percent(-1, 16, 1, true) == "-6.3%");
  CHECK(percent(1, 16, 1, true) == "+6.3%");
  CHECK(percent(0, 16, 1, true) == "+0.0%");
  CHECK(percent(-1, 10000, 1, true) == "-0.0%");  // a fall too small to show is still a fall
}

TEST_CASE("rounding: whole numbers and small fractions are written with their places")
{
  CHECK(percent(16, 16) == "100.0%");
  CHECK(percent(0, 5) == "0.0%");
  CHECK(round_ratio(3, 1, 0).text() == "3");
  CHECK(round_ratio(1, 400, 4).text() == "0.0025");
  CHECK(round_ratio(1, 400, 4).value() == 0.0025);
  CHECK(round_ratio(1, 3, 4).value() == 0.3333);
  CHECK(nlohmann::json(round_ratio(1, 16, 4).value()).dump() == "0.0625");
  CHECK_THROWS(round_ratio(1, 0, 1));
}

TEST_CASE("rounding: a measured value rounds half away from zero as it is written")
{
  CHECK(round_value(2.675, 2).text() == "2.68");
  CHECK(round_value(0.125, 2).text() == "0.13");
  CHECK(round_value(6.25, 1).text() == "6.3");
  CHECK(round_value(-2.675, 2).text() == "-2.68");
  CHECK(round_value(2.674999, 2).text() == "2.67");
  CHECK(round_value(1.0 / 3.0, 2).text() == "0.33");
  CHECK(round_value(12.0, 2).text() == "12.00");
  CHECK(round_value(0.000015, 5).text() == "0.00002");
  CHECK(round_value(1.5e-7, 2).text() == "0.00");
  CHECK(round_value(1e20 / 1e15, 1).text() == "100000.0");
  CHECK(round_value(9.995, 2).text() == "10.00");
}
