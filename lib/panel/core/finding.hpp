#pragma once
#include <string>

namespace panel::core {

// One finding of `panel check`.
struct Finding {
  std::string check;   // integrity | foreign keys | schema | permissions | audit chain | mail program | minutes | next steps
  bool ok = true;
  std::string detail;  // one line
  bool warning = false;  // ok, but something for the coordinator to do (not corruption)
};

} // namespace panel::core
