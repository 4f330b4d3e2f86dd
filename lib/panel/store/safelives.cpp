#include "panel/store/safelives.hpp"

#include "panel/store/row.hpp"

#include <fmt/format.h>

namespace panel::store {
namespace {

// The latest value of a referral column known (not NULL, or for text not blank) across the case's
// live referrals, and those of the earlier cases they repeat (family), received on or before the
// meeting.
std::string latest_known(const char* column, bool text)
{
  return fmt::format("(SELECT x.{0} FROM referral x JOIN family f ON f.case_id = x.case_id WHERE f.root = b.case_id "
                     "AND x.received <= b.meeting "
                     "AND x.voided IS NULL AND {1} ORDER BY x.received DESC, x.id DESC LIMIT 1)",
                     column, text ? fmt::format("trim(x.{}) <> ''", column) : fmt::format("x.{} IS NOT NULL", column));
}

std::optional<std::int64_t> int_or_null(const SQLite::Column& c)
{
  return c.isNull() ? std::nullopt : std::optional<std::int64_t>(c.getInt64());
}

std::optional<bool> bool_or_null(const SQLite::Column& c)
{
  return c.isNull() ? std::nullopt : std::optional<bool>(c.getInt() != 0);
}

} // namespace

std::vector<DiscussionFacts> discussion_facts(Db& db, core::Date from, core::Date to)
{
  // b: each discussion with the referral that brought the case there. A perpetrator is an other
  // party with the role perpetrator or both, under 18 on the day the bringing referral was
  // received (under_18, set when the date of birth is purged, when it is not known).
  // family: each case (root) with itself and every earlier case a live referral of the family
  // repeats a live referral of (trial 2 N1: a repeat after a closed case keeps the household).
  static const std::string sql = fmt::format(R"SQL(
    WITH RECURSIVE family(root, case_id) AS (
      SELECT id, id FROM "case"
      UNION
      SELECT f.root, x.case_id FROM family f JOIN referral y ON y.case_id = f.case_id AND y.voided IS NULL
      JOIN referral x ON x.id = y.repeat_of AND x.voided IS NULL WHERE x.case_id IS NOT NULL),
    b AS (
      SELECT d.id AS discussion, d.case_id, m.date AS meeting,
             (SELECT x.id FROM referral x WHERE x.case_id = d.case_id AND x.received <= m.date
              AND x.voided IS NULL ORDER BY x.received DESC, x.id DESC LIMIT 1) AS referral_id
      FROM discussion d JOIN meeting m ON m.id = d.meeting_id
      WHERE m.status = 'held' AND m.date BETWEEN ?1 AND ?2)
    SELECT b.meeting, r.agency, r.repeat_of IS NOT NULL, {}, {}, {}, {}, {}, {}, {},
           EXISTS (SELECT 1 FROM other_party o JOIN referral x ON x.id = o.referral_id
                   JOIN family f ON f.case_id = x.case_id
                   WHERE f.root = b.case_id AND x.received <= b.meeting AND x.voided IS NULL
                   AND o.role IN ('perpetrator', 'both')
                   AND ((o.dob IS NOT NULL AND date(o.dob, '+18 years') > r.received) OR (o.dob IS NULL AND o.under_18 = 1)))
    FROM b JOIN referral r ON r.id = b.referral_id
    ORDER BY b.meeting, b.discussion)SQL",
      latest_known("role", true), latest_known("gender", true), latest_known("bame", false), latest_known("lgbt", false),
      latest_known("disability", false), latest_known("age_at_referral", false), latest_known("children", false));
  SQLite::Statement s(db.impl().sql, sql);
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  std::vector<DiscussionFacts> rows;
  while (s.executeStep()) {
    DiscussionFacts f;
    f.meeting = date_of(s.getColumn(0));
    f.agency = s.getColumn(1).getString();
    f.repeat = s.getColumn(2).getInt() != 0;
    f.role = s.getColumn(3).getString();
    f.gender = s.getColumn(4).getString();
    f.bame = bool_or_null(s.getColumn(5));
    f.lgbt = bool_or_null(s.getColumn(6));
    f.disabled = bool_or_null(s.getColumn(7));
    f.age = int_or_null(s.getColumn(8));
    f.children = int_or_null(s.getColumn(9));
    f.perpetrator_under_18 = s.getColumn(10).getInt() != 0;
    rows.push_back(std::move(f));
  }
  return rows;
}

} // namespace panel::store
