#pragma once
// Private to store/: the only header that exposes SQLiteCpp.
#include "panel/store/db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panel::store {

struct Db::Impl {
  Impl(const std::string& p, int flags) : path(p), sql(p, flags) {}
  std::string path;
  SQLite::Database sql;
};

} // namespace panel::store
