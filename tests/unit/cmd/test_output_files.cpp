// -o FILE end to end, in-process: the file appears only with its document and audit rows, private,
// never through a link; a full disk (the core/files write seam) leaves neither file nor row.
#include "cmd/cli.hpp"

#include "panel/core/files.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>

using namespace panel;

namespace {

struct Panel {
  int run(const std::vector<std::string>& args)
  {
    std::ostringstream out, err;
    cmd::Context ctx(out, err);
    ctx.env = {{"PANEL_TODAY", "2017-09-04"}, {"PANEL_NOW", "2017-09-04T10:15:00Z"}, {"PANEL_USER", "tester"},
               {"PANEL_DB", db}, {"USER", "login"}, {"TMPDIR", dir.path().string()}};
    ctx.calendar = [] { return *core::Date::parse("1999-01-01"); };
    const int code = cmd::run(args, ctx);
    last_err = err.str();
    return code;
  }
  std::string count(const std::string& table) { return test::raw_sql(db, "select count(*) from " + table).first_value; }
  std::vector<std::string> names()
  {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  test::TempDir dir;
  std::string db = dir.file("panel.db");
  std::string last_err;
};

struct FailWritesAfter {
  explicit FailWritesAfter(std::size_t bytes) { core::fail_writes_after(bytes); }
  ~FailWritesAfter() { core::fail_writes_after(std::nullopt); }
};

// A register with one referral and a meeting it is on.
void referral(Panel& p)
{
  REQUIRE(p.run({"-q", "init"}) == 0);
  REQUIRE(p.run({"-q", "meeting", "add", "2017-09-12"}) == 0);
  REQUIRE(p.run({"-q", "refer", "--received", "2017-09-02", "--agency", "MH", "--name", "Zoe OBrien", "--dob",
                 "1990-05-21", "--category", "harassment", "--vulnerable", "--agencies-involved", "2", "--summary",
                 "Weekly abuse continues."}) == 0);
  REQUIRE(p.run({"-q", "triage", "CCM-2017-0001", "accept", "--meeting", "2017-09-12"}) == 0);
}

} // namespace

TEST_CASE("output files: letter -o on a full disk leaves no letter, no document row and no audit row")
{
  Panel p;
  referral(p);
  const auto audit = p.count("audit_log");
  {
    FailWritesAfter seam(100);
    CHECK(p.run({"letter", "referral-acknowledgement", "CCM-2017-0001", "-o", p.dir.file("letter.md")}) == 1);
  }
  CHECK(p.last_err.find("the disk is full") != std::string::npos);
  CHECK(p.count("documents") == "0");
  CHECK(p.count("audit_log") == audit);
  CHECK(!test::exists(p.dir.file("letter.md")));
  for (const auto& name : p.names())  // no temporary left behind
    CHECK(name.starts_with("panel.db"));
}

TEST_CASE("output files: agenda --pack -o on a full disk leaves no 0-byte pack")
{
  Panel p;
  referral(p);
  {
    FailWritesAfter seam(0);
    CHECK(p.run({"agenda", "2017-09-12", "--pack", "-o", p.dir.file("pack.md")}) == 1);
  }
  CHECK(!test::exists(p.dir.file("pack.md")));
  CHECK(p.count("documents") == "0");
  CHECK(p.run({"agenda", "2017-09-12", "--pack", "-o", p.dir.file("pack.md")}) == 0);
  CHECK(p.count("documents") == "1");
  CHECK(std::filesystem::file_size(p.dir.file("pack.md")) > 100);
}

TEST_CASE("output files: letter -o --force through a planted link is refused; the link's target is untouched")
{
  Panel p;
  referral(p);
  const auto victim = p.dir.file("victim");
  test::write_text(victim, "precious");
  REQUIRE(::symlink(victim.c_str(), p.dir.file("letter.md").c_str()) == 0);
  CHECK(p.run({"letter", "referral-acknowledgement", "CCM-2017-0001", "-o", p.dir.file("letter.md"), "--force"}) == 1);
  CHECK(p.last_err.find("is a symbolic link") != std::string::npos);
  CHECK(p.count("documents") == "0");
  CHECK(test::read_text(victim) == "precious");
}

TEST_CASE("output files: letter -o --force over a 0644 file leaves a 0600 letter")
{
  Panel p;
  referral(p);
  const auto path = p.dir.file("letter.md");
  test::write_text(path, "old");
  REQUIRE(::chmod(path.c_str(), 0644) == 0);
  CHECK(p.run({"letter", "referral-acknowledgement", "CCM-2017-0001", "-o", path, "--force"}) == 0);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(p.count("documents") == "1");
}
