#pragma once
// Private to store/: the only header that exposes SQLiteCpp.
#include "panel/store/db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace panel::store {

struct Db::Impl {
  // NOMUTEX: a connection is only ever used by the thread that opened it, so SQLite need not
  // lock it on every call (about 4% of a bulk import's instructions).
  Impl(const std::string& p, int flags) : path(p), sql(p, flags | SQLite::OPEN_NOMUTEX) {}
  std::string path;
  SQLite::Database sql;
  std::map<std::string_view, std::unique_ptr<SQLite::Statement>> statements;
  // Files to publish when the open transaction commits (publish_on_commit).
  std::vector<core::PendingFile> pending_files;

  // A statement prepared once per connection and reset for reuse; for statements that run once
  // per record in bulk work (audit rows). `text` must be a string literal.
  SQLite::Statement& cached(std::string_view text)
  {
    auto& slot = statements[text];
    if (!slot)
      slot = std::make_unique<SQLite::Statement>(sql, std::string(text));
    // tryReset: reset() would throw again the error of a step that failed last time (a CHECK
    // constraint), refusing this use for a problem that has already been reported.
    slot->tryReset();
    slot->clearBindings();
    return *slot;
  }
};

} // namespace panel::store
