#pragma once
#include <cstddef>
#include <istream>
#include <string>

namespace panel::input {

// How much of one file each reader takes in, in MB (docs/formats/referral.md lists them): far above
// any real file, low enough that a wrong file (/dev/zero, a disk image) is refused, not loaded.
inline constexpr std::size_t typed_file_mb = 16;      // profiles, templates, minutes, complaints, edits
inline constexpr std::size_t referral_file_mb = 64;   // a bulk referral import
inline constexpr std::size_t police_file_mb = 512;    // police.uk street-level CSV

// The whole content of a file, or of `standard_input` for "-" (a command's Context::in, so that
// a command given "--file -" runs in-process in tests like any other); works for pipes and FIFOs
// as well as regular files. Error(refused) names the file when it cannot be read, is a folder, or
// holds more than max_mb MB ("FILE: larger than N MB; panel reads at most N MB").
std::string read_file(const std::string& path, std::istream& standard_input, std::size_t max_mb = typed_file_mb);

// The same where standard input has no meaning (a template folder, an editor's file) or was not
// handed down (`standard_input` null): "-" is refused there, as
// "'-' (standard input) cannot be read here". The library never reads the process's std::cin.
std::string read_file(const std::string& path, std::size_t max_mb = typed_file_mb,
                      std::istream* standard_input = nullptr);

} // namespace panel::input
