#pragma once
#include "panel/core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// One person an agency must search its records for before a meeting: the subject of a case on
// the agenda or another party named in its referrals. Identifiers only: never a summary.
struct ResearchPerson {
  std::string reference;       // the agenda item: referral (new, repeat), case (review), application
  std::string case_reference;  // the case, when there is one
  std::string item;            // new | repeat | review | case-review
  std::string person;          // subject | other-party
  std::string role;            // victim | perpetrator | both | unclear | child | ""
  std::string relationship;    // of an other party to the subject: "ex-partner", "daughter"
  std::string name;
  std::vector<std::string> aliases;  // other names the subject was referred under
  std::optional<Date> dob;
  std::string postcode;
  std::optional<std::int64_t> person_id;  // a subject on the register (not shown; tells people apart)
};

// Everyone on a meeting's research lists, in agenda order, each person once per case.
struct ResearchList {
  Date meeting;
  std::vector<ResearchPerson> people;
};

} // namespace panel::core
