#include "panel/input/yaml_guidance.hpp"

#include "panel/core/error.hpp"

#include <fmt/format.h>
#include <optional>
#include <tuple>
#include <vector>

namespace panel::input {
namespace {

constexpr auto npos = std::string_view::npos;

std::vector<std::string_view> split_lines(std::string_view text)
{
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    const auto end = std::min(text.find('\n', start), text.size());
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view trim_right(std::string_view s)
{
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::string spaces(size_t n) { return std::string(n, ' '); }

std::string plural_spaces(size_t n) { return n == 1 ? "1 space" : fmt::format("{} spaces", n); }

// One line of a YAML file as a person lays it out: "  - key: value  # comment".
struct Parts {
  size_t indent = 0;      // spaces before the first character
  size_t start = 0;       // where the entry starts, after any "- "
  bool item = false;      // the line starts a list item
  size_t colon = npos;    // the key's ':' (npos when the line holds no plain key)
  size_t value = npos;    // the value's first character (npos when there is none on the line)
  std::string_view key;
};

Parts split(std::string_view line)
{
  Parts p;
  size_t i = 0;
  while (i < line.size() && line[i] == ' ')
    ++i;
  p.indent = i;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    p.item = true;
    for (++i; i < line.size() && line[i] == ' ';)
      ++i;
  }
  p.start = i;
  if (i >= line.size() || line[i] == '#')
    return p;
  if (line[i] != '"' && line[i] != '\'' && line[i] != '{' && line[i] != '[')
    for (size_t j = i; j < line.size(); ++j) {
      if (line[j] == '#' && line[j - 1] == ' ')
        break;
      if (line[j] == ':' && (j + 1 == line.size() || line[j + 1] == ' ')) {
        p.colon = j;
        break;
      }
    }
  if (p.colon == npos) {
    p.value = i;
    return p;
  }
  p.key = line.substr(i, p.colon - i);
  size_t v = p.colon + 1;
  while (v < line.size() && line[v] == ' ')
    ++v;
  if (v < line.size() && line[v] != '#')
    p.value = v;
  return p;
}

bool blank_or_comment(std::string_view line)
{
  const auto first = line.find_first_not_of(" \t");
  return first == npos || line[first] == '#';
}

// The nearest line above `n` that holds something, and its number; nothing at the top.
std::optional<size_t> line_above(const std::vector<std::string_view>& lines, size_t n)
{
  while (n-- > 0)
    if (!blank_or_comment(lines[n]))
      return n;
  return std::nullopt;
}

// Tabs shown as "<tab>", so that the quoted line says what is there.
std::string shown(std::string_view line)
{
  std::string out;
  for (const char c : line)
    out += c == '\t' ? std::string("<tab>") : std::string(1, c);
  return out;
}

// "<file>:<line>:<column>: <guidance>", then the line as written and as it should be written.
std::string message(const std::string& file, size_t line, size_t column, std::string_view guidance,
                    std::string_view text, const std::optional<std::string>& fix = std::nullopt)
{
  const std::string label = fmt::format("line {}:", line + 1);
  const size_t width = std::max(label.size(), std::string_view("write:").size()) + 1;
  std::string out = fmt::format("{}:{}:{}: {}\n  {:<{}}{}", file, line + 1, column + 1, guidance, label, width, shown(text));
  if (fix)
    out += fmt::format("\n  {:<{}}{}", "write:", width, *fix);
  return out;
}

// The line with its value (from `from` to the end, trailing spaces dropped) in double quotes.
std::string quote_from(std::string_view line, size_t from)
{
  return std::string(line.substr(0, from)) + yaml_quoted(trim_right(line.substr(from)));
}

// Guidance for a value that starts with a character YAML keeps for itself; empty when `c` is not one.
std::string leading_guidance(char c)
{
  switch (c) {
  case '@':
  case '`':
    return fmt::format("a value cannot start with '{}' (YAML keeps it for later use): put the value in quotes", c);
  case '%':
    return "a value cannot start with '%' (YAML reads it as an instruction to the parser): put the value in quotes";
  case '&':
    return "a value that starts with '&' loses its first word (YAML reads it as an anchor name): put the value in "
           "quotes";
  case '*':
    return "a value that starts with '*' is read as a reference to a YAML anchor: put the value in quotes";
  default:
    return "";
  }
}

// Values whose text a comment would cut short without anyone noticing. Not a field whose value is
// a word from a list (close_reason, outcome, risk ...): a value cut short there is checked against
// the list like any other, and the skeleton lays such lines out with a comment after the value.
bool free_text(std::string_view key)
{
  for (const std::string_view k : {"summary", "note", "notes", "reason", "description", "details", "concerns",
                                   "decision", "outcome_note", "referred_to"})
    if (key == k)
      return true;
  return false;
}

// A plain value on line `n`: refused when it starts with a reserved character, or when ' #' cuts
// it short where that is almost certainly text ("#2") or in a field of free text.
void check_plain(std::string_view line, const Parts& p, size_t n, const std::string& file)
{
  const auto value = trim_right(line.substr(p.value));
  const char c = value[0];
  // "*alias" alone, and "&anchor" alone or before a list, a mapping or quoted text, are YAML at
  // work; followed by plain words they are text.
  const auto space = value.find(' ');
  const auto rest = space == npos ? std::string_view() : value.substr(value.find_first_not_of(' ', space));
  const bool yaml_at_work = (c == '*' && space == npos) ||
                            (c == '&' && (rest.empty() || std::string_view("[{\"'|>").find(rest[0]) != npos));
  if (!leading_guidance(c).empty() && !yaml_at_work)
    throw refused(message(file, n, p.value, leading_guidance(c), line, quote_from(line, p.value)));
  for (size_t h = value.find('#'); h != npos; h = value.find('#', h + 1)) {
    if (value[h - 1] != ' ' && value[h - 1] != '\t')
      continue;
    const auto cut = value.substr(h);
    const bool word = cut.size() > 1 && cut[1] != ' ' && cut[1] != '\t';
    if (word)
      throw refused(message(file, n, p.value + h,
                            fmt::format("' #' starts a comment in YAML, so '{}' would be dropped from the value: put "
                                        "the value in quotes (a comment meant as one is written '# ', with a space)",
                                        cut),
                            line, quote_from(line, p.value)));
    // Two spaces or more before it: a comment laid out as the skeleton lays out its own (trial F10).
    const bool gap = h >= 2 && (value[h - 2] == ' ' || value[h - 2] == '\t');
    if (free_text(p.key) && !gap) {
      // Either reading, as a line to copy: the '#' in the text, or the comment kept out of the value.
      const auto text_part = trim_right(value.substr(0, h));
      const auto as_comment = std::string(line.substr(0, p.value)) + yaml_quoted(text_part) + "  " +
                              std::string(value.substr(h));
      throw refused(message(file, n, p.value + h,
                            fmt::format("' #' starts a comment in YAML, so {} would end at '{}': if the '#' is part of "
                                        "the text, write the first line below; if it starts a comment, the second (a "
                                        "comment after two spaces is read as one)",
                                        p.key, text_part),
                            line, quote_from(line, p.value)) +
                    fmt::format("\n  {:<{}}{}", "or:", fmt::format("line {}:", n + 1).size() + 1, as_comment));
    }
    break;
  }
}

// A value that starts with '[' or '{': refused when words follow its closing bracket ("[Draft]
// visit"), which only text in quotes can hold.
void check_flow(std::string_view line, const Parts& p, size_t n, const std::string& file)
{
  const auto value = trim_right(line.substr(p.value));
  int depth = 0;
  char quote = 0;
  for (size_t j = 0; j < value.size(); ++j) {
    const char c = value[j];
    if (quote)
      quote = c == quote ? 0 : quote;
    else if (c == '"')
      quote = c;
    else if (c == '[' || c == '{')
      ++depth;
    else if ((c == ']' || c == '}') && --depth == 0) {
      const auto after = value.substr(j + 1);
      const auto first = after.find_first_not_of(" \t");
      if (first == npos || (after[first] == '#' && first > 0))
        return;
      throw refused(message(file, n, p.value,
                            fmt::format("a value that starts with '{}' is read as a list or mapping, and text after its "
                                        "'{}' cannot follow: put the whole value in quotes",
                                        value[0], c),
                            line, quote_from(line, p.value)));
    }
  }
}

// Where the quote that opens `value` closes, or npos.
size_t closing_quote(std::string_view value)
{
  const char q = value[0];
  for (size_t j = 1; j < value.size(); ++j) {
    if (q == '"' && value[j] == '\\')
      ++j;
    else if (q == '\'' && value[j] == '\'' && j + 1 < value.size() && value[j + 1] == '\'')
      ++j;
    else if (value[j] == q)
      return j;
  }
  return npos;
}

// A quoted value on line `n`: refused when text follows its closing quote (an apostrophe that
// closed a value in single quotes) or when it is not closed before the next key, which it would
// swallow. Returns the open quote when the value legitimately goes on to the next line.
char check_quoted(const std::vector<std::string_view>& lines, const Parts& p, size_t n, const std::string& file)
{
  const auto line = lines[n];
  const auto value = trim_right(line.substr(p.value));
  const char q = value[0];
  const size_t close = closing_quote(value);
  if (close == npos) {
    size_t next = n + 1;
    while (next < lines.size() && blank_or_comment(lines[next]))
      ++next;
    if (next < lines.size() && split(lines[next]).indent > p.start)
      return q;  // a long value going on over lines indented under it
    throw refused(message(file, n, p.value,
                          "the quote that starts this value is not closed, so YAML would read the lines below as "
                          "part of it: close it at the end of the value",
                          line, std::string(trim_right(line)) + q));
  }
  auto after = value.substr(close + 1);
  const auto first = after.find_first_not_of(" \t");
  if (first == npos || (after[first] == '#' && first > 0))
    return 0;
  if (q == '\'') {
    const auto inner = value.back() == '\'' ? value.substr(1, value.size() - 2) : value.substr(1);
    std::string text;
    for (size_t i = 0; i < inner.size(); ++i) {
      text += inner[i];
      if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'')
        ++i;  // '' is how an apostrophe is written inside single quotes
    }
    throw refused(message(file, n, p.value + close,
                          "an apostrophe ends a value written in single quotes: put the value in double quotes instead",
                          line, std::string(line.substr(0, p.value)) + yaml_quoted(text)));
  }
  throw refused(message(file, n, p.value + close + 1,
                        "there is text after the closing quote: put the whole value in quotes (a \" inside is written \\\")",
                        line, quote_from(line, p.value)));
}

struct Unclosed {
  size_t line = 0;
  size_t column = 0;    // of the first bracket left open on that line
  std::string closers;  // what it lacks, innermost first
};

// The first line above `n` with a '{' or '[' that is never closed.
std::optional<Unclosed> unclosed_bracket(const std::vector<std::string_view>& lines, size_t n)
{
  std::vector<std::tuple<size_t, size_t, char>> open;
  for (size_t i = 0; i < n && i < lines.size(); ++i) {
    char quote = 0;
    for (size_t j = 0; j < lines[i].size(); ++j) {
      const char c = lines[i][j];
      if (quote) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        // A quote opens a value only where a value starts; "Children's" is an apostrophe.
        quote = j == 0 || std::string_view(" \t[{,:").find(lines[i][j - 1]) != npos ? c : 0;
      } else if (c == '#' && (j == 0 || lines[i][j - 1] == ' ')) {
        break;
      } else if (c == '{' || c == '[') {
        open.push_back({i, j, c == '{' ? '}' : ']'});
      } else if ((c == '}' || c == ']') && !open.empty()) {
        open.pop_back();
      }
    }
  }
  if (open.empty())
    return std::nullopt;
  Unclosed u{std::get<0>(open.front()), std::get<1>(open.front()), ""};
  for (auto it = open.rbegin(); it != open.rend(); ++it)
    if (std::get<0>(*it) == u.line)
      u.closers += std::get<2>(*it);
  return u;
}

// An unclosed bracket explained: text that starts with '[' in a field of free text was meant as
// text; elsewhere the list or mapping lacks its end.
std::string unclosed_message(const std::vector<std::string_view>& lines, const Unclosed& u, const std::string& file)
{
  const auto line = lines[u.line];
  const Parts p = split(line);
  if (free_text(p.key) && p.value == u.column)
    return message(file, u.line, u.column,
                   fmt::format("a value that starts with '{}' is read as a list or mapping: put the value in quotes",
                               line[u.column]),
                   line, quote_from(line, p.value));
  return message(file, u.line, u.column,
                 fmt::format("the '{}' on this line is never closed: end it with '{}'", line[u.column], u.closers), line,
                 std::string(trim_right(line)) + u.closers);
}

// The bounds of the entry of a { } or [ ] list that holds `column`: from after the nearest ': ',
// ',', '{' or '[' before it to the next ',' or closing bracket after it (brackets typed inside
// the entry count as text).
std::pair<size_t, size_t> flow_entry(std::string_view line, size_t column)
{
  size_t start = column;
  while (start > 0) {
    const char c = line[start - 1];
    if (c == ',' || (c == ' ' && start >= 2 && line[start - 2] == ':') || ((c == '{' || c == '[') && start - 1 != column))
      break;
    --start;
  }
  if (start > 0 && line[start - 1] == '[' && start - 1 == column)
    --start;
  while (start < column && line[start] == ' ')
    ++start;
  size_t end = column;
  int depth = 0;
  for (; end < line.size(); ++end) {
    const char c = line[end];
    if (c == '[' || c == '{' || c == '(')
      ++depth;
    else if ((c == ']' || c == '}' || c == ')') && depth > 0)
      --depth;
    else if (depth == 0 && (c == ',' || c == ']' || c == '}'))
      break;
  }
  return {start, end};
}

// The nearest line below `n` that holds something; nothing at the end.
std::optional<size_t> line_below(const std::vector<std::string_view>& lines, size_t n)
{
  while (++n < lines.size())
    if (!blank_or_comment(lines[n]))
      return n;
  return std::nullopt;
}

// When the parser stops at line `n` because it disagrees in column with the line above it, the
// line above may be the one out of place: typed with the editor's autoindent, it pushed a correct
// line after it out of line (trial F9). The line above is named, and its corrected line given,
// when both lines are keys, or both list items, and `n` lines up with its block: with the next
// line of the same kind below it, or the one before the line above, or else two spaces under
// their parent, as the skeleton lays them out. Empty when the line above is not clearly the one out of place.
std::string misplaced_line_above(const std::vector<std::string_view>& lines, size_t n, const std::string& file)
{
  const auto above = line_above(lines, n);
  if (!above)
    return "";
  const Parts a = split(lines[*above]), p = split(lines[n]);
  const bool keys = !a.item && !p.item && a.colon != npos && p.colon != npos;
  const bool items = a.item && p.item;
  if ((!keys && !items) || a.indent == p.indent)
    return "";
  std::string why;
  if (const auto below = line_below(lines, n)) {
    const Parts b = split(lines[*below]);
    if (b.indent == p.indent && b.item == p.item && (items || b.colon != npos))
      why = fmt::format("like line {} below it", *below + 1);
  }
  if (why.empty())
    if (const auto before = line_above(lines, *above)) {
      const Parts b = split(lines[*before]);
      if (b.indent == p.indent && b.item == p.item && (items || b.colon != npos))
        why = fmt::format("like line {} before it", *before + 1);
    }
  if (why.empty())
    for (size_t i = *above; i-- > 0;) {
      const Parts parent = split(lines[i]);
      if (blank_or_comment(lines[i]) || parent.indent >= std::min(a.indent, p.indent))
        continue;
      if (parent.colon != npos && parent.value == npos && p.indent == parent.start + 2)
        why = fmt::format("two spaces under '{}:' on line {} as the skeleton lays it out", parent.key, i + 1);
      break;
    }
  if (why.empty())
    return "";
  const auto line = lines[*above];
  const auto what = items ? std::string("list item") : std::string("line");
  const auto start = items ? std::string("its '-'") : fmt::format("'{}:'", a.key);
  return message(file, *above, a.indent,
                 fmt::format("this {} is indented by {}, but line {} after it by {}, {}: start {} in the same "
                             "column as line {}",
                             what, plural_spaces(a.indent), n + 1, plural_spaces(p.indent), why, start, n + 1),
                 line, spaces(p.indent) + std::string(line.substr(a.indent)));
}

// For a line the parser could not fit under the lines above: the column it should start in.
std::string indentation(const std::vector<std::string_view>& lines, size_t n, const std::string& file)
{
  if (auto guidance = misplaced_line_above(lines, n, file); !guidance.empty())
    return guidance;
  const auto line = lines[n];
  const Parts p = split(line);
  if (p.item) {
    for (size_t i = n; i-- > 0;) {
      const Parts above = split(lines[i]);
      if (!above.item || blank_or_comment(lines[i]))
        continue;
      if (above.indent == p.indent)
        break;
      return message(file, n, p.indent,
                     fmt::format("this list item is indented by {}, but the list it belongs to (line {}) is indented "
                                 "by {}: start its '-' in the same column",
                                 plural_spaces(p.indent), i + 1, plural_spaces(above.indent)),
                     line, spaces(above.indent) + std::string(line.substr(p.indent)));
    }
    return message(file, n, p.indent,
                   "a list item ('- ') must follow the 'key:' line it belongs to, indented under it, or follow "
                   "another item of the same list in the same column",
                   line);
  }
  // The key columns above, nearest the line first, and the one closest to where this line starts.
  std::optional<size_t> best;
  for (size_t i = n; i-- > 0;) {
    const Parts above = split(lines[i]);
    if (above.colon == npos || blank_or_comment(lines[i]))
      continue;
    const auto distance = [&](size_t at) { return at > p.indent ? at - p.indent : p.indent - at; };
    if (!best || distance(above.start) < distance(split(lines[*best]).start))
      best = i;
  }
  if (best && split(lines[*best]).start != p.indent) {
    const Parts above = split(lines[*best]);
    return message(file, n, p.indent,
                   fmt::format("this line is indented by {}, which lines it up with nothing above it: start it in "
                               "the same column as '{}:' on line {}",
                               plural_spaces(p.indent), above.key, *best + 1),
                   line, spaces(above.start) + std::string(line.substr(p.indent)));
  }
  return "";
}

} // namespace

std::string yaml_quoted(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
      else
        out += c;
    }
  }
  return out + '"';
}

void check_typing(std::string_view text, const std::string& file)
{
  const auto lines = split_lines(text);
  long block = -1;  // inside a block of text (| or >): the indentation its lines are deeper than
  char quote = 0;   // inside a quoted value that goes on over lines: its quote
  for (size_t n = 0; n < lines.size(); ++n) {
    const auto line = lines[n];
    const Parts p = split(line);
    if (quote) {
      if (closing_quote(std::string(1, quote) + std::string(line)) != npos)
        quote = 0;
      continue;
    }
    if (block >= 0) {
      if (blank_or_comment(line) || static_cast<long>(p.indent) > block)
        continue;
      block = -1;
    }
    if (p.value == npos || (p.colon == npos && !p.item))
      continue;
    const auto value = trim_right(line.substr(p.value));
    const char c = value[0];
    if (c == '|' || c == '>') {
      block = static_cast<long>(p.colon != npos ? p.start : p.indent);
      continue;
    }
    if (c == '"' || c == '\'')
      quote = check_quoted(lines, p, n, file);
    else if (c == '{' || c == '[')
      check_flow(line, p, n, file);
    else
      check_plain(line, p, n, file);
  }
}

std::string explain_yaml_error(std::string_view text, const std::string& file, long line, long column,
                               const std::string& parser_message)
{
  const auto lines = split_lines(text);
  const std::string& m = parser_message;
  if (line < 0 || static_cast<size_t>(line) >= lines.size()) {
    if (const auto open = unclosed_bracket(lines, lines.size()))
      return unclosed_message(lines, *open, file);
    return fmt::format("{}:{}: YAML cannot read the end of the file ({})", file, std::max(line, 0L) + 1, m);
  }
  const auto n = static_cast<size_t>(line);
  const auto col = static_cast<size_t>(std::max(column, 0L));
  const auto text_line = lines[n];
  const Parts p = split(text_line);
  const auto lead = text_line.substr(0, text_line.find_first_not_of(" \t"));
  if (lead.find('\t') != npos)
    return message(file, n, lead.find('\t'),
                   "this line is indented with a tab: YAML needs spaces (indent it with spaces, like the lines around it)",
                   text_line);
  const auto flow_open = text_line.find_first_of("{[");
  const bool in_flow = flow_open != npos && flow_open < col && col < text_line.size();
  const bool flow_error = m == "unknown token" || m.starts_with("end of map flow") || m.starts_with("end of sequence flow") ||
                          m == "illegal map value" || m == "the referenced anchor is not defined";
  if (in_flow && flow_error) {
    const auto [from, to] = flow_entry(text_line, col);
    const auto entry = trim_right(text_line.substr(from, to - from));
    return message(file, n, col,
                   "inside { } or [ ], a value that holds brackets, '?', ',' or ': ' must be in quotes", text_line,
                   std::string(text_line.substr(0, from)) + yaml_quoted(entry) + std::string(text_line.substr(from + entry.size())));
  }
  if (m == "illegal map value") {
    if (p.colon == npos || col > p.colon)
      return message(file, n, col, "a value that contains ': ' must be in quotes", text_line,
                     p.value == npos ? std::nullopt : std::optional(quote_from(text_line, p.value)));
    if (auto guidance = misplaced_line_above(lines, n, file); !guidance.empty())
      return guidance;
    if (const auto above = line_above(lines, n)) {
      const Parts a = split(lines[*above]);
      const auto above_key = a.colon == npos ? std::string("the line above") : fmt::format("'{}:'", a.key);
      return message(file, n, p.start,
                     fmt::format("this line is indented further than {} on line {}, so YAML reads it as more of that "
                                 "line's value: start '{}:' in the same column",
                                 above_key, *above + 1, p.key),
                     text_line, spaces(a.start) + std::string(text_line.substr(p.start)));
    }
  }
  if ((m == "unknown token" || m == "the referenced anchor is not defined") && col < text_line.size() &&
      !leading_guidance(text_line[col]).empty())
    return message(file, n, col, leading_guidance(text_line[col]), text_line,
                   p.value == npos ? std::nullopt : std::optional(quote_from(text_line, p.value)));
  if (m.starts_with("end of map") || m.starts_with("end of sequence") || m == "illegal block entry" ||
      m.starts_with("block sequence entries are not allowed")) {
    if (const auto open = unclosed_bracket(lines, n))
      return unclosed_message(lines, *open, file);
    if (auto guidance = indentation(lines, n, file); !guidance.empty())
      return guidance;
  }
  return message(file, n, col,
                 fmt::format("YAML cannot read this line ({}): check its indentation, and put text that holds ': ', "
                             "' #', quotes or brackets in double quotes",
                             m),
                 text_line);
}

} // namespace panel::input
