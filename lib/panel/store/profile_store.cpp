#include "panel/store/profile_store.hpp"

#include "panel/store/impl.hpp"

namespace panel::store {

std::optional<std::string> load_profile_yaml(Db& db)
{
  SQLite::Statement s(db.impl().sql, "SELECT yaml FROM profile WHERE id = 1");
  if (!s.executeStep())
    return std::nullopt;
  return s.getColumn(0).getString();
}

void save_profile_yaml(Db& db, const std::string& yaml, const core::Actor& actor)
{
  SQLite::Statement s(db.impl().sql,
                      "INSERT INTO profile (id, yaml, updated_at, updated_by) VALUES (1, ?, ?, ?) "
                      "ON CONFLICT (id) DO UPDATE SET yaml = excluded.yaml, "
                      "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  s.bind(1, yaml);
  s.bind(2, actor.at);
  s.bind(3, actor.user);
  s.exec();
}

} // namespace panel::store
