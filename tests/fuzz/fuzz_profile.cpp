// libFuzzer target: panel profiles (profile::load), as `panel setup --profile FILE` and `panel
// config edit` read them: once on their own and once with a live agency list (the built-in ccm
// profile's), as the database gives it for a profile without `agencies:`. A profile that loads
// must also survive profile::to_yaml and load again to the same YAML: `panel config` writes
// profiles that way, so a failure there is a bug, and aborts. panel::Error from the first load
// is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/profile/profile.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

const std::vector<panel::core::Agency>& live_agencies()
{
  static const std::vector<panel::core::Agency> agencies =
      panel::profile::load(panel::profile::builtin_text("ccm"), "ccm.yaml").agencies;
  return agencies;
}

[[noreturn]] void round_trip_failed(const std::string& what, const std::string& yaml)
{
  std::fprintf(stderr, "profile round trip failed: %s\n--- to_yaml gave:\n%s\n---\n", what.c_str(), yaml.c_str());
  std::abort();
}

void round_trip(const panel::core::Profile& profile)
{
  const std::string yaml = panel::profile::to_yaml(profile);
  std::string again;
  try {
    again = panel::profile::to_yaml(panel::profile::load(yaml, "round-trip.yaml"));
  } catch (const panel::Error& e) {
    round_trip_failed(std::string("load(to_yaml(profile)) refused: ") + e.what(), yaml);
  }
  if (again != yaml)
    round_trip_failed("to_yaml(load(to_yaml(profile))) differs from to_yaml(profile):\n" + again, yaml);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto* agencies : {static_cast<const std::vector<panel::core::Agency>*>(nullptr), &live_agencies()}) {
    panel::core::Profile profile;
    try {
      profile = agencies ? panel::profile::load(text, "fuzz.yaml", *agencies) : panel::profile::load(text, "fuzz.yaml");
      (void)panel::profile::has_agencies(text);
    } catch (const panel::Error&) {
      continue;
    }
    round_trip(profile);
  }
  return 0;
}
