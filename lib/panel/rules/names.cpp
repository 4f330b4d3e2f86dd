#include "panel/rules/names.hpp"

#include "panel/core/error.hpp"

#include <dlfcn.h>
#include <stdexcept>
#include <string>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uvernum.h>
#include <vector>

namespace panel::rules {
namespace {

// ICU is loaded when the first name that is not plain ASCII is folded, not when panel starts:
// loading its libraries was a third of the start-up time of every command (tests/bench/
// startup.sh), and most commands never fold a name. Its C functions carry the ICU version in
// their names (utrans_openU_72), which the headers' macros give.
#define PANEL_ICU_SYMBOL(name) PANEL_ICU_QUOTE(name)
#define PANEL_ICU_QUOTE(name) #name

class Icu {
public:
  Icu()
  {
    // libicui18n brings libicuuc (u_strFromUTF8...) with it; dlsym searches both.
    m_library = ::dlopen("libicui18n.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    if (!m_library)
      throw refused(std::string("cannot load ICU, needed to compare names that are not plain ASCII (install "
                                "libicu" U_ICU_VERSION_SHORT "): ") + ::dlerror());
    load(m_open, PANEL_ICU_SYMBOL(utrans_openU));
    load(m_transliterate, PANEL_ICU_SYMBOL(utrans_transUChars));
    load(m_from_utf8, PANEL_ICU_SYMBOL(u_strFromUTF8WithSub));
    load(m_to_utf8, PANEL_ICU_SYMBOL(u_strToUTF8));
    load(m_error_name, PANEL_ICU_SYMBOL(u_errorName));
    // Building a transliterator costs milliseconds; bulk intake normalises thousands of names.
    const std::u16string id = u"NFD; [:Nonspacing Mark:] Remove; NFC; Any-Latin; Latin-ASCII; Lower";
    UErrorCode status = U_ZERO_ERROR;
    UParseError where;
    m_folder = m_open(id.data(), static_cast<int32_t>(id.size()), UTRANS_FORWARD, nullptr, 0, &where, &status);
    check(status, "cannot load ICU transliterator");
  }
  Icu(const Icu&) = delete;
  Icu& operator=(const Icu&) = delete;

  std::string fold(std::string_view name) const
  {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    // Bytes that are not UTF-8 become U+FFFD, as icu::UnicodeString::fromUTF8 made them: a name
    // is checked for UTF-8 by the referral rules, which must get to say so.
    m_from_utf8(nullptr, 0, &length, name.data(), static_cast<int32_t>(name.size()), 0xFFFD, nullptr, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
      status = U_ZERO_ERROR;
    check(status, "cannot read a name as UTF-8");
    std::vector<UChar> source(static_cast<size_t>(length) + 1);
    m_from_utf8(source.data(), static_cast<int32_t>(source.size()), &length, name.data(),
                static_cast<int32_t>(name.size()), 0xFFFD, nullptr, &status);
    check(status, "cannot read a name as UTF-8");
    // Any-Latin may lengthen a name (one Han character becomes a syllable): make room, and try
    // again with the length ICU asks for if that was not enough.
    std::vector<UChar> text;
    int32_t folded = 0;
    for (size_t capacity = static_cast<size_t>(length) * 4 + 16;; capacity = static_cast<size_t>(folded) + 1) {
      text.assign(source.begin(), source.begin() + length);
      text.resize(capacity);
      folded = length;
      int32_t limit = length;
      status = U_ZERO_ERROR;
      m_transliterate(m_folder, text.data(), &folded, static_cast<int32_t>(capacity), 0, &limit, &status);
      if (status == U_BUFFER_OVERFLOW_ERROR || static_cast<size_t>(folded) >= capacity)
        continue;
      check(status, "cannot fold a name");
      break;
    }
    int32_t bytes = 0;
    status = U_ZERO_ERROR;
    m_to_utf8(nullptr, 0, &bytes, text.data(), folded, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR)
      status = U_ZERO_ERROR;
    check(status, "cannot write a folded name");
    std::string out(static_cast<size_t>(bytes), '\0');
    m_to_utf8(out.data(), bytes, &bytes, text.data(), folded, &status);
    if (status == U_STRING_NOT_TERMINATED_WARNING)
      status = U_ZERO_ERROR;
    check(status, "cannot write a folded name");
    return out;
  }

private:
  template <typename F>
  void load(F& function, const char* symbol)
  {
    function = reinterpret_cast<F>(::dlsym(m_library, symbol));
    if (!function)
      throw refused(std::string("the ICU library found (libicui18n.so." U_ICU_VERSION_SHORT ") has no ") + symbol);
  }
  void check(UErrorCode status, const char* what) const
  {
    if (U_FAILURE(status))
      throw refused(std::string(what) + ": " + m_error_name(status));
  }

  void* m_library = nullptr;
  UTransliterator* m_folder = nullptr;
  decltype(&::utrans_openU) m_open = nullptr;
  decltype(&::utrans_transUChars) m_transliterate = nullptr;
  decltype(&::u_strFromUTF8WithSub) m_from_utf8 = nullptr;
  decltype(&::u_strToUTF8) m_to_utf8 = nullptr;
  decltype(&::u_errorName) m_error_name = nullptr;
};

const Icu& icu()
{
  static const Icu instance;
  return instance;
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
    folded = icu().fold(name);
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
