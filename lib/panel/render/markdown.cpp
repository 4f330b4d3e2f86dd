#include "panel/render/markdown.hpp"

#include "panel/core/text.hpp"

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

// Inline Markdown: emphasis, code and escapes. `html` chooses tags or plain text.
std::string inline_text(const std::string& text, bool html)
{
  std::string out;
  bool strong = false, em = false, code = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && std::string("\\`*_{}[]()#+-.!|<>").find(text[i + 1]) != std::string::npos) {
      out += html ? html_escape(std::string(1, text[i + 1])) : std::string(1, text[i + 1]);
      ++i;
    } else if (c == '`') {
      code = !code;
      if (html)
        out += code ? "<code>" : "</code>";
    } else if (!code && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      strong = !strong;
      if (html)
        out += strong ? "<strong>" : "</strong>";
      ++i;
    } else if (!code && (c == '*' || c == '_') && (em || (i + 1 < text.size() && text[i + 1] != ' '))) {
      // An underscore inside a word (snake_case) is not emphasis.
      const bool inside_word = c == '_' && i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
                               i + 1 < text.size() && std::isalnum(static_cast<unsigned char>(text[i + 1]));
      if (inside_word) {
        out += c;
        continue;
      }
      em = !em;
      if (html)
        out += em ? "<em>" : "</em>";
    } else {
      out += html ? html_escape(std::string(1, c)) : std::string(1, c);
    }
  }
  if (html) {
    // Close whatever the text left open, so the document stays well-formed.
    if (code)
      out += "</code>";
    if (em)
      out += "</em>";
    if (strong)
      out += "</strong>";
  }
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

std::string markdown_to_text(std::string_view markdown)
{
  std::string out;
  for (const auto& line : split_lines(markdown)) {
    if (const int level = heading_level(line)) {
      const std::string title = inline_text(core::trim(line.substr(level + 1)), false);
      size_t width = 0;
      for (unsigned char c : title)
        width += (c & 0xc0) != 0x80 && c != 0x1e && c != 0x1f ? 1 : 0;
      out += title + "\n" + std::string(std::max<size_t>(width, 3), level == 1 ? '=' : '-') + "\n";
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
