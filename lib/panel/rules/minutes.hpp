#pragma once
#include "panel/core/date.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace panel::rules {

// The reasons a case can be closed with, in the order messages and the skeleton list them.
const std::vector<std::string>& close_reasons();

// What is wrong with the close reason of a case minuted as closed (none given, or one not in
// close_reasons()), in plain English; empty when nothing is.
std::string close_reason_problem(const core::CaseMinute& c);

// A case the minutes name, as the register knows it.
struct MinutedCase {
  std::int64_t id = 0;
  std::string reference;  // the case's own reference (the minutes may name one of its referrals)
};

// The problems of one intervention, minuted or recorded between meetings, as (field, problem):
// a type the profile knows, a known agency (`agencies`: the codes), the date it was used.
std::vector<std::pair<std::string, std::string>> intervention_problems(const core::NewIntervention& i,
                                                                       const core::Profile& profile,
                                                                       const std::vector<std::string>& agencies);

// The intervention with the review and end dates that follow from its type when not given (an
// ABC's review at 3 months and end at 6, from the profile).
core::NewIntervention with_type_dates(core::NewIntervention i, const core::InterventionType& type);

// The minutes with every coded word as the register spells it, whatever its case as typed by hand
// (`pol: Present`, `outcome: Keep-Open`, `risk: High`, `owner: hsg`): attendance agencies and
// values, outcomes, risk levels, close reasons, action owners, intervention types and agencies,
// and the statuses and ids of action updates. A word that names nothing is left as written, for
// minutes_problems to report. `agencies`: the codes of the known agencies.
core::Minutes canonical_minutes(core::Minutes minutes, const core::Profile& profile,
                                const std::vector<std::string>& agencies);

// What minutes are checked against, read from the register by the caller.
struct MinutesFacts {
  std::string file;                          // for "<file>:<line>: <field>: <problem>"
  core::Date meeting;                        // the meeting's date
  std::vector<std::string> agencies;         // codes of the known agencies, in listing order
  std::map<std::string, MinutedCase> cases;  // reference as written in the minutes -> its case; absent: unknown
  std::set<std::string> actions;             // ids of the updated actions that exist
  bool later_meeting = false;                // an open meeting after this one (a default review date)
  // Amended minutes only (`amend`): the actions agreed at the meeting (id -> its case) and the
  // cases discussed there (id -> reference), which an amendment keeps.
  bool amend = false;
  bool read_whole = true;  // false when the text had problems of its own: what it lacks is not meant
  std::map<std::string, std::int64_t> agreed;
  std::map<std::int64_t, std::string> discussed;
};

// Every problem of minutes checked against the profile and the register, as
// "<file>:<line>: <field>: <problem>", in the order found (the caller sorts by line). Minutes of a
// meeting not held need a reason and no cases; held ones need known agencies and attendance
// values, each case known and minuted once, a summary, a known outcome, risk level and close
// reason, a forum when referred elsewhere, a next step when kept open, reviews after the meeting,
// known action owners and due dates not before it, known interventions with an agency and a date,
// and updates of existing actions to known statuses. An action names its id only in amended
// minutes, where it must be one agreed at the meeting for that case; amended minutes keep every
// discussion and every action the recorded minutes have.
std::vector<std::string> minutes_problems(const core::Minutes& minutes, const core::Profile& profile,
                                          const MinutesFacts& facts);

} // namespace panel::rules
