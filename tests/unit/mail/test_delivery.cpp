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

TEST_CASE("send: a program not named by its full path is refused without running it")
{
  test::TempDir dir;
  const auto file = dir.file("sent.txt");
  CHECK(mail::send_with({"sh", "-c", "cat > \"$1\"", "sh", file}, message) ==
        "mail.sendmail: 'sh' is not an absolute path: name the program in full, e.g. [/usr/sbin/sendmail, -t, -i]");
  CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("send: a mail program others can change is refused at send time, without running it")
{
  // A register can come from elsewhere (a restored backup): the program is checked again
  // before each message, not only when it was set.
  test::TempDir dir;
  const auto program = dir.file("sendmail");
  const auto ran = dir.file("ran");
  {
    std::ofstream script(program);
    script << "#!/bin/sh\ntouch '" << ran << "'\n";
  }
  REQUIRE(::chmod(dir.path().string().c_str(), 0700) == 0);
  REQUIRE(::chmod(program.c_str(), 0755) == 0);
  CHECK(mail::program_problem({program}) == "");
  CHECK(mail::send_with({program}, message) == "");
  CHECK(std::filesystem::exists(ran));
  std::filesystem::remove(ran);

  REQUIRE(::chmod(program.c_str(), 0775) == 0);
  CHECK(mail::send_with({program}, message) ==
        "mail.sendmail: '" + program + "' can be changed by users other than root and you (mode 775): panel runs it "
        "to send mail, so only root or you may write it");
  REQUIRE(::chmod(program.c_str(), 0757) == 0);
  CHECK(mail::program_problem({program}).find("can be changed by users other than root and you (mode 757)") !=
        std::string::npos);
  REQUIRE(::chmod(program.c_str(), 0755) == 0);
  REQUIRE(::chmod(dir.path().string().c_str(), 0777) == 0);
  CHECK(mail::send_with({program}, message).find("a folder users other than root and you can change (mode 777)") !=
        std::string::npos);
  REQUIRE(::chmod(dir.path().string().c_str(), 0700) == 0);
  CHECK_FALSE(std::filesystem::exists(ran));
}

TEST_CASE("send: through a symbolic link, the real file's folder is checked too")
{
  test::TempDir dir;
  const auto open_folder = dir.file("open");
  const auto safe_folder = dir.file("safe");
  std::filesystem::create_directory(open_folder);
  std::filesystem::create_directory(safe_folder);
  const auto real = open_folder + "/sendmail";
  { std::ofstream(real) << "#!/bin/sh\nexit 0\n"; }
  REQUIRE(::chmod(real.c_str(), 0755) == 0);
  REQUIRE(::chmod(open_folder.c_str(), 0777) == 0);
  REQUIRE(::chmod(safe_folder.c_str(), 0755) == 0);
  std::filesystem::create_symlink(real, safe_folder + "/sendmail");
  CHECK(mail::program_problem({safe_folder + "/sendmail"}).find("is in '" + open_folder + "'") != std::string::npos);
  REQUIRE(::chmod(open_folder.c_str(), 0755) == 0);
  CHECK(mail::program_problem({safe_folder + "/sendmail"}) == "");
}

TEST_CASE("send: a folder or a file that is not executable is not a mail program")
{
  test::TempDir dir;
  REQUIRE(::chmod(dir.path().string().c_str(), 0700) == 0);
  CHECK(mail::program_problem({dir.path().string()}) == "mail.sendmail: '" + dir.path().string() + "' is not an executable program");
  const auto text = dir.file("text");
  { std::ofstream(text) << "x"; }
  CHECK(mail::program_problem({text, "-t"}) == "mail.sendmail: '" + text + "' is not an executable program");
  CHECK(mail::program_problem({"/bin/sh", "-c", "id"}) == "");  // safe to run, so allowed only by --allow-mail-program
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
        "mail.sendmail: '/nonexistent/sendmail' does not exist");
}

TEST_CASE("send: an empty argv is refused without running anything")
{
  const std::string empty =
      "mail.sendmail is empty: give the program and its arguments, e.g. [/usr/sbin/sendmail, -t, -i]";
  CHECK(mail::send_with({}, message) == empty);
  CHECK(mail::send_with({""}, message) == empty);
  CHECK(mail::send_with({"", "-t"}, message) == empty);
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
