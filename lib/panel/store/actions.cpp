#include "panel/store/actions.hpp"

#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {
namespace {

// An action belongs to a case or to an ASB case review; its "case" is the one's reference.
constexpr const char* from = "action a LEFT JOIN \"case\" k ON k.id = a.case_id LEFT JOIN case_review t ON t.id = a.case_review_id";
constexpr const char* columns = "a.id, coalesce(k.reference, t.reference), a.owner, a.description, a.status, a.due, a.status_date, "
                                "coalesce((SELECT m.date FROM meeting m WHERE m.id = a.meeting_id), ''), "
                                "a.case_review_id IS NOT NULL";

ActionRow read(SQLite::Statement& s)
{
  return {{"A-" + std::to_string(s.getColumn(0).getInt64()), s.getColumn(1).getString(), s.getColumn(2).getString(),
           s.getColumn(3).getString(), s.getColumn(4).getString(), date_of(s.getColumn(5)), optional_date(s.getColumn(6))},
          s.getColumn(7).getString(), s.getColumn(8).getInt() != 0};
}

std::int64_t number(const std::string& id) { return std::stoll(core::trim(id).substr(2)); }

} // namespace

std::vector<ActionRow> list_actions(Db& db, const ActionFilter& f)
{
  SQLite::Statement s(db.impl().sql,
                      fmt::format("SELECT {} FROM {} "
                                  "WHERE (?1 = '' OR a.status = ?1) AND (?2 = '' OR a.owner = ?2 COLLATE NOCASE) "
                                  "AND (?3 = '' OR k.reference = ?3 COLLATE NOCASE OR t.reference = ?3 COLLATE NOCASE) "
                                  "AND (?4 IS NULL OR a.due <= ?4) ORDER BY a.due, a.id",
                                  columns, from));
  s.bind(1, f.status);
  s.bind(2, f.agency);
  s.bind(3, f.case_reference);
  bind_optional(s, 4, f.due_by);
  std::vector<ActionRow> rows;
  while (s.executeStep())
    rows.push_back(read(s));
  return rows;
}

std::optional<ActionRow> find_action(Db& db, const std::string& typed)
{
  // `a-4` is A-4: ids are typed in any case, like every other word (issue #21).
  const auto id = core::trim(typed);
  if (id.size() < 3 || !core::same_word(id.substr(0, 2), "A-") || id.find_first_not_of("0123456789", 2) != std::string::npos)
    return std::nullopt;
  SQLite::Statement s(db.impl().sql,
                      fmt::format("SELECT {} FROM {} WHERE a.id = ?", columns, from));
  s.bind(1, number(id));
  if (!s.executeStep())
    return std::nullopt;
  return read(s);
}

std::vector<ActionChange> action_history(Db& db, const std::string& id)
{
  SQLite::Statement s(db.impl().sql, "SELECT at, day, user, change, note FROM action_history WHERE action_id = ? ORDER BY id");
  s.bind(1, number(id));
  std::vector<ActionChange> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                    s.getColumn(3).getString(), s.getColumn(4).getString()});
  return rows;
}

void change_action(Db& db, const std::string& id, const std::optional<core::Date>& due, const std::string& owner,
                   const std::string& note, const core::Actor& actor)
{
  const auto before = find_action(db, id);
  std::vector<std::string> changes;
  if (due && *due != before->action.due)
    changes.push_back(fmt::format("due {} -> {}", before->action.due.iso(), due->iso()));
  if (!owner.empty() && owner != before->action.owner)
    changes.push_back(fmt::format("owner {} -> {}", before->action.owner, owner));
  if (changes.empty() && note.empty())
    return;
  SQLite::Statement s(db.impl().sql, "UPDATE action SET due = coalesce(?, due), owner = CASE WHEN ? = '' THEN owner ELSE ? END "
                                     "WHERE id = ?");
  bind_optional(s, 1, due);
  s.bind(2, owner);
  s.bind(3, owner);
  s.bind(4, number(id));
  s.exec();
  std::string change;
  for (size_t i = 0; i < changes.size(); ++i)
    change += (i ? "; " : "") + changes[i];
  append_action_history(db, number(id), actor, actor.today, change.empty() ? std::string("note") : change, note);
}

void append_action_history(Db& db, std::int64_t action_id, const core::Actor& actor, core::Date day,
                           const std::string& change, const std::string& note)
{
  SQLite::Statement h(db.impl().sql, "INSERT INTO action_history (action_id, at, day, user, change, note) VALUES (?, ?, ?, ?, ?, ?)");
  h.bind(1, action_id);
  h.bind(2, actor.at);
  h.bind(3, day.iso());
  h.bind(4, actor.user);
  h.bind(5, change);
  h.bind(6, note);
  h.exec();
}

std::string insert_action_row(Db& db, const ActionOf& of, std::optional<std::int64_t> meeting_id, const core::NewAction& a,
                              const core::Actor& actor)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO action (case_id, case_review_id, meeting_id, owner, description, due, "
                                     "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  bind_optional(s, 1, of.case_id);
  bind_optional(s, 2, of.case_review_id);
  bind_optional(s, 3, meeting_id);
  s.bind(4, a.owner);
  s.bind(5, a.description);
  s.bind(6, a.due.iso());
  s.bind(7, actor.at);
  s.bind(8, actor.user);
  s.exec();
  const auto id = db.impl().sql.getLastInsertRowid();
  append_action_history(db, id, actor, actor.today, "created", "");
  return "A-" + std::to_string(id);
}

} // namespace panel::store
