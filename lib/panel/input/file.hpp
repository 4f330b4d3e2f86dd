#pragma once
#include <string>

namespace panel::input {

// The whole content of a file, or of standard input for "-"; Error(refused) names the file.
std::string read_file(const std::string& path);

} // namespace panel::input
