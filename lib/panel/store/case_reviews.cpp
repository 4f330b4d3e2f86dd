#include "panel/store/case_reviews.hpp"

#include "panel/store/actions.hpp"
#include "panel/store/references.hpp"
#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {
namespace {

constexpr const char* columns =
    "t.id, t.reference, t.received, t.applicant, t.on_behalf_of, t.consent, t.contact, t.address, t.acknowledged, "
    "t.decided, t.threshold_met, t.rule, t.override_reason, t.check_json, "
    "(SELECT m.date FROM meeting m WHERE m.id = t.meeting_id), t.outcome, t.outcome_summary, t.appealed, t.appeal_reason";

core::CaseReview read(SQLite::Statement& s)
{
  core::CaseReview r;
  r.id = s.getColumn(0).getInt64();
  r.reference = s.getColumn(1).getString();
  auto& a = r.application;
  a.received = date_of(s.getColumn(2));
  a.applicant = s.getColumn(3).getString();
  a.on_behalf_of = s.getColumn(4).getString();
  a.consent = s.getColumn(5).getInt() != 0;
  a.contact = s.getColumn(6).getString();
  a.address = s.getColumn(7).getString();
  r.acknowledged = optional_date(s.getColumn(8));
  r.decided = optional_date(s.getColumn(9));
  r.threshold_met = optional_bool(s.getColumn(10));
  r.rule = s.getColumn(11).getString();
  r.override_reason = s.getColumn(12).getString();
  r.check_json = s.getColumn(13).getString();
  r.meeting = optional_date(s.getColumn(14));
  r.outcome = optional_date(s.getColumn(15));
  r.outcome_summary = s.getColumn(16).getString();
  r.appealed = optional_date(s.getColumn(17));
  r.appeal_reason = s.getColumn(18).getString();
  return r;
}

std::vector<core::Complaint> complaints_of(SQLite::Statement& s, std::int64_t id)
{
  s.reset();
  s.bind(1, id);
  std::vector<core::Complaint> out;
  while (s.executeStep())
    out.push_back({date_of(s.getColumn(0)), date_of(s.getColumn(1)), s.getColumn(2).getString(), s.getColumn(3).getString(),
                   s.getColumn(4).getString(), s.getColumn(5).getInt() != 0, s.getColumn(6).getString()});
  return out;
}

constexpr const char* complaint_query = "SELECT incident_date, reported_date, agency, reference, complainant, hate, description "
                                        "FROM complaint WHERE case_review_id = ? ORDER BY position";

// Sets a step's day and its text ("UPDATE ... SET day = ?1, text = ?2 WHERE id = ?3").
void set_day_and_text(Db& db, const char* sql, std::int64_t id, core::Date day, const std::string& text)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, day.iso());
  s.bind(2, text);
  s.bind(3, id);
  s.exec();
}

} // namespace

core::CaseReview insert_case_review(Db& db, const core::CaseReviewApplication& a, const core::Actor& actor)
{
  auto& sql = db.impl().sql;
  const int year = a.received.year();
  SQLite::Statement last(sql, "SELECT last FROM reference_counter WHERE kind = 'CT' AND year = ?");
  last.bind(1, year);
  const int seq = (last.executeStep() ? last.getColumn(0).getInt() : 0) + 1;
  SQLite::Statement save(sql, "INSERT INTO reference_counter (kind, year, last) VALUES ('CT', ?, ?) "
                              "ON CONFLICT (kind, year) DO UPDATE SET last = excluded.last");
  save.bind(1, year);
  save.bind(2, seq);
  save.exec();
  core::CaseReview r;
  r.reference = fmt::format("CT-{}-{:04}", year, seq);
  r.application = a;
  SQLite::Statement s(sql, "INSERT INTO case_review (reference, year, seq, received, applicant, on_behalf_of, consent, "
                           "contact, address, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, r.reference);
  s.bind(2, year);
  s.bind(3, seq);
  s.bind(4, a.received.iso());
  s.bind(5, a.applicant);
  s.bind(6, a.on_behalf_of);
  s.bind(7, a.consent ? 1 : 0);
  s.bind(8, a.contact);
  s.bind(9, a.address);
  s.bind(10, actor.at);
  s.bind(11, actor.user);
  s.exec();
  r.id = sql.getLastInsertRowid();
  return r;
}

void insert_complaint(Db& db, std::int64_t case_review_id, const core::Complaint& c)
{
  // max(position) is one seek in the UNIQUE (case_review_id, position) index, where count(*)
  // read every earlier complaint: quadratic for an application listing many.
  auto& s = db.impl().cached("INSERT INTO complaint (case_review_id, position, incident_date, reported_date, agency, "
                             "reference, complainant, hate, description) VALUES (?1, (SELECT coalesce(max(position), 0) "
                             "+ 1 FROM complaint WHERE case_review_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, case_review_id);
  s.bind(2, c.incident.iso());
  s.bind(3, c.reported.iso());
  s.bind(4, c.agency);
  s.bind(5, c.reference);
  s.bind(6, c.complainant);
  s.bind(7, c.hate ? 1 : 0);
  s.bind(8, c.description);
  s.exec();
}

std::optional<core::CaseReview> find_case_review(Db& db, const std::string& reference)
{
  SQLite::Statement s(db.impl().sql, fmt::format("SELECT {} FROM case_review t WHERE t.reference = ?", columns));
  s.bind(1, stored_reference(db, reference));
  if (!s.executeStep())
    return std::nullopt;
  auto r = read(s);
  SQLite::Statement c(db.impl().sql, complaint_query);
  r.application.complaints = complaints_of(c, r.id);
  return r;
}

std::vector<core::CaseReview> list_case_reviews(Db& db)
{
  SQLite::Statement s(db.impl().sql, fmt::format("SELECT {} FROM case_review t ORDER BY t.year, t.seq", columns));
  SQLite::Statement c(db.impl().sql, complaint_query);
  std::vector<core::CaseReview> out;
  while (s.executeStep()) {
    out.push_back(read(s));
    out.back().application.complaints = complaints_of(c, out.back().id);
  }
  return out;
}

void record_case_review_step(Db& db, std::int64_t case_review_id, core::CaseReviewStep step, core::Date day,
                             const std::string& detail, const core::Actor& actor)
{
  SQLite::Statement s(db.impl().sql, "INSERT INTO case_review_step (case_review_id, step, day, at, user, detail) "
                                     "VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, case_review_id);
  s.bind(2, core::to_string(step));  // bind copies the temporary
  s.bind(3, day.iso());
  s.bind(4, actor.at);
  s.bind(5, actor.user);
  s.bind(6, detail);
  s.exec();
}

std::vector<CaseReviewStepRecord> case_review_steps(Db& db, std::int64_t case_review_id)
{
  SQLite::Statement s(db.impl().sql,
                      "SELECT step, day, at, user, detail FROM case_review_step WHERE case_review_id = ? ORDER BY id");
  s.bind(1, case_review_id);
  std::vector<CaseReviewStepRecord> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                   s.getColumn(3).getString(), s.getColumn(4).getString()});
  return out;
}

void set_acknowledged(Db& db, std::int64_t id, core::Date day)
{
  SQLite::Statement s(db.impl().sql, "UPDATE case_review SET acknowledged = ? WHERE id = ?");
  s.bind(1, day.iso());
  s.bind(2, id);
  s.exec();
}

void set_decision(Db& db, std::int64_t id, core::Date day, bool met, const std::string& rule,
                  const std::string& override_reason, const std::string& check_json)
{
  SQLite::Statement s(db.impl().sql, "UPDATE case_review SET decided = ?, threshold_met = ?, rule = ?, override_reason = ?, "
                                     "check_json = ? WHERE id = ?");
  s.bind(1, day.iso());
  s.bind(2, met ? 1 : 0);
  s.bind(3, rule);
  s.bind(4, override_reason);
  s.bind(5, check_json);
  s.bind(6, id);
  s.exec();
}

void set_review_meeting(Db& db, std::int64_t id, std::int64_t meeting_id)
{
  SQLite::Statement s(db.impl().sql, "UPDATE case_review SET meeting_id = ? WHERE id = ?");
  s.bind(1, meeting_id);
  s.bind(2, id);
  s.exec();
}

void set_outcome(Db& db, std::int64_t id, core::Date day, const std::string& summary)
{
  set_day_and_text(db, "UPDATE case_review SET outcome = ?1, outcome_summary = ?2 WHERE id = ?3", id, day, summary);
}

void set_appeal(Db& db, std::int64_t id, core::Date day, const std::string& reason)
{
  set_day_and_text(db, "UPDATE case_review SET appealed = ?1, appeal_reason = ?2 WHERE id = ?3", id, day, reason);
}

std::string insert_review_action(Db& db, std::int64_t case_review_id, const core::NewAction& action, const core::Actor& actor)
{
  return insert_action_row(db, {std::nullopt, case_review_id}, std::nullopt, action, actor);
}

std::vector<core::ActionRecord> review_actions(Db& db, std::int64_t case_review_id)
{
  SQLite::Statement s(db.impl().sql, "SELECT a.id, t.reference, a.owner, a.description, a.status, a.due, a.status_date "
                                     "FROM action a JOIN case_review t ON t.id = a.case_review_id "
                                     "WHERE a.case_review_id = ? ORDER BY a.id");
  s.bind(1, case_review_id);
  std::vector<core::ActionRecord> out;
  while (s.executeStep())
    out.push_back({"A-" + std::to_string(s.getColumn(0).getInt64()), s.getColumn(1).getString(), s.getColumn(2).getString(),
                   s.getColumn(3).getString(), s.getColumn(4).getString(), date_of(s.getColumn(5)),
                   optional_date(s.getColumn(6))});
  return out;
}

std::vector<ListedCaseReview> case_reviews_for_meeting(Db& db, core::Date meeting)
{
  SQLite::Statement s(db.impl().sql, "SELECT t.reference, CASE t.on_behalf_of WHEN '' THEN t.applicant ELSE t.on_behalf_of END "
                                     "FROM case_review t JOIN meeting m ON m.id = t.meeting_id "
                                     "WHERE m.date = ? ORDER BY t.year, t.seq");
  s.bind(1, meeting.iso());
  std::vector<ListedCaseReview> out;
  while (s.executeStep())
    out.push_back({s.getColumn(0).getString(), s.getColumn(1).getString()});
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> move_case_reviews(Db& db, std::int64_t from_meeting,
                                                                    std::optional<std::int64_t> to_meeting)
{
  SQLite::Statement s(db.impl().sql, "SELECT id, reference FROM case_review WHERE meeting_id = ? ORDER BY year, seq");
  s.bind(1, from_meeting);
  std::vector<std::pair<std::int64_t, std::string>> moved;
  while (s.executeStep())
    moved.emplace_back(s.getColumn(0).getInt64(), s.getColumn(1).getString());
  SQLite::Statement u(db.impl().sql, "UPDATE case_review SET meeting_id = ? WHERE meeting_id = ?");
  bind_optional(u, 1, to_meeting);
  u.bind(2, from_meeting);
  u.exec();
  return moved;
}

} // namespace panel::store
