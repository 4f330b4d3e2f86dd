#include "panel/mail/delivery.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace panel;
using test::catch_error;

namespace {

std::string read_text(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The permission bits of a file or folder.
unsigned mode_of(const std::string& path)
{
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

const std::string message = "From: cs@example.org\nTo: pol@example.org\nSubject: Actions\n\nA-1 is due.\n";

} // namespace

TEST_CASE("send: a program that exits 0 gets the message on its standard input")
{
  test::TempDir dir;
  const auto file = dir.file("sent.txt");
  // The file name is an argument of the script, not part of it: argv, never a shell string.
  CHECK(mail::send_with({"/bin/sh", "-c", "cat > \"$1\"", "sh", file}, message) == "");
  CHECK(read_text(file) == message);
}

TEST_CASE("send: the program is looked up on PATH")
{
  test::TempDir dir;
  const auto file = dir.file("sent.txt");
  CHECK(mail::send_with({"sh", "-c", "cat > \"$1\"", "sh", file}, message) == "");
  CHECK(read_text(file) == message);
}

TEST_CASE("send: a large message goes through whole, and a program that ignores it does no harm")
{
  test::TempDir dir;
  const auto file = dir.file("sent.txt");
  std::string big;
  for (int i = 0; big.size() < 1'000'000; ++i)
    big += "line " + std::to_string(i) + "\n";
  CHECK(mail::send_with({"/bin/sh", "-c", "cat > \"$1\"", "sh", file}, big) == "");
  CHECK(read_text(file) == big);
  // Exits without reading: the broken pipe must not kill the caller.
  CHECK(mail::send_with({"/bin/sh", "-c", "exit 0"}, big) == "");
}

TEST_CASE("send: a program that fails gives its name, its exit code and its first line on stderr")
{
  CHECK(mail::send_with({"/bin/sh", "-c", "cat > /dev/null; echo 'sendmail: cannot connect to mail.example.org' >&2; "
                                          "echo 'second line' >&2; exit 75"},
                        message) == "'/bin/sh' exited with 75: sendmail: cannot connect to mail.example.org");
  CHECK(mail::send_with({"/bin/sh", "-c", "exit 75"}, message) == "'/bin/sh' exited with 75");
  CHECK(mail::send_with({"/bin/sh", "-c", "echo '  spaced out  ' >&2; exit 1"}, message) ==
        "'/bin/sh' exited with 1: spaced out");
}

TEST_CASE("send: a program killed by a signal says so")
{
  CHECK(mail::send_with({"/bin/sh", "-c", "kill -TERM $$"}, message) == "'/bin/sh' was killed by signal 15");
}

TEST_CASE("send: a program that does not exist is named in the error")
{
  CHECK(mail::send_with({"/nonexistent/sendmail", "-t", "-i"}, message) ==
        "'/nonexistent/sendmail' exited with 127: cannot run '/nonexistent/sendmail': No such file or directory");
  CHECK(mail::send_with({"panel-test-no-such-sendmail"}, message) ==
        "'panel-test-no-such-sendmail' exited with 127: cannot run 'panel-test-no-such-sendmail': No such file or "
        "directory");
}

TEST_CASE("send: an empty argv is refused without running anything")
{
  CHECK(mail::send_with({}, message) == "no mail program: set mail.sendmail in the profile");
  CHECK(mail::send_with({""}, message) == "no mail program: set mail.sendmail in the profile");
  CHECK(mail::send_with({"", "-t"}, message) == "no mail program: set mail.sendmail in the profile");
}

TEST_CASE("eml: write_eml creates the folder 0700 and the file 0600 with the message")
{
  test::TempDir dir;
  const auto outbox = dir.file("outbox");
  const auto path = mail::write_eml(outbox, "2017-09-04-pol", message);
  CHECK(path == outbox + "/2017-09-04-pol.eml");
  CHECK(read_text(path) == message);
  CHECK(mode_of(outbox) == 0700);
  CHECK(mode_of(path) == 0600);
}

TEST_CASE("eml: write_eml never overwrites: a taken name gets -2, -3")
{
  test::TempDir dir;
  const auto outbox = dir.file("outbox");
  CHECK(mail::write_eml(outbox, "2017-09-04-pol", message) == outbox + "/2017-09-04-pol.eml");
  CHECK(mail::write_eml(outbox, "2017-09-04-pol", "second") == outbox + "/2017-09-04-pol-2.eml");
  CHECK(mail::write_eml(outbox, "2017-09-04-pol", "third") == outbox + "/2017-09-04-pol-3.eml");
  CHECK(mail::write_eml(outbox, "2017-09-04-asc", "other") == outbox + "/2017-09-04-asc.eml");
  CHECK(read_text(outbox + "/2017-09-04-pol.eml") == message);
  CHECK(read_text(outbox + "/2017-09-04-pol-2.eml") == "second");
  CHECK(read_text(outbox + "/2017-09-04-pol-3.eml") == "third");
  CHECK(mode_of(outbox + "/2017-09-04-pol-3.eml") == 0600);
}

TEST_CASE("eml: write_eml into an existing folder leaves its permissions alone")
{
  test::TempDir dir;
  const auto outbox = dir.file("outbox");
  std::filesystem::create_directory(outbox);
  std::filesystem::permissions(outbox, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                           std::filesystem::perms::group_exec);
  CHECK(mail::write_eml(outbox, "x", message) == outbox + "/x.eml");
  CHECK(mode_of(outbox) == 0750);
  CHECK(mode_of(outbox + "/x.eml") == 0600);
}

TEST_CASE("eml: write_eml where it cannot write is an error")
{
  test::TempDir dir;
  const auto file = dir.file("plain");
  test::write_text(file, "not a folder");

  const auto below_a_file = test::catch_error([&] { mail::write_eml(file + "/outbox", "x", message); });
  CHECK(below_a_file.thrown);
  CHECK(below_a_file.code == Exit::refused);
  CHECK(below_a_file.message == "cannot create the outbox '" + file + "/outbox': Not a directory");

  const auto is_a_file = test::catch_error([&] { mail::write_eml(file, "x", message); });
  CHECK(is_a_file.thrown);
  CHECK(is_a_file.code == Exit::refused);
  CHECK(is_a_file.message == "cannot create '" + file + "/x.eml': Not a directory");
  CHECK(read_text(file) == "not a folder");

  const auto no_parent = test::catch_error([&] { mail::write_eml(dir.file("a/b"), "x", message); });
  CHECK(no_parent.code == Exit::refused);
  CHECK(no_parent.message == "cannot create the outbox '" + dir.file("a/b") + "': No such file or directory");

  if (::geteuid() != 0) {  // root writes anywhere
    const auto locked = dir.file("locked");
    std::filesystem::create_directory(locked);
    std::filesystem::permissions(locked, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    const auto caught = test::catch_error([&] { mail::write_eml(locked, "x", message); });
    CHECK(caught.code == Exit::refused);
    CHECK(caught.message == "cannot create '" + locked + "/x.eml': Permission denied");
  }
}
