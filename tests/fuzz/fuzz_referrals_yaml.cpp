// libFuzzer target: referrals YAML (input::referral_reader with FileKind::yaml), as `panel refer
// --file x.yaml` reads them. panel::Error is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/input/referrals.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    auto reader = panel::input::referral_reader(in, "fuzz.yaml", panel::input::FileKind::yaml);
    panel::input::ReferralRecord record;
    while (reader->next(record)) {
      // Messages about a referral name the line of a field, or of the referral.
      (void)record.line_of("name");
      (void)record.line_of("received");
    }
  } catch (const panel::Error&) {
  }
  return 0;
}
