#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace panel::core {

// Edit distance between two ASCII words: insertions, deletions, substitutions and swaps of
// neighbouring letters each count one (optimal string alignment).
size_t edit_distance(std::string_view a, std::string_view b);
// Candidates close enough to `word` to suggest ("did you mean"), closest first.
std::vector<std::string> close_matches(std::string_view word, const std::vector<std::string>& candidates);
// Joins with a separator: join({"a","b"}, ", ") == "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// Removes C0/C1 control characters except newline and tab (terminal and document safety).
std::string strip_controls(std::string_view text);
// True for valid UTF-8 on one line with no control characters (text meant for one line of a table).
bool plain_line(std::string_view text);
// True when the bytes are well-formed UTF-8.
bool valid_utf8(std::string_view text);
// Leading and trailing spaces, tabs, carriage returns and newlines removed.
std::string trim(std::string_view text);
// A word as a POSIX shell reads it back: unchanged when it holds only safe characters
// (letters, digits, and _ @ % + = : , . / -), otherwise in single quotes ('it'\''s').
std::string shell_quote(std::string_view word);
// A count with its noun: plural(1, "day", "days") == "1 day", plural(3, "day", "days") == "3 days".
std::string plural(long long n, std::string_view one, std::string_view many);

} // namespace panel::core
