#pragma once
#include <string>
#include <string_view>

namespace panel::render {

// How a document's HTML page looks when printed (WeasyPrint for PDF, a browser for HTML): the
// protective marking at the top and bottom of every page, "Page N of M", the body font and the
// letterhead logo.
struct PageStyle {
  std::string marking;   // "" for none
  std::string font;      // first choice of body font; "" for Arial
  std::string logo_uri;  // the letterhead image as a data: URI, or ""
};

// `text` as a CSS string literal: every character but letters, digits and spaces escaped, so
// that no value can end the string, the rule or the <style> element.
std::string css_string(std::string_view text);

// `bytes` as a data: URI of the image type its file name `name` says (png, jpg/jpeg, gif, svg;
// otherwise image/png), base64-encoded, so that the page carries its own letterhead logo.
std::string image_data_uri(const std::string& name, std::string_view bytes);

// The one stylesheet of HTML, print HTML and PDF: screen layout, then @page (A4, margins, the
// marking in the top and bottom margin boxes, page numbers), tables that fit the page width.
std::string page_css(const PageStyle& style);

// `body` with each paragraph that is only the marking in bold (`**{{marking}}**` in a template)
// given class "marking": shown on screen, hidden in print, where the margin boxes carry it.
std::string marked_paragraphs(const std::string& body, std::string_view marking);

// `html` without the paragraphs marked_paragraphs tagged: a Word file carries the marking in its
// header and footer instead.
std::string without_marking_paragraphs(const std::string& html);

// A whole HTML page around `body`: <title> (escaped here), the stylesheet, the logo.
std::string html_page(const std::string& title, const std::string& body, const PageStyle& style);

} // namespace panel::render
