#pragma once
#include "panel/core/agency.hpp"
#include "panel/core/audit.hpp"
#include "panel/core/case.hpp"
#include "panel/core/case_list.hpp"
#include "panel/core/date.hpp"
#include "panel/core/finding.hpp"
#include "panel/core/incidents.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/purge.hpp"
#include "panel/core/referral.hpp"
#include "panel/core/person.hpp"
#include "panel/core/template.hpp"
#include "panel/render/table.hpp"
#include "panel/rules/case_review.hpp"
#include "panel/rules/meetings.hpp"

#include <ostream>
#include <vector>

// The listings' schemas: the CSV and JSON contracts of docs/cli (keys, titles, cells), one
// function per listing over the rows the library returns. Those rows are plain structs of core/
// and rules/ (render/ depends on nothing above them; ops/ and store/ name them by alias).
namespace panel::render {

// `action list`: id, case, owner, description, due, status, days_overdue (of an open action on
// `today`, else 0), meeting (null for actions added between meetings).
void action_listing(std::ostream& out, const std::vector<core::ActionRow>& rows, core::Date today, Format format,
                    const Style& style);

// `agency list`: code, name, email, core.
void agency_listing(std::ostream& out, const std::vector<core::Agency>& agencies, Format format, const Style& style);

// `audit`: id, at, user, command, action, entity, record, detail.
void audit_listing(std::ostream& out, const std::vector<core::AuditEntry>& entries, Format format, const Style& style);

// `case list`: reference, name, opened, lead_agency, risk_level, review_date, status.
void case_listing(std::ostream& out, const std::vector<core::ListedCase>& cases, Format format, const Style& style);

// `case list --attention`: reference, name, opened, lead_agency, risk_level, review_date,
// listed_for, last_discussed, attention (a list). No rows write nothing for people (the command
// says so in a sentence); csv, json and md keep their header and [].
void attention_listing(std::ostream& out, const std::vector<core::CaseNextStep>& cases, Format format,
                       const Style& style);

// `check`: for people result (ok, warning or PROBLEM), check, detail; as JSON check, ok, detail,
// warning.
void findings_listing(std::ostream& out, const std::vector<core::Finding>& findings, Format format, const Style& style);

// `meeting list`: date, time, venue, chair, status, listed, cancel_reason, minutes (due, overdue,
// recorded or null), minutes_due.
void meeting_listing(std::ostream& out, const std::vector<rules::MeetingMinutes>& meetings, Format format,
                     const Style& style);

// `person dupes`: score, person, name, dob, other_person, other_name, other_dob, reason (the names
// and dates of birth that matched: the person's own or an alias).
void dupes_listing(std::ostream& out, const std::vector<core::DupePair>& pairs, Format format, const Style& style);

// `person alias list`: name, dob, added, by.
void alias_listing(std::ostream& out, const std::vector<core::PersonAlias>& aliases, Format format, const Style& style);

// `person find`: kind, id, name, dob, detail.
void person_listing(std::ostream& out, const std::vector<core::PersonMatch>& matches, Format format,
                    const Style& style);

// `purge`: kind, reference, since, kept_years. No records write nothing for people.
void purge_listing(std::ostream& out, const core::PurgeResult& result, Format format, const Style& style);

// `template list`: name, for, format, source ("built-in" or the file), description.
void template_listing(std::ostream& out, const std::vector<core::Template>& templates, Format format,
                      const Style& style);

// `trigger list`: reference, received, stage, threshold_met, acknowledge_due, decide_due,
// outcome_due, next_step, working_days_overdue.
void case_review_listing(std::ostream& out, const std::vector<rules::CaseReviewStatus>& reviews, Format format,
                         const Style& style);

// `triage` (the queue): reference, received, agency, name, status, criteria_met,
// meets_threshold, repeat_of, possible_matches. The referral columns are the ones `refer` shows;
// meets_threshold is MEETS or BELOW THRESHOLD for people (table, md) and a bool in csv and json.
void triage_listing(std::ostream& out, const std::vector<core::RecordedReferral>& referrals, Format format,
                    const Style& style);

// `refer`: the referrals recorded, row by row as intake reports them: reference, received,
// agency, person, repeat_of, possible_matches, criteria_met, meets_threshold (as in triage).
// With `check` (`refer --check`), what recording would do: line (null for flags), reference,
// received, agency, name, meets_threshold, outcome ("pending triage; repeat of CCM-2017-0001;
// joins case CCM-2017-0001 if accepted", with any possible matches, as triage finds them), and
// for csv and json also repeat_of, joins_case and possible_matches.
class IntakeListing {
public:
  IntakeListing(std::ostream& out, Format format, const Style& style, bool check = false);
  void row(const core::IntakeItem& item);
  // Ends the listing (see RowWriter::finish).
  void finish();

private:
  bool m_people;
  bool m_check;
  RowWriter m_rows;
};

// `incidents import --format`: reported_by, month, file, sha256, imported, replaced.
void imported_months_listing(std::ostream& out, const std::vector<core::ImportedMonth>& months, Format format,
                             const Style& style);

} // namespace panel::render
