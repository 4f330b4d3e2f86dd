#pragma once
#include <string>
#include <string_view>

namespace panel::render {

// The small Markdown that letters and packs use, as HTML: ATX headings, paragraphs (a line break
// inside a paragraph is kept, as letters need for addresses), "- " and "1. " lists, pipe tables,
// "> " quotes, "---" rules, **bold**, *italic* and _italic_, `code` and backslash escapes. Text is
// HTML-escaped. Bytes 0x1E and 0x1F pass through untouched (document.cpp uses them as markers).
std::string markdown_to_html(std::string_view markdown);

// The same Markdown as plain text: headings underlined, emphasis marks and escapes removed.
std::string markdown_to_text(std::string_view markdown);

// Sizes the underline of headings whose text held values when markdown_to_text ran (marked by
// a line of 0x1D and the rule character) to the finished heading.
std::string underline_headings(std::string_view text);

// &, <, >, " and ' as HTML entities.
std::string html_escape(std::string_view text);

} // namespace panel::render
