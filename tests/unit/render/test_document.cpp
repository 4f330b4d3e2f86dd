#include "panel/render/document.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace panel;
using core::Template;
using core::Value;
using render::DocFormat;
using render::render_document;
using test::catch_error;

namespace {

const std::string hostile = "<script>alert(1)</script> & Co";

Template make(const std::string& body, const std::string& format = "markdown", std::vector<std::string> fields = {})
{
  Template t;
  t.name = "test-letter";
  t.kind = "referral";
  t.format = format;
  t.file = "t.yaml";
  t.body = body;
  t.body_line = 5;
  t.fields = std::move(fields);
  return t;
}

// A referral context with the referrer's name and the summary given.
Value context(const std::string& referrer = "Jo Smith", const std::string& summary = "Summary")
{
  Value referrer_value = Value::object();
  referrer_value.set("name", referrer).set("email", "jo@example.org");
  Value referral = Value::object();
  referral.set("reference", "MARAC-2017-0001").set("referrer", referrer_value).set("summary", summary);
  Value person = Value::object();
  person.set("name", "Jane Doe").set("initials", "JD").set("dob", "1980-01-02").set("postcode", "E1 6AN");
  Value panel_value = Value::object();
  panel_value.set("name", "City MARAC").set("short", "MARAC");
  Value root = Value::object();
  root.set("referral", referral).set("person", person).set("panel", panel_value).set("marking", "OFFICIAL-SENSITIVE");
  return root;
}

std::string body(const Template& t, const Value& c, DocFormat format) { return render_document(t, c, format).body; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("document: parse_doc_format knows md, txt and html and their long names")
{
  CHECK(render::parse_doc_format("md") == DocFormat::md);
  CHECK(render::parse_doc_format("markdown") == DocFormat::md);
  CHECK(render::parse_doc_format("txt") == DocFormat::txt);
  CHECK(render::parse_doc_format("text") == DocFormat::txt);
  CHECK(render::parse_doc_format("html") == DocFormat::html);
  const auto caught = catch_error([] { render::parse_doc_format("rtf"); });
  CHECK(caught.code == Exit::usage);
  CHECK(caught.message == "unknown document format 'rtf' (known: md, txt, html, docx, pdf)");
}

TEST_CASE("document: a Markdown template as Markdown fills in the values")
{
  CHECK(body(make("**{{marking}}**\n\nDear {{referral.referrer.name}},\n"), context(), DocFormat::md) ==
        "**OFFICIAL-SENSITIVE**\n\nDear Jo Smith,\n");
}

TEST_CASE("document: a Markdown template as HTML is a whole page with the template's markup")
{
  const auto html = body(make("# Referral {{referral.reference}}\n\n**{{marking}}**\n"), context(), DocFormat::html);
  CHECK(html.starts_with("<!DOCTYPE html>\n"));
  CHECK(contains(html, "<h1>Referral MARAC-2017-0001</h1>\n<p><strong>OFFICIAL-SENSITIVE</strong></p>\n"));
  CHECK(html.ends_with("</body>\n</html>\n"));
}

TEST_CASE("document: HTML output escapes markup and ampersands in values")
{
  const auto html = body(make("Dear {{referral.referrer.name}},\n"), context(hostile), DocFormat::html);
  CHECK(contains(html, "<p>Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,</p>"));
  CHECK_FALSE(contains(html, "<script>"));
  CHECK_FALSE(contains(html, "& Co"));
}

TEST_CASE("document: an HTML template escapes markup in values")
{
  const auto t = make("<html><body><p class=\"to\">{{referral.referrer.name}}</p></body></html>\n", "html");
  CHECK(body(t, context(hostile), DocFormat::html) ==
        "<html><body><p class=\"to\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p></body></html>\n");
}

TEST_CASE("document: an HTML template without <html> is wrapped in a page")
{
  const auto html = body(make("<p>{{referral.referrer.name}}</p>\n", "html"), context(hostile), DocFormat::html);
  CHECK(html.starts_with("<!DOCTYPE html>\n"));
  CHECK(contains(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p>"));
  CHECK_FALSE(contains(html, "<script>"));
}

TEST_CASE("document: text output keeps a value as it is, Markdown output escapes its markup")
{
  const auto t = make("Dear {{referral.referrer.name}},\n");
  CHECK(body(t, context(hostile), DocFormat::md) == "Dear \\<script\\>alert(1)\\</script\\> & Co,\n");
  CHECK(body(t, context(hostile), DocFormat::txt) == "Dear " + hostile + ",\n");
  const auto text = make("Dear {{referral.referrer.name}},\n", "text");
  CHECK(body(text, context(hostile), DocFormat::md) == "Dear " + hostile + ",\n");
  CHECK(body(text, context(hostile), DocFormat::txt) == "Dear " + hostile + ",\n");
}

TEST_CASE("document: control characters are removed from values in every format")
{
  const std::string value = "Jo\x1b[31m Smith\x07\x1e" "0\x1f";
  const auto t = make("Dear {{referral.referrer.name}},\n");
  CHECK(body(t, context(value), DocFormat::md) == "Dear Jo\\[31m Smith0,\n");
  CHECK(body(t, context(value), DocFormat::txt) == "Dear Jo[31m Smith0,\n");
  CHECK(contains(body(t, context(value), DocFormat::html), "<p>Dear Jo[31m Smith0,</p>"));
  CHECK(body(make("Dear {{referral.referrer.name}},\n", "text"), context(value), DocFormat::txt) ==
        "Dear Jo[31m Smith0,\n");
}

TEST_CASE("document: a value cannot forge the markers used to keep values literal")
{
  // "\x1e0\x1f" is how the first value is marked before Markdown is converted.
  const auto t = make("{{referral.summary}} / {{referral.referrer.name}}\n");
  const auto c = context("<b>name</b>", "\x1e" "0\x1f and \x1e" "9\x1f");
  CHECK(body(t, c, DocFormat::txt) == "0 and 9 / <b>name</b>\n");
  CHECK(contains(body(t, c, DocFormat::html), "<p>0 and 9 / &lt;b&gt;name&lt;/b&gt;</p>"));
}

TEST_CASE("document: Markdown in a value stays literal in HTML and text output")
{
  const auto t = make("Summary:\n\n{{referral.summary}}\n\n{{referral.referrer.name}}\n");
  const auto c = context("**bold** _it_ `code`", "# heading");
  const auto html = body(t, c, DocFormat::html);
  CHECK(contains(html, "<p># heading</p>"));
  CHECK(contains(html, "<p>**bold** _it_ `code`</p>"));
  CHECK_FALSE(contains(html, "<h1>"));
  CHECK_FALSE(contains(html, "<strong>"));
  CHECK_FALSE(contains(html, "<em>"));
  CHECK_FALSE(contains(html, "<code>"));
  CHECK(body(t, c, DocFormat::txt) == "Summary:\n\n# heading\n\n**bold** _it_ `code`\n");
}

TEST_CASE("document: a value with Markdown list and table syntax stays literal in HTML")
{
  const auto t = make("{{referral.summary}}\n");
  const auto html = body(t, context("x", "- item\n| a | b |\n---"), DocFormat::html);
  CHECK(contains(html, "<p>- item<br>\n| a | b |<br>\n---</p>"));
  CHECK_FALSE(contains(html, "<ul>"));
  CHECK_FALSE(contains(html, "<table>"));
  CHECK_FALSE(contains(html, "<hr>"));
}

TEST_CASE("document: a line break in a value is a line break in HTML")
{
  const auto html = body(make("{{referral.summary}}\n"), context("x", "line one\nline two"), DocFormat::html);
  CHECK(contains(html, "<p>line one<br>\nline two</p>"));
}

TEST_CASE("document: a value inside template emphasis keeps the template's markup only")
{
  const auto t = make("**{{referral.referrer.name}}**\n");
  CHECK(contains(body(t, context("a*b_c"), DocFormat::html), "<p><strong>a*b_c</strong></p>"));
  CHECK(body(t, context("a*b_c"), DocFormat::txt) == "a*b_c\n");
}

TEST_CASE("document: a heading with a value is underlined to the full width in text")
{
  CHECK(body(make("# Referral {{referral.reference}}\n"), context(), DocFormat::txt) ==
        "Referral MARAC-2017-0001\n========================\n");
}

TEST_CASE("document: an HTML template asked for as Markdown or text is refused")
{
  const auto t = make("<p>{{referral.reference}}</p>\n", "html");
  for (const auto format : {DocFormat::md, DocFormat::txt}) {
    const auto caught = catch_error([&] { render_document(t, context(), format); });
    CHECK(caught.code == Exit::refused);
    CHECK(caught.message == "template 'test-letter' is HTML: use --format html, docx or pdf");
  }
}

TEST_CASE("document: personal fields not listed under fields are not rendered even when present")
{
  const auto t = make("Re: {{person.name}} ({{person.initials}}) {{person.dob}} {{person.postcode}}.\n");
  for (const auto format : {DocFormat::md, DocFormat::txt, DocFormat::html}) {
    const auto out = body(t, context(), format);
    CHECK_FALSE(contains(out, "Jane"));
    CHECK_FALSE(contains(out, "JD"));
    CHECK_FALSE(contains(out, "1980"));
    CHECK_FALSE(contains(out, "E1 6AN"));
  }
  CHECK(body(t, context(), DocFormat::md) == "Re:  ()  .\n");
}

TEST_CASE("document: personal fields listed under fields are rendered, and only those")
{
  const auto t = make("Re: {{person.name}} ({{person.initials}}) {{person.dob}}\n", "markdown", {"person.initials"});
  CHECK(body(t, context(), DocFormat::md) == "Re:  (JD) \n");
}

TEST_CASE("document: a personal field reached through a section is not rendered unless listed")
{
  const auto t = make("{{#person}}Re: {{name}}{{/person}}\n");
  CHECK(body(t, context(), DocFormat::md) == "Re: \n");
  CHECK(body(make("{{#person}}Re: {{name}}{{/person}}\n", "markdown", {"person.name"}), context(), DocFormat::md) ==
        "Re: Jane Doe\n");
}

TEST_CASE("document: personal fields are removed from the subject too")
{
  auto t = make("Body\n");
  t.subject = "About {{person.name}}";
  CHECK(render_document(t, context(), DocFormat::md).subject == "About");
}

TEST_CASE("document: the subject is one line without surrounding space")
{
  auto t = make("Body\n");
  t.subject = "  {{panel.short}} referral {{referral.reference}}  ";
  auto c = context();
  c.fields["referral"].set("reference", "MARAC\n2017\r\n0001");
  CHECK(render_document(t, c, DocFormat::md).subject == "MARAC referral MARAC 2017 0001");
}

TEST_CASE("document: the subject keeps its value as text and is escaped in the HTML title")
{
  auto t = make("Body\n");
  t.subject = "Referral from {{referral.referrer.name}}";
  const auto doc = render_document(t, context(hostile), DocFormat::html);
  CHECK(doc.subject == "Referral from " + hostile);
  CHECK(contains(doc.body, "<title>Referral from &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>"));
  CHECK_FALSE(contains(doc.body, "<script>"));
}

TEST_CASE("document: without a subject the HTML title is the template name")
{
  CHECK(contains(body(make("Body\n"), context(), DocFormat::html), "<title>test-letter</title>"));
}

TEST_CASE("document: a text template as HTML becomes escaped paragraphs")
{
  const auto t = make("Dear {{referral.referrer.name}},\n\nLine *one* & <two>\nLine # three\n\n\nEnd", "text");
  const auto html = body(t, context(hostile), DocFormat::html);
  CHECK(contains(html, "<body>\n<p>Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,</p>\n"
                       "<p>Line *one* &amp; &lt;two&gt;<br>\nLine # three</p>\n<p>End</p>\n</body>"));
}

TEST_CASE("document: the final newline of a text template is not a line break in HTML")
{
  const auto html = body(make("Hello\nWorld\n", "text"), context(), DocFormat::html);
  CHECK(html.find("<p>Hello<br>\nWorld</p>\n") != std::string::npos);
}

TEST_CASE("document: a text template is not read as Markdown in any format")
{
  const auto t = make("# Not a heading\n**not bold**\n", "text");
  CHECK(body(t, context(), DocFormat::txt) == "# Not a heading\n**not bold**\n");
  CHECK(body(t, context(), DocFormat::md) == "# Not a heading\n**not bold**\n");
  CHECK_FALSE(contains(body(t, context(), DocFormat::html), "<h1>"));
}

TEST_CASE("document: a Markdown template as text has its markup turned into plain text")
{
  const auto t = make("# Referral received\n\n**{{marking}}**\n\n- {{referral.reference}}\n");
  CHECK(body(t, context(), DocFormat::txt) ==
        "Referral received\n=================\n\nOFFICIAL-SENSITIVE\n\n  - MARAC-2017-0001\n");
}

TEST_CASE("document: lists and flags drive sections")
{
  Value category = Value::object();
  category.set("name", "Domestic abuse <DA>");
  Value other = Value::object();
  other.set("name", "Stalking");
  auto c = context();
  c.fields["referral"].set("categories", Value::list({category, other})).set("repeat", Value::yes_no(false));
  const auto t = make("{{#referral.categories}}\n- {{name}}\n{{/referral.categories}}\n"
                      "{{#referral.repeat}}Repeat{{/referral.repeat}}{{^referral.repeat}}New{{/referral.repeat}}\n");
  CHECK(body(t, c, DocFormat::md) == "- Domestic abuse \\<DA\\>\n- Stalking\nNew\n");
  CHECK(contains(body(t, c, DocFormat::html), "<ul>\n<li>Domestic abuse &lt;DA&gt;</li>\n<li>Stalking</li>\n</ul>"));
}

TEST_CASE("document: a template that does not render is refused with its file")
{
  const auto caught = catch_error([] { render_document(make("{{#referral.repeat}}open\n"), context(), DocFormat::md); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.starts_with("t.yaml: "));
  CHECK(caught.message.ends_with("(run 'panel template check')"));
}

TEST_CASE("document: the marker bytes in a template's own text are dropped, not taken for values")
{
  // Found by fuzz_template: a stray 0x1E hung txt rendering; 0x1E x 0x1F and 0x1E 7 0x1F threw.
  for (const std::string body : {"{{referral.reference}} \x1e" "0", "\x1ex\x1f", "\x1e" "7\x1f", "\x1e" "0\x1f"}) {
    for (const auto format : {DocFormat::txt, DocFormat::html, DocFormat::md}) {
      const auto doc = render_document(make(body), context(), format);
      CHECK(doc.body.find('\x1e') == std::string::npos);
      CHECK(doc.body.find('\x1f') == std::string::npos);
      // A forged marker never brings in a value the template did not ask for.
      if (body.find("{{") == std::string::npos)
        CHECK(doc.body.find("MARAC-2017-0001") == std::string::npos);
    }
  }
}

TEST_CASE("document: a '|' in a value cannot split a Markdown table cell")
{
  const auto t = make("| Name | Risk |\n| --- | --- |\n| {{referral.referrer.name}} | high |\n");
  CHECK(body(t, context("Kev | Marsh"), DocFormat::md) == "| Name | Risk |\n| --- | --- |\n| Kev \\| Marsh | high |\n");
  CHECK(contains(body(t, context("Kev | Marsh"), DocFormat::html), "<td>Kev | Marsh</td>"));
}

TEST_CASE("document: emphasis, headings, links and list starts in a value are escaped in Markdown")
{
  const auto t = make("{{referral.summary}}\n");
  CHECK(body(t, context("Jo", "*loud* music_at night #3 [link]"), DocFormat::md) ==
        "\\*loud\\* music\\_at night \\#3 \\[link\\]\n");
  CHECK(body(t, context("Jo", "- not a list\n1. nor this\n12) nor this"), DocFormat::md) ==
        "\\- not a list\n1\\. nor this\n12\\) nor this\n");
  CHECK(body(t, context("Jo", "back\\slash O'Brien 3.5"), DocFormat::md) == "back\\\\slash O'Brien 3.5\n");
  // What Markdown would not read as structure prints as typed at the start of a line too.
  CHECK(body(t, context("Jo", "3.5 hours\n-5 degrees\n+44 20\n2)x"), DocFormat::md) == "3.5 hours\n-5 degrees\n+44 20\n2)x\n");
  CHECK(body(t, context("Jo", "Heading\n===\n- \n3.\n---"), DocFormat::md) == "Heading\n\\===\n\\- \n3\\.\n\\---\n");
}

TEST_CASE("document: a section about a missing value leaves no blank line in a list")
{
  const auto t = make("- One\n{{#person.dob}}\n- Born {{person.dob}}\n{{/person.dob}}\n{{^person.dob}}\n  {{! nothing }}\n{{/person.dob}}\n- Two\n",
                      "markdown", {"person.dob"});
  auto c = context();
  CHECK(body(t, c, DocFormat::md) == "- One\n- Born 1980-01-02\n- Two\n");
  c.fields["person"].set("dob", "");
  CHECK(body(t, c, DocFormat::md) == "- One\n- Two\n");
  CHECK(contains(body(t, c, DocFormat::html), "<li>One</li>\n<li>Two</li>"));
}
