#pragma once
#include "panel/core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// Someone else named on a referral (a partner, a neighbour, a child).
struct OtherParty {
  std::string name;
  std::optional<Date> dob;
  std::string role;          // victim | perpetrator | both | unclear | ""
  std::string relationship;  // "ex-partner", "neighbour"
};

// A referral as an agency sends it, before panel has given it a reference.
struct Referral {
  Date received;
  std::string agency;
  std::string referrer_name, referrer_email;
  std::string source_ref;                // the referring agency's own reference
  std::optional<std::int64_t> person_id; // an explicit link to a known person
  // The subject.
  std::string name;
  std::optional<Date> dob;
  std::string gender, postcode;
  std::string address;  // lines joined with '\n' ("" when not known); see input::tidy_address
  std::optional<bool> resident, bame, lgbt, disability;
  std::string role;  // victim | perpetrator | both | unclear | ""
  // The concern.
  std::vector<std::string> categories;
  bool vulnerable = false;
  std::string risk_level;  // one of the profile's risk levels, or ""
  std::optional<int> risk_score;
  std::string risk_instrument;
  std::optional<int> incidents_12m, agencies_involved, children;
  bool professional_judgement = false;
  std::string consent;  // given | refused | not-sought | ""
  std::string consent_rationale;
  std::string summary;
  std::vector<OtherParty> other_parties;
};

// The referral fields, in the order of docs/formats/referral.md (CSV header names).
const std::vector<std::string>& referral_fields();

// An address's lines on one line, separated by ", " ("12 High St\nLondon" -> "12 High St, London").
std::string address_on_one_line(std::string address);

// Whole years between a date of birth and a day.
int age_on(Date dob, Date day);

// What intake found for one referral.
struct IntakeItem {
  std::string reference;
  Date received;
  std::string agency;
  std::int64_t person_id = 0;
  std::string repeat_of;                      // reference or ""
  std::vector<std::string> possible_matches;  // references
  std::vector<std::string> criteria_met;
  bool meets_threshold = false;
  // For `refer --check`, to say what recording would do: where the referral starts in its file
  // (0 when it came from flags), the name as referred, and the open case of its person, which
  // the referral joins if accepted ("" when none: acceptance opens a case of its own reference).
  long line = 0;
  std::string name;
  std::string open_case;
};

} // namespace panel::core
