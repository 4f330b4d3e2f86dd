#include "panel/render/table.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace panel::render;
using panel::Exit;

namespace {

std::string render(const Table& table, Format format, Style style = {})
{
  std::ostringstream out;
  write(out, table, format, style);
  return out.str();
}

Table agencies()
{
  return {{{"code", "CODE"}, {"name", "NAME"}, {"cases", "CASES"}},
          {{std::string("POL"), std::string("City of London Police"), std::int64_t{12}},
           {std::string("VS"), std::string("Victim Support"), std::int64_t{3}}}};
}

} // namespace

TEST_CASE("table: text output aligns columns and right-aligns numbers")
{
  CHECK(render(agencies(), Format::table) ==
        "CODE  NAME                   CASES\n"
        "POL   City of London Police     12\n"
        "VS    Victim Support             3\n");
}

TEST_CASE("table: text output has no trailing spaces and shows null as empty and flags as yes/no")
{
  const Table table{{{"code", "CODE"}, {"core", "CORE"}, {"email", "EMAIL"}},
                    {{std::string("POL"), true, std::monostate{}}, {std::string("NOISE"), false, std::string("n@x.org")}}};
  CHECK(render(table, Format::table) ==
        "CODE   CORE  EMAIL\n"
        "POL    yes\n"
        "NOISE  no    n@x.org\n");
}

TEST_CASE("table: text cells are one line, without control characters")
{
  const Table table{{{"a", "A"}, {"b", "B"}}, {{std::string("two\nlines"), std::string("esc\x1b[2Jhere")}}};
  CHECK(render(table, Format::table) ==
        "A          B\n"
        "two lines  esc[2Jhere\n");
}

TEST_CASE("table: text widths count UTF-8 characters, not bytes")
{
  const Table table{{{"a", "A"}, {"b", "B"}}, {{std::string("caf\xc3\xa9"), std::string("x")}, {std::string("tea"), std::string("y")}}};
  CHECK(render(table, Format::table) ==
        "A     B\n"
        "caf\xc3\xa9  x\n"
        "tea   y\n");
}

TEST_CASE("table: a table with no rows prints only the heading")
{
  const Table table{{{"code", "CODE"}, {"name", "NAME"}}, {}};
  CHECK(render(table, Format::table) == "CODE  NAME\n");
}

TEST_CASE("table: colour makes the heading bold and nothing else")
{
  CHECK(render(agencies(), Format::table, Style{true, ""}) ==
        "\033[1mCODE  NAME                   CASES\033[0m\n"
        "POL   City of London Police     12\n"
        "VS    Victim Support             3\n");
}

TEST_CASE("table: CSV has a header row of keys and CRLF line ends")
{
  CHECK(render(agencies(), Format::csv) ==
        "code,name,cases\r\n"
        "POL,City of London Police,12\r\n"
        "VS,Victim Support,3\r\n");
}

TEST_CASE("table: CSV quotes fields with commas, quotes and line breaks")
{
  const Table table{{{"text", "TEXT"}},
                    {{std::string("Smith, John")}, {std::string("say \"hi\"")}, {std::string("two\nlines")},
                     {std::string("cr\rhere")}, {std::string("plain")}}};
  CHECK(render(table, Format::csv) ==
        "text\r\n"
        "\"Smith, John\"\r\n"
        "\"say \"\"hi\"\"\"\r\n"
        "\"two\nlines\"\r\n"
        "\"cr\rhere\"\r\n"
        "plain\r\n");
}

TEST_CASE("table: CSV prefixes text that a spreadsheet would run as a formula")
{
  CHECK(csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_field("+44 20 7606 3030") == "'+44 20 7606 3030");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("@SUM(1)") == "'@SUM(1)");
  CHECK(csv_field("\tcmd") == "'\tcmd");
  CHECK(csv_field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(csv_field("a=b") == "a=b");
  CHECK(csv_field("") == "");
}

TEST_CASE("table: CSV does not prefix numbers, which are data, not formulas")
{
  const Table table{{{"n", "N"}, {"x", "X"}, {"t", "T"}},
                    {{std::int64_t{-5}, -2.5, std::string("-5")}}};
  CHECK(render(table, Format::csv) == "n,x,t\r\n-5,-2.5,'-5\r\n");
}

TEST_CASE("table: CSV writes flags as true/false and null as an empty field")
{
  const Table table{{{"a", "A"}, {"b", "B"}, {"c", "C"}}, {{true, false, std::monostate{}}}};
  CHECK(render(table, Format::csv) == "a,b,c\r\ntrue,false,\r\n");
}

TEST_CASE("table: JSON is an array of objects with keys in column order")
{
  const Table table{{{"zeta", "Z"}, {"alpha", "A"}, {"mid", "M"}, {"name", "N"}},
                    {{std::monostate{}, true, std::int64_t{7}, std::string("POL")}}};
  CHECK(render(table, Format::json) ==
        "[\n"
        "  {\n"
        "    \"zeta\": null,\n"
        "    \"alpha\": true,\n"
        "    \"mid\": 7,\n"
        "    \"name\": \"POL\"\n"
        "  }\n"
        "]\n");
}

TEST_CASE("table: JSON of no rows is an empty array")
{
  const Table table{{{"code", "CODE"}}, {}};
  CHECK(render(table, Format::json) == "[]\n");
}

TEST_CASE("table: JSON escapes quotes and control characters in text")
{
  const Table table{{{"t", "T"}}, {{std::string("a \"b\"\n\x01")}}};
  CHECK(render(table, Format::json) == "[\n  {\n    \"t\": \"a \\\"b\\\"\\n\\u0001\"\n  }\n]\n");
}

TEST_CASE("table: JSON replaces invalid UTF-8 instead of failing")
{
  const Table table{{{"t", "T"}}, {{std::string("caf\xe9")}}};
  std::string text;
  CHECK_NOTHROW(text = render(table, Format::json));
  CHECK(text.find("caf\xef\xbf\xbd") != std::string::npos);  // U+FFFD
}

TEST_CASE("table: Markdown escapes '|' so a cell cannot split the row")
{
  const Table table{{{"code", "CODE"}, {"note", "NOTE"}}, {{std::string("POL"), std::string("a|b")}}};
  CHECK(render(table, Format::md) ==
        "| CODE | NOTE |\n"
        "| --- | --- |\n"
        "| POL | a\\|b |\n");
}

TEST_CASE("table: Markdown right-aligns number columns and escapes emphasis and links")
{
  const Table table{{{"name", "NAME"}, {"cases", "CASES"}}, {{std::string("*bold* [x]"), std::int64_t{3}}}};
  CHECK(render(table, Format::md) ==
        "| NAME | CASES |\n"
        "| --- | ---: |\n"
        "| \\*bold\\* \\[x] | 3 |\n");
}

TEST_CASE("table: Markdown cells are one line")
{
  const Table table{{{"note", "NOTE"}}, {{std::string("one\ntwo")}}};
  CHECK(render(table, Format::md) == "| NOTE |\n| --- |\n| one two |\n");
}

TEST_CASE("table: parse_format accepts the formats a command offers")
{
  const std::vector<Format> all = {Format::table, Format::csv, Format::json, Format::md};
  CHECK(parse_format("table", all, "agency list") == Format::table);
  CHECK(parse_format("csv", all, "agency list") == Format::csv);
  CHECK(parse_format("json", all, "agency list") == Format::json);
  CHECK(parse_format("md", all, "agency list") == Format::md);
}

TEST_CASE("table: parse_format refuses an unknown format as a usage error naming the known ones")
{
  const auto caught = panel::test::catch_error(
      [] { parse_format("xml", {Format::table, Format::csv}, "agency list"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::usage);
  CHECK(caught.message == "'agency list' has no format 'xml' (known: table, csv)");
}

TEST_CASE("table: parse_format refuses a format the command does not offer")
{
  const auto caught = panel::test::catch_error([] { parse_format("json", {Format::table}, "config get"); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == Exit::usage);
  CHECK(caught.message.find("'json'") != std::string::npos);
}

TEST_CASE("table: format_name is the --format word")
{
  CHECK(format_name(Format::table) == "table");
  CHECK(format_name(Format::csv) == "csv");
  CHECK(format_name(Format::json) == "json");
  CHECK(format_name(Format::md) == "md");
}

TEST_CASE("table: a list cell is joined with ', ' for people, ';' in CSV and an array in JSON")
{
  const Table table{{{"code", "CODE"}, {"categories", "CATEGORIES"}},
                    {{std::string("CCM-2017-0018"), std::vector<std::string>{"suicide", "mental-health"}},
                     {std::string("CCM-2017-0019"), std::vector<std::string>{}}}};
  CHECK(render(table, Format::table) ==
        "CODE           CATEGORIES\n"
        "CCM-2017-0018  suicide, mental-health\n"
        "CCM-2017-0019\n");
  CHECK(render(table, Format::csv) ==
        "code,categories\r\n"
        "CCM-2017-0018,suicide;mental-health\r\n"
        "CCM-2017-0019,\r\n");
  CHECK(render(table, Format::json) ==
        "[\n"
        "  {\n"
        "    \"code\": \"CCM-2017-0018\",\n"
        "    \"categories\": [\n"
        "      \"suicide\",\n"
        "      \"mental-health\"\n"
        "    ]\n"
        "  },\n"
        "  {\n"
        "    \"code\": \"CCM-2017-0019\",\n"
        "    \"categories\": []\n"
        "  }\n"
        "]\n");
}

TEST_CASE("table: a list cell starting with a formula character is prefixed in CSV")
{
  const Table table{{{"tags", "TAGS"}}, {{std::vector<std::string>{"=cmd", "b,c"}}}};
  CHECK(render(table, Format::csv) == "tags\r\n\"'=cmd;b,c\"\r\n");
}

TEST_CASE("table: cell_text shows flags as yes/no, null as empty and numbers plainly")
{
  CHECK(cell_text(Cell{}) == "");
  CHECK(cell_text(Cell{true}) == "yes");
  CHECK(cell_text(Cell{false}) == "no");
  CHECK(cell_text(Cell{std::int64_t{-42}}) == "-42");
  CHECK(cell_text(Cell{2.5}) == "2.5");
  CHECK(cell_text(Cell{std::string("text")}) == "text");
  CHECK(cell_text(Cell{std::vector<std::string>{"a", "b"}}) == "a, b");
}
