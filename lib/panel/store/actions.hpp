#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/minutes.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// Which actions to list; empty fields do not filter.
struct ActionFilter {
  std::string status, agency, case_reference;
  std::optional<core::Date> due_by;  // due on or before
};

// An action with the meeting that agreed it (core/minutes.hpp).
using ActionRow = core::ActionRow;

std::vector<ActionRow> list_actions(Db& db, const ActionFilter& filter);
std::optional<ActionRow> find_action(Db& db, const std::string& id);

// One change in an action's history.
struct ActionChange {
  std::string at, day, user, change, note;
};
std::vector<ActionChange> action_history(Db& db, const std::string& id);
// Appends one row to an action's history (`action_id` is the number of "A-12"), stamped with the actor.
void append_action_history(Db& db, std::int64_t action_id, const core::Actor& actor, core::Date day,
                           const std::string& change, const std::string& note);

// Changes due date and owner, keeping the change in the history.
void change_action(Db& db, const std::string& id, const std::optional<core::Date>& due, const std::string& owner,
                   const std::string& note, const core::Actor& actor);

// Whose an action is: a case's, or an ASB case review's (one of the two).
struct ActionOf {
  std::optional<std::int64_t> case_id, case_review_id;
};
// Adds an action with its 'created' history row; returns its id ("A-12").
std::string insert_action_row(Db& db, const ActionOf& of, std::optional<std::int64_t> meeting_id, const core::NewAction& action,
                              const core::Actor& actor);

} // namespace panel::store
