#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/meeting.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"
#include "panel/ops/minutes.hpp"
#include "panel/rules/minutes.hpp"
#include "panel/store/db.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

// Amending recorded minutes (issue #20): the editor starts from the minutes as recorded, and
// saving compares the text with them and changes only what differs, keeping action ids.
namespace panel::ops {

// The recorded minutes of the meeting on `date` as minutes YAML (docs/formats/minutes.md), with
// each action's id, for `minute --amend`; nothing when the meeting has no minutes. An audited read.
std::optional<std::string> amend_skeleton(store::Db& db, core::Date date, const core::Actor& actor);

// Fills in what amended minutes are checked against: the actions agreed at the meeting and the
// cases it discussed.
void agreed_and_discussed(store::Db& db, std::int64_t meeting_id, rules::MinutesFacts& facts);

// Changes recorded minutes to `m` (already checked), inside the caller's write transaction, and
// lists each change in `result.changes`; writes nothing at all when nothing differs. History rows
// (meeting and case) and action_history rows keep the old values; one audit row, codes only.
void amend_recorded(store::Db& db, const core::Meeting& meeting, const core::Minutes& m, const rules::MinutesFacts& facts,
                    const core::Profile& profile, const std::optional<core::Meeting>& next_meeting,
                    const core::Actor& actor, MinutesResult& result);

// Shared by recording and amending (ops/minutes.cpp).
// An intervention with its review and expiry filled in from its type in the profile.
core::NewIntervention filled_intervention(const core::Profile& profile, const core::NewIntervention& i);
// A case's minute as it is recorded: keep-open with no review is reviewed at the next meeting, a
// case referred elsewhere with no review is closed as "referred elsewhere".
core::CaseMinute as_recorded(core::CaseMinute c, const std::optional<core::Meeting>& next_meeting);
// Whether a minute (as recorded) closes its case.
bool closes(const core::CaseMinute& c);
// Records one case's discussion, interventions, actions and closure.
void record_discussion(store::Db& db, const core::Meeting& meeting, const core::CaseMinute& written,
                       const rules::MinutedCase& found, const core::Profile& profile,
                       const std::optional<core::Meeting>& next_meeting, const core::Actor& actor, MinutesResult& result);
// The commented, filled-in examples of an intervention and an action, in the profile's own codes,
// that both the first skeleton and the amend skeleton show under each case (issue #21, trial E2).
struct SkeletonExamples {
  std::string intervention;  // empty when the profile has no intervention types
  std::string action;
  // A case's `interventions:` / `actions:` key with the items `listed` (YAML lines, may be empty)
  // and the commented example after them.
  std::string interventions(const std::string& listed) const;
  std::string actions(const std::string& listed) const;
};
SkeletonExamples skeleton_examples(store::Db& db, const core::Profile& profile, core::Date date);
// Text as a double-quoted YAML scalar that reads back exactly (": ", "#", quotes, accents).
std::string yaml_quoted(const std::string& text);
// Text for a YAML comment: one line, so that a newline typed into a name or action cannot end the
// comment and become YAML.
std::string comment_text(const std::string& text);
// The quorum agencies not present.
std::vector<std::string> absent_quorum(const core::Profile& profile, const std::map<std::string, std::string>& attendance);

} // namespace panel::ops
