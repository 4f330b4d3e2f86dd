#include "panel/ops/case_reviews.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/calendar.hpp"
#include "panel/input/case_review.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/case_review.hpp"
#include "panel/rules/dates.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/documents.hpp"
#include "panel/store/meetings.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

core::CaseReview existing(store::Db& db, const std::string& reference)
{
  auto r = store::find_case_review(db, reference);
  if (!r)
    throw refused(fmt::format("no case review '{}' (see 'panel trigger list')", reference));
  return *r;
}

// Refuses text that would not sit on one line of a letter or a table.
void one_line(const std::string& text, const std::string& what, std::vector<std::string>& problems)
{
  if (!core::plain_line(text))
    problems.push_back(fmt::format("{}: use plain text on one line", what));
}

// Problems of a complaint that need the database or today's date; `where` prefixes each field
// name ("--" for command-line flags, whose names use '-' for '_').
void check_complaint(store::Db& db, const core::Complaint& c, core::Date received, core::Date today, const std::string& where,
                     std::vector<std::string>& problems)
{
  auto field = [&](std::string name) {
    if (where == "--")
      std::replace(name.begin(), name.end(), '_', '-');
    return where + name;
  };
  if (!c.agency.empty() && !store::find_agency(db, c.agency))
    problems.push_back(fmt::format("{}: unknown agency '{}' (see 'panel agency list')", field("agency"), c.agency));
  if (c.reported > today)
    problems.push_back(fmt::format("{}: {} is in the future (today is {})", field("reported_date"), c.reported.iso(), today.iso()));
  if (const auto problem = rules::event_date_problem(c.incident); !problem.empty() && c.incident != core::Date())
    problems.push_back(fmt::format("{}: {}", field("incident_date"), problem));
  if (c.incident > received)
    problems.push_back(fmt::format("{}: {} is after the application was received ({})", field("incident_date"),
                                   c.incident.iso(), received.iso()));
}

// Every problem on its own "panel: error:" line, as refer and minute print them; `file` names the
// file the problems came from ("" for options).
void require_none(const std::vector<std::string>& problems, const std::string& file = "")
{
  if (problems.empty())
    return;
  const std::string ending = problems.size() > 1 ? fmt::format("{} problems; nothing was recorded", problems.size())
                                                 : std::string("nothing was recorded");
  throw refused(core::join(problems, "\npanel: error: ") + "\npanel: error: " + (file.empty() ? "" : file + ": ") + ending);
}

// Error(refused) for a step's --date before the step it follows or after today.
void require_between(core::Date day, core::Date from, const char* what, core::Date today)
{
  if (day < from || day > today)
    throw refused(fmt::format("--date: {} is not between the day {} ({}) and today ({})", day.iso(), what, from.iso(), today.iso()));
}

void step(store::Db& db, const core::CaseReview& r, core::CaseReviewStep which, core::Date day, const std::string& detail,
          const core::Actor& actor, const std::optional<std::string>& audited = std::nullopt)
{
  const auto name = core::to_string(which);
  store::record_case_review_step(db, r.id, which, day, detail, actor);
  const auto& code = audited.value_or(detail);
  store::append_audit(db, actor, core::AuditAction::update, "case_review", r.reference, code.empty() ? name : name + ": " + code);
}

CaseReviewStatus status_of(core::CaseReview r, const core::CaseReviewSettings& s, const rules::Holidays& holidays,
                           core::Date today)
{
  CaseReviewStatus st;
  st.stage = rules::stage_of(r);
  st.steps = rules::step_dues(r, s, holidays);
  for (const auto& d : st.steps)
    if (!d.done && !r.appealed && !(core::is(d.step, core::CaseReviewStep::acknowledge) && r.decided)) {
      st.next = d;
      st.working_days_overdue = rules::working_days_between(d.due, today, holidays);
      break;
    }
  st.review = std::move(r);
  return st;
}

} // namespace

rules::Holidays case_review_holidays(const core::Profile& profile)
{
  return input::holidays_from(profile.case_review.bank_holidays, "case_review.bank_holidays");
}

core::CaseReview apply_for_case_review(store::Db& db, const core::CaseReviewApplication& given, const std::string& file,
                                       const core::Actor& actor, std::istream* standard_input)
{
  std::vector<std::string> problems;
  auto a = given;
  a.applicant = core::trim(a.applicant);
  a.on_behalf_of = core::trim(a.on_behalf_of);
  if (a.applicant.empty())
    problems.push_back("--applicant: say who is applying");
  one_line(a.applicant, "--applicant", problems);
  one_line(a.on_behalf_of, "--on-behalf-of", problems);
  if (!a.on_behalf_of.empty() && !a.consent)
    problems.push_back(fmt::format("--on-behalf-of: an application for {} needs their consent: add --consent once they have given it",
                                   a.on_behalf_of));
  if (a.on_behalf_of.empty() && a.consent)
    problems.push_back("--consent: only for an application made on someone's behalf (--on-behalf-of)");
  if (!a.contact.empty())
    if (const auto problem = core::email_problem(a.contact); !problem.empty())
      problems.push_back("--contact: " + problem);
  if (const auto problem = rules::event_date_problem(a.received); !problem.empty())
    problems.push_back("--received: " + problem);
  if (a.received > actor.today)
    problems.push_back(fmt::format("--received: {} is in the future (today is {})", a.received.iso(), actor.today.iso()));
  std::vector<input::ComplaintLine> lines;
  const std::string name = file == "-" ? "<stdin>" : file;
  if (!file.empty())
    lines = input::read_complaints(input::read_file(file, input::typed_file_mb, standard_input), name, problems,
                                   load_profile(db).input.date_order);
  store::Transaction txn(db, store::Transaction::Kind::write);
  for (size_t i = 0; i < lines.size(); ++i) {
    check_complaint(db, lines[i].complaint, a.received, actor.today, fmt::format("{}:{}: complaints[{}].", name, lines[i].line, i),
                    problems);
    a.complaints.push_back(lines[i].complaint);
  }
  require_none(problems, name);
  auto r = store::insert_case_review(db, a, actor);
  for (const auto& c : a.complaints)
    store::insert_complaint(db, r.id, c);
  const auto complaints = fmt::format("{} complaint{}", a.complaints.size(), a.complaints.size() == 1 ? "" : "s");
  store::record_case_review_step(db, r.id, core::CaseReviewStep::apply, a.received, complaints, actor);
  store::append_audit(db, actor, core::AuditAction::create, "case_review", r.reference, complaints);
  txn.commit();
  return r;
}

void add_complaint(store::Db& db, const std::string& reference, const core::Complaint& c, const core::Actor& actor)
{
  std::vector<std::string> problems;
  if (c.reported < c.incident)
    problems.push_back(fmt::format("--reported-date: {} is before the incident ({})", c.reported.iso(), c.incident.iso()));
  if (core::trim(c.description).empty())
    problems.push_back("--description: say what happened");
  if (!core::valid_utf8(c.description) || core::strip_controls(c.description) != c.description)
    problems.push_back("--description: use plain text");
  one_line(c.complainant, "--complainant", problems);
  one_line(c.reference, "--reference", problems);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto r = existing(db, reference);
  if (r.decided)
    throw refused(fmt::format("{} was decided on {}; a complaint added now would not change the decision "
                              "(record an appeal with 'panel trigger appeal' if it should)", r.reference, r.decided->iso()));
  check_complaint(db, c, r.application.received, actor.today, "--", problems);
  require_none(problems);
  store::insert_complaint(db, r.id, c);
  step(db, r, core::CaseReviewStep::complaint, actor.today,
       fmt::format("#{}: incident on {}, reported to {}", r.application.complaints.size() + 1, c.incident.iso(), c.agency),
       actor);
  txn.commit();
}

CheckedReview check_case_review(store::Db& db, const std::string& reference, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  auto r = existing(db, reference);
  auto check = rules::check_threshold(r.application, profile.case_review);
  store::append_audit(db, actor, core::AuditAction::read, "case_review", r.reference, "threshold check");
  txn.commit();
  return {std::move(r), std::move(check)};
}

void acknowledge_case_review(store::Db& db, const std::string& reference, core::Date day, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto r = existing(db, reference);
  if (r.acknowledged)
    throw refused(fmt::format("{} was acknowledged on {}", r.reference, r.acknowledged->iso()));
  require_between(day, r.application.received, "the application was received", actor.today);
  store::set_acknowledged(db, r.id, day);
  step(db, r, core::CaseReviewStep::acknowledge, day, "", actor);
  txn.commit();
}

CheckedReview decide_case_review(store::Db& db, const std::string& reference, std::optional<bool> override_met,
                                 const std::string& reason, core::Date day, const core::Actor& actor)
{
  std::vector<std::string> problems;
  one_line(reason, "--reason", problems);
  require_none(problems);
  if (override_met && core::trim(reason).empty())
    throw usage_error("--override: a discretionary decision needs a reason (--reason \"WHY\")");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  auto r = existing(db, reference);
  if (r.decided)
    throw refused(fmt::format("{} was decided on {} (threshold {})", r.reference, r.decided->iso(),
                              *r.threshold_met ? "met" : "not met"));
  require_between(day, r.application.received, "the application was received", actor.today);
  auto check = rules::check_threshold(r.application, profile.case_review);
  if (override_met && *override_met == check.met)
    throw refused(fmt::format("the check already finds the threshold {} for {}; no override is needed ({})",
                              check.met ? "met" : "not met", r.reference, check.verdict));
  const bool met = override_met.value_or(check.met);
  const std::string rule = override_met ? (met ? "override" : "") : check.rule;
  const std::string why = override_met ? core::trim(reason) : "";
  const auto json = render::threshold_json(r, check);
  store::set_decision(db, r.id, day, met, rule, why, json);
  step(db, r, core::CaseReviewStep::decide, day,
       override_met ? fmt::format("threshold {} (override: {})", met ? "met" : "not met", why) : check.verdict, actor,
       override_met ? fmt::format("threshold {} (override, reason given)", met ? "met" : "not met") : check.verdict);
  r.decided = day;
  r.threshold_met = met;
  r.rule = rule;
  r.override_reason = why;
  r.check_json = json;
  txn.commit();
  return {std::move(r), std::move(check)};
}

void list_case_review(store::Db& db, const std::string& reference, core::Date date, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto r = existing(db, reference);
  if (!r.decided || !*r.threshold_met)
    throw refused(fmt::format("{} {}; only an application that meets the threshold is reviewed at a meeting", r.reference,
                              r.decided ? "does not meet the threshold" : "has no threshold decision yet (panel trigger decide)"));
  if (r.outcome)
    throw refused(fmt::format("{} was reviewed and its outcome sent on {}", r.reference, r.outcome->iso()));
  const auto meeting = store::find_meeting(db, date);
  if (!meeting)
    throw refused(fmt::format("no meeting on {} (see 'panel meeting list')", date.iso()));
  const auto status = core::stored<core::MeetingStatus>(meeting->status);
  if (status == core::MeetingStatus::held || status == core::MeetingStatus::cancelled)
    throw refused(fmt::format("the meeting on {} is {}", date.iso(), meeting->status));
  if (date < *r.decided)
    throw refused(fmt::format("the meeting on {} is before the threshold decision ({})", date.iso(), r.decided->iso()));
  if (r.meeting == date)
    throw refused(fmt::format("{} is already listed for the meeting on {}", r.reference, date.iso()));
  store::set_review_meeting(db, r.id, meeting->id);
  step(db, r, core::CaseReviewStep::review, actor.today, "listed for the meeting on " + date.iso(), actor);
  txn.commit();
}

std::vector<std::string> record_case_review_outcome(store::Db& db, const std::string& reference, const std::string& file,
                                                    const core::Actor& actor, std::istream* standard_input)
{
  std::vector<std::string> problems;
  const std::string name = file == "-" ? "<stdin>" : file;
  const auto outcome = input::read_outcome(input::read_file(file, input::typed_file_mb, standard_input), name, problems,
                                           load_profile(db).input.date_order);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto r = existing(db, reference);
  if (!r.decided || !*r.threshold_met)
    throw refused(fmt::format("{} {}; there is no review to record an outcome for", r.reference,
                              r.decided ? "does not meet the threshold" : "has no threshold decision yet"));
  if (r.outcome)
    throw refused(fmt::format("{} already has an outcome, sent on {}", r.reference, r.outcome->iso()));
  const auto day = outcome.date.value_or(actor.today);
  // The review comes before its outcome: after the decision, and after the meeting it was listed for.
  const auto earliest = r.meeting ? std::max(*r.decided, *r.meeting) : *r.decided;
  if (day < earliest || day > actor.today)
    problems.push_back(fmt::format("{}:{}: date: {} is not between the {} ({}) and today ({})", name, outcome.date_line, day.iso(),
                                   r.meeting && *r.meeting >= *r.decided ? "review meeting" : "threshold decision",
                                   earliest.iso(), actor.today.iso()));
  for (size_t i = 0; i < outcome.recommendations.size(); ++i) {
    const auto& a = outcome.recommendations[i];
    const auto where = fmt::format("{}:{}: recommendations[{}]", name, a.line, i);
    if (!a.owner.empty() && !store::find_agency(db, a.owner))
      problems.push_back(fmt::format("{}.owner: unknown agency '{}' (see 'panel agency list')", where, a.owner));
    if (a.due != core::Date{} && a.due < day)  // a missing due date is already reported
      problems.push_back(fmt::format("{}.due: {} is before the outcome ({})", where, a.due.iso(), day.iso()));
  }
  require_none(problems, name);
  store::set_outcome(db, r.id, day, outcome.summary);
  std::vector<std::string> ids;
  for (const auto& a : outcome.recommendations)
    ids.push_back(store::insert_review_action(db, r.id, a, actor));
  step(db, r, core::CaseReviewStep::outcome, day, fmt::format("{} recommendations{}", ids.size(), ids.empty() ? "" : " (" + core::join(ids, ", ") + ")"),
       actor);
  txn.commit();
  return ids;
}

void appeal_case_review(store::Db& db, const std::string& reference, const std::string& reason, core::Date day,
                        const core::Actor& actor)
{
  std::vector<std::string> problems;
  if (core::trim(reason).empty())
    problems.push_back("--reason: say what the applicant disagrees with");
  one_line(reason, "--reason", problems);
  require_none(problems);
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto r = existing(db, reference);
  if (!r.decided)
    throw refused(fmt::format("{} has no threshold decision yet; there is nothing to appeal against", r.reference));
  if (r.appealed)
    throw refused(fmt::format("{} was appealed on {}", r.reference, r.appealed->iso()));
  require_between(day, *r.decided, "of the threshold decision", actor.today);
  store::set_appeal(db, r.id, day, core::trim(reason));
  step(db, r, core::CaseReviewStep::appeal, day, core::trim(reason), actor, "reason given");
  txn.commit();
}

std::vector<CaseReviewStatus> case_review_statuses(store::Db& db, const core::Profile& profile, core::Date today)
{
  const auto holidays = case_review_holidays(profile);
  std::vector<CaseReviewStatus> out;
  for (auto& r : store::list_case_reviews(db))
    out.push_back(status_of(std::move(r), profile.case_review, holidays, today));
  return out;
}

CaseReviewDetail show_case_review(store::Db& db, const std::string& reference, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  auto r = existing(db, reference);
  CaseReviewDetail d;
  d.history = store::case_review_steps(db, r.id);
  d.recommendations = store::review_actions(db, r.id);
  d.letters = store::case_review_documents(db, r.id);
  d.status = status_of(std::move(r), profile.case_review, case_review_holidays(profile), actor.today);
  store::append_audit(db, actor, core::AuditAction::read, "case_review", d.status.review.reference);
  txn.commit();
  return d;
}

} // namespace panel::ops
