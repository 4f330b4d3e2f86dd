#pragma once
// Shared helpers for the unit tests: temporary folders, a fixed actor, raw SQL on a file, and
// the message and exit code of an expected panel::Error.
#include "panel/core/actor.hpp"
#include "panel/core/error.hpp"

#include <doctest/doctest.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <sstream>
#include <sqlite3.h>
#include <string>
#include <unistd.h>

namespace panel::test {

// A fresh folder under the system temp folder, removed with everything in it at the end of scope.
class TempDir {
public:
  TempDir()
  {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto candidate = base / ("panel-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                               "-" + std::to_string(random()));
      if (std::filesystem::create_directory(candidate)) {
        m_path = candidate;
        return;
      }
    }
    FAIL("cannot create a temporary folder");
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir()
  {
    std::error_code ignored;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(m_path, ignored);
  }

  const std::filesystem::path& path() const { return m_path; }
  // A path inside the folder, as the string the library takes.
  std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
  std::filesystem::path m_path;
};

// The whole of a file (through rdbuf: GCC 12 warns of a null dereference, falsely, when an
// istreambuf_iterator pair is inlined at -O2).
inline std::string read_text(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::string& path, const std::string& text)
{
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

inline bool exists(const std::string& path) { return std::filesystem::exists(path); }

// The actor every test acts as, on the pinned date the golden tests use.
inline core::Actor actor(const std::string& at = "2017-09-04T10:15:00Z", const std::string& command = "test")
{
  return {"tester", command, at, *core::Date::parse(at.substr(0, 10))};
}

// The outcome of running raw SQL against a file with the sqlite3 C API (tests only: the library
// keeps all SQL in store/).
struct SqlResult {
  int rc = SQLITE_OK;
  std::string message;
  std::string first_value;  // first column of the last row, if any
};

inline SqlResult raw_sql(const std::string& path, const std::string& sql)
{
  SqlResult result;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    result.rc = sqlite3_errcode(db);
    result.message = sqlite3_errmsg(db);
    sqlite3_close(db);
    return result;
  }
  char* error = nullptr;
  auto callback = [](void* target, int columns, char** values, char**) -> int {
    if (columns > 0 && values[0])
      static_cast<SqlResult*>(target)->first_value = values[0];
    return 0;
  };
  result.rc = sqlite3_exec(db, sql.c_str(), callback, &result, &error);
  if (error) {
    result.message = error;
    sqlite3_free(error);
  }
  sqlite3_close(db);
  return result;
}

// What an expected panel::Error said; fails the test when nothing or something else was thrown.
struct Caught {
  bool thrown = false;
  Exit code = Exit::ok;
  std::string message;
};

inline Caught catch_error(const std::function<void()>& action)
{
  Caught caught;
  try {
    action();
  } catch (const Error& e) {
    caught = {true, e.code(), e.what()};
  }
  return caught;
}

} // namespace panel::test
