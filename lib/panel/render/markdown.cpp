#include "panel/render/markdown.hpp"

#include "panel/core/text.hpp"

#include <algorithm>
#include <vector>

namespace panel::render {
namespace {

std::vector<std::string> split_lines(std::string_view text)
{
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty())
    lines.pop_back();
  return lines;
}

bool is_rule(const std::string& line)
{
  const auto t = core::trim(line);
  return t.size() >= 3 && (t.find_first_not_of('-') == std::string::npos || t.find_first_not_of('*') == std::string::npos ||
                           t.find_first_not_of('_') == std::string::npos);
}

int heading_level(const std::string& line)
{
  size_t n = 0;
  while (n < line.size() && line[n] == '#')
    ++n;
  return n >= 1 && n <= 6 && n < line.size() && line[n] == ' ' ? static_cast<int>(n) : 0;
}

bool bullet(const std::string& line) { return line.size() > 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' '; }

size_t numbered(const std::string& line)
{
  size_t n = 0;
  while (n < line.size() && line[n] >= '0' && line[n] <= '9')
    ++n;
  return n > 0 && n + 1 < line.size() && line[n] == '.' && line[n + 1] == ' ' ? n + 2 : 0;
}

bool table_row(const std::string& line) { return !line.empty() && line[0] == '|'; }

std::vector<std::string> cells(const std::string& line)
{
  std::vector<std::string> out;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += "\\|";
      ++i;
    } else if (line[i] == '|') {
      out.push_back(core::trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  if (!core::trim(cell).empty())
    out.push_back(core::trim(cell));
  return out;
}

// Inline Markdown: emphasis, code and escapes. `html` chooses tags or plain text. Tags are kept
// on a stack, so that emphasis closed out of order or left open still gives well-formed HTML.
std::string inline_text(const std::string& text, bool html)
{
  std::string out;
  std::vector<std::string> open;  // "strong", "em", "code"
  auto toggle = [&](const std::string& tag) {
    const auto at = std::find(open.begin(), open.end(), tag);
    if (at == open.end()) {
      open.push_back(tag);
      if (html)
        out += "<" + tag + ">";
      return;
    }
    // Close the inner tags, close this one, and open the inner ones again.
    std::vector<std::string> inner(at + 1, open.end());
    if (html) {
      for (auto it = inner.rbegin(); it != inner.rend(); ++it)
        out += "</" + *it + ">";
      out += "</" + tag + ">";
      for (const auto& t : inner)
        out += "<" + t + ">";
    }
    open.erase(at);
  };
  auto is_open = [&](const char* tag) { return std::find(open.begin(), open.end(), tag) != open.end(); };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool code = is_open("code");
    if (c == '\\' && i + 1 < text.size() && std::string("\\`*_{}[]()#+-.!|<>").find(text[i + 1]) != std::string::npos) {
      out += html ? html_escape(std::string(1, text[i + 1])) : std::string(1, text[i + 1]);
      ++i;
    } else if (c == '`') {
      toggle("code");
    } else if (!code && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      toggle("strong");
      ++i;
    } else if (!code && (c == '*' || c == '_') && (is_open("em") || (i + 1 < text.size() && text[i + 1] != ' '))) {
      // An underscore inside a word (snake_case) is not emphasis.
      const bool inside_word = c == '_' && i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
                               i + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[i + 1]));
      if (inside_word)
        out += c;
      else
        toggle("em");
    } else {
      out += html ? html_escape(std::string(1, c)) : std::string(1, c);
    }
  }
  if (html)
    for (auto it = open.rbegin(); it != open.rend(); ++it)
      out += "</" + *it + ">";
  return out;
}

} // namespace

std::string html_escape(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string markdown_to_html(std::string_view markdown)
{
  const auto lines = split_lines(markdown);
  std::string out;
  for (size_t i = 0; i < lines.size();) {
    const std::string& line = lines[i];
    if (core::trim(line).empty()) {
      ++i;
    } else if (const int level = heading_level(line)) {
      out += "<h" + std::to_string(level) + ">" + inline_text(core::trim(line.substr(level + 1)), true) + "</h" +
             std::to_string(level) + ">\n";
      ++i;
    } else if (is_rule(line)) {
      out += "<hr>\n";
      ++i;
    } else if (bullet(line) || numbered(line)) {
      const bool ordered = numbered(line) != 0;
      out += ordered ? "<ol>\n" : "<ul>\n";
      while (i < lines.size() && (ordered ? numbered(lines[i]) != 0 : bullet(lines[i]))) {
        const size_t skip = ordered ? numbered(lines[i]) : 2;
        out += "<li>" + inline_text(lines[i].substr(skip), true) + "</li>\n";
        ++i;
      }
      out += ordered ? "</ol>\n" : "</ul>\n";
    } else if (table_row(line)) {
      out += "<table>\n";
      bool header = i + 1 < lines.size() && table_row(lines[i + 1]) && lines[i + 1].find("---") != std::string::npos;
      while (i < lines.size() && table_row(lines[i])) {
        if (lines[i].find("---") != std::string::npos && lines[i].find_first_not_of("|-: ") == std::string::npos) {
          ++i;
          continue;
        }
        out += "<tr>";
        for (const auto& cell : cells(lines[i]))
          out += (header ? "<th>" : "<td>") + inline_text(cell, true) + (header ? "</th>" : "</td>");
        out += "</tr>\n";
        header = false;
        ++i;
      }
      out += "</table>\n";
    } else if (line.rfind("> ", 0) == 0) {
      out += "<blockquote><p>";
      bool first = true;
      while (i < lines.size() && lines[i].rfind("> ", 0) == 0) {
        out += (first ? "" : "<br>\n") + inline_text(lines[i].substr(2), true);
        first = false;
        ++i;
      }
      out += "</p></blockquote>\n";
    } else {
      out += "<p>";
      bool first = true;
      while (i < lines.size() && !core::trim(lines[i]).empty() && !heading_level(lines[i]) && !bullet(lines[i]) &&
             !numbered(lines[i]) && !table_row(lines[i]) && !is_rule(lines[i])) {
        out += (first ? "" : "<br>\n") + inline_text(core::trim(lines[i]), true);
        first = false;
        ++i;
      }
      out += "</p>\n";
    }
  }
  return out;
}

std::string underline_headings(std::string_view text)
{
  std::string out;
  size_t width = 0;  // of the line before
  for (const auto& line : split_lines(text)) {
    if (line.size() == 2 && line[0] == '\x1d') {
      out += std::string(std::max<size_t>(width, 3), line[1]) + "\n";
      continue;
    }
    width = 0;
    for (unsigned char c : line)
      width += (c & 0xc0) != 0x80 ? 1 : 0;
    out += line + "\n";
  }
  return out;
}

std::string markdown_to_text(std::string_view markdown)
{
  std::string out;
  for (const auto& line : split_lines(markdown)) {
    if (const int level = heading_level(line)) {
      const std::string title = inline_text(core::trim(line.substr(level + 1)), false);
      const char rule = level == 1 ? '=' : '-';
      if (title.find('\x1e') != std::string::npos) {
        // The title holds a value not yet put in: underline_headings() sizes the rule later.
        out += title + "\n\x1d" + rule + "\n";
        continue;
      }
      size_t width = 0;
      for (unsigned char c : title)
        width += (c & 0xc0) != 0x80 ? 1 : 0;
      out += title + "\n" + std::string(std::max<size_t>(width, 3), rule) + "\n";
    } else if (is_rule(line)) {
      out += std::string(60, '-') + "\n";
    } else if (table_row(line)) {
      if (line.find_first_not_of("|-: ") == std::string::npos)
        continue;
      out += core::join(cells(line), "  |  ") + "\n";
    } else if (bullet(line)) {
      out += "  - " + inline_text(line.substr(2), false) + "\n";
    } else {
      out += inline_text(line, false) + "\n";
    }
  }
  return out;
}

} // namespace panel::render
