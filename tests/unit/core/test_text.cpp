#include "panel/core/text.hpp"

#include <doctest/doctest.h>

using namespace panel::core;

TEST_CASE("text: edit_distance counts insertions, deletions and substitutions")
{
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("agency", "agency") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("agenc", "agency") == 1);
}

TEST_CASE("text: edit_distance is symmetric")
{
  CHECK(edit_distance("config", "cnofig") == edit_distance("cnofig", "config"));
  CHECK(edit_distance("remove", "rm") == edit_distance("rm", "remove"));
}

TEST_CASE("text: close_matches suggests the command a typo was meant to be")
{
  const std::vector<std::string> commands = {"init", "config", "agency", "audit"};
  CHECK(close_matches("agenc", commands) == std::vector<std::string>{"agency"});
  CHECK(close_matches("confgi", commands) == std::vector<std::string>{"config"});
  CHECK(close_matches("lst", {"list", "add", "update", "remove"}) == std::vector<std::string>{"list"});
}

TEST_CASE("text: close_matches suggests a command the word is a prefix of")
{
  const std::vector<std::string> commands = {"init", "config", "agency", "audit"};
  CHECK(close_matches("conf", commands) == std::vector<std::string>{"config"});
  CHECK(close_matches("repeat_window", {"name", "repeat_window_days", "agenda_lead_days"}) ==
        std::vector<std::string>{"repeat_window_days"});
}

TEST_CASE("text: edit_distance counts a swap of neighbouring letters as one edit")
{
  CHECK(edit_distance("ca", "ac") == 1);
  CHECK(edit_distance("confgi", "config") == 1);
  CHECK(edit_distance("agnecy", "agency") == 1);
}

TEST_CASE("text: close_matches puts the closest candidate first")
{
  CHECK(close_matches("agencie", {"agency", "agencies"}) == std::vector<std::string>{"agencies", "agency"});
  CHECK(close_matches("conf", {"cont", "config"}) == std::vector<std::string>{"config", "cont"});
}

TEST_CASE("text: close_matches allows one typo in a short word")
{
  CHECK(close_matches("PLO", {"POL", "CST"}) == std::vector<std::string>{"POL"});
  CHECK(close_matches("XY", {"AB", "CD"}).empty());
}

TEST_CASE("text: close_matches suggests nothing for an unrelated word")
{
  const std::vector<std::string> commands = {"init", "config", "agency", "audit"};
  CHECK(close_matches("frobnicate", commands).empty());
  CHECK(close_matches("zzzz", commands).empty());
  CHECK(close_matches("agency", {}).empty());
}

TEST_CASE("text: join puts the separator between parts only")
{
  CHECK(join({}, ", ") == "");
  CHECK(join({"a"}, ", ") == "a");
  CHECK(join({"a", "b"}, ", ") == "a, b");
  CHECK(join({"POL", "CST", "ASC"}, "' or '") == "POL' or 'CST' or 'ASC");
  CHECK(join({"", ""}, "-") == "-");
}

TEST_CASE("text: strip_controls keeps newline and tab")
{
  CHECK(strip_controls("line one\nline two\tcolumn") == "line one\nline two\tcolumn");
  CHECK(strip_controls("plain text") == "plain text");
  CHECK(strip_controls("") == "");
}

TEST_CASE("text: strip_controls removes C0 controls, ESC and DEL")
{
  CHECK(strip_controls("red\x1b[31mtext") == "red[31mtext");
  CHECK(strip_controls("bell\a, back\b, cr\r") == "bell, back, cr");
  CHECK(strip_controls("del\x7f!") == "del!");
  CHECK(strip_controls(std::string("nul\0byte", 8)) == "nulbyte");
}

TEST_CASE("text: strip_controls removes C1 controls such as U+0085 and U+009B")
{
  CHECK(strip_controls("next\xc2\x85line") == "nextline");
  CHECK(strip_controls("csi\xc2\x9b" "31m") == "csi31m");
  CHECK(strip_controls("\xc2\x80start") == "start");
}

TEST_CASE("text: strip_controls keeps printable non-ASCII text")
{
  CHECK(strip_controls("caf\xc3\xa9") == "caf\xc3\xa9");          // café
  CHECK(strip_controls("no\xc2\xa0" "break") == "no\xc2\xa0" "break");  // U+00A0 is not a control
  CHECK(strip_controls("\xc2\xa3" "5") == "\xc2\xa3" "5");              // £5
  CHECK(strip_controls("\xe2\x82\xac") == "\xe2\x82\xac");              // €
}

TEST_CASE("text: valid_utf8 accepts ASCII and well-formed sequences of 2, 3 and 4 bytes")
{
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("plain ASCII"));
  CHECK(valid_utf8("caf\xc3\xa9"));
  CHECK(valid_utf8("\xe2\x82\xac"));            // €
  CHECK(valid_utf8("\xf0\x9f\x98\x80"));        // U+1F600, 4 bytes
  CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));        // U+10FFFF, the last code point
  CHECK(valid_utf8("\xed\x9f\xbf"));            // U+D7FF, just before the surrogates
}

TEST_CASE("text: valid_utf8 refuses overlong encodings")
{
  CHECK_FALSE(valid_utf8("\xc0\xaf"));          // '/' in 2 bytes
  CHECK_FALSE(valid_utf8("\xc1\xbf"));
  CHECK_FALSE(valid_utf8("\xe0\x80\xaf"));      // '/' in 3 bytes
  CHECK_FALSE(valid_utf8("\xf0\x80\x80\xaf"));  // '/' in 4 bytes
}

TEST_CASE("text: valid_utf8 refuses UTF-16 surrogates and code points past U+10FFFF")
{
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));      // U+D800
  CHECK_FALSE(valid_utf8("\xed\xbf\xbf"));      // U+DFFF
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(valid_utf8("\xf5\x80\x80\x80"));
}

TEST_CASE("text: valid_utf8 refuses truncated sequences and stray bytes")
{
  CHECK_FALSE(valid_utf8("\xc3"));
  CHECK_FALSE(valid_utf8("caf\xc3"));
  CHECK_FALSE(valid_utf8("\xe2\x82"));
  CHECK_FALSE(valid_utf8("\xf0\x9f\x98"));
  CHECK_FALSE(valid_utf8("\xe2\x82x"));         // a continuation byte missing mid-text
  CHECK_FALSE(valid_utf8("\x80"));              // a lone continuation byte
  CHECK_FALSE(valid_utf8("caf\xe9"));           // Latin-1 é
  CHECK_FALSE(valid_utf8("\xff"));
  CHECK_FALSE(valid_utf8("\xf8\x88\x80\x80\x80"));  // the old 5-byte form
}

TEST_CASE("text: trim removes leading and trailing ASCII whitespace only")
{
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("a") == "a");
  CHECK(trim("") == "");
  CHECK(trim(" \t\n ") == "");
  CHECK(trim("\tinside  spaces\t") == "inside  spaces");
}

TEST_CASE("text: valid_utf8 finds a bad byte at any offset after runs of ASCII")
{
  // ASCII is checked eight bytes at a time: a multi-byte sequence or a bad byte at every offset
  // from 0 to 20, with ASCII before and after it, must be judged the same as on its own.
  for (size_t before = 0; before <= 20; ++before)
    for (size_t after : {0, 1, 7, 8, 9}) {
      const std::string pad_before(before, 'a'), pad_after(after, 'z');
      CHECK(valid_utf8(pad_before + "\xc3\xa9" + pad_after));          // é
      CHECK(valid_utf8(pad_before + "\xf0\x9f\x98\x80" + pad_after));  // U+1F600
      CHECK_FALSE(valid_utf8(pad_before + "\xff" + pad_after));
      CHECK_FALSE(valid_utf8(pad_before + "\xc3" + pad_after));        // a lead byte without its tail
      CHECK_FALSE(valid_utf8(pad_before + "\xed\xa0\x80" + pad_after));  // a UTF-16 surrogate
    }
}

TEST_CASE("text: shell_quote leaves plain words alone and single-quotes the rest")
{
  CHECK(shell_quote("/srv/panel/marac.db") == "/srv/panel/marac.db");
  CHECK(shell_quote("2017-09-12") == "2017-09-12");
  CHECK(shell_quote("our panel.db") == "'our panel.db'");
  CHECK(shell_quote("o'brien.db") == "'o'\\''brien.db'");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("$HOME`x`;rm") == "'$HOME`x`;rm'");
  CHECK(shell_quote("~/x") == "'~/x'");
}

TEST_CASE("text: plural puts a count before its noun, singular only for one")
{
  CHECK(panel::core::plural(1, "day", "days") == "1 day");
  CHECK(panel::core::plural(0, "day", "days") == "0 days");
  CHECK(panel::core::plural(12, "month", "months") == "12 months");
}
