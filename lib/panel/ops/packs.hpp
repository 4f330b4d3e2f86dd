#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agenda.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/documents/documents.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>

namespace panel::ops {

struct PackRequest {
  std::optional<core::Date> date;  // the meeting; none: the next open one
  documents::Output output;
  std::string templates;           // --templates / PANEL_TEMPLATES
};

// The meeting pack (template `meeting-pack`) for a meeting: rendered, recorded as a document
// about the meeting and audited as an export of personal data. (Research lists: ops/research.hpp.)
documents::Produced meeting_document(store::Db& db, const PackRequest& request, const core::Actor& actor);

// What a meeting document shows (docs/templates.md, `for: meeting`): the meeting, its quorum,
// each item with its people and risk, outstanding actions; `agency` and `recipient` empty.
core::Value meeting_context(store::Db& db, const core::Profile& profile, const core::Agenda& agenda, core::Date today);
// The template `name`, checked and required to be for meetings; Error(refused) otherwise.
core::Template meeting_template(store::Db& db, const std::string& templates, const std::string& name);

// The minutes of a held meeting as a document (template `minutes`): marking, confidentiality
// statement, attendance, observers, each case discussed, and the actions agreed. Recorded and
// audited like the pack. Error(refused) when the meeting has no minutes.
documents::Produced minutes_document(store::Db& db, core::Date date, const documents::Output& output, const std::string& templates,
                          const core::Actor& actor);

} // namespace panel::ops
