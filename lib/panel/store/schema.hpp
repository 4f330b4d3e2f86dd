#pragma once
#include <string_view>
#include <vector>

namespace panel::store {

// Forward-only migrations: entry i takes the schema from version i to version i + 1.
const std::vector<std::string_view>& migrations();

} // namespace panel::store
