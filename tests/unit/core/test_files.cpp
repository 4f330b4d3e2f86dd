#include "panel/core/files.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sys/stat.h>

using namespace panel;
using test::catch_error;
using test::TempDir;

namespace {

unsigned mode_of(const std::string& path)
{
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string read(const std::string& path)
{
  return test::read_text(path);
}

// Every name in the folder: a temporary left behind shows up here.
std::vector<std::string> names_in(const std::filesystem::path& folder)
{
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Turns the write seam off however the test ends.
struct FailWritesAfter {
  explicit FailWritesAfter(std::size_t bytes) { core::fail_writes_after(bytes); }
  ~FailWritesAfter() { core::fail_writes_after(std::nullopt); }
};

} // namespace

TEST_CASE("files: a new file is mode 0600 whatever the umask")
{
  TempDir dir;
  const auto old = ::umask(0);
  core::write_file(dir.file("letter.md"), "Dear colleague", false);
  ::umask(old);
  CHECK(mode_of(dir.file("letter.md")) == 0600);
  CHECK(read(dir.file("letter.md")) == "Dear colleague");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"letter.md"});
}

TEST_CASE("files: --force replaces an existing 0644 file with a 0600 one")
{
  TempDir dir;
  const auto path = dir.file("export.json");
  test::write_text(path, "old");
  REQUIRE(::chmod(path.c_str(), 0644) == 0);
  core::write_file(path, "new", true);
  CHECK(mode_of(path) == 0600);
  CHECK(read(path) == "new");
}

TEST_CASE("files: an existing file is kept unless forced")
{
  TempDir dir;
  const auto path = dir.file("pack.md");
  test::write_text(path, "old");
  const auto caught = catch_error([&] { core::write_file(path, "new", false); });
  CHECK(caught.message == "'" + path + "' already exists; use --force to overwrite it");
  CHECK(caught.code == Exit::refused);
  CHECK(read(path) == "old");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"pack.md"});
}

TEST_CASE("files: a symbolic link planted at the target is refused even with --force, and what it points at is untouched")
{
  TempDir dir;
  const auto victim = dir.file("victim.txt");
  test::write_text(victim, "precious");
  REQUIRE(::chmod(victim.c_str(), 0644) == 0);
  const auto link = dir.file("letter.md");
  REQUIRE(::symlink(victim.c_str(), link.c_str()) == 0);
  for (const bool force : {false, true}) {
    const auto caught = catch_error([&] { core::write_file(link, "Dear colleague", force); });
    CHECK(caught.code == Exit::refused);
    CHECK(caught.message.find("is a symbolic link") != std::string::npos);
  }
  CHECK(read(victim) == "precious");
  CHECK(mode_of(victim) == 0644);
  CHECK(std::filesystem::is_symlink(link));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"letter.md", "victim.txt"});
}

TEST_CASE("files: a link dangling to a file not yet made is refused too (it would create that file)")
{
  TempDir dir;
  const auto link = dir.file("out.md");
  REQUIRE(::symlink(dir.file("elsewhere.md").c_str(), link.c_str()) == 0);
  CHECK(catch_error([&] { core::write_file(link, "x", true); }).code == Exit::refused);
  CHECK(!test::exists(dir.file("elsewhere.md")));
}

TEST_CASE("files: a full disk half-way leaves neither the file nor a temporary, and says the disk is full")
{
  TempDir dir;
  const auto path = dir.file("letter.md");
  const std::string bytes(100000, 'x');
  FailWritesAfter seam(4096);
  const auto caught = catch_error([&] { core::write_file(path, bytes, false); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "cannot write '" + path + "': the disk is full (No space left on device)");
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("files: a full disk when forced keeps the old file whole")
{
  TempDir dir;
  const auto path = dir.file("report.csv");
  test::write_text(path, "the old report");
  FailWritesAfter seam(3);
  CHECK(catch_error([&] { core::write_file(path, "the new report", true); }).code == Exit::refused);
  CHECK(read(path) == "the old report");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"report.csv"});
}

TEST_CASE("files: a pending file dropped unpublished leaves nothing; published, it appears whole")
{
  TempDir dir;
  const auto path = dir.file("list.md");
  {
    core::PendingFile file(path, false);
    file.write("research list");
    CHECK(test::exists(file.temporary()));
    CHECK(!test::exists(path));
  }
  CHECK(names_in(dir.path()).empty());
  core::PendingFile file(path, false);
  file.write("research list");
  file.publish();
  CHECK(read(path) == "research list");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"list.md"});
}

TEST_CASE("files: a file made at the target while a pending one was written is not replaced unless forced")
{
  TempDir dir;
  const auto path = dir.file("pack.md");
  core::PendingFile file(path, false);
  file.write("mine");
  test::write_text(path, "theirs");
  CHECK(catch_error([&] { file.publish(); }).code == Exit::refused);
  CHECK(read(path) == "theirs");
}

TEST_CASE("files: a folder that does not exist is named in the refusal")
{
  TempDir dir;
  const auto path = dir.file("missing/letter.md");
  const auto caught = catch_error([&] { core::write_file(path, "x", false); });
  CHECK(caught.message == "cannot create '" + path + "': No such file or directory");
}

TEST_CASE("files: a temporary file is private and removed at the end of its scope")
{
  TempDir dir;
  std::string path;
  {
    core::TemporaryFile file(dir.path().string(), "minutes", ".md");
    path = file.path();
    CHECK(mode_of(path) == 0600);
    const auto name = std::filesystem::path(path).filename().string();  // panel-minutes-XXXXXX.md, as before
    CHECK(name.starts_with("panel-minutes-"));
    CHECK(name.size() == std::string("panel-minutes-XXXXXX.md").size());
    CHECK(name.ends_with(".md"));
  }
  CHECK(!test::exists(path));
}
