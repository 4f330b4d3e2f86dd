#pragma once
#include <string>
#include <string_view>

namespace panel::input {

// Text as a double-quoted YAML value ("..." with \ and " escaped, control characters as \n, \t),
// so that whatever a person types between the quotes stays text: ': ', '#', '[' and all.
std::string yaml_quoted(std::string_view text);

// Refuses, before parsing, text a person typed that YAML would read differently from what they
// meant, without an error of its own: a quote left open (which swallows the lines below it), a
// '#' that cuts a value short, a value that starts with '&', '*', '!', '@', '`' or '%'.
// Error(refused) "<file>:<line>:<column>: <guidance>" with the line quoted and, where it can be
// worked out, the line as it should be written.
void check_typing(std::string_view text, const std::string& file);

// Guidance for yaml-cpp's error `parser_message` at `line`, `column` (0-based) of `text`, in the
// same form: what is wrong in plain English, the line quoted, and the corrected line where it can
// be worked out. Parser jargon ("illegal map value") is kept only when no translation fits.
std::string explain_yaml_error(std::string_view text, const std::string& file, long line, long column,
                               const std::string& parser_message);

} // namespace panel::input
