#include "panel/profile/input_settings.hpp"

#include "panel/input/dates.hpp"

#include <fmt/format.h>

namespace panel::profile {

core::InputSettings read_input(const Reader& r, const YAML::Node& node)
{
  core::InputSettings s;
  if (!node || node.IsNull())
    return s;
  r.expect_map(node, "input", {"date_order"});
  if (node["date_order"] && !node["date_order"].IsNull()) {
    const auto word = r.line(node["date_order"], "input.date_order");
    const auto order = input::date_order_named(word);
    if (!order)
      r.fail(node["date_order"], "input.date_order",
             fmt::format("unknown date order '{}' (known: dmy for dd/mm/yyyy as UK Excel writes dates, iso for "
                         "yyyy-mm-dd only)", word));
    s.date_order = *order;
  }
  return s;
}

void emit_input(YAML::Emitter& out, const core::InputSettings& s)
{
  out << YAML::Key << "input" << YAML::Value << YAML::BeginMap << YAML::Key << "date_order" << YAML::Value
      << input::date_order_name(s.date_order) << YAML::EndMap;
}

} // namespace panel::profile
