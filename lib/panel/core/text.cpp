#include "panel/core/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace panel::core {

size_t edit_distance(std::string_view a, std::string_view b)
{
  // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::vector<std::string> close_matches(std::string_view word, const std::vector<std::string>& candidates)
{
  // Like git: a typo of up to a third of the word (one for short codes), or a prefix.
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& candidate : candidates) {
    const size_t distance = edit_distance(word, candidate);
    const bool prefix = word.size() >= 2 && candidate.rfind(word, 0) == 0;
    if (distance <= limit || prefix)
      scored.emplace_back(prefix ? 0 : distance, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> result;
  for (auto& [distance, candidate] : scored)
    result.push_back(std::move(candidate));
  return result;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += separator;
    out += parts[i];
  }
  return out;
}

std::string strip_controls(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
      continue;
    // C1 controls are U+0080..U+009F, encoded as C2 80..C2 9F.
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

bool valid_utf8(std::string_view text)
{
  size_t i = 0;
  while (i < text.size()) {
    // Eight bytes at a time while they are ASCII, as nearly all of a police CSV is.
    if (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    unsigned min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xe0) == 0xc0) { extra = 1; min = 0x80; }
    else if ((c & 0xf0) == 0xe0) { extra = 2; min = 0x800; }
    else if ((c & 0xf8) == 0xf0) { extra = 3; min = 0x10000; }
    else return false;
    if (i + extra >= text.size())
      return false;
    unsigned code = c & (0x3f >> extra);
    for (size_t k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xc0) != 0x80)
        return false;
      code = (code << 6) | (d & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      return false;
    i += extra + 1;
  }
  return true;
}

std::string trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string shell_quote(std::string_view word)
{
  const auto safe = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  };
  if (!word.empty() && std::all_of(word.begin(), word.end(), safe))
    return std::string(word);
  std::string quoted = "'";
  for (const char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool plain_line(std::string_view text)
{
  return valid_utf8(text) && strip_controls(text) == text && text.find('\n') == std::string_view::npos;
}

std::string plural(long long n, std::string_view one, std::string_view many)
{
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace panel::core
