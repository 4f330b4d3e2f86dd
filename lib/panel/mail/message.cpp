#include "panel/mail/message.hpp"

#include "panel/core/agency.hpp"
#include "panel/core/date.hpp"
#include "panel/core/error.hpp"
#include "panel/core/sha256.hpp"
#include "panel/core/text.hpp"

#include <fmt/format.h>

namespace panel::mail {
namespace {

bool ascii(std::string_view text)
{
  for (const unsigned char c : text)
    if (c >= 0x80)
      return false;
  return true;
}

std::string base64(std::string_view bytes)
{
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63], alphabet[n & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {alphabet[(n >> 18) & 63], alphabet[(n >> 12) & 63], alphabet[(n >> 6) & 63], '='};
  }
  return out;
}

// Where a UTF-8 text may be cut at or before `limit` without splitting a character.
size_t utf8_cut(std::string_view text, size_t limit)
{
  if (limit >= text.size())
    return text.size();
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  // Not UTF-8 (no character starts here): cut where asked rather than not at all.
  return cut == 0 ? limit : cut;
}

// Encoded words of at most 75 characters each (RFC 2047 §2), whole characters in each.
std::vector<std::string> encoded_words(std::string_view text)
{
  std::vector<std::string> words;
  while (!text.empty()) {
    const size_t cut = utf8_cut(text, 45);  // 45 octets -> 60 base64 characters + 12 around them
    words.push_back("=?UTF-8?B?" + base64(text.substr(0, cut)) + "?=");
    text.remove_prefix(cut);
  }
  return words;
}

// Joins words into lines of at most 78 characters, folding with "\n ".
std::string fold(const std::string& start, const std::vector<std::string>& words)
{
  std::string out = start;
  size_t line = out.size();
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && line + 1 + words[i].size() > 78) {
      out += "\n ";
      line = 1;
    } else if (i > 0) {
      out += ' ';
      ++line;
    }
    out += words[i];
    line += words[i].size();
  }
  return out;
}

std::vector<std::string> split_spaces(const std::string& text)
{
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    const auto space = text.find(' ', start);
    const auto end = space == std::string::npos ? text.size() : space;
    if (end > start)
      words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string one_line(const std::string& value)
{
  std::string line;
  for (const char c : value)
    line += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  return core::trim(line);
}

// The words of a From: mailbox, with a display name quoted or encoded as it needs, for folding.
std::vector<std::string> mailbox(const std::string& text)
{
  const auto open = text.rfind('<');
  if (open == std::string::npos)
    return {text};
  std::string name = core::trim(text.substr(0, open));
  const std::string address = text.substr(open);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  if (name.empty())
    return {address};
  std::vector<std::string> words;
  if (!ascii(name)) {
    words = encoded_words(name);
  } else if (name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\')
        quoted += '\\';
      quoted += c;
    }
    words.push_back(quoted + "\"");
  } else {
    words = split_spaces(name);
  }
  words.push_back(address);
  return words;
}

} // namespace

std::string rfc5322_date(const std::string& at)
{
  static constexpr const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto date = core::Date::parse(at.substr(0, 10));
  auto two = [&](size_t at_index, int most) {
    const char a = at[at_index], b = at[at_index + 1];
    return a >= '0' && a <= '9' && b >= '0' && b <= '9' && (a - '0') * 10 + (b - '0') <= most;
  };
  const bool time_ok = at.size() == 20 && at[10] == 'T' && at[13] == ':' && at[16] == ':' && at[19] == 'Z' &&
                       two(11, 23) && two(14, 59) && two(17, 60);
  if (!date || !time_ok)
    throw usage_error(fmt::format("'{}' is not a UTC timestamp like 2017-09-04T09:00:00Z", at));
  return fmt::format("{}, {:02} {} {} {} +0000", days[date->weekday()], date->day(), months[date->month() - 1], date->year(),
                     at.substr(11, 8));
}

std::string make_message_id(const std::string& at, const Message& m)
{
  const auto address = address_of(m.from);
  const auto at_sign = address.rfind('@');
  const std::string domain = at_sign == std::string::npos ? "localhost" : address.substr(at_sign + 1);
  const auto hash = core::sha256_hex(at + "\n" + core::join(m.to, ",") + "\n" + m.subject + "\n" + m.body);
  std::string stamp;
  for (const char c : at)
    if (c >= '0' && c <= '9')
      stamp += c;
  return fmt::format("<panel.{}.{}@{}>", stamp, hash.substr(0, 16), domain);
}

std::string address_of(const std::string& text) { return core::mailbox_address(text); }

std::string encode_header(const std::string& name, const std::string& value)
{
  const std::string line = one_line(value);
  const std::string start = name + ":";
  if (!ascii(line)) {
    // Only the words that need it are encoded, so "[OFFICIAL-SENSITIVE]" stays readable to mail
    // filters; a run of such words is encoded together, keeping the spaces inside it.
    std::vector<std::string> words{""};
    std::string run;
    auto flush = [&] {
      if (run.empty())
        return;
      for (auto& w : encoded_words(run))
        words.push_back(std::move(w));
      run.clear();
    };
    for (const auto& word : split_spaces(line)) {
      if (ascii(word)) {
        flush();
        words.push_back(word);
      } else {
        run += (run.empty() ? "" : " ") + word;
      }
    }
    flush();
    return fold(start, words);
  }
  if (start.size() + 1 + line.size() <= 78)
    return start + " " + line;
  auto words = split_spaces(line);
  words.insert(words.begin(), "");
  return fold(start, words);
}

std::string format_message(const Message& m, const std::string& eol)
{
  std::string head;
  head += encode_header("Date", m.date) + "\n";
  head += fold("From:", [&] {
    auto words = mailbox(one_line(m.from));
    words.insert(words.begin(), "");
    return words;
  }()) + "\n";
  head += fold("To:", [&] {
    std::vector<std::string> words{""};
    for (size_t i = 0; i < m.to.size(); ++i)
      words.push_back(one_line(m.to[i]) + (i + 1 < m.to.size() ? "," : ""));
    return words;
  }()) + "\n";
  head += encode_header("Subject", m.subject) + "\n";
  head += "Message-ID: " + one_line(m.message_id) + "\n";
  head += "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n";
  // "fold" joins with a bare "\n "; every "\n" becomes eol below, headers and body alike.
  std::string out;
  auto add_line = [&](std::string_view line) {
    while (line.size() > 998) {
      const size_t cut = utf8_cut(line, 998);
      out.append(line.substr(0, cut)).append(eol);
      line.remove_prefix(cut);
    }
    out.append(line).append(eol);
  };
  auto add_lines = [&](std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos)
        end = text.size();
      auto line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
      add_line(line);
      start = end + 1;
    }
  };
  add_lines(head);
  out.append(eol);
  add_lines(m.body);
  return out;
}

} // namespace panel::mail
