#include "panel/input/calendar.hpp"

#include "panel/core/embedded.hpp"
#include "panel/core/error.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace panel::input {

rules::Holidays parse_holidays(std::string_view yaml, const std::string& file)
{
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw refused(fmt::format("{}:{}: {}", file, e.mark.line + 1, e.msg));
  }
  const YAML::Node list = doc["bank_holidays"];
  if (!list || !list.IsSequence())
    throw refused(fmt::format("{}: bank_holidays: expected a list of dates", file));
  rules::Holidays days;
  for (const auto& item : list) {
    const auto day = item.IsScalar() ? core::Date::parse(item.Scalar()) : std::nullopt;
    if (!day)
      throw refused(fmt::format("{}:{}: bank_holidays: '{}' is not a date (use YYYY-MM-DD)", file, item.Mark().line + 1,
                                item.IsScalar() ? item.Scalar() : std::string("?")));
    days.insert(*day);
  }
  return days;
}

const rules::Holidays& england_and_wales_bank_holidays()
{
  static const rules::Holidays days = [] {
    for (const auto& file : core::embedded_files())
      if (file.path == "calendars/england-and-wales.yaml")
        return parse_holidays(file.text, "templates/" + std::string(file.path));
    throw std::logic_error("the England and Wales calendar is not built in");
  }();
  return days;
}

} // namespace panel::input
