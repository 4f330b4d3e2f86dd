#pragma once
#include "panel/core/case.hpp"

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

// Everything panel holds about one person, for a subject access request.
struct PersonRecord {
  std::int64_t id = 0;
  std::string name;                 // as first recorded
  std::vector<std::string> names;   // every name their referrals used
  std::optional<Date> dob;
  std::vector<CaseDetail> cases;
  std::vector<CaseDetail::Item> referrals;  // referrals not part of a case
  std::vector<Mention> mentions;    // named as another party in referrals about others
};

} // namespace panel::core
