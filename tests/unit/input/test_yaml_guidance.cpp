#include "panel/input/yaml_document.hpp"
#include "panel/input/yaml_guidance.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <regex>
#include <string>
#include <vector>

using namespace panel;

namespace {

// What load_document says about `text` (every YAML file panel reads goes through it).
std::string refusal(const std::string& text)
{
  const auto caught = test::catch_error([&] { input::load_document(text, "m.yaml"); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

std::string value_of(const std::string& text, const std::string& key)
{
  return input::load_document(text, "m.yaml")[key].as<std::string>();
}

} // namespace

TEST_CASE("yaml guidance: a value holding ': ' is named at its column with the line quoted and corrected")
{
  const std::string minutes = "meeting: 2024-03-05\n"
                              "cases:\n"
                              "  ASBRAC-2024-0001:\n"
                              "    summary: Hoarding: fire risk high\n";
  CHECK(refusal(minutes) == "m.yaml:4:22: a value that contains ': ' must be in quotes\n"
                            "  line 4:     summary: Hoarding: fire risk high\n"
                            "  write:      summary: \"Hoarding: fire risk high\"");
}

TEST_CASE("yaml guidance: the corrected line escapes quotes already in the value, and reads back as typed")
{
  const auto message = refusal("summary: Tyler said \"no\": refused entry\n");
  const std::string fix = "summary: \"Tyler said \\\"no\\\": refused entry\"";
  CHECK(message.ends_with("  write:  " + fix));
  CHECK(value_of(fix + "\n", "summary") == "Tyler said \"no\": refused entry");
}

TEST_CASE("yaml guidance: times like 10:30 stay text (yaml-cpp has no base-60 numbers)")
{
  CHECK(value_of("start: 10:30\n", "start") == "10:30");
  CHECK(value_of("start: 9:05\n", "start") == "9:05");
  CHECK(value_of("summary: met at 10:30, agreed\n", "summary") == "met at 10:30, agreed");
  CHECK(refusal("summary: 10:30: agreed\n").starts_with("m.yaml:1:15: a value that contains ': ' must be in quotes"));
}

TEST_CASE("yaml guidance: brackets or '?' inside a flow mapping are quoted in the corrected line, not called an unknown token")
{
  CHECK(refusal("observers: [{name: Sam (Tyler?), organisation: Shelter}]\n") ==
        "m.yaml:1:30: inside { } or [ ], a value that holds brackets, '?', ',' or ': ' must be in quotes\n"
        "  line 1: observers: [{name: Sam (Tyler?), organisation: Shelter}]\n"
        "  write:  observers: [{name: \"Sam (Tyler?)\", organisation: Shelter}]");
  CHECK(refusal("attendees: {name: Sam [Tyler], agency: POL}\n").ends_with(
      "  write:  attendees: {name: \"Sam [Tyler]\", agency: POL}"));
}

TEST_CASE("yaml guidance: a bracket left open is named where it opens, with its closer added")
{
  CHECK(refusal("x: {a: {b}\ny: 1\n") == "m.yaml:1:4: the '{' on this line is never closed: end it with '}'\n"
                                         "  line 1: x: {a: {b}\n"
                                         "  write:  x: {a: {b}}");
  CHECK(refusal("agencies:\n  - {code: CSC, name: Children's Social Care\n").ends_with(
      "  write:    - {code: CSC, name: Children's Social Care}"));
  CHECK(refusal("quorum: [POL, CST\n").starts_with("m.yaml:1:9: the '[' on this line is never closed: end it with ']'"));
  // In free text a leading '[' was meant as text.
  CHECK(refusal("summary: [Draft] visit\n").ends_with("  write:  summary: \"[Draft] visit\""));
}

TEST_CASE("yaml guidance: a tab used for indentation is named and shown")
{
  CHECK(refusal("cases:\n\t- ref: A-1\n") ==
        "m.yaml:2:1: this line is indented with a tab: YAML needs spaces (indent it with spaces, like the lines around "
        "it)\n"
        "  line 2: <tab>- ref: A-1");
  CHECK(refusal("cases:\n  - ref: A-1\n\t summary: x\n").starts_with("m.yaml:3:1: this line is indented with a tab"));
}

TEST_CASE("yaml guidance: a key indented to no level above is lined up with the nearest key")
{
  CHECK(refusal("meeting:\n  date: 2024-01-01\n chair: Sam\n") ==
        "m.yaml:3:2: this line is indented by 1 space, which lines it up with nothing above it: start it in the same "
        "column as 'date:' on line 2\n"
        "  line 3:  chair: Sam\n"
        "  write:    chair: Sam");
}

TEST_CASE("yaml guidance: a key indented further than the one above is read as its value, and said so")
{
  CHECK(refusal("cases:\n  - ref: A-1\n      summary: x\n") ==
        "m.yaml:3:7: this line is indented further than 'ref:' on line 2, so YAML reads it as more of that line's "
        "value: start 'summary:' in the same column\n"
        "  line 3:       summary: x\n"
        "  write:      summary: x");
}

TEST_CASE("yaml guidance: a list item at the wrong depth is lined up with its list")
{
  CHECK(refusal("cases:\n  - ref: A-2\n - ref: A-3\n") ==
        "m.yaml:3:2: this list item is indented by 1 space, but the list it belongs to (line 2) is indented by 2 "
        "spaces: start its '-' in the same column\n"
        "  line 3:  - ref: A-3\n"
        "  write:    - ref: A-3");
  CHECK(refusal("actions:\n  - owner: POL\n    description: x\n    - owner: HSG\n")
            .ends_with("  write:    - owner: HSG"));
  CHECK(refusal("summary: text\n- item\n").starts_with("m.yaml:2:1: a list item ('- ') must follow the 'key:' line"));
}

TEST_CASE("yaml guidance: a quote left open is refused before it swallows the lines below")
{
  // yaml-cpp itself would read these without a word, with "notes" inside the summary.
  CHECK(refusal("summary: \"Hoarding fire\nnotes: x\n") ==
        "m.yaml:1:10: the quote that starts this value is not closed, so YAML would read the lines below as part of "
        "it: close it at the end of the value\n"
        "  line 1: summary: \"Hoarding fire\n"
        "  write:  summary: \"Hoarding fire\"");
  CHECK(refusal("a:\n  summary: 'Hoarding\n  notes: x\nb: 1\n").ends_with("  write:    summary: 'Hoarding'"));
  CHECK(refusal("summary: \"say \\\"hi\\\"\n").starts_with("m.yaml:1:10: the quote that starts this value is not closed"));
  // A long quoted value may go on over lines indented under its key.
  CHECK(value_of("summary: \"first line\n  second: line\"\nnext: 1\n", "summary") == "first line second: line");
}

TEST_CASE("yaml guidance: an apostrophe inside single quotes gets double quotes in the corrected line")
{
  CHECK(refusal("summary: 'it's fine'\n") ==
        "m.yaml:1:13: an apostrophe ends a value written in single quotes: put the value in double quotes instead\n"
        "  line 1: summary: 'it's fine'\n"
        "  write:  summary: \"it's fine\"");
  CHECK(value_of("summary: 'it''s fine'\n", "summary") == "it's fine");
  CHECK(refusal("summary: \"Tyler\" said no\n").ends_with("  write:  summary: \"\\\"Tyler\\\" said no\""));
}

TEST_CASE("yaml guidance: a '#' that would silently cut a value short is refused")
{
  CHECK(refusal("summary: Visit #2 went fine\n") ==
        "m.yaml:1:16: ' #' starts a comment in YAML, so '#2 went fine' would be dropped from the value: put the value "
        "in quotes (a comment meant as one is written '# ', with a space)\n"
        "  line 1: summary: Visit #2 went fine\n"
        "  write:  summary: \"Visit #2 went fine\"");
  // In free text even "# " is more likely text than a comment.
  CHECK(refusal("cases:\n  A-1:\n    notes: Flat 3 # 4 also visited\n")
            .starts_with("m.yaml:3:19: ' #' starts a comment in YAML, so notes would end at 'Flat 3'"));
  // A comment after a number or a code is what a comment is for.
  CHECK(input::load_document("due_soon_days: 7   # default\nagency: POL # police\n", "m.yaml")["due_soon_days"].as<int>() == 7);
  CHECK(value_of("summary: \"Visit #2 went fine\"  # quoted\n", "summary") == "Visit #2 went fine");
  CHECK(value_of("summary: C#-style\n", "summary") == "C#-style");
}

TEST_CASE("yaml guidance: a value starting with a character YAML keeps for itself is quoted in the corrected line")
{
  CHECK(refusal("summary: @home visit\n") ==
        "m.yaml:1:10: a value cannot start with '@' (YAML keeps it for later use): put the value in quotes\n"
        "  line 1: summary: @home visit\n"
        "  write:  summary: \"@home visit\"");
  CHECK(refusal("summary: `x` visit\n").ends_with("  write:  summary: \"`x` visit\""));
  CHECK(refusal("summary: %50 done\n").starts_with("m.yaml:1:10: a value cannot start with '%'"));
  CHECK(refusal("summary: *urgent* visit\n").starts_with("m.yaml:1:10: a value that starts with '*' is read as a reference"));
  // yaml-cpp alone would keep only "visit".
  CHECK(refusal("summary: &urgent visit\n").starts_with("m.yaml:1:10: a value that starts with '&' loses its first word"));
  CHECK(refusal("summary: !urgent visit\n").find("if the '!' is part of the text, put the value in quotes") != std::string::npos);
  CHECK(refusal("- @home\n").ends_with("  write:  - \"@home\""));
  // Anchors and aliases used as YAML meant them still work.
  CHECK(input::load_document("a: &a [x, y]\nb: *a\n", "m.yaml")["b"].size() == 2);
}

TEST_CASE("yaml guidance: text inside a block (| or >) is not checked as YAML values")
{
  const auto body = value_of("body: |\n  Dear #1: it's \"fine\n  @you\nnext: x\n", "body");
  CHECK(body == "Dear #1: it's \"fine\n@you\n");
}

TEST_CASE("yaml guidance: yaml_quoted escapes what would end or bend the quotes")
{
  CHECK(input::yaml_quoted("plain") == "\"plain\"");
  CHECK(input::yaml_quoted("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(input::yaml_quoted("two\nlines\t.") == "\"two\\nlines\\t.\"");
  for (const std::string s : {"Hoarding: fire risk high", "#2 # x", "it's", "[a] {b} (c?)", "@&*!%`", "\"\\\"\x01"})
    CHECK(value_of("v: " + input::yaml_quoted(s) + "\n", "v") == s);
}

TEST_CASE("yaml guidance: a parser error with no translation keeps the parser's words and the line")
{
  const auto message = input::explain_yaml_error("a: b\nc\n", "m.yaml", 1, 0, "some new parser message");
  CHECK(message.starts_with("m.yaml:2:1: YAML cannot read this line (some new parser message)"));
  CHECK(message.ends_with("  line 2: c"));
}

TEST_CASE("yaml guidance: a comment laid out as the skeleton's own is a comment, and a list field takes one (trial F10)")
{
  // The skeleton's line with its "" replaced by a reason, and by a summary, unquoted.
  const std::string skeleton = "cases:\n"
                               "  A-1:\n"
                               "    summary: Visited twice          # what the panel discussed and agreed, between the quotes\n"
                               "    outcome: close   # keep-open | close | refer-elsewhere\n"
                               "    close_reason: Moved away     # with close: risk reduced | moved away | other\n";
  const auto doc = input::load_document(skeleton, "m.yaml");
  CHECK(doc["cases"]["A-1"]["close_reason"].as<std::string>() == "Moved away");
  CHECK(doc["cases"]["A-1"]["summary"].as<std::string>() == "Visited twice");
  CHECK(input::load_document("close_reason: moved away # with close\n", "m.yaml")["close_reason"].as<std::string>() ==
        "moved away");
  // After a single space, in free text, either reading is offered as a line to copy; neither
  // pulls the other into the value.
  const auto message = refusal("cases:\n  A-1:\n    summary: Visited # see note\n");
  CHECK(message ==
        "m.yaml:3:22: ' #' starts a comment in YAML, so summary would end at 'Visited': if the '#' is part of the text, "
        "write the first line below; if it starts a comment, the second (a comment after two spaces is read as one)\n"
        "  line 3:     summary: Visited # see note\n"
        "  write:      summary: \"Visited # see note\"\n"
        "  or:         summary: \"Visited\"  # see note");
  for (const std::string fix : {"    summary: \"Visited # see note\"\n", "    summary: \"Visited\"  # see note\n"})
    CHECK_NOTHROW(input::load_document("cases:\n  A-1:\n" + fix, "m.yaml"));
  CHECK(input::load_document("cases:\n  A-1:\n    summary: \"Visited\"  # see note\n", "m.yaml")["cases"]["A-1"]["summary"]
            .as<std::string>() == "Visited");
}

TEST_CASE("yaml guidance: a line typed with autoindent is named, not the correct line after it (trial F9)")
{
  // vi's autoindent left summary at 8 spaces above the skeleton's risk at 4 (the trial's m1.yaml).
  const std::string m1 = "cases:\n"
                         "  ASBRAC-2026-0003:            # Darren Smith: new ASBRAC-2026-0003\n"
                         "        summary: \"Risk: high. Panel agreed CPW\"\n"
                         "    risk: high\n"
                         "    outcome: keep-open   # keep-open | close | refer-elsewhere\n"
                         "    close_reason: \"\"\n";
  const auto message = refusal(m1);
  CAPTURE(message);
  CHECK(message.starts_with("m.yaml:3:9: this line is indented by 8 spaces, but line 4 after it by 4 spaces, like line 5 "
                            "below it: start 'summary:' in the same column as line 4"));
  CHECK(message.ends_with("  write:      summary: \"Risk: high. Panel agreed CPW\""));
  // The same line pulled back to the case's column.
  const auto back = refusal(std::regex_replace(m1, std::regex("        summary"), "  summary"));
  CAPTURE(back);
  CHECK(back.starts_with("m.yaml:3:3: this line is indented by 2 spaces, but line 4 after it by 4 spaces"));
  CHECK(back.ends_with("  write:      summary: \"Risk: high. Panel agreed CPW\""));

  // --amend: an action inserted at 12 spaces before the recorded one at 6, the last of its list.
  const std::string amend = "cases:\n"
                            "  CCM-2017-0001:\n"
                            "    summary: \"s\"\n"
                            "    actions:\n"
                            "            - {owner: POL, description: \"New\", due: 2017-10-01}\n"
                            "      - {id: A-1, owner: POL, description: \"Old\", due: 2017-10-01}\n"
                            "  CCM-2017-0002:\n"
                            "    summary: \"t\"\n";
  const auto inserted = refusal(amend);
  CAPTURE(inserted);
  CHECK(inserted.starts_with("m.yaml:5:13: this list item is indented by 12 spaces, but line 6 after it by 6 spaces, two "
                             "spaces under 'actions:' on line 4 as the skeleton lays it out: start its '-' in the same "
                             "column as line 6"));
  CHECK(inserted.ends_with("  write:        - {owner: POL, description: \"New\", due: 2017-10-01}"));
  CHECK(inserted.find("write:            - {id: A-1") == std::string::npos);
}

TEST_CASE("yaml guidance: over every line of a case block moved to a wrong column, the line named is the one moved")
{
  const std::vector<std::string> block = {"cases:",
                                          "  CCM-2017-0001:            # Ann One: new CCM-2017-0001",
                                          "    summary: \"Discussed\"          # what the panel discussed",
                                          "    risk: high",
                                          "    outcome: keep-open   # keep-open | close | refer-elsewhere",
                                          "    close_reason: \"\"     # with close: risk reduced | other",
                                          "    referred_to: \"\"      # with refer-elsewhere: the forum",
                                          "    next_review:         # empty: reviewed at the next meeting",
                                          "  CCM-2017-0002:            # Bob Two: new CCM-2017-0002",
                                          "    summary: \"Discussed\"",
                                          "    risk: high",
                                          "    outcome: keep-open",
                                          "action_updates:",
                                          "  A-1: {status: open, note: \"\"}"};
  size_t named = 0;
  for (size_t i = 0; i < block.size(); ++i) {
    const auto indent = block[i].find_first_not_of(' ');
    // Leaf lines of a case (a key with its value), the F9 shape.
    if (indent != 4 || block[i].find(": ") == std::string::npos)
      continue;
    for (size_t moved = 0; moved <= 12; ++moved) {
      if (moved == indent)
        continue;
      auto lines = block;
      lines[i] = std::string(moved, ' ') + block[i].substr(indent);
      std::string text;
      for (const auto& l : lines)
        text += l + "\n";
      const auto caught = test::catch_error([&] { input::load_document(text, "m.yaml"); });
      if (!caught.thrown)
        continue;  // YAML of another shape (a top-level key, say): the minutes reader names it
      CAPTURE(text);
      CAPTURE(caught.message);
      const auto at = caught.message.find("write:");
      // A corrected line, when given, puts the moved line back: never another line re-indented.
      if (at != std::string::npos) {
        CHECK(caught.message.starts_with(fmt::format("m.yaml:{}:", i + 1)));
        CHECK(caught.message.substr(at + 6).find_first_not_of(' ') != std::string::npos);
        CHECK(caught.message.ends_with(block[i]));
        ++named;
      }
    }
  }
  MESSAGE(named << " moved lines named with their correction");
  CHECK(named > 20);
}
