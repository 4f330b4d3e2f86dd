#pragma once
#include "panel/core/date.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/referral.hpp"

#include <string>
#include <vector>

namespace panel::rules {

// One thing wrong with a referral: the field (as named in files and flags) and why.
struct FieldProblem {
  std::string field;
  std::string message;
};

// Longest texts accepted: a summary is a few paragraphs, not a case file.
constexpr size_t max_summary_chars = 20000;
constexpr size_t max_text_chars = 500;

// The referral with its coded values as the profile spells them, whatever their case as typed
// (`pol`, `Suicide`, `High`, `Victim`): agency, categories, risk level and instrument, role and
// consent. A value that names nothing is left as written, for check_referral to report.
core::Referral canonical_referral(core::Referral referral, const core::Profile& profile);

// Everything wrong with a referral against the profile on `today`: required fields (received,
// agency, name, a category, summary), dates real and not in the future, agency, categories,
// risk level and instrument known, numbers in range, enumerations, text length and characters.
std::vector<FieldProblem> check_referral(const core::Referral& referral, const core::Profile& profile,
                                         core::Date today);

// The maximum score of the referral's risk instrument (the profile's first one when none named).
int risk_score_max(const core::Profile& profile, const std::string& instrument);

} // namespace panel::rules
