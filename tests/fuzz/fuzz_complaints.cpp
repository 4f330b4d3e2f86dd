// libFuzzer target: case review files, input::read_complaints and input::read_outcome (each is
// given the same bytes). panel::Error is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/input/case_review.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    std::vector<std::string> problems;
    try {
      (void)panel::input::read_complaints(text, "complaints.yaml", problems);
    } catch (const panel::Error&) {
    }
  }
  {
    std::vector<std::string> problems;
    try {
      (void)panel::input::read_outcome(text, "outcome.yaml", problems);
    } catch (const panel::Error&) {
    }
  }
  return 0;
}
