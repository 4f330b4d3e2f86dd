#pragma once
#include <string>
#include <string_view>

namespace panel::core {

// SHA-256 of the bytes, as 64 lower-case hex digits (FIPS 180-4).
// Uses the CPU's SHA instructions where it has them (x86 SHA extensions).
std::string sha256_hex(std::string_view data);

// The same in portable C++ only, and whether sha256_hex uses the CPU: for the tests, which
// check that both give the same digests.
std::string sha256_hex_portable(std::string_view data);
bool sha256_uses_cpu();

} // namespace panel::core
