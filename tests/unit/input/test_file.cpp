#include "panel/input/file.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sys/stat.h>
#include <thread>

using namespace panel;

TEST_CASE("read_file: a regular file is read whole")
{
  test::TempDir dir;
  const auto path = (dir.path() / "a.yaml").string();
  std::ofstream(path) << "a: 1\n";
  CHECK(input::read_file(path) == "a: 1\n");
}

TEST_CASE("read_file: a file over the limit is refused by its size, before it is read")
{
  test::TempDir dir;
  const auto path = (dir.path() / "big.csv").string();
  std::ofstream(path) << std::string(1024 * 1024 + 1, 'x');
  const auto caught = test::catch_error([&] { input::read_file(path, 1); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == path + ": larger than 1 MB; panel reads at most 1 MB");
  CHECK(input::read_file(path, 2).size() == 1024 * 1024 + 1);
}

TEST_CASE("read_file: a device that never ends is refused at the limit, not read into memory")
{
  const auto caught = test::catch_error([&] { input::read_file("/dev/zero", 1); });
  CHECK(caught.message == "/dev/zero: larger than 1 MB; panel reads at most 1 MB");
}

TEST_CASE("read_file: a FIFO is read until its writer closes it")
{
  test::TempDir dir;
  const auto path = (dir.path() / "fifo").string();
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  std::thread writer([&] { std::ofstream(path) << "received: 2017-09-01\n"; });
  const auto text = input::read_file(path);
  writer.join();
  CHECK(text == "received: 2017-09-01\n");
}

TEST_CASE("read_file: a folder and a missing file are refused with the reason")
{
  test::TempDir dir;
  CHECK(test::catch_error([&] { input::read_file(dir.path().string()); }).message ==
        "cannot read '" + dir.path().string() + "': it is a folder");
  CHECK(test::catch_error([&] { input::read_file((dir.path() / "no").string()); }).message ==
        "cannot read '" + (dir.path() / "no").string() + "': No such file or directory");
}
