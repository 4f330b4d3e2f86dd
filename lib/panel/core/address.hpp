#pragma once
#include <string>
#include <string_view>

namespace panel::core {

// An address as one text of lines: split at line breaks and ';' — and, where it was typed on one
// command line (`on_one_line`), also at ',' and a typed "\n" — each line trimmed, empty ones
// dropped, joined with '\n'.
std::string address_lines(std::string_view text, bool on_one_line);

} // namespace panel::core
