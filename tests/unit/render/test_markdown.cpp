#include "panel/render/markdown.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace panel::render;

TEST_CASE("markdown: ATX headings of levels one to six")
{
  CHECK(markdown_to_html("# Title") == "<h1>Title</h1>\n");
  CHECK(markdown_to_html("## Referral received\n") == "<h2>Referral received</h2>\n");
  CHECK(markdown_to_html("###### Six") == "<h6>Six</h6>\n");
}

TEST_CASE("markdown: a hash without a space or more than six hashes is a paragraph")
{
  CHECK(markdown_to_html("#hashtag") == "<p>#hashtag</p>\n");
  CHECK(markdown_to_html("####### seven") == "<p>####### seven</p>\n");
}

TEST_CASE("markdown: a line break inside a paragraph is kept, a blank line starts a new one")
{
  CHECK(markdown_to_html("City Hall\n1 High Street\nLondon\n\nDear colleague,\n") ==
        "<p>City Hall<br>\n1 High Street<br>\nLondon</p>\n<p>Dear colleague,</p>\n");
}

TEST_CASE("markdown: paragraph lines are trimmed")
{
  CHECK(markdown_to_html("  indented  \n") == "<p>indented</p>\n");
}

TEST_CASE("markdown: bullet and numbered lists")
{
  CHECK(markdown_to_html("- one\n- two\n* three\n") == "<ul>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ul>\n");
  CHECK(markdown_to_html("1. first\n2. second\n10. tenth\n") ==
        "<ol>\n<li>first</li>\n<li>second</li>\n<li>tenth</li>\n</ol>\n");
}

TEST_CASE("markdown: a list ends where the paragraph after it starts")
{
  CHECK(markdown_to_html("Intro\n- a\n- b\nAfter") == "<p>Intro</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>\n");
}

TEST_CASE("markdown: a pipe table with a separator row has a header row")
{
  CHECK(markdown_to_html("| Agency | Actions |\n|---|:---:|\n| Police | 2 |\n| Housing | 1 |\n") ==
        "<table>\n<tr><th>Agency</th><th>Actions</th></tr>\n<tr><td>Police</td><td>2</td></tr>\n"
        "<tr><td>Housing</td><td>1</td></tr>\n</table>\n");
}

TEST_CASE("markdown: a pipe table without a separator row has no header row")
{
  CHECK(markdown_to_html("| a | b |\n| c | d |") ==
        "<table>\n<tr><td>a</td><td>b</td></tr>\n<tr><td>c</td><td>d</td></tr>\n</table>\n");
}

TEST_CASE("markdown: an escaped pipe stays inside its table cell")
{
  CHECK(markdown_to_html("| a \\| b | c |") == "<table>\n<tr><td>a | b</td><td>c</td></tr>\n</table>\n");
}

TEST_CASE("markdown: rules of dashes, stars and underscores")
{
  CHECK(markdown_to_html("---") == "<hr>\n");
  CHECK(markdown_to_html("***\n") == "<hr>\n");
  CHECK(markdown_to_html("_____") == "<hr>\n");
  CHECK(markdown_to_html("Above\n---\nBelow") == "<p>Above</p>\n<hr>\n<p>Below</p>\n");
}

TEST_CASE("markdown: quotes keep their line breaks")
{
  CHECK(markdown_to_html("> one\n> two\n") == "<blockquote><p>one<br>\ntwo</p></blockquote>\n");
}

TEST_CASE("markdown: bold, italic and code")
{
  CHECK(markdown_to_html("**bold** *star* _under_ `code`") ==
        "<p><strong>bold</strong> <em>star</em> <em>under</em> <code>code</code></p>\n");
}

TEST_CASE("markdown: emphasis marks inside code are literal")
{
  CHECK(markdown_to_html("`a*b_c**d`") == "<p><code>a*b_c**d</code></p>\n");
}

TEST_CASE("markdown: a backslash escapes a mark")
{
  CHECK(markdown_to_html("\\*not italic\\* \\# \\_x\\_ \\\\") == "<p>*not italic* # _x_ \\</p>\n");
  CHECK(markdown_to_html("\\# not a heading") == "<p># not a heading</p>\n");
  CHECK(markdown_to_html("\\<b\\>") == "<p>&lt;b&gt;</p>\n");
}

TEST_CASE("markdown: a backslash before an ordinary letter is kept")
{
  CHECK(markdown_to_html("C:\\temp") == "<p>C:\\temp</p>\n");
}

TEST_CASE("markdown: underscores inside a word are not emphasis")
{
  CHECK(markdown_to_html("see repeat_window_days and lead_agency") == "<p>see repeat_window_days and lead_agency</p>\n");
  CHECK(markdown_to_text("repeat_window_days") == "repeat_window_days\n");
}

TEST_CASE("markdown: a star followed by a space is not emphasis")
{
  CHECK(markdown_to_html("2 * 3 = 6") == "<p>2 * 3 = 6</p>\n");
}

TEST_CASE("markdown: unclosed emphasis and code are closed at the end of the line")
{
  CHECK(markdown_to_html("**bold") == "<p><strong>bold</strong></p>\n");
  CHECK(markdown_to_html("*italic") == "<p><em>italic</em></p>\n");
  CHECK(markdown_to_html("`code") == "<p><code>code</code></p>\n");
  CHECK(markdown_to_html("**bold *both") == "<p><strong>bold <em>both</em></strong></p>\n");
  CHECK(markdown_to_html("*italic `code") == "<p><em>italic <code>code</code></em></p>\n");
}

TEST_CASE("markdown: unclosed italic inside unclosed bold closes in nesting order")
{
  CHECK(markdown_to_html("*italic **both") == "<p><em>italic <strong>both</strong></em></p>\n");
}

TEST_CASE("markdown: emphasis closed across other emphasis stays well-formed")
{
  const auto html = markdown_to_html("**a *b** c*");
  CHECK(html.find("<em>b</strong>") == std::string::npos);
}

TEST_CASE("markdown: HTML special characters are escaped")
{
  CHECK(markdown_to_html("<script>alert('x')</script> & \"Co\"") ==
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</p>\n");
  CHECK(markdown_to_html("# A & B") == "<h1>A &amp; B</h1>\n");
  CHECK(markdown_to_html("- <b>") == "<ul>\n<li>&lt;b&gt;</li>\n</ul>\n");
  CHECK(markdown_to_html("| <i> |") == "<table>\n<tr><td>&lt;i&gt;</td></tr>\n</table>\n");
}

TEST_CASE("markdown: html_escape escapes the five special characters and nothing else")
{
  CHECK(html_escape("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;");
  CHECK(html_escape("plain text, café") == "plain text, café");
  CHECK(html_escape("") == "");
}

TEST_CASE("markdown: the bytes 0x1E and 0x1F pass through untouched")
{
  const std::string marker = "\x1e" "0" "\x1f";
  CHECK(markdown_to_html("a" + marker + "b") == "<p>a" + marker + "b</p>\n");
  CHECK(markdown_to_html("# " + marker) == "<h1>" + marker + "</h1>\n");
  CHECK(markdown_to_html("- " + marker) == "<ul>\n<li>" + marker + "</li>\n</ul>\n");
  CHECK(markdown_to_html("| " + marker + " |") == "<table>\n<tr><td>" + marker + "</td></tr>\n</table>\n");
  CHECK(markdown_to_html("**" + marker + "**") == "<p><strong>" + marker + "</strong></p>\n");
  CHECK(markdown_to_text("**" + marker + "**") == marker + "\n");
}

TEST_CASE("markdown: empty input gives empty output")
{
  CHECK(markdown_to_html("") == "");
  CHECK(markdown_to_html("\n\n") == "");
  CHECK(markdown_to_text("") == "");
}

TEST_CASE("markdown: as text, headings are underlined to the width of the title")
{
  CHECK(markdown_to_text("# Referral received") == "Referral received\n=================\n");
  CHECK(markdown_to_text("## Next steps") == "Next steps\n----------\n");
  CHECK(markdown_to_text("# Café") == "Café\n====\n");
  CHECK(markdown_to_text("## Hi") == "Hi\n---\n");
  CHECK(markdown_to_text("# **Bold** title") == "Bold title\n==========\n");
}

TEST_CASE("markdown: as text, emphasis marks and escapes are removed and markup is not escaped")
{
  CHECK(markdown_to_text("**bold** *star* _under_ `code`") == "bold star under code\n");
  CHECK(markdown_to_text("\\*literal\\*") == "*literal*\n");
  CHECK(markdown_to_text("A & <B>") == "A & <B>\n");
}

TEST_CASE("markdown: as text, lines, lists, rules and tables")
{
  CHECK(markdown_to_text("City Hall\nLondon\n\nDear colleague,") == "City Hall\nLondon\n\nDear colleague,\n");
  CHECK(markdown_to_text("- one\n- two") == "  - one\n  - two\n");
  CHECK(markdown_to_text("---") == std::string(60, '-') + "\n");
  CHECK(markdown_to_text("| Agency | Actions |\n|---|---|\n| Police | 2 |") == "Agency  |  Actions\nPolice  |  2\n");
}
