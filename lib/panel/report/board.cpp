#include "panel/report/board.hpp"

#include "panel/core/rounding.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_reviews.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace panel::report {
namespace {

// A breakdown as the report shows it: a missing value is "(none)".
store::Counts named(store::Counts counts)
{
  for (auto& [key, n] : counts)
    if (key.empty())
      key = "(none)";
  return counts;
}

std::int64_t count_of(const store::Counts& counts, const std::string& key)
{
  for (const auto& [k, n] : counts)
    if (k == key)
      return n;
  return 0;
}

std::optional<double> rate(std::int64_t part, std::int64_t whole)
{
  if (whole == 0)
    return std::nullopt;
  return core::round_ratio(part, whole, 4).value();
}

// The state of an action's field on `day`: the last change on or before it, else the value
// before the first change, else the value now.
std::string as_of(const store::ActionTimeline& a, const std::string& field, const std::string& now, core::Date day)
{
  std::string value;
  bool first = true;
  for (const auto& c : a.changes) {
    if (c.field != field)
      continue;
    if (first)
      value = c.from;
    first = false;
    if (c.day <= day)
      value = c.to;
  }
  return first ? now : value;
}

BoardReferrals referral_section(store::Db& db, const Period& p)
{
  const auto referrals = store::referral_counts(db, p.from, p.to);
  BoardReferrals r;
  r.received = referrals.received;
  r.by_agency = named(referrals.by_agency);
  r.by_category = named(referrals.by_category);
  r.residents = referrals.residents;
  r.vulnerable = referrals.vulnerable;
  r.repeats = referrals.repeats;
  r.repeat_rate = rate(referrals.repeats, referrals.received);
  r.meeting_threshold = referrals.meeting_threshold;
  auto decided = [&](core::TriageDecision d) { return count_of(referrals.decisions, core::to_string(d)); };
  r.decisions = {decided(core::TriageDecision::accept), decided(core::TriageDecision::decline),
                 decided(core::TriageDecision::redirect), decided(core::TriageDecision::more_info)};
  r.pending_at_end = referrals.pending_at_end;
  return r;
}

BoardMeetings meeting_section(store::Db& db, const Period& p)
{
  BoardMeetings m;
  const auto meetings = store::meetings_between(db, p.from, p.to);
  for (const auto& row : meetings) {
    m.held += core::is(row.status, core::MeetingStatus::held);
    m.inquorate += core::is(row.status, core::MeetingStatus::held) && row.quorate == false;
    if (core::is(row.status, core::MeetingStatus::cancelled)) {
      ++m.cancelled;
      m.cancel_reasons.push_back({row.date, row.cancel_reason});
    }
  }
  m.scheduled = static_cast<std::int64_t>(meetings.size());
  return m;
}

BoardCases case_section(store::Db& db, const Period& p)
{
  const auto cases = store::case_counts(db, p.from, p.to);
  BoardCases c;
  c.discussed = cases.discussed;
  c.new_discussed = static_cast<std::int64_t>(cases.days_to_first_discussion.size());
  c.open_at_end = cases.open_at_end;
  c.closed = cases.closed;
  c.closed_by_reason = named(cases.closed_by_reason);
  c.median_days_to_first_discussion = median(cases.days_to_first_discussion);
  return c;
}

BoardActions action_section(store::Db& db, const Period& p)
{
  const auto actions = action_figures(store::action_timelines(db, p.to), p.from, p.to);
  return {actions.agreed, actions.completed, actions.completed_on_time, rate(actions.completed_on_time, actions.completed),
          actions.overdue_at_end};
}

BoardFigures figures(store::Db& db, const BoardOptions& o, const Period& p)
{
  BoardFigures f;
  f.period = p;
  f.referrals = referral_section(db, p);
  f.meetings = meeting_section(db, p);
  f.cases = case_section(db, p);
  f.actions = action_section(db, p);
  const auto interventions = store::intervention_counts(db, p.from, p.to);
  f.interventions = {named(interventions.by_type), named(interventions.by_tier)};
  f.case_reviews = case_review_figures(store::list_case_reviews(db), o.case_review, o.holidays, p.from, p.to);
  return f;
}

BoardComparison comparison(const BoardFigures& now, const BoardFigures& then)
{
  BoardComparison c{then.period, {}};
  for (const auto h : board_headlines()) {
    const auto a = headline_figure(now, h), b = headline_figure(then, h);
    c.headlines.push_back({h, b, b == 0 ? std::nullopt : std::optional(core::round_ratio(a - b, b, 4).value())});
  }
  return c;
}

// Publication: a rate or change made from a count shown as "<N" is not given either.
void suppress(BoardReport& r)
{
  auto& f = r.figures;
  if (r.suppressed(f.referrals.repeats) || r.suppressed(f.referrals.received))
    f.referrals.repeat_rate.reset();
  if (r.suppressed(f.actions.completed_on_time) || r.suppressed(f.actions.completed))
    f.actions.on_time_rate.reset();
  if (r.compare)
    for (auto& h : r.compare->headlines)
      if (r.suppressed(h.previous) || r.suppressed(headline_figure(f, h.headline)))
        h.change.reset();
}

} // namespace

ActionFigures action_figures(const std::vector<store::ActionTimeline>& actions, core::Date from, core::Date to)
{
  ActionFigures f;
  for (const auto& a : actions) {
    if (a.agreed >= from && a.agreed <= to)
      ++f.agreed;
    // Completed in the period: its last change to "done" within it, unless undone again there.
    std::optional<core::Date> done;
    for (const auto& c : a.changes)
      if (c.field == "status" && c.day >= from && c.day <= to)
        done = core::is(c.to, core::ActionStatus::done) ? std::optional<core::Date>(c.day) : std::nullopt;
    if (done) {
      ++f.completed;
      const auto due = core::Date::parse(as_of(a, "due", a.due_now, *done));
      if (due && *done <= *due)
        ++f.completed_on_time;
    }
    const auto status = core::parse<core::ActionStatus>(as_of(a, "status", a.status_now, to));
    const bool settled = status == core::ActionStatus::done || status == core::ActionStatus::not_possible ||
                         status == core::ActionStatus::cancelled;
    const auto due = core::Date::parse(as_of(a, "due", a.due_now, to));
    if (due && *due < to && !settled)
      ++f.overdue_at_end;
  }
  return f;
}

std::optional<double> median(std::vector<int> values)
{
  if (values.empty())
    return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

const std::vector<Headline>& board_headlines()
{
  static const std::vector<Headline> list = {
      Headline::referrals_received, Headline::repeats,          Headline::meeting_threshold,
      Headline::residents,          Headline::vulnerable,       Headline::meetings_held,
      Headline::cases_discussed,    Headline::new_cases_discussed, Headline::cases_open_at_end,
      Headline::cases_closed,       Headline::actions_agreed,   Headline::actions_completed,
      Headline::actions_overdue_at_end};
  return list;
}

const char* headline_name(Headline headline)
{
  switch (headline) {
  case Headline::referrals_received: return "referrals_received";
  case Headline::repeats: return "repeats";
  case Headline::meeting_threshold: return "meeting_threshold";
  case Headline::residents: return "residents";
  case Headline::vulnerable: return "vulnerable";
  case Headline::meetings_held: return "meetings_held";
  case Headline::cases_discussed: return "cases_discussed";
  case Headline::new_cases_discussed: return "new_cases_discussed";
  case Headline::cases_open_at_end: return "cases_open_at_end";
  case Headline::cases_closed: return "cases_closed";
  case Headline::actions_agreed: return "actions_agreed";
  case Headline::actions_completed: return "actions_completed";
  case Headline::actions_overdue_at_end: return "actions_overdue_at_end";
  }
  return "";
}

std::int64_t headline_figure(const BoardFigures& f, Headline headline)
{
  switch (headline) {
  case Headline::referrals_received: return f.referrals.received;
  case Headline::repeats: return f.referrals.repeats;
  case Headline::meeting_threshold: return f.referrals.meeting_threshold;
  case Headline::residents: return f.referrals.residents;
  case Headline::vulnerable: return f.referrals.vulnerable;
  case Headline::meetings_held: return f.meetings.held;
  case Headline::cases_discussed: return f.cases.discussed;
  case Headline::new_cases_discussed: return f.cases.new_discussed;
  case Headline::cases_open_at_end: return f.cases.open_at_end;
  case Headline::cases_closed: return f.cases.closed;
  case Headline::actions_agreed: return f.actions.agreed;
  case Headline::actions_completed: return f.actions.completed;
  case Headline::actions_overdue_at_end: return f.actions.overdue_at_end;
  }
  return 0;
}

const HeadlineChange& BoardComparison::of(Headline headline) const
{
  for (const auto& h : headlines)
    if (h.headline == headline)
      return h;
  throw std::logic_error(fmt::format("board comparison without '{}'", headline_name(headline)));
}

BoardReport board_report(store::Db& db, const BoardOptions& o)
{
  BoardReport r;
  r.panel_name = o.panel_name;
  r.marking = o.marking;
  r.suppress_below = o.suppress_below;
  store::Transaction txn(db, store::Transaction::Kind::read);
  r.figures = figures(db, o, o.period);
  if (o.compare)
    r.compare = comparison(r.figures, figures(db, o, *o.compare));
  suppress(r);
  r.names = o.names;
  for (const auto& [code, n] : r.figures.referrals.by_agency)
    if (const auto agency = store::find_agency(db, code))
      r.names[code] = agency->name;
  if (o.charts) {
    // A year of context for the charts: the twelve months to the end of the period, or the
    // whole period when it is longer.
    const auto start = std::min(o.period.from, o.period.to.plus_months(-12).plus_days(1));
    r.charts.referrals_per_month = store::referrals_per_month(db, start, o.period.to);
    r.charts.cases_open = store::cases_open_at_month_ends(db, start, o.period.to);
    r.charts.incidents_per_month = store::incidents_per_month(db, "Anti-social behaviour", start, o.period.to);
  }
  // The footer's head lets a reader prove later that the log behind these figures is intact.
  const auto head = store::audit_head(db);
  txn.commit();
  r.audit_head = head.rows ? core::format_head(head) : std::string();
  return r;
}

} // namespace panel::report
