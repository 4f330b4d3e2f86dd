#pragma once
#include "panel/core/case.hpp"

#include <optional>

namespace panel::core {

// A case as `case list` shows it: with the meeting it will come to (none for a closed case, or an
// open one awaiting a meeting).
struct ListedCase {
  Case info;
  std::optional<Date> coming_to;
};

} // namespace panel::core
