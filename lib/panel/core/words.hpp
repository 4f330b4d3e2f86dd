#pragma once
// Matching what a user types against the words panel knows: agency and category codes, risk
// levels, statuses, decisions, template and format names. Case is ignored everywhere (a
// coordinator types `pol`, `High` or `Keep-Open`), and the canonical spelling is what is stored
// and echoed back.
#include "panel/core/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panel::core {

// ASCII lower case of a word; other bytes (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view word);
// Whether two words are the same ignoring ASCII case: same_word("Keep-Open", "keep-open").
constexpr bool same_word(std::string_view a, std::string_view b)
{
  if (a.size() != b.size())
    return false;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

// The known word that `typed` names, ignoring ASCII case and surrounding spaces, spelt as in
// `known`; nothing when it names none (an exact match wins over one that differs in case).
std::optional<std::string> find_word(std::string_view typed, const std::vector<std::string>& known);

// "unknown agency 'PLO' (known: POL, CST, ASC); did you mean 'POL'?" — every known word listed,
// the suggestion only when one is close (core::close_matches, ignoring case).
std::string unknown_word_message(std::string_view typed, const std::vector<std::string>& known, std::string_view what);

// find_word's canonical spelling; Error(code, prefix + unknown_word_message) when it names none.
std::string canonical_word(std::string_view typed, const std::vector<std::string>& known, std::string_view what,
                           Exit code = Exit::refused, std::string_view prefix = {});

} // namespace panel::core
