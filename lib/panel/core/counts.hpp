#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace panel::core {

// Counts by key, largest first (then by key): a breakdown of the board report, a chart's bars.
using Counts = std::vector<std::pair<std::string, std::int64_t>>;
// A monthly series in which a month may have no data: no value, which is never drawn as 0.
using MonthlyCounts = std::vector<std::pair<std::string, std::optional<std::int64_t>>>;

} // namespace panel::core
