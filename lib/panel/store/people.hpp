#pragma once
#include "panel/core/person.hpp"
#include "panel/store/db.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace panel::store {

// A person row: id, name as first recorded, date of birth; nothing for an unknown id.
struct PersonRow {
  std::int64_t id = 0;
  std::string name;
  std::optional<core::Date> dob;
};
std::optional<PersonRow> find_person(Db& db, std::int64_t id);

// Every person, other party and case review name, passed to `visit` (kind, id, name, dob,
// detail) so that the caller can match names the way rules::normalise_name does.
void each_named(Db& db, const std::function<void(const core::PersonMatch&)>& visit);

// The cases a person's referrals belong to, and their referrals that are in no case or voided.
std::vector<std::string> person_case_references(Db& db, std::int64_t person_id);
std::vector<core::RecordedReferral> person_referrals_without_case(Db& db, std::int64_t person_id);

// Other-party rows whose name has this normalised key (compared by the caller's `same`).
std::vector<core::Mention> mentions(Db& db, const std::function<bool(const std::string&)>& same, std::int64_t person_id);

} // namespace panel::store
