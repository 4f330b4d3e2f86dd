#pragma once
#include "panel/core/date.hpp"

#include <string>

namespace panel::core {

// Who is doing what, and when: stamped on every change and every audit row.
struct Actor {
  std::string user;     // --as / PANEL_USER / login name
  std::string command;  // "agency add"
  std::string at;       // UTC timestamp "2017-09-04T10:15:00Z"
  Date today;           // the (possibly pinned) date rules are evaluated on
};

} // namespace panel::core
