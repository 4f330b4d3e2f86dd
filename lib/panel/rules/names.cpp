#include "panel/rules/names.hpp"

#include <memory>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace panel::rules {
namespace {

// Building a transliterator costs milliseconds; bulk intake normalises thousands of names.
const icu::Transliterator& folder()
{
  static const std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; NFC; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status))
      throw std::runtime_error(std::string("cannot load ICU transliterator: ") + u_errorName(status));
    return t;
  }();
  return *instance;
}

bool plain_ascii(std::string_view text)
{
  for (unsigned char c : text)
    if (c >= 0x80)
      return false;
  return true;
}

} // namespace

std::string normalise_name(std::string_view name)
{
  std::string folded;
  if (plain_ascii(name)) {
    // Most names are ASCII: skip ICU for speed, the result is the same.
    folded.reserve(name.size());
    for (char c : name)
      folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  } else {
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    folder().transliterate(text);
    text.toUTF8String(folded);
  }
  std::string key;
  bool space = false;
  for (char c : folded) {
    if (c == '\'' || c == '`' || c == '"')
      continue;
    const bool separator = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '.' || c == ',' || c == '_';
    if (separator) {
      space = !key.empty();
      continue;
    }
    if (space)
      key += ' ';
    space = false;
    key += c;
  }
  return key;
}

std::string initials(std::string_view name)
{
  std::string out;
  bool start = true;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == ' ' || c == '-' || c == '\t') {
      start = true;
      continue;
    }
    if (start && (c & 0xc0) != 0x80) {
      // Copy the whole UTF-8 sequence of the first letter, upper-cased when ASCII.
      size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
      std::string letter(name.substr(i, len));
      if (len == 1 && letter[0] >= 'a' && letter[0] <= 'z')
        letter[0] = static_cast<char>(letter[0] - 'a' + 'A');
      if (letter != "'")
        out += letter;
    }
    start = false;
  }
  return out;
}

} // namespace panel::rules
