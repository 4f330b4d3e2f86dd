#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// An action just added: its id, its case and its owner as the register spells them.
struct AddedAction {
  std::string id, case_reference, owner;
};
// Adds an action to a case between meetings (reference and owner in any case). Error(refused) for
// an unknown case or agency, an empty description or a due date in the past.
AddedAction add_action(store::Db& db, const std::string& case_reference, const std::string& owner, core::Date due,
                       const std::string& text, const core::Actor& actor);

// The words of an action's `text` that name a person of its case (their name, a part of it, or a
// name they were referred under: see rules::find_names and store::case_names), as written;
// empty when none. Recording such a text warns; reminder mails show the case reference instead.
std::vector<std::string> names_in_action(store::Db& db, const std::string& case_reference, const std::string& text);

// The warning for an action whose text names people of its case (`words`, from names_in_action):
// "A-3: the text names a person of CCM-2017-0001 ('O'Brien'): ...".
std::string named_warning(const std::string& id, const std::string& case_reference, const std::vector<std::string>& words);

// What `action update` may change; unset fields stay.
struct ActionChange {
  std::optional<core::Date> due;
  std::string owner, status, note;
};
// Changes an action (status, due date, owner), keeping each change in its history; audited. The
// id, owner and status may be typed in any case (`a-4`, `hsg`, `Done`); returns the action's id.
std::string update_action(store::Db& db, const std::string& id, ActionChange change, const core::Actor& actor);

// An action and its history; Error(refused) for an unknown id.
std::pair<store::ActionRow, std::vector<store::ActionChange>> show_action(store::Db& db, const std::string& id);

} // namespace panel::ops
