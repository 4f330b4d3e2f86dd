#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

std::optional<core::Case> open_case_for_person(Db& db, std::int64_t person_id);
std::int64_t insert_case(Db& db, const core::Case& c);
// A case by its own reference or by the reference of any of its referrals.
std::optional<core::Case> find_case(Db& db, const std::string& reference);
// Cases with this status (all when empty), oldest first.
std::vector<core::Case> list_cases(Db& db, const std::string& status);
// Every open case with the meetings that will or did discuss it (attention left empty), oldest first.
std::vector<core::CaseNextStep> open_case_next_steps(Db& db);
// The dates of meetings not yet held or cancelled, in order.
std::vector<core::Date> open_meeting_dates(Db& db);

// Sets (a day) or clears (nullopt) a case's `voided` mark.
void set_case_voided(Db& db, std::int64_t case_id, std::optional<core::Date> day);
// A case by its own reference, voided or not.
std::optional<core::Case> find_case_any(Db& db, const std::string& case_reference);
// What is recorded on a case besides its referrals, each "N thing(s)" that is not zero
// ("1 discussion", "2 actions", ...): a case with any of these cannot be voided.
std::vector<std::string> case_records(Db& db, std::int64_t case_id);

// Corrections to a case between meetings; call inside a write transaction, beside the history and
// audit rows. An empty lead agency is stored as NULL.
void set_case_lead(Db& db, std::int64_t case_id, const std::string& lead_agency);
void set_case_risk(Db& db, std::int64_t case_id, const std::string& risk_level);
void set_case_review(Db& db, std::int64_t case_id, std::optional<core::Date> review);

// The day a case was voided (recorded in error), or none while it stands.
std::optional<core::Date> case_voided(Db& db, std::int64_t case_id);

// A dated note on a case, stamped with the actor.
void insert_case_note(Db& db, std::int64_t case_id, core::Date day, const std::string& text, const core::Actor& actor);
// A case's notes, oldest day first (in the order written within a day).
std::vector<core::CaseNote> case_notes(Db& db, std::int64_t case_id);
// The notes dated after the case's last discussion (all of them when it was never discussed), in
// one cached statement: the meeting pack asks for every case on the agenda.
std::vector<core::CaseNote> notes_since_last_discussion(Db& db, std::int64_t case_id);

} // namespace panel::store
