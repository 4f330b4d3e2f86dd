#pragma once
#include "panel/core/actor.hpp"
#include "panel/ops/documents.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>

namespace panel::ops {

struct PackRequest {
  std::optional<core::Date> date;  // the meeting; none: the next open one
  std::string agency;              // a research list for this agency; "" for the meeting pack
  Output output;
  std::string templates;           // --templates / PANEL_TEMPLATES
};

// The meeting pack (template `meeting-pack`) or an agency's research list (`research-list`) for a
// meeting: rendered, recorded as a document about the meeting and audited as an export of
// personal data.
Produced meeting_document(store::Db& db, const PackRequest& request, const core::Actor& actor);

// The minutes of a held meeting as a document (template `minutes`): marking, confidentiality
// statement, attendance, observers, each case discussed, and the actions agreed. Recorded and
// audited like the pack. Error(refused) when the meeting has no minutes.
Produced minutes_document(store::Db& db, core::Date date, const Output& output, const std::string& templates,
                          const core::Actor& actor);

} // namespace panel::ops
