#include "panel/input/file.hpp"
#include "tests/unit/cmd/in_process.hpp"

#include <doctest/doctest.h>
#include <sstream>

using namespace panel;

namespace {

using test::Outcome;

// A register and commands run on it in-process (tests/unit/cmd/in_process.hpp), with `input` as
// their standard input.
struct Register : test::InProcess {
  Outcome run(const std::vector<std::string>& args, const std::string& input = "") { return run_with(args, {}, input); }
};

} // namespace

TEST_CASE("refer: --file - reads the Context's standard input, CSV or YAML")
{
  Register r;
  REQUIRE(r.run({"-q", "init"}).code == 0);
  auto result = r.run({"refer", "--file", "-", "--format", "csv"},
                      "received,agency,name,category,summary\n2017-09-01,POL,Ann Lee,assault,from stdin\n");
  CHECK(result.code == 0);
  CHECK(result.err == "recorded 1 referral\n");
  CHECK(result.out.find("CCM-2017-0001") != std::string::npos);

  result = r.run({"refer", "--file", "-", "--format", "csv"},
                 "received: 2017-09-01\nagency: POL\nsubject: {name: Bo Lee}\ncategories: [assault]\nsummary: yaml\n");
  CHECK(result.code == 0);
  CHECK(result.out.find("CCM-2017-0002") != std::string::npos);
}

TEST_CASE("refer: a problem in standard input is named <stdin> with its line, and nothing is recorded")
{
  Register r;
  REQUIRE(r.run({"-q", "init"}).code == 0);
  const auto result = r.run({"refer", "--file", "-"}, "received,agency,name,category,summary\n2017-09-01,XYZ,Ann Lee,assault,s\n");
  CHECK(result.code == 1);
  CHECK(result.err.find("<stdin>:2:") != std::string::npos);
  CHECK(r.run({"refer", "--file", "-"}, "").code != 0);  // an empty input records nothing either
}

TEST_CASE("refer: without a stream given, standard input is empty, never the process's")
{
  std::ostringstream out, err;
  cmd::Context ctx(out, err);
  std::string line;
  CHECK_FALSE(std::getline(ctx.in, line));
}

TEST_CASE("incidents import - reads the Context's standard input, not the process's")
{
  Register r;
  REQUIRE(r.run({"-q", "init"}).code == 0);
  const auto street = test::read_text(std::string(PANEL_SOURCE_DIR) +
                                      "/tests/data/police/hodsong/2021-09-city-of-london-street.csv");
  REQUIRE(!street.empty());
  const auto result = r.run({"incidents", "import", "-"}, street);
  CHECK(result.code == 0);
  CHECK(result.err.find("imported 765 incidents for City of London Police 2021-09") != std::string::npos);
}

TEST_CASE("the library refuses '-' where no standard input was handed down")
{
  const auto error = test::catch_error([] { (void)input::read_file("-"); });
  CHECK(error.code == Exit::refused);
  CHECK(error.message == "'-' (standard input) cannot be read here: give a file name");
}
