#pragma once
#include "panel/core/case.hpp"
#include "panel/core/history.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// Someone `person find` matched: a person on the register, a person named in someone else's
// referral, or a person named in an ASB case review.
struct PersonMatch {
  std::string kind;       // person | other-party | case-review
  std::string id;         // the person's id ("12"), or the referral or case review's reference
  std::string name;
  std::optional<Date> dob;
  std::string detail;     // "3 referrals, case CCM-2017-0001"; "perpetrator in CCM-2017-0004"; "applicant"
};

// A mention of the person in a referral about someone else (held about that other person).
struct Mention {
  std::string referral, name, role, relationship;
};

// Another name (and date of birth) a person is known by: added by `person alias add`, or the
// name of a record merged into theirs.
struct PersonAlias {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string name;
  std::optional<Date> dob;
  std::string created_at, created_by;
};

// One name a person is known by (their own or an alias), folded by rules::normalise_name, with
// the date of birth that goes with it: what `person dupes` compares.
struct PersonIdentity {
  std::int64_t person_id = 0;
  std::string name;       // as recorded
  std::string name_key;   // rules::normalise_name(name)
  std::optional<Date> dob;
  bool alias = false;     // an alias (person_alias), not the person's own name
};

// Why two identities may be one person, and how sure panel is (0-100, higher = surer).
struct DupeScore {
  int score = 0;
  std::string reason;     // "same name; dob day/month swapped"
};

// A candidate pair for `person dupes`: the lower person id first, with the identity of each that
// matched best, and that score.
struct DupePair {
  PersonIdentity first, second;
  DupeScore score;
};

// A merge of two records of one person, as `person export` shows it (ids and dates only).
struct MergeRecord {
  std::int64_t id = 0;
  std::int64_t keep_id = 0, drop_id = 0;
  std::string reason, day, user;
  std::string undone_at;  // "" while the merge stands
};

// A history row with what it is about ("referral CCM-2017-0001", "case C-..", "person 3").
struct HistoryItem {
  std::string entity, record;
  HistoryRow row;
};

// Everything panel holds about one person, for a subject access request.
struct PersonRecord {
  std::int64_t id = 0;
  std::string name;                 // as first recorded
  std::vector<std::string> names;   // every name their referrals used
  std::optional<Date> dob;
  std::vector<CaseDetail> cases;
  std::vector<CaseDetail::Item> referrals;  // referrals not part of a case
  std::vector<Mention> mentions;    // named as another party in referrals about others
  std::vector<PersonAlias> aliases;
  std::vector<MergeRecord> merges;    // merges this person was part of (kept or dropped)
  std::vector<HistoryItem> history;   // corrections to the person, their referrals and cases
};

} // namespace panel::core
