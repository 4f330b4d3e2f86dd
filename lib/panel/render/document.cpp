#include "panel/render/document.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/render/markdown.hpp"
#include "panel/render/page.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <kainjow/mustache.hpp>

namespace panel::render {
namespace {

namespace mst = kainjow::mustache;

// Values are rendered as markers (RS index US) and put back after the Markdown is converted, so
// that nothing a referrer typed can become markup. RS and US are control characters, which
// strip_controls removes from every value.
constexpr char marker_start = '\x1e';
constexpr char marker_end = '\x1f';

mst::data to_data(const core::Value& v)
{
  switch (v.kind) {
  case core::Value::Kind::text:
    // Empty text is false, so that {{#x}}...{{/x}} leaves out a line about something not known
    // and {{^x}} can say something instead; {{x}} prints nothing either way.
    return v.text.empty() ? mst::data(false) : mst::data(v.text);
  case core::Value::Kind::flag:
    return mst::data(v.flag);
  // kainjow's push_back and set only copy, which would copy every subtree once for each level
  // above it (half of a 200-case meeting pack's time). So each child goes in as a placeholder
  // and the converted value is moved into it.
  case core::Value::Kind::list: {
    mst::data list(mst::data::type::list);
    for (const auto& item : v.items) {
      list.push_back(mst::data(false));
      const_cast<mst::data&>(list.list_value().back()) = to_data(item);
    }
    return list;
  }
  case core::Value::Kind::object: {
    mst::data object(mst::data::type::object);
    for (const auto& [key, value] : v.fields) {
      object.set(key, mst::data(false));
      *const_cast<mst::data*>(object.get(key)) = to_data(value);
    }
    return object;
  }
  }
  return mst::data(std::string());
}

// The context without the personal fields the template does not list: person.x, and x of each
// of the items of a meeting.
core::Value minimised(const core::Template& t, core::Value context)
{
  for (const auto& field : core::personal_fields()) {
    if (std::find(t.fields.begin(), t.fields.end(), field) != t.fields.end())
      continue;
    const auto dot = field.find('.');
    const auto parent = context.fields.find(field.substr(0, dot));
    if (parent == context.fields.end())
      continue;
    const std::string name = field.substr(dot + 1);
    parent->second.fields.erase(name);
    for (auto& item : parent->second.items)
      item.fields.erase(name);
  }
  return context;
}

// A line holding only a section tag ({{#x}}, {{^x}}, {{/x}}) or a comment is "standalone" in
// Mustache: it leaves no line of its own. kainjow drops such lines only around sections that
// render, so a missing optional value (an empty date of birth) left a blank line that split a
// list. Each standalone tag is joined to the next line, with a byte that keeps kainjow from
// seeing it as standalone again; render_text removes that byte from the output.
constexpr char joined_tag = '\x1c';

std::string join_standalone_tags(const std::string& text)
{
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    const auto newline = text.find('\n', start);
    const auto end = newline == std::string::npos ? text.size() : newline;
    const std::string_view line(text.data() + start, end - start);
    const auto first = line.find_first_not_of(" \t");
    const auto last = line.find_last_not_of(" \t");
    const bool standalone = first != std::string_view::npos && line.substr(first).starts_with("{{") &&
                            first + 2 < line.size() && std::string_view("#^/!").find(line[first + 2]) != std::string_view::npos &&
                            line.find("{{", first + 2) == std::string_view::npos && line.find("}}") == last - 1;
    if (standalone && newline != std::string::npos)
      out.append(line.substr(first, last + 1 - first)) += joined_tag;
    else
      out.append(text, start, newline == std::string::npos ? std::string::npos : newline + 1 - start);
    start = newline == std::string::npos ? text.size() : newline + 1;
  }
  return out;
}

std::string render_text(const std::string& text, const mst::data& data, const mst::mustache::escape_handler& escape,
                        const core::Template& t)
{
  // The marker bytes are panel's own: a template cannot forge a marker for a value.
  std::string source = text;
  std::erase_if(source, [](char c) { return c == marker_start || c == marker_end || c == joined_tag; });
  mst::mustache tmpl(join_standalone_tags(source));
  if (!tmpl.is_valid())
    throw refused(fmt::format("{}: {} (run 'panel template check')", t.file, tmpl.error_message()));
  tmpl.set_custom_escape(escape);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid())
    throw refused(fmt::format("{}: {} (run 'panel template check')", t.file, tmpl.error_message()));
  std::erase(out, joined_tag);
  return out;
}

// Puts the values back in place of their markers, each passed through `finish`.
std::string restore(const std::string& text, const std::vector<std::string>& values,
                    std::string (*finish)(std::string_view))
{
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != marker_start) {
      out += text[i];
      continue;
    }
    // A marker is the start byte, digits and the end byte, naming a value that exists. The
    // template's own text may hold the start byte too (YAML allows it): that is not a marker,
    // and is dropped like any other control character.
    const auto end = text.find(marker_end, i);
    const auto digits = end == std::string::npos ? std::string() : text.substr(i + 1, end - i - 1);
    const bool marker = !digits.empty() && digits.size() < 10 &&
                        digits.find_first_not_of("0123456789") == std::string::npos && std::stoul(digits) < values.size();
    if (!marker)
      continue;
    out += finish(values[std::stoul(digits)]);
    i = end;
  }
  return out;
}

std::string plain(std::string_view text) { return core::strip_controls(text); }

// A value in a Markdown document, with the characters Markdown reads as markup escaped, so that
// a '|' in a name cannot split a table cell and "*" or "- " in free text cannot start emphasis
// or a list item.
std::string markdown_value(std::string_view raw)
{
  const std::string text = core::strip_controls(raw);
  std::string out;
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // Only what Markdown would read as structure is escaped, so that "-5" and "3.5" print as typed:
    // "- " or "+ " (a bullet), a line of only '-' or '=' (a heading underline or a rule), "1. " or
    // "1) " (a numbered list).
    const auto ends_marker = [&text](size_t at) {
      return at >= text.size() || text[at] == ' ' || text[at] == '\t' || text[at] == '\n';
    };
    const auto rule_line = [&text](size_t at) {
      const auto end = std::min(text.find('\n', at), text.size());
      return text.find_first_not_of("-= \t", at) >= end;
    };
    if (line_start && (((c == '-' || c == '+') && ends_marker(i + 1)) || ((c == '-' || c == '=') && rule_line(i)))) {
      out += '\\';
    } else if (line_start && c >= '0' && c <= '9') {
      size_t end = i;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9')
        ++end;
      if (end < text.size() && (text[end] == '.' || text[end] == ')') && ends_marker(end + 1)) {
        out.append(text, i, end - i);
        out += '\\';
        i = end - 1;
        line_start = false;
        continue;
      }
    }
    if (std::string_view("\\`*_#|<>[]").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
    line_start = c == '\n';
  }
  return out;
}
std::string html_value(std::string_view text)
{
  std::string escaped = html_escape(core::strip_controls(text));
  std::string out;
  for (char c : escaped)
    out += c == '\n' ? std::string("<br>\n") : std::string(1, c);
  return out;
}

// Plain text as HTML paragraphs, for a text template asked for as HTML.
std::string text_to_html(const std::string& raw)
{
  std::string text = raw;
  while (!text.empty() && text.back() == '\n')
    text.pop_back();  // the final line end of a block is not a line break
  std::string out = "<p>";
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "</p>\n<p>";
      while (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
    } else if (text[i] == '\n') {
      out += "<br>\n";
    } else {
      out += html_escape(std::string(1, text[i]));
    }
  }
  return out + "</p>\n";
}

} // namespace

DocFormat parse_doc_format(const std::string& typed)
{
  const auto name = core::ascii_lower(core::trim(typed));  // `MD` and `Html` too (issue #21)
  if (name == "md" || name == "markdown")
    return DocFormat::md;
  if (name == "txt" || name == "text")
    return DocFormat::txt;
  if (name == "html")
    return DocFormat::html;
  throw usage_error(core::unknown_word_message(typed, {"md", "txt", "html", "docx", "pdf"}, "document format"));
}

Document render_document(const core::Template& t, const core::Value& context, DocFormat format, const PageStyle& page)
{
  // Triple braces and '&' would print values unescaped, whoever calls this.
  for (const auto* text : {&t.subject, &t.body})
    if (text->find("{{{") != std::string::npos || text->find("{{&") != std::string::npos)
      throw refused(fmt::format("{}: template '{}' prints values unescaped (triple braces or '&')", t.file, t.name));
  const mst::data data = to_data(minimised(t, context));
  Document doc;
  doc.subject = render_text(t.subject, data, [](const std::string& s) { return core::strip_controls(s); }, t);
  std::replace(doc.subject.begin(), doc.subject.end(), '\n', ' ');
  doc.subject = core::trim(doc.subject);

  if (t.format == "html") {
    if (format != DocFormat::html)
      throw refused(fmt::format("template '{}' is HTML: use --format html, docx or pdf", t.name));
    doc.body = render_text(t.body, data, [](const std::string& s) { return html_value(s); }, t);
    if (doc.body.find("<html") == std::string::npos)
      doc.body = html_page(doc.subject.empty() ? t.name : doc.subject, doc.body, page);
    return doc;
  }
  if (format == DocFormat::md && t.format == "markdown") {
    doc.body = render_text(t.body, data, [](const std::string& s) { return markdown_value(s); }, t);
    return doc;
  }
  if (format == DocFormat::md || (format == DocFormat::txt && t.format == "text")) {
    doc.body = render_text(t.body, data, [](const std::string& s) { return core::strip_controls(s); }, t);
    return doc;
  }
  std::vector<std::string> values;
  const auto mark = [&values](const std::string& s) {
    values.push_back(s);
    return fmt::format("{}{}{}", marker_start, values.size() - 1, marker_end);
  };
  const std::string marked = render_text(t.body, data, mark, t);
  if (format == DocFormat::txt) {
    doc.body = underline_headings(restore(markdown_to_text(marked), values, plain));
  } else {
    const std::string html = t.format == "text" ? text_to_html(marked) : markdown_to_html(marked);
    doc.body = html_page(doc.subject.empty() ? t.name : doc.subject, restore(html, values, html_value), page);
  }
  return doc;
}

} // namespace panel::render
