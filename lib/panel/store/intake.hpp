#pragma once
#include "panel/core/referral.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// A referral's id, reference and received date: what repeat detection needs to know.
struct ReferralLink {
  std::int64_t id = 0;
  std::string reference;
  core::Date received;
  std::string status;
};

// A person found by name key: who, and their date of birth if known.
struct Namesake {
  std::int64_t id = 0;
  std::optional<core::Date> dob;
  bool operator==(const Namesake&) const = default;
};

// A person, or one of their aliases, with a date of birth: whom, born when, under what folded name.
struct Born {
  std::int64_t id = 0;
  core::Date dob;
  std::string name_key;
  bool operator==(const Born&) const = default;
};

// A referral voided with an agency reference it gave up (`referral void` releases it): which
// referral, when and why, so that an import of that agency's export again can say so.
struct VoidedSource {
  std::string reference;
  core::Date voided;
  std::string reason;
};

// A referral ready to be written: the agency's fields plus panel's findings.
struct NewReferral {
  const core::Referral* referral = nullptr;
  std::string reference;
  int year = 0, seq = 0;
  std::int64_t person_id = 0;
  std::optional<std::int64_t> repeat_of;
  std::vector<std::int64_t> possible_matches;  // referral ids
  std::string criteria_met;                    // comma list
  bool meets_threshold = false;
  std::string created_at, created_by;
};

// The statements bulk intake runs for every referral, prepared once. Use inside a write
// transaction; it holds no state between calls besides the prepared statements.
class IntakeWriter {
public:
  explicit IntakeWriter(Db& db);
  ~IntakeWriter();

  // The reference already recorded for this agency's own reference, if any.
  std::optional<std::string> reference_for_source(const std::string& agency, const std::string& source_ref);
  // The voided referral that last held this agency reference, if it is still voided and no
  // referral holds the reference now (see reference_for_source first).
  std::optional<VoidedSource> voided_source(const std::string& agency, const std::string& source_ref);
  bool person_exists(std::int64_t id);
  // The person a record was merged into (person merge), if it was.
  std::optional<std::int64_t> merged_into(std::int64_t id);
  // Every person with this name key (any date of birth, or none), by their own name (unless merged
  // into another) or by an alias (a person once for each), oldest first: one read serves both
  // finding the person with the same date of birth and listing the possible matches.
  std::vector<Namesake> persons_named(const std::string& name_key);
  // Every person with a date of birth, by their name and by each alias (a person merged into
  // another only through the alias the merge gave the one kept): the date of birth and the folded
  // name, for the alike names an intake counts as possible matches (rules::name_likeness).
  std::vector<Born> persons_born();
  std::int64_t insert_person(const std::string& name, const std::string& name_key,
                             const std::optional<core::Date>& dob, const std::string& at);
  // The person's latest referral received on or before `day` (ties: the last recorded).
  std::optional<ReferralLink> previous_referral(std::int64_t person_id, core::Date day);
  // The person's earliest referral received after `day`.
  std::optional<ReferralLink> next_referral(std::int64_t person_id, core::Date day);
  // The person's latest referral.
  std::optional<ReferralLink> latest_referral(std::int64_t person_id);
  // Reserves the next number in a year's sequence for `kind` ("referral"); numbers are never
  // reused. Counters are kept in memory until flush(), which must run before the commit.
  int next_sequence(const std::string& kind, int year);
  void flush();
  std::int64_t insert_referral(const NewReferral& r);
  // The stored fields of a referral, for re-evaluating it.
  core::Referral load_referral(std::int64_t id);
  void update_repeat(std::int64_t id, std::optional<std::int64_t> repeat_of, const std::string& criteria_met,
                     bool meets_threshold);

private:
  struct Statements;
  std::unique_ptr<Statements> m;
  std::map<std::pair<std::string, int>, int> m_sequences;
  // agency + "\n" + source_ref -> the voided referral that gave it up; read once, when first needed
  // (voided referrals are few, and intake voids none).
  std::optional<std::map<std::string, VoidedSource>> m_voided;
};

} // namespace panel::store
