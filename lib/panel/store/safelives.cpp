#include "panel/store/safelives.hpp"

#include "panel/store/row.hpp"

namespace panel::store {

std::vector<DiscussionFacts> discussion_facts(Db& db, core::Date from, core::Date to)
{
  // A perpetrator is an other party with the role perpetrator or both, under 18 on the day the
  // referral was received (kept in under_18 once the date of birth is purged). "Male" is the subject's gender written as male, m or man.
  SQLite::Statement s(db.impl().sql, R"SQL(
    SELECT m.date, r.agency, r.repeat_of IS NOT NULL, coalesce(r.bame, 0), coalesce(r.lgbt, 0), coalesce(r.disability, 0),
           lower(trim(r.gender)) IN ('male', 'm', 'man'), coalesce(r.age_at_referral IN (16, 17), 0),
           EXISTS (SELECT 1 FROM other_party o WHERE o.referral_id = r.id AND o.role IN ('perpetrator', 'both')
                   AND ((o.dob IS NOT NULL AND date(o.dob, '+18 years') > r.received) OR o.under_18 = 1)),
           coalesce(r.children, 0)
    FROM discussion d
    JOIN meeting m ON m.id = d.meeting_id
    JOIN referral r ON r.id = (SELECT x.id FROM referral x WHERE x.case_id = d.case_id AND x.received <= m.date
                               AND x.voided IS NULL ORDER BY x.received DESC, x.id DESC LIMIT 1)
    WHERE m.status = 'held' AND m.date BETWEEN ?1 AND ?2
    ORDER BY m.date, d.id)SQL");
  s.bind(1, from.iso());
  s.bind(2, to.iso());
  std::vector<DiscussionFacts> rows;
  while (s.executeStep())
    rows.push_back({date_of(s.getColumn(0)), s.getColumn(1).getString(), s.getColumn(2).getInt() != 0,
                    s.getColumn(3).getInt() != 0, s.getColumn(4).getInt() != 0, s.getColumn(5).getInt() != 0,
                    s.getColumn(6).getInt() != 0, s.getColumn(7).getInt() != 0, s.getColumn(8).getInt() != 0,
                    s.getColumn(9).getInt64()});
  return rows;
}

} // namespace panel::store
