#include "panel/store/board.hpp"

#include "panel/store/incidents.hpp"
#include "panel/store/row.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::store {
namespace {

Counts counts(SQLite::Statement& s)
{
  Counts rows;
  while (s.executeStep())
    rows.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getInt64());
  return rows;
}

Counts counts(Db& db, const char* sql, core::Date from, core::Date to)
{
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  return counts(s);
}

std::string month_of(core::Date d) { return d.iso().substr(0, 7); }

// The months from the month of `from` to the month of `to`, as their first days.
std::vector<core::Date> months(core::Date from, core::Date to)
{
  std::vector<core::Date> firsts;
  for (auto m = *core::Date::from_ymd(from.year(), from.month(), 1); m <= to; m = m.plus_months(1))
    firsts.push_back(m);
  return firsts;
}

// Monthly counts (in month order) with the months that have none filled in as 0.
Counts every_month(const Counts& found, core::Date from, core::Date to)
{
  Counts series;
  size_t i = 0;
  for (const auto& first : months(from, to)) {
    const auto key = month_of(first);
    series.emplace_back(key, i < found.size() && found[i].first == key ? found[i++].second : 0);
  }
  return series;
}

} // namespace

ReferralCounts referral_counts(Db& db, core::Date from, core::Date to)
{
  ReferralCounts c;
  SQLite::Statement s(db.impl().sql,
                      "SELECT count(*), coalesce(sum(resident = 1), 0), coalesce(sum(vulnerable = 1), 0), "
                      "coalesce(sum(repeat_of IS NOT NULL), 0), coalesce(sum(meets_threshold = 1), 0) "
                      "FROM referral WHERE received BETWEEN ?1 AND ?2 AND voided IS NULL");
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  s.executeStep();
  c.received = s.getColumn(0).getInt64();
  c.residents = s.getColumn(1).getInt64();
  c.vulnerable = s.getColumn(2).getInt64();
  c.repeats = s.getColumn(3).getInt64();
  c.meeting_threshold = s.getColumn(4).getInt64();
  c.by_agency = counts(db, "SELECT agency, count(*) AS n FROM referral WHERE received BETWEEN ?1 AND ?2 AND voided IS NULL "
                           "GROUP BY agency ORDER BY n DESC, agency", from, to);
  c.by_category = counts(db, "SELECT rc.category, count(*) AS n FROM referral r JOIN referral_category rc ON rc.referral_id = r.id "
                             "WHERE r.received BETWEEN ?1 AND ?2 AND r.voided IS NULL GROUP BY rc.category ORDER BY n DESC, rc.category", from, to);
  c.decisions = counts(db, "SELECT d.decision, count(*) FROM decision d JOIN referral r ON r.id = d.referral_id "
                           "WHERE d.decided_on BETWEEN ?1 AND ?2 AND d.decision <> 'reopen' AND r.voided IS NULL "
                           "GROUP BY d.decision", from, to);
  // Undecided at the end: no decision by then, or the last one then asked for more
  // information or reopened the referral.
  SQLite::Statement p(db.impl().sql, R"SQL(
    SELECT count(*) FROM referral r
    WHERE r.received <= ?1 AND r.voided IS NULL
      AND coalesce((SELECT d.decision FROM decision d WHERE d.referral_id = r.id AND d.decided_on <= ?1
                    ORDER BY d.decided_on DESC, d.id DESC LIMIT 1), 'none') IN ('none', 'more-info', 'reopen'))SQL");
  p.bind(1, to.iso());
  p.executeStep();
  c.pending_at_end = p.getColumn(0).getInt64();
  return c;
}

std::vector<MeetingRow> meetings_between(Db& db, core::Date from, core::Date to)
{
  SQLite::Statement s(db.impl().sql, "SELECT date, status, cancel_reason, quorate FROM meeting WHERE date BETWEEN ? AND ? ORDER BY date");
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  std::vector<MeetingRow> rows;
  while (s.executeStep())
    rows.push_back({date_of(s.getColumn(0)), s.getColumn(1).getString(), s.getColumn(2).getString(), optional_bool(s.getColumn(3))});
  return rows;
}

std::int64_t discussions_between(Db& db, core::Date from, core::Date to)
{
  SQLite::Statement s(db.impl().sql, "SELECT count(*) FROM discussion d JOIN meeting m ON m.id = d.meeting_id "
                                     "WHERE m.status = 'held' AND m.date BETWEEN ? AND ?");
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  s.executeStep();
  return s.getColumn(0).getInt64();
}

CaseCounts case_counts(Db& db, core::Date from, core::Date to)
{
  CaseCounts c;
  c.discussed = discussions_between(db, from, to);
  SQLite::Statement o(db.impl().sql, "SELECT count(*) FROM \"case\" WHERE opened <= ?1 AND (closed IS NULL OR closed > ?1) "
                                     "AND voided IS NULL");
  o.bind(1, to.iso());
  o.executeStep();
  c.open_at_end = o.getColumn(0).getInt64();
  // A case closed by a merge ("merged into C-..") counts under one reason, not one per merge.
  c.closed_by_reason = counts(db, "SELECT CASE WHEN close_reason LIKE 'merged into %' THEN 'merged (duplicate record)' "
                                  "ELSE close_reason END AS reason, count(*) AS n FROM \"case\" WHERE closed BETWEEN ?1 AND ?2 "
                                  "AND voided IS NULL GROUP BY reason ORDER BY n DESC, reason", from, to);
  for (const auto& [reason, n] : c.closed_by_reason)
    c.closed += n;
  SQLite::Statement f(db.impl().sql, R"SQL(
    WITH first (case_id, day) AS (
      SELECT d.case_id, min(m.date) FROM discussion d JOIN meeting m ON m.id = d.meeting_id
      WHERE m.status = 'held' GROUP BY d.case_id)
    SELECT f.day, (SELECT min(r.received) FROM referral r WHERE r.case_id = f.case_id AND r.voided IS NULL)
    FROM first f WHERE f.day BETWEEN ?1 AND ?2)SQL");
  f.bind(1, from.iso());
  f.bind(2, to.iso());
  while (f.executeStep()) {
    const auto received = optional_date(f.getColumn(1));
    if (received)
      c.days_to_first_discussion.push_back(received->days_until(date_of(f.getColumn(0))));
  }
  return c;
}

std::vector<ActionTimeline> action_timelines(Db& db, core::Date to)
{
  std::vector<ActionTimeline> rows;
  SQLite::Statement a(db.impl().sql, R"SQL(
    SELECT a.id, coalesce(m.date, (SELECT min(h.day) FROM action_history h WHERE h.action_id = a.id)) AS agreed,
           a.due, a.status
    FROM action a LEFT JOIN meeting m ON m.id = a.meeting_id
    WHERE agreed <= ?1 ORDER BY a.id)SQL");
  a.bind(1, to.iso());
  while (a.executeStep())
    rows.push_back({a.getColumn(0).getInt64(), date_of(a.getColumn(1)), a.getColumn(2).getString(), a.getColumn(3).getString(), {}});
  // History texts are "created", "status open -> done", "due 2017-09-30 -> 2017-10-06; owner A -> B".
  SQLite::Statement h(db.impl().sql, "SELECT action_id, day, change FROM action_history WHERE change <> 'created' "
                                     "AND change <> 'note' ORDER BY action_id, id");
  size_t at = 0;
  while (h.executeStep()) {
    const auto id = h.getColumn(0).getInt64();
    while (at < rows.size() && rows[at].id < id)
      ++at;
    if (at == rows.size())
      break;
    if (rows[at].id != id)
      continue;
    const auto day = date_of(h.getColumn(1));
    const std::string change = h.getColumn(2).getString();
    size_t start = 0;
    while (start < change.size()) {
      auto end = change.find("; ", start);
      if (end == std::string::npos)
        end = change.size();
      const std::string part = change.substr(start, end - start);
      const auto space = part.find(' ');
      const auto arrow = part.find(" -> ");
      if (space != std::string::npos && arrow != std::string::npos && arrow > space) {
        const std::string field = part.substr(0, space);
        if (field == "status" || field == "due")
          rows[at].changes.push_back({day, field, part.substr(space + 1, arrow - space - 1), part.substr(arrow + 4)});
      }
      start = end + 2;
    }
  }
  return rows;
}

InterventionCounts intervention_counts(Db& db, core::Date from, core::Date to)
{
  return {counts(db, "SELECT type, count(*) AS n FROM intervention WHERE date BETWEEN ?1 AND ?2 GROUP BY type ORDER BY n DESC, type",
                 from, to),
          counts(db, "SELECT CAST(tier AS TEXT), count(*) FROM intervention WHERE date BETWEEN ?1 AND ?2 GROUP BY tier ORDER BY tier",
                 from, to)};
}

Counts referrals_per_month(Db& db, core::Date from, core::Date to)
{
  const auto found = counts(db, "SELECT substr(received, 1, 7) AS month, count(*) FROM referral WHERE received BETWEEN ?1 AND ?2 "
                                "AND voided IS NULL "
                                "GROUP BY month ORDER BY month",
                            *core::Date::from_ymd(from.year(), from.month(), 1), to);
  return every_month(found, from, to);
}

Counts cases_open_at_month_ends(Db& db, core::Date from, core::Date to)
{
  SQLite::Statement s(db.impl().sql, "SELECT count(*) FROM \"case\" WHERE opened <= ?1 AND (closed IS NULL OR closed > ?1) "
                                     "AND voided IS NULL");
  Counts series;
  for (const auto& first : months(from, to)) {
    const auto end = std::min(first.plus_months(1).plus_days(-1), to);
    s.reset();
    s.bind(1, end.iso());
    s.executeStep();
    series.emplace_back(month_of(first), s.getColumn(0).getInt64());
  }
  return series;
}

MonthlyCounts incidents_per_month(Db& db, const std::string& crime_type, core::Date from, core::Date to)
{
  const auto first = month_of(from), last = month_of(to);
  const auto imported = months_imported(db, "", first, last);
  if (imported.empty())
    return {};
  SQLite::Statement s(db.impl().sql, "SELECT month, count(*) FROM incident WHERE crime_type = ? AND month BETWEEN ? AND ? "
                                     "GROUP BY month ORDER BY month");
  s.bind(1, crime_type);
  s.bind(2, first);
  s.bind(3, last);
  const auto found = every_month(counts(s), from, to);
  MonthlyCounts series;
  for (const auto& [month, n] : found) {
    const bool has_data = std::binary_search(imported.begin(), imported.end(), month);
    series.emplace_back(month, has_data ? std::optional<std::int64_t>(n) : std::nullopt);
  }
  return series;
}

} // namespace panel::store
