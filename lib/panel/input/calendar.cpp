#include "panel/input/calendar.hpp"

#include "panel/core/embedded.hpp"
#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/yaml_document.hpp"

#include <fmt/format.h>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace panel::input {

rules::Holidays parse_holidays(std::string_view yaml, const std::string& file)
{
  const YAML::Node doc = load_document(yaml, file);
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

namespace {

std::optional<rules::Holidays> builtin_calendar(const std::string& name)
{
  const std::string path = "calendars/" + name + ".yaml";
  for (const auto& file : core::embedded_files())
    if (file.path == path)
      return parse_holidays(file.text, "templates/" + path);
  return std::nullopt;
}

} // namespace

const rules::Holidays& england_and_wales_bank_holidays()
{
  static const rules::Holidays days = [] {
    if (auto calendar = builtin_calendar("england-and-wales"))
      return *calendar;
    throw std::logic_error("the England and Wales calendar is not built in");
  }();
  return days;
}

std::vector<std::string> calendar_names()
{
  std::vector<std::string> names;
  for (const auto& file : core::embedded_files()) {
    const std::string path(file.path);
    if (path.rfind("calendars/", 0) == 0 && path.ends_with(".yaml"))
      names.push_back(path.substr(10, path.size() - 15));
  }
  return names;
}

rules::Holidays holidays_from(const std::vector<std::string>& entries, const std::string& what)
{
  rules::Holidays days;
  for (const auto& entry : entries) {
    if (const auto day = core::Date::parse(entry)) {
      days.insert(*day);
    } else if (const auto calendar = entry == "england-and-wales" ? std::optional(england_and_wales_bank_holidays())
                                                                   : builtin_calendar(entry)) {
      days.insert(calendar->begin(), calendar->end());
    } else {
      throw refused(fmt::format("{}: '{}' is neither a calendar ({}) nor a date (YYYY-MM-DD)", what, entry,
                                core::join(calendar_names(), ", ")));
    }
  }
  return days;
}

} // namespace panel::input
