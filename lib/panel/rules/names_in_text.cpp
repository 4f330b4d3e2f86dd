#include "panel/rules/names_in_text.hpp"

#include "panel/rules/names.hpp"

#include <algorithm>
#include <cctype>

namespace panel::rules {
namespace {

struct Word {
  size_t begin, end;
  std::string key;  // normalised
};

// Bytes of a word: letters, digits, apostrophes (' and the UTF-8 ’ ‘) and every other multi-byte
// UTF-8 character except the general punctuation block's dashes, quotes and ellipsis.
size_t word_length(std::string_view text, size_t at)
{
  const auto c = static_cast<unsigned char>(text[at]);
  if (std::isalnum(c) || c == '\'')
    return 1;
  if (c < 0x80)
    return 0;
  if (c == 0xE2 && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0x80) {
    const auto third = static_cast<unsigned char>(text[at + 2]);
    const bool apostrophe = third == 0x98 || third == 0x99;
    if (!apostrophe && ((third >= 0x90 && third <= 0x9F) || third == 0xA6))
      return 0;
    return 3;
  }
  size_t n = 1;
  while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80)
    ++n;
  return n;
}

std::vector<Word> words_of(std::string_view text)
{
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t n = word_length(text, i);
    if (n == 0) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && (n = word_length(text, i)) > 0)
      i += n;
    words.push_back({begin, i, normalise_name(text.substr(begin, i - begin))});
  }
  return words;
}

std::vector<std::string> split(const std::string& key)
{
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < key.size()) {
    auto end = key.find(' ', start);
    if (end == std::string::npos)
      end = key.size();
    if (end > start)
      parts.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// A word is `part` itself or its possessive ("obriens" for "obrien": the apostrophe is dropped).
bool is(const std::string& word, const std::string& part)
{
  return word == part || (word.size() == part.size() + 1 && word.back() == 's' && word.starts_with(part));
}

} // namespace

std::vector<NameSpan> find_names(std::string_view text, const std::vector<std::string>& names)
{
  const auto words = words_of(text);
  std::vector<bool> named(words.size(), false);
  for (const auto& name : names) {
    const auto parts = split(normalise_name(name));
    if (parts.empty())
      continue;
    for (size_t w = 0; w < words.size(); ++w) {
      // The whole name, part by part, whatever the length of its parts ("Jo Li").
      if (w + parts.size() <= words.size() &&
          std::equal(parts.begin(), parts.end(), words.begin() + static_cast<long>(w),
                     [](const std::string& p, const Word& word) { return is(word.key, p); }))
        std::fill(named.begin() + static_cast<long>(w), named.begin() + static_cast<long>(w + parts.size()), true);
      for (const auto& p : parts)
        if (p.size() >= 3 && is(words[w].key, p))
          named[w] = true;
    }
  }
  std::vector<NameSpan> spans;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!named[w])
      continue;
    // Name words separated only by spaces or hyphens are one run: one replacement for "Zoë O'Brien".
    const bool joined = !spans.empty() && w > 0 && named[w - 1] &&
                        text.substr(spans.back().end, words[w].begin - spans.back().end).find_first_not_of(" -") ==
                            std::string_view::npos;
    if (joined)
      spans.back().end = words[w].end;
    else
      spans.push_back({words[w].begin, words[w].end});
  }
  return spans;
}

std::string replace_names(std::string_view text, const std::vector<std::string>& names, const std::string& replacement)
{
  std::string out;
  size_t at = 0;
  for (const auto& span : find_names(text, names)) {
    out.append(text.substr(at, span.begin - at));
    out += replacement;
    at = span.end;
  }
  out.append(text.substr(at));
  return out;
}

} // namespace panel::rules
