#include "panel/store/history.hpp"

#include "panel/store/impl.hpp"

namespace panel::store {

void append_history(Db& db, const core::Actor& actor, core::HistoryEntity entity, std::int64_t record_id,
                    const std::string& field, const std::string& old_value, const std::string& new_value,
                    const std::string& reason)
{
  auto& s = db.impl().cached("INSERT INTO history (entity, record_id, field, old, new, reason, at, day, user, command) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, core::to_string(entity));
  s.bind(2, record_id);
  s.bind(3, field);
  s.bind(4, old_value);
  s.bind(5, new_value);
  s.bind(6, reason);
  s.bind(7, actor.at);
  s.bind(8, actor.today.iso());
  s.bind(9, actor.user);
  s.bind(10, actor.command);
  s.exec();
}

std::vector<core::HistoryRow> history_of(Db& db, core::HistoryEntity entity, std::int64_t record_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT at, day, user, command, field, old, new, reason FROM history "
                                     "WHERE entity = ? AND record_id = ? ORDER BY id");
  s.bind(1, core::to_string(entity));
  s.bind(2, record_id);
  std::vector<core::HistoryRow> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                    s.getColumn(6).getString(), s.getColumn(7).getString()});
  return rows;
}

} // namespace panel::store
