#include "panel/render/page.hpp"

#include "panel/render/markdown.hpp"

#include <cctype>
#include <fmt/format.h>

namespace panel::render {

std::string css_string(std::string_view text)
{
  std::string out = "\"";
  for (unsigned char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c >= 0x80;
    if (plain)
      out += static_cast<char>(c);
    else if (c >= 0x20 && c != 0x7f)
      out += fmt::format("\\{:x} ", c);  // the space ends the escape and is not printed
  }
  return out + "\"";
}

std::string image_data_uri(const std::string& name, std::string_view bytes)
{
  const auto dot = name.rfind('.');
  std::string extension = dot == std::string::npos ? "" : name.substr(dot + 1);
  for (auto& c : extension)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string type = extension == "jpg" || extension == "jpeg" ? "image/jpeg"
                           : extension == "gif"                      ? "image/gif"
                           : extension == "svg"                      ? "image/svg+xml"
                                                                     : "image/png";
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "data:" + type + ";base64,";
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {digits[(n >> 18) & 63], digits[(n >> 12) & 63], digits[(n >> 6) & 63], digits[n & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += {digits[(n >> 18) & 63], digits[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {digits[(n >> 18) & 63], digits[(n >> 12) & 63], digits[(n >> 6) & 63], '='};
  }
  return out;
}

std::string page_css(const PageStyle& style)
{
  // Arial where the council has it, then metric-compatible Liberation Sans (fonts-liberation2).
  const std::string fonts = (style.font.empty() ? "" : css_string(style.font) + ", ") +
                            "Arial, \"Liberation Sans\", Helvetica, \"DejaVu Sans\", sans-serif";
  std::string css = fmt::format(
      "body {{ font-family: {}; max-width: 44em; margin: 2em auto; line-height: 1.45; overflow-wrap: anywhere; }}\n"
      "table {{ border-collapse: collapse; width: 100%; table-layout: fixed; overflow-wrap: anywhere; }}\n"
      "th, td {{ border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}\n"
      "img.logo {{ float: right; max-height: 2.5cm; max-width: 6cm; margin: 0 0 1em 1em; }}\n"
      "@page {{ size: A4; margin: 25mm 20mm 25mm 20mm;\n",
      fonts);
  if (!style.marking.empty()) {
    const std::string marking = css_string(style.marking);
    css += fmt::format("  @top-center {{ content: {0}; font-family: {1}; font-weight: bold; font-size: 10pt; }}\n"
                       "  @bottom-center {{ content: {0}; font-family: {1}; font-weight: bold; font-size: 10pt; }}\n",
                       marking, fonts);
  }
  css += fmt::format("  @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font-family: {}; "
                     "font-size: 9pt; }}\n}}\n",
                     fonts);
  // The body's own marking lines (see marked_paragraphs) are for the screen; printed, the margin
  // boxes carry it, and a page showing it four times reads as a mistake.
  css += "p.marking { text-align: center; }\n";
  css += "@media print { body { max-width: none; margin: 0; font-size: 11pt; } h1, h2, h3 { break-after: avoid; } "
         "tr { break-inside: avoid; }";
  css += style.marking.empty() ? " }\n" : " p.marking { display: none; } }\n";
  return css;
}

std::string marked_paragraphs(const std::string& body, std::string_view marking)
{
  if (marking.empty())
    return body;
  const std::string plain = "<p><strong>" + html_escape(std::string(marking)) + "</strong></p>";
  const std::string tagged = "<p class=\"marking\"><strong>" + html_escape(std::string(marking)) + "</strong></p>";
  std::string out;
  size_t from = 0;
  for (size_t at = body.find(plain); at != std::string::npos; at = body.find(plain, from)) {
    out.append(body, from, at - from).append(tagged);
    from = at + plain.size();
  }
  return out.append(body, from, std::string::npos);
}

std::string without_marking_paragraphs(const std::string& html)
{
  static const std::string open = "<p class=\"marking\">";
  std::string out;
  size_t from = 0;
  for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, from)) {
    const auto close = html.find("</p>", at);
    if (close == std::string::npos)
      break;
    out.append(html, from, at - from);
    from = close + 4;
    if (from < html.size() && html[from] == '\n')
      ++from;
  }
  return out.append(html, from, std::string::npos);
}

std::string html_page(const std::string& title, const std::string& body, const PageStyle& style)
{
  std::string logo;
  if (!style.logo_uri.empty())
    logo = "<img class=\"logo\" alt=\"\" src=\"" + html_escape(style.logo_uri) + "\">\n";
  return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
         "</title>\n<style>\n" + page_css(style) + "</style>\n</head>\n<body>\n" + logo +
         marked_paragraphs(body, style.marking) + "</body>\n</html>\n";
}

} // namespace panel::render
