#include "panel/render/page.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace panel;

TEST_CASE("css_string: a value cannot end the string, the rule or the style element")
{
  CHECK(render::css_string("OFFICIAL-SENSITIVE") == "\"OFFICIAL\\2d SENSITIVE\"");
  const auto hostile = render::css_string("A\" } body { x: y </style><script>\\\n");
  CHECK(hostile.front() == '"');
  CHECK(hostile.back() == '"');
  CHECK(hostile.substr(1, hostile.size() - 2).find_first_of("\"{}<>\\\n") != std::string::npos);  // escapes use '\'
  for (const char* bad : {"\"", "{", "}", "<", ">", "\n"})
    CHECK(hostile.substr(1, hostile.size() - 2).find(bad) == std::string::npos);
  CHECK(render::css_string("Café") == "\"Café\"");  // UTF-8 kept as it is
}

TEST_CASE("page_css: the marking at the top and bottom of every page, page numbers, tables that fit")
{
  render::PageStyle style;
  style.marking = "OFFICIAL";
  style.font = "Verdana";
  const auto css = render::page_css(style);
  CHECK(css.find("size: A4") != std::string::npos);
  CHECK(css.find("@top-center { content: \"OFFICIAL\"") != std::string::npos);
  CHECK(css.find("@bottom-center { content: \"OFFICIAL\"") != std::string::npos);
  CHECK(css.find("counter(page) \" of \" counter(pages)") != std::string::npos);
  CHECK(css.find("table-layout: fixed") != std::string::npos);
  CHECK(css.find("font-family: \"Verdana\", Arial, \"Liberation Sans\"") != std::string::npos);
  style.marking.clear();
  CHECK(render::page_css(style).find("@top-center") == std::string::npos);
}

TEST_CASE("html_page: escaped title, the stylesheet and the logo")
{
  render::PageStyle style;
  style.marking = "SECRET";
  style.logo_uri = render::image_data_uri("logo.PNG", "\x89PNG");
  const auto page = render::html_page("<Title> & co", "<p>x</p>\n", style);
  CHECK(page.find("<title>&lt;Title&gt; &amp; co</title>") != std::string::npos);
  CHECK(page.find("<img class=\"logo\" alt=\"\" src=\"data:image/png;base64,iVBORw==\">") != std::string::npos);
  CHECK(page.find("@top-center") != std::string::npos);
}

TEST_CASE("image_data_uri: base64 of every length, type from the file name")
{
  CHECK(render::image_data_uri("a.png", "") == "data:image/png;base64,");
  CHECK(render::image_data_uri("a.jpg", "M") == "data:image/jpeg;base64,TQ==");
  CHECK(render::image_data_uri("a.jpeg", "Ma") == "data:image/jpeg;base64,TWE=");
  CHECK(render::image_data_uri("a.svg", "Man") == "data:image/svg+xml;base64,TWFu");
  CHECK(render::image_data_uri("a.gif", "Many") == "data:image/gif;base64,TWFueQ==");
}

TEST_CASE("marked_paragraphs: the body's marking lines are shown on screen and hidden in print")
{
  const std::string body = "<p><strong>OFFICIAL &amp; SENSITIVE</strong></p>\n<p>Dear Sir</p>\n"
                           "<p><strong>OFFICIAL &amp; SENSITIVE</strong> and more</p>\n"
                           "<p><strong>OFFICIAL &amp; SENSITIVE</strong></p>\n";
  const auto tagged = render::marked_paragraphs(body, "OFFICIAL & SENSITIVE");
  CHECK(tagged == "<p class=\"marking\"><strong>OFFICIAL &amp; SENSITIVE</strong></p>\n<p>Dear Sir</p>\n"
                  "<p><strong>OFFICIAL &amp; SENSITIVE</strong> and more</p>\n"  // not only the marking: kept
                  "<p class=\"marking\"><strong>OFFICIAL &amp; SENSITIVE</strong></p>\n");
  CHECK(render::marked_paragraphs(body, "") == body);
  CHECK(render::without_marking_paragraphs(tagged) ==
        "<p>Dear Sir</p>\n<p><strong>OFFICIAL &amp; SENSITIVE</strong> and more</p>\n");

  render::PageStyle style;
  style.marking = "OFFICIAL";
  CHECK(render::page_css(style).find("p.marking { display: none; }") != std::string::npos);
  style.marking.clear();  // no margin boxes: nothing hidden
  CHECK(render::page_css(style).find("display: none") == std::string::npos);
}
