// libFuzzer target: minutes YAML (input::read_minutes), as `panel minute` reads a file.
// panel::Error is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/input/minutes.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> problems;
  try {
    (void)panel::input::read_minutes(text, "fuzz.yaml", problems);
  } catch (const panel::Error&) {
  }
  return 0;
}
