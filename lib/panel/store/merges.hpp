#pragma once
#include "panel/core/date.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// The rows that link to a person: every referral (voided too), case and alias.
std::vector<std::int64_t> referral_ids_of(Db& db, std::int64_t person_id);
std::vector<std::int64_t> case_ids_of(Db& db, std::int64_t person_id);
std::vector<std::int64_t> alias_ids_of(Db& db, std::int64_t person_id);
void set_referral_person(Db& db, std::int64_t referral_id, std::int64_t person_id);
void set_case_person(Db& db, std::int64_t case_id, std::int64_t person_id);
void set_alias_person(Db& db, std::int64_t alias_id, std::int64_t person_id);
// The merge still standing that made or moved an alias, if any (its changes name the alias id).
std::optional<std::int64_t> merge_holding_alias(Db& db, std::int64_t alias_id);
void delete_alias(Db& db, std::int64_t alias_id);
void set_merged_into(Db& db, std::int64_t person_id, std::optional<std::int64_t> into);

// What closing a case changes, to join it into another and to put it back ("" for NULL).
struct CaseState {
  std::int64_t id = 0;
  std::string reference, status, closed, close_reason;
};
// The person's open cases that are not voided, newest first.
std::vector<CaseState> open_cases_of(Db& db, std::int64_t person_id);
void set_case_state(Db& db, const CaseState& state);
std::vector<std::int64_t> case_referral_ids(Db& db, std::int64_t case_id);
void set_referral_case(Db& db, std::int64_t referral_id, std::int64_t case_id);

// A referral's repeat finding, for working repeats out again.
struct RepeatState {
  std::int64_t id = 0;
  std::string reference;
  core::Date received;
  std::string status;
  std::optional<std::int64_t> repeat_of;
  std::string criteria_met;  // comma list
  bool meets_threshold = false;
};
// The person's referrals that are not voided, oldest first (received, then id).
std::vector<RepeatState> repeat_states(Db& db, std::int64_t person_id);
std::optional<RepeatState> repeat_state(Db& db, std::int64_t referral_id);
void set_repeat_state(Db& db, const RepeatState& state);
std::string referral_reference(Db& db, std::int64_t referral_id);
std::string case_reference(Db& db, std::int64_t case_id);
// Referrals received from `from` to `to` (inclusive), not voided, that are repeats.
std::int64_t count_repeats(Db& db, core::Date from, core::Date to);

// The highest row id of each table a merge's undo depends on, taken when the merge is recorded:
// a row above the mark was recorded after the merge, whatever the clock said.
struct Marks {
  std::int64_t referral = 0, kase = 0, decision = 0, history = 0, discussion = 0, case_note = 0, action = 0,
               intervention = 0, merge = 0;
};
Marks high_water_marks(Db& db);

// person_merge rows.
struct MergeRow {
  std::int64_t id = 0, keep_id = 0, drop_id = 0;
  std::string reason, changes, at, undone_at;
};
std::int64_t insert_merge(Db& db, const MergeRow& row, const std::string& day, const std::string& user);
std::optional<MergeRow> find_merge(Db& db, std::int64_t id);
void set_merge_undone(Db& db, std::int64_t id, const std::string& at);

// What was recorded after `marks` that an undo would contradict, as short descriptions naming
// the record ("referral CCM-2017-0012 was recorded for person 3").
std::vector<std::string> recorded_since(Db& db, const Marks& marks, std::int64_t merge_id, std::int64_t keep_id,
                                        std::int64_t drop_id, const std::vector<std::int64_t>& referral_ids,
                                        const std::vector<std::int64_t>& case_ids);

} // namespace panel::store
