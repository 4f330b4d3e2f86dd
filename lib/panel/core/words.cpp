#include "panel/core/words.hpp"

#include "panel/core/text.hpp"

#include <algorithm>

namespace panel::core {

std::string ascii_lower(std::string_view word)
{
  std::string out(word);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::string> find_word(std::string_view typed, const std::vector<std::string>& known)
{
  const std::string word = trim(typed);
  // Two known words may differ only in case (a profile's own codes): the exact one is meant.
  if (const auto exact = std::find(known.begin(), known.end(), word); exact != known.end())
    return *exact;
  for (const auto& candidate : known)
    if (same_word(word, candidate))
      return candidate;
  return std::nullopt;
}

std::string unknown_word_message(std::string_view typed, const std::vector<std::string>& known, std::string_view what)
{
  const std::string word = strip_controls(trim(typed));
  std::string message = "unknown " + std::string(what) + " '" + word + "'";
  // Every known word is listed, however many: a coordinator should not need a second command to
  // see what to type (the longest shipped list, a profile's agencies, is about twenty codes).
  message += known.empty() ? " (none are set up)" : " (known: " + join(known, ", ") + ")";
  std::vector<std::string> lowered;
  for (const auto& candidate : known)
    lowered.push_back(ascii_lower(candidate));
  const auto hint = close_matches(ascii_lower(word), lowered);
  if (!hint.empty() && !word.empty()) {
    const auto at = std::find(lowered.begin(), lowered.end(), hint.front()) - lowered.begin();
    message += "; did you mean '" + known[static_cast<size_t>(at)] + "'?";
  }
  return message;
}

std::string canonical_word(std::string_view typed, const std::vector<std::string>& known, std::string_view what,
                           Exit code, std::string_view prefix)
{
  if (auto word = find_word(typed, known))
    return *word;
  throw Error(code, std::string(prefix) + unknown_word_message(typed, known, what));
}

} // namespace panel::core
