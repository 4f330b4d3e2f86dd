#include "panel/core/audit.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace panel;

TEST_CASE("audit head: N:HASH is written and read back, and anything else is refused")
{
  const std::string hash(64, 'a');
  CHECK(core::format_head({12, hash}) == "12:" + hash);
  const auto head = core::parse_head("  12:" + hash + "\n");
  REQUIRE(head);
  CHECK(head->rows == 12);
  CHECK(head->hash == hash);
  for (const std::string& bad : std::vector<std::string>{"", "12", ":" + hash, "0:" + hash, "-1:" + hash, "x:" + hash, "12:" + hash.substr(1),
                                "12:" + std::string(64, 'A'), "12:" + std::string(64, 'g'), "12 :" + hash})
    CHECK_MESSAGE(!core::parse_head(bad), bad);
}
