#include "panel/render/listings.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <string_view>

namespace panel::render {
namespace {

Cell optional_date(const std::optional<core::Date>& d) { return d ? Cell{d->iso()} : Cell{}; }
Cell count(std::int64_t n) { return Cell{n}; }

// Tables for people (aligned text, Markdown) and tables for programs (CSV, JSON) differ in a few
// cells: a word where a program wants a bool.
bool for_people(Format format) { return format == Format::table || format == Format::md; }

// Every column a referral has in a listing, defined once for triage and refer: the key, the
// title and the cell. The listings pick their columns from it by key.
struct ReferralColumn {
  Column column;
  Cell (*cell)(const core::RecordedReferral& r, bool people);
};

const std::vector<ReferralColumn>& referral_columns()
{
  static const std::vector<ReferralColumn> columns = {
      {{"reference", "REFERENCE"}, [](const core::RecordedReferral& r, bool) { return Cell{r.reference}; }},
      {{"received", "RECEIVED"}, [](const core::RecordedReferral& r, bool) { return Cell{r.referral.received.iso()}; }},
      {{"agency", "AGENCY"}, [](const core::RecordedReferral& r, bool) { return Cell{r.referral.agency}; }},
      {{"name", "NAME"}, [](const core::RecordedReferral& r, bool) { return Cell{r.referral.name}; }},
      {{"person", "PERSON"}, [](const core::RecordedReferral& r, bool) { return count(r.person_id); }},
      {{"status", "STATUS"}, [](const core::RecordedReferral& r, bool) { return Cell{r.status}; }},
      {{"repeat_of", "REPEAT OF"}, [](const core::RecordedReferral& r, bool) { return text_cell(r.repeat_of); }},
      {{"possible_matches", "POSSIBLE MATCHES"},
       [](const core::RecordedReferral& r, bool) { return Cell{r.possible_matches}; }},
      {{"criteria_met", "CRITERIA MET"}, [](const core::RecordedReferral& r, bool) { return Cell{r.criteria_met}; }},
      {{"meets_threshold", "THRESHOLD"},
       [](const core::RecordedReferral& r, bool people) {
         return people ? Cell{std::string(r.meets_threshold ? "MEETS" : "BELOW THRESHOLD")} : Cell{r.meets_threshold};
       }},
  };
  return columns;
}

// The referral columns with these keys, in this order.
std::vector<const ReferralColumn*> pick(std::initializer_list<std::string_view> keys)
{
  std::vector<const ReferralColumn*> picked;
  for (const auto key : keys)
    for (const auto& c : referral_columns())
      if (c.column.key == key)
        picked.push_back(&c);
  return picked;
}

std::vector<Column> headers(const std::vector<const ReferralColumn*>& columns)
{
  std::vector<Column> out;
  for (const auto* c : columns)
    out.push_back(c->column);
  return out;
}

std::vector<Cell> referral_row(const std::vector<const ReferralColumn*>& columns, const core::RecordedReferral& r,
                               bool people)
{
  std::vector<Cell> row;
  for (const auto* c : columns)
    row.push_back(c->cell(r, people));
  return row;
}

const std::vector<const ReferralColumn*>& triage_columns()
{
  static const auto columns = pick({"reference", "received", "agency", "name", "status", "criteria_met",
                                    "meets_threshold", "repeat_of", "possible_matches"});
  return columns;
}

const std::vector<const ReferralColumn*>& intake_columns()
{
  static const auto columns = pick({"reference", "received", "agency", "person", "repeat_of", "possible_matches",
                                    "criteria_met", "meets_threshold"});
  return columns;
}

// What intake reports of a referral is part of what is recorded; it is listed the same way.
core::RecordedReferral recorded(const core::IntakeItem& item)
{
  core::RecordedReferral r;
  r.reference = item.reference;
  r.referral.received = item.received;
  r.referral.agency = item.agency;
  r.person_id = item.person_id;
  r.repeat_of = item.repeat_of;
  r.possible_matches = item.possible_matches;
  r.criteria_met = item.criteria_met;
  r.meets_threshold = item.meets_threshold;
  return r;
}

// `refer --check`: what recording the referral would do. Referrals are recorded pending triage;
// accepted, a referral joins its person's open case or opens one of its own reference.
std::string would_happen(const core::IntakeItem& item)
{
  const auto repeat = item.repeat_of.empty() ? std::string() : "repeat of " + item.repeat_of + "; ";
  // Triage will ask whether these are the same person: the check is the first place to see it.
  const auto matches = item.possible_matches.empty()
                           ? std::string()
                           : fmt::format("; possibly the same person as {} (triage shows them)",
                                         core::join(item.possible_matches, ", "));
  return "pending triage; " + repeat +
         (item.open_case.empty() ? "new case " + item.reference : "joins case " + item.open_case) + " if accepted" +
         matches;
}

std::vector<Column> check_columns(bool people)
{
  std::vector<Column> columns = {{"line", "LINE"}, {"reference", "REFERENCE"}, {"received", "RECEIVED"},
                                 {"agency", "AGENCY"}, {"name", "NAME"}, {"meets_threshold", "THRESHOLD"}};
  if (!people) {  // in the outcome's words for people; as values for programs too
    columns.push_back({"repeat_of", "REPEAT OF"});
    columns.push_back({"joins_case", "JOINS CASE"});
    columns.push_back({"possible_matches", "POSSIBLE MATCHES"});
  }
  columns.push_back({"outcome", "WHAT WOULD HAPPEN"});
  return columns;
}

int days_overdue(const core::ActionRecord& a, core::Date today)
{
  return core::is(a.status, core::ActionStatus::open) ? std::max(0, a.due.days_until(today)) : 0;
}

} // namespace

void action_listing(std::ostream& out, const std::vector<core::ActionRow>& rows, core::Date today, Format format,
                    const Style& style)
{
  Table table{{{"id", "ID"}, {"case", "CASE"}, {"owner", "OWNER"}, {"description", "DESCRIPTION"}, {"due", "DUE"},
               {"status", "STATUS"}, {"days_overdue", "DAYS OVERDUE"}, {"meeting", "MEETING"}},
              {}};
  for (const auto& r : rows)
    table.rows.push_back({r.action.id, r.action.case_reference, r.action.owner, r.action.description,
                          r.action.due.iso(), r.action.status, count(days_overdue(r.action, today)),
                          text_cell(r.meeting)});
  write(out, table, format, style);
}

void agency_listing(std::ostream& out, const std::vector<core::Agency>& agencies, Format format, const Style& style)
{
  Table table{{{"code", "CODE"}, {"name", "NAME"}, {"email", "EMAIL"}, {"core", "CORE"}}, {}};
  for (const auto& a : agencies)
    table.rows.push_back({a.code, a.name, a.email, a.core});
  write(out, table, format, style);
}

void audit_listing(std::ostream& out, const std::vector<core::AuditEntry>& entries, Format format, const Style& style)
{
  Table table{{{"id", "ID"}, {"at", "AT"}, {"user", "USER"}, {"command", "COMMAND"}, {"action", "ACTION"},
               {"entity", "ENTITY"}, {"record", "RECORD"}, {"detail", "DETAIL"}},
              {}};
  for (const auto& e : entries)
    table.rows.push_back({e.id, e.at, e.user, e.command, e.action, e.entity, e.record, e.detail});
  write(out, table, format, style);
}

void case_listing(std::ostream& out, const std::vector<core::ListedCase>& cases, Format format, const Style& style)
{
  // Beside the review date recorded, the meeting each open case will come to: people read
  // "awaiting a meeting" when none is scheduled, and "not set" for a risk the panel has not set.
  const bool people = format == Format::table || format == Format::md;
  Table table{{{"reference", "REFERENCE"}, {"name", "NAME"}, {"opened", "OPENED"}, {"lead_agency", "LEAD"},
               {"risk_level", "RISK"}, {"review_date", "REVIEW"}, {"status", "STATUS"}, {"next_meeting", "NEXT MEETING"}},
              {}};
  for (const auto& listed : cases) {
    const auto& c = listed.info;
    const bool open = core::is(c.status, core::CaseStatus::open);
    const Cell meeting = listed.coming_to            ? Cell(listed.coming_to->iso())
                         : people && open ? Cell(std::string("awaiting a meeting"))
                                          : Cell();
    table.rows.push_back({c.reference, c.name, c.opened.iso(), text_cell(c.lead_agency),
                          people && open && c.risk_level.empty() ? Cell(std::string("not set")) : text_cell(c.risk_level),
                          optional_date(c.review_date), c.status, meeting});
  }
  write(out, table, format, style);
}

void attention_listing(std::ostream& out, const std::vector<core::CaseNextStep>& cases, Format format,
                       const Style& style)
{
  Table table{{{"reference", "REFERENCE"}, {"name", "NAME"}, {"opened", "OPENED"}, {"lead_agency", "LEAD"},
               {"risk_level", "RISK"}, {"review_date", "REVIEW"}, {"listed_for", "LISTED FOR"},
               {"last_discussed", "LAST DISCUSSED"}, {"attention", "ATTENTION"}},
              {}};
  for (const auto& c : cases)
    table.rows.push_back({c.info.reference, c.info.name, c.info.opened.iso(), text_cell(c.info.lead_agency),
                          text_cell(c.info.risk_level), optional_date(c.info.review_date),
                          optional_date(c.listed_for), optional_date(c.last_discussed), c.attention});
  if (!table.rows.empty() || format != Format::table)
    write(out, table, format, style);
}

void findings_listing(std::ostream& out, const std::vector<core::Finding>& findings, Format format, const Style& style)
{
  // People read a verdict per line; programs get the two flags it is made of.
  Table people{{{"result", "RESULT"}, {"check", "CHECK"}, {"detail", "DETAIL"}}, {}};
  Table json{{{"check", "CHECK"}, {"ok", "OK"}, {"detail", "DETAIL"}, {"warning", "WARNING"}}, {}};
  for (const auto& f : findings) {
    people.rows.push_back({std::string(!f.ok ? "PROBLEM" : f.warning ? "warning" : "ok"), f.check, f.detail});
    json.rows.push_back({f.check, f.ok, f.detail, f.warning});
  }
  write(out, format == Format::json ? json : people, format, style);
}

void meeting_listing(std::ostream& out, const std::vector<rules::MeetingMinutes>& meetings, Format format,
                     const Style& style)
{
  Table table{{{"date", "DATE"}, {"time", "TIME"}, {"venue", "VENUE"}, {"chair", "CHAIR"}, {"status", "STATUS"},
               {"listed", "LISTED"}, {"cancel_reason", "CANCELLED BECAUSE"}, {"minutes", "MINUTES"},
               {"minutes_due", "MINUTES DUE"}},
              {}};
  for (const auto& [m, minutes] : meetings)
    table.rows.push_back({m.date.iso(), text_cell(m.time), text_cell(m.venue), text_cell(m.chair), m.status,
                          count(m.listed), text_cell(m.cancel_reason),
                          text_cell(rules::minutes_state_name(minutes.state)), optional_date(minutes.due)});
  write(out, table, format, style);
}

void person_listing(std::ostream& out, const std::vector<core::PersonMatch>& matches, Format format,
                    const Style& style)
{
  Table table{{{"kind", "KIND"}, {"id", "ID"}, {"name", "NAME"}, {"dob", "DOB"}, {"detail", "DETAIL"}}, {}};
  for (const auto& m : matches)
    table.rows.push_back({m.kind, m.id, m.name, optional_date(m.dob), m.detail});
  write(out, table, format, style);
}

void dupes_listing(std::ostream& out, const std::vector<core::DupePair>& pairs, Format format, const Style& style)
{
  Table table{{{"score", "SCORE"},
               {"person", "PERSON"},
               {"name", "NAME"},
               {"dob", "DOB"},
               {"other_person", "OTHER"},
               {"other_name", "OTHER NAME"},
               {"other_dob", "OTHER DOB"},
               {"reason", "REASON"}},
              {}};
  for (const auto& p : pairs)
    table.rows.push_back({count(p.score.score), count(p.first.person_id), p.first.name, optional_date(p.first.dob),
                          count(p.second.person_id), p.second.name, optional_date(p.second.dob), p.score.reason});
  write(out, table, format, style);
}

void alias_listing(std::ostream& out, const std::vector<core::PersonAlias>& aliases, Format format, const Style& style)
{
  Table table{{{"name", "NAME"}, {"dob", "DOB"}, {"added", "ADDED"}, {"by", "BY"}}, {}};
  for (const auto& a : aliases)
    table.rows.push_back({a.name, optional_date(a.dob), a.created_at, a.created_by});
  write(out, table, format, style);
}

void purge_listing(std::ostream& out, const core::PurgeResult& result, Format format, const Style& style)
{
  Table table{{{"kind", "KIND"}, {"reference", "REFERENCE"}, {"since", "SINCE"}, {"kept_years", "KEPT (YEARS)"}}, {}};
  for (size_t i = 0; i < result.records.size(); ++i)
    table.rows.push_back({result.records[i].kind, result.records[i].reference, result.records[i].since.iso(),
                          count(result.years[i])});
  if (!table.rows.empty() || format != Format::table)
    write(out, table, format, style);
}

void template_listing(std::ostream& out, const std::vector<core::Template>& templates, Format format,
                      const Style& style)
{
  Table table{{{"name", "NAME"}, {"for", "FOR"}, {"format", "FORMAT"}, {"source", "SOURCE"},
               {"description", "DESCRIPTION"}},
              {}};
  for (const auto& t : templates)
    table.rows.push_back({t.name, t.kind, t.format, t.source == "built-in" ? t.source : t.file, t.description});
  write(out, table, format, style);
}

void case_review_listing(std::ostream& out, const std::vector<rules::CaseReviewStatus>& reviews, Format format,
                         const Style& style)
{
  Table table{{{"reference", "REFERENCE"}, {"received", "RECEIVED"}, {"stage", "STAGE"}, {"threshold_met", "MET"},
               {"acknowledge_due", "ACK DUE"}, {"decide_due", "DECISION DUE"}, {"outcome_due", "OUTCOME DUE"},
               {"next_step", "NEXT STEP"}, {"working_days_overdue", "WORKING DAYS OVERDUE"}},
              {}};
  for (const auto& s : reviews) {
    const auto& r = s.review;
    std::map<std::string, core::Date, std::less<>> due;
    for (const auto& step : s.steps)
      due[step.step] = step.due;
    auto due_cell = [&](core::CaseReviewStep step) {
      const auto it = due.find(core::to_string(step));
      return it == due.end() ? Cell{} : Cell{it->second.iso()};
    };
    table.rows.push_back({r.reference, r.application.received.iso(), s.stage,
                          r.threshold_met ? Cell{*r.threshold_met} : Cell{}, due_cell(core::CaseReviewStep::acknowledge),
                          due_cell(core::CaseReviewStep::decide), due_cell(core::CaseReviewStep::outcome), s.next ? Cell{s.next->step} : Cell{},
                          count(s.working_days_overdue)});
  }
  write(out, table, format, style);
}

void triage_listing(std::ostream& out, const std::vector<core::RecordedReferral>& referrals, Format format,
                    const Style& style)
{
  Table table{headers(triage_columns()), {}};
  for (const auto& r : referrals)
    table.rows.push_back(referral_row(triage_columns(), r, for_people(format)));
  write(out, table, format, style);
}

IntakeListing::IntakeListing(std::ostream& out, Format format, const Style& style, bool check)
    : m_people(for_people(format)), m_check(check),
      m_rows(out, check ? check_columns(m_people) : headers(intake_columns()), format, style)
{
}

void IntakeListing::row(const core::IntakeItem& item)
{
  if (!m_check) {
    m_rows.row(referral_row(intake_columns(), recorded(item), m_people));
    return;
  }
  const auto r = recorded(item);
  std::vector<Cell> cells = {item.line > 0 ? count(item.line) : Cell{}, Cell{item.reference}, Cell{item.received.iso()},
                             Cell{item.agency}, Cell{item.name}};
  static const auto* threshold = pick({"meets_threshold"}).front();
  cells.push_back(threshold->cell(r, m_people));
  if (!m_people) {
    cells.push_back(text_cell(item.repeat_of));
    cells.push_back(text_cell(item.open_case));
    cells.push_back(Cell{item.possible_matches});
  }
  cells.push_back(Cell{would_happen(item)});
  m_rows.row(std::move(cells));
}

void IntakeListing::finish() { m_rows.finish(); }

void imported_months_listing(std::ostream& out, const std::vector<core::ImportedMonth>& months, Format format,
                             const Style& style)
{
  Table table{{{"reported_by", "FORCE"}, {"month", "MONTH"}, {"file", "FILE"}, {"sha256", "SHA-256"},
               {"imported", "IMPORTED"}, {"replaced", "REPLACED"}},
              {}};
  for (const auto& m : months)
    table.rows.push_back({m.reported_by, m.month, m.file, m.sha256, m.imported, m.replaced});
  write(out, table, format, style);
}

} // namespace panel::render
