// libFuzzer target: referrals CSV (input::referral_reader with FileKind::csv), as `panel refer
// --file x.csv` reads them, and input::guess_kind on the first line, as for `--file -`.
// panel::Error is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/input/referrals.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)panel::input::guess_kind("-", text.substr(0, text.find('\n')));
  std::istringstream in(text);
  try {
    auto reader = panel::input::referral_reader(in, "fuzz.csv", panel::input::FileKind::csv);
    panel::input::ReferralRecord record;
    while (reader->next(record))
      (void)record.line_of("name");
  } catch (const panel::Error&) {
  }
  return 0;
}
