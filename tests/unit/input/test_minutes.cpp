#include "panel/input/minutes.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace panel;

TEST_CASE("minutes files: a 10 MB summary is refused at its line, not stored")
{
  std::vector<std::string> problems;
  const std::string text = "held: true\ncases:\n  CCM-2017-0001:\n    summary: " + std::string(10 * 1024 * 1024, 's') + "\n";
  input::read_minutes(text, "m.yaml", problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() == "m.yaml:4: cases.CCM-2017-0001.summary: is 10485760 characters long; the limit is 20000");
}

TEST_CASE("minutes files: a summary of 20,000 characters, accented letters counted once, is accepted")
{
  std::vector<std::string> problems;
  std::string summary;
  for (int i = 0; i < 10000; ++i)
    summary += "\xc3\xa9";  // é: two bytes, one character
  summary += std::string(10000, 's');
  const auto m = input::read_minutes("held: true\ncases:\n  CCM-2017-0001:\n    summary: " + summary + "\n", "m.yaml", problems);
  CHECK(problems.empty());
  REQUIRE(m.cases.size() == 1);
  CHECK(m.cases.front().summary == summary);
}

TEST_CASE("minutes files: an outcome and a close reason are read as people type them")
{
  // A coordinator wrote "close_reason: Risk reduced" and was told the case needed a reason.
  std::vector<std::string> problems;
  const auto m = input::read_minutes("cases:\n  CCM-2017-0001:\n    summary: s\n    outcome: Closed\n"
                                     "    close_reason: \"  Risk   Reduced \"\n"
                                     "  CCM-2017-0002:\n    summary: s\n    outcome: Keep Open\n"
                                     "  CCM-2017-0003:\n    summary: s\n    outcome: close\n    close_reason: Referred elsewhere\n",
                                     "m.yaml", problems);
  CHECK(problems.empty());
  REQUIRE(m.cases.size() == 3);
  CHECK(m.cases[0].outcome == "close");
  CHECK(m.cases[0].close_reason == "risk reduced");
  CHECK(m.cases[1].outcome == "keep-open");
  CHECK(m.cases[2].close_reason == "referred elsewhere");  // a close reason, not the refer-elsewhere outcome
}

TEST_CASE("minutes files: each field of a case keeps its own line, for problems to be reported there")
{
  // Trial F10b: the trial's feb-bad.yaml shape; lines count from 1.
  std::vector<std::string> problems;
  const auto m = input::read_minutes("held: true\n"
                                     "cases:\n"
                                     "  ASBRAC-2026-0003:\n"
                                     "    summary: \"Reviewed\"\n"
                                     "    outcome: close\n"
                                     "    close_reason: \"sorted\"\n"
                                     "  ASBRAC-2026-0004: {summary: \"y\", outcome: keep-open,\n"
                                     "    next_review: 2027-01-01}\n"
                                     "  ASBRAC-2026-0005:\n"
                                     "    summary: s\n"
                                     "    next_review:\n",
                                     "m.yaml", problems);
  CHECK(problems.empty());
  REQUIRE(m.cases.size() == 3);
  CHECK(m.cases[0].line == 3);
  CHECK(m.cases[0].line_of("summary") == 4);
  CHECK(m.cases[0].line_of("close_reason") == 6);
  CHECK(m.cases[0].line_of("next_review") == 3);  // not written: the block's line
  CHECK(m.cases[1].line_of("outcome") == 7);
  CHECK(m.cases[1].line_of("next_review") == 8);
  CHECK(m.cases[2].line_of("next_review") == 11);  // written empty: its key's line
}
