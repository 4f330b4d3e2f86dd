#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/core/case_list.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Cases with this status ("" for all); names are personal data, so the read is audited.
std::vector<core::ListedCase> list_cases(store::Db& db, const std::string& status, const core::Actor& actor);

// Open cases without a next step, or not discussed for longer than the profile's
// attention_after_days, with the reasons (rules::attention_reasons). No transaction, no audit row.
std::vector<core::CaseNextStep> cases_needing_attention(store::Db& db, const core::Profile& profile, core::Date today);
// The same for `case list --attention`: names are read, so it is audited.
std::vector<core::CaseNextStep> list_cases_needing_attention(store::Db& db, const core::Actor& actor);

// One case by its reference or any of its referrals' references, with its referrals and
// decisions; audited. Error(refused) when there is no such case.
core::CaseDetail show_case(store::Db& db, const std::string& reference, const core::Actor& actor);

// The triage queue for display: referrals waiting for a decision (pending or awaiting
// information), oldest first; audited as a read of the referrals listed.
std::vector<core::RecordedReferral> read_triage_queue(store::Db& db, const core::Actor& actor);

// Everything recorded about a case (no transaction, no audit row: for callers that hold one).
core::CaseDetail case_detail(store::Db& db, const core::Case& found);

// Corrections to a case between meetings (case_changes.cpp). Each is one transaction: every check
// passes before anything is written, and every write keeps a history row per changed field (with
// the reason) and an audit row naming the fields, never their text. Error(refused) for an unknown,
// voided or purged case.

// What `case update` changes; an empty or absent value leaves the field as it is.
struct CaseUpdate {
  std::string lead, risk;
  std::optional<core::Date> review;
  std::string note;    // a case note dated today, written with the changes
  std::string reason;  // kept in the history rows
};

// One changed field: "lead: POL -> ASC" ("" is none).
struct FieldChange {
  std::string field, old_value, new_value;
};

// What a correction did, for the command to say.
struct CaseChange {
  std::string reference;                   // the case's own reference
  std::vector<FieldChange> changes;        // in the order of the flags; empty: nothing changed
  bool noted = false;                      // a case note was added
  std::vector<std::string> cancelled;      // actions cancelled by `close --cancel-actions`
  bool review_defaulted = false;           // reopen: the review is the next scheduled meeting
  std::vector<core::Date> still_listed;    // close: coming meetings its referrals are on the agenda of
};

// `case update`: a known lead agency, a risk level of the profile, a review date from today with a
// scheduled meeting on or after it (so the case keeps a next step). A closed case takes a corrected
// lead or risk and notes, not a review date ("reopen it first"). Values equal to the recorded ones
// change nothing and write nothing.
CaseChange update_case(store::Db& db, const std::string& reference, const CaseUpdate& update, const core::Actor& actor);

// `case close`: closes an open case today with one of rules::close_reasons(). Open actions refuse
// it (listed) unless `cancel_actions`, which cancels them with the close reason as their note.
// Referrals listed for a coming meeting stay on its agenda (the panel may confirm the closure):
// the result names those meetings.
CaseChange close_case(store::Db& db, const std::string& reference, const std::string& close_reason,
                      bool cancel_actions, const core::Actor& actor);

// `case reopen`: reopens a closed case with a review date: `review` (checked as in update_case), or
// the next scheduled meeting's date, which brings it onto that meeting's agenda; refused when
// there is neither, or when the person has another open case.
CaseChange reopen_case(store::Db& db, const std::string& reference, const std::string& reason,
                       std::optional<core::Date> review, const core::Actor& actor);

// `case note`: a dated note (default today; not after today, not before the case opened).
// Returns the case's reference.
std::string add_case_note(store::Db& db, const std::string& reference, const std::string& text,
                          std::optional<core::Date> day, const core::Actor& actor);

// `case intervention add`: checked by rules::intervention_problems as in the minutes, with the
// review and end dates the type implies; `tier`, when given, must be the type's tier. Not on a
// closed case, not dated after today. Returns the intervention as recorded.
core::InterventionRecord add_case_intervention(store::Db& db, const std::string& reference,
                                               const core::NewIntervention& intervention, std::optional<int> tier,
                                               const core::Actor& actor);

} // namespace panel::ops
