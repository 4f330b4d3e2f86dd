#pragma once
#include <string>

namespace panel::render {

// Converts a document with pandoc ("markdown" or "html" to "docx" or "pdf") and returns the bytes
// of the result. Error(refused) saying what to install when pandoc (or, for PDF, its LaTeX
// engine) is missing, or with pandoc's own message when it fails. `tmpdir` holds the
// intermediate file, which is removed.
std::string pandoc_convert(const std::string& input, const std::string& from, const std::string& to,
                           const std::string& tmpdir);

} // namespace panel::render
