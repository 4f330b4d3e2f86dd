#include "panel/rules/referral_check.hpp"

#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/rules/dates.hpp"
#include "panel/rules/names.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::rules {
namespace {

template <typename T, typename Key>
bool contains(const std::vector<T>& items, const std::string& value, Key key)
{
  return std::any_of(items.begin(), items.end(), [&](const T& item) { return key(item) == value; });
}

// Problems with a piece of free text: length, and control characters that could corrupt
// terminals and documents (newlines and tabs are allowed only where `multiline`).
void check_text(std::vector<FieldProblem>& out, const std::string& field, const std::string& text, size_t limit,
                bool multiline)
{
  if (!core::valid_utf8(text)) {
    out.push_back({field, "is not valid UTF-8 text"});
    return;
  }
  // One pass over every field of every referral. core::strip_controls removes only bytes below
  // 0x20, 0x7f and C1 controls (which start with 0xc2): without those the text is clean, and
  // the stripped copy need not be made.
  size_t chars = 0;
  bool breaks = false, suspect = false;
  for (const unsigned char c : text) {
    chars += (c & 0xc0) != 0x80;
    breaks = breaks || c == '\n' || c == '\t';
    suspect = suspect || c < 0x20 || c == 0x7f || c == 0xc2;
  }
  if (chars > limit)
    out.push_back({field, fmt::format("is {} characters long; the limit is {}", chars, limit)});
  if ((suspect && core::strip_controls(text) != text) || (!multiline && breaks))
    out.push_back({field, multiline ? "contains control characters" : "contains control characters or line breaks"});
}

void check_date(std::vector<FieldProblem>& out, const std::string& field, const std::optional<core::Date>& date,
                core::Date today)
{
  if (date && *date > today)
    out.push_back({field, fmt::format("{} is in the future (today is {})", date->iso(), today.iso())});
}

// A date of birth: not in the future, and not of someone over 120.
void check_dob(std::vector<FieldProblem>& out, const std::string& field, const std::optional<core::Date>& dob,
               core::Date today)
{
  check_date(out, field, dob, today);
  if (dob)
    if (const auto problem = birth_date_problem(*dob, today); !problem.empty())
      out.push_back({field, problem});
}

void check_count(std::vector<FieldProblem>& out, const std::string& field, const std::optional<int>& value, int max)
{
  if (value && (*value < 0 || *value > max))
    out.push_back({field, fmt::format("{} is out of range (0 to {})", *value, max)});
}

void check_choice(std::vector<FieldProblem>& out, const std::string& field, const std::string& value,
                  const std::vector<std::string>& choices)
{
  if (!value.empty() && std::find(choices.begin(), choices.end(), value) == choices.end())
    out.push_back({field, core::unknown_word_message(value, choices, "value")});
}

// The fixed vocabularies, built once rather than for every referral checked.
const std::vector<std::string> roles = {"victim", "perpetrator", "both", "unclear"};
// Other parties may also be children of the household, whom every agency researches too.
const std::vector<std::string> party_roles = {"victim", "perpetrator", "both", "unclear", "child"};
const std::vector<std::string> consents = {"given", "refused", "not-sought"};

const std::string& agency_code(const core::Agency& a) { return a.code; }
const std::string& category_code(const core::Category& c) { return c.code; }
const std::string& instrument_name(const core::RiskInstrument& i) { return i.name; }

// The codes of a profile list: codes(profile.agencies, agency_code).
template <class T, class F>
std::vector<std::string> codes(const std::vector<T>& items, F code)
{
  std::vector<std::string> out;
  for (const auto& item : items)
    out.push_back(code(item));
  return out;
}

// The known word `typed` names, spelt as known; `typed` itself when it names none (or is empty).
void canonical(std::string& typed, const std::vector<std::string>& known)
{
  if (!typed.empty())
    typed = core::find_word(typed, known).value_or(typed);
}

} // namespace

core::Referral canonical_referral(core::Referral r, const core::Profile& profile)
{
  canonical(r.agency, codes(profile.agencies, agency_code));
  const auto categories = codes(profile.categories, category_code);
  for (auto& c : r.categories)
    canonical(c, categories);
  canonical(r.risk_level, profile.risk_levels);
  canonical(r.risk_instrument, codes(profile.risk_instruments, instrument_name));
  canonical(r.role, roles);
  canonical(r.consent, consents);
  return r;
}

int risk_score_max(const core::Profile& profile, const std::string& instrument)
{
  for (const auto& ri : profile.risk_instruments)
    if (ri.name == instrument || instrument.empty())
      return ri.max;
  return 24;
}

std::vector<FieldProblem> check_referral(const core::Referral& r, const core::Profile& profile, core::Date today)
{
  std::vector<FieldProblem> out;
  if (r.received == core::Date())
    out.push_back({"received", "is required"});
  else if (const auto problem = event_date_problem(r.received); !problem.empty())
    out.push_back({"received", problem});
  else
    check_date(out, "received", r.received, today);
  if (r.agency.empty())
    out.push_back({"agency", "is required"});
  else if (!contains(profile.agencies, r.agency, agency_code))
    out.push_back({"agency", core::unknown_word_message(r.agency, codes(profile.agencies, agency_code), "agency")});
  if (core::trim(r.name).empty())
    out.push_back({"name", "is required"});
  else if (core::valid_utf8(r.name) && normalise_name(r.name).empty())  // bad UTF-8 is reported below
    out.push_back({"name", "has no letters; people are matched by name"});
  check_text(out, "name", r.name, 200, false);
  check_dob(out, "dob", r.dob, today);
  if (r.dob && r.received != core::Date() && *r.dob > r.received)
    out.push_back({"dob", fmt::format("{} is after the date the referral was received, {}", r.dob->iso(), r.received.iso())});
  if (r.categories.empty())
    out.push_back({"category", "at least one category is required"});
  for (const auto& c : r.categories)
    if (!contains(profile.categories, c, category_code))
      out.push_back({"category", core::unknown_word_message(c, codes(profile.categories, category_code), "category")});
  if (core::trim(r.summary).empty())
    out.push_back({"summary", "is required"});
  check_text(out, "summary", r.summary, max_summary_chars, true);
  for (const auto& [field, text] : {std::pair{"referrer", &r.referrer_name}, std::pair{"referrer_email", &r.referrer_email},
                                    std::pair{"source_ref", &r.source_ref}, std::pair{"gender", &r.gender},
                                    std::pair{"postcode", &r.postcode}, std::pair{"risk_instrument", &r.risk_instrument}})
    check_text(out, field, *text, max_text_chars, false);
  check_text(out, "consent_rationale", r.consent_rationale, max_text_chars * 4, true);
  check_text(out, "address", r.address, max_text_chars, true);  // several lines
  if (!r.referrer_email.empty())
    if (const auto problem = core::email_problem(r.referrer_email); !problem.empty())
      out.push_back({"referrer_email", problem});
  check_choice(out, "role", r.role, roles);
  check_choice(out, "consent", r.consent, consents);
  check_choice(out, "risk_level", r.risk_level, profile.risk_levels);
  if (!r.risk_instrument.empty() && !contains(profile.risk_instruments, r.risk_instrument, instrument_name))
    out.push_back({"risk_instrument",
                   core::unknown_word_message(r.risk_instrument, codes(profile.risk_instruments, instrument_name), "instrument")});
  check_count(out, "risk_score", r.risk_score, risk_score_max(profile, r.risk_instrument));
  check_count(out, "incidents_12m", r.incidents_12m, 10000);
  check_count(out, "agencies_involved", r.agencies_involved, 100);
  check_count(out, "children", r.children, 30);
  if (r.consent == "refused" && core::trim(r.consent_rationale).empty())
    out.push_back({"consent_rationale", "is required when consent was refused (why share without consent?)"});
  for (size_t i = 0; i < r.other_parties.size(); ++i) {
    const auto& party = r.other_parties[i];
    const auto field = fmt::format("other_parties[{}]", i);
    if (core::trim(party.name).empty())
      out.push_back({field + ".name", "is required"});
    check_text(out, field + ".name", party.name, 200, false);
    check_text(out, field + ".relationship", party.relationship, max_text_chars, false);
    check_dob(out, field + ".dob", party.dob, today);
    check_choice(out, field + ".role", party.role, party_roles);
  }
  return out;
}

} // namespace panel::rules
