#pragma once
#include "panel/core/person.hpp"
#include "panel/store/db.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// A person row: id, name as first recorded, date of birth, and the person this record was merged
// into (nothing while it stands on its own); nothing for an unknown id.
struct PersonRow {
  std::int64_t id = 0;
  std::string name;
  std::optional<core::Date> dob;
  std::optional<std::int64_t> merged_into;
};
std::optional<PersonRow> find_person(Db& db, std::int64_t id);

// A person's date of birth follows their referrals: it is the date of birth of their latest live
// (not voided) referral that gives one (latest received, then latest recorded); none when their
// live referrals give none; left as it is when they have no live referral (a record merged away).
// refresh_person_dob applies that rule to one person, after anything that changes their
// referrals (intake, correction, void, unvoid, merge, unmerge), and says what it found.
struct PersonDob {
  std::optional<core::Date> was, now;
  std::string from;  // the referral `now` comes from ("" when none gives a date of birth)
};
PersonDob refresh_person_dob(Db& db, std::int64_t person_id);
// The same rule over every person (the schema 14 upgrade, and after a purge).
void refresh_person_dobs(Db& db);

// Every person, other party and case review name, passed to `visit` (kind, id, name, dob,
// detail) so that the caller can match names the way rules::normalise_name does.
void each_named(Db& db, const std::function<void(const core::PersonMatch&)>& visit);

// The cases a person's referrals belong to, and their referrals that are in no case or voided.
std::vector<std::string> person_case_references(Db& db, std::int64_t person_id);
std::vector<core::RecordedReferral> person_referrals_without_case(Db& db, std::int64_t person_id);

// Other-party rows whose name has this normalised key (compared by the caller's `same`).
std::vector<core::Mention> mentions(Db& db, const std::function<bool(const std::string&)>& same, std::int64_t person_id);

// Every person standing on their own (not merged away, not purged), by their own name and by
// each alias, for `person dupes`; name_key is left for the caller to fold (rules/ does that).
std::vector<core::PersonIdentity> identities(Db& db);

// A person's aliases, oldest first.
std::vector<core::PersonAlias> aliases_of(Db& db, std::int64_t person_id);
// Adds an alias (name_key = rules::normalise_name(name)); returns its id.
std::int64_t insert_alias(Db& db, std::int64_t person_id, const std::string& name, const std::string& name_key,
                          const std::optional<core::Date>& dob, const std::string& at, const std::string& user);

// For `person export`: the merges the person was part of, the history rows of the person, their
// referrals and their cases (with what each is about), and the notes on their cases.
std::vector<core::MergeRecord> merges_of(Db& db, std::int64_t person_id);
std::vector<core::HistoryItem> person_history(Db& db, std::int64_t person_id);

} // namespace panel::store
