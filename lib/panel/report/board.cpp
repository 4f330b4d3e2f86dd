#include "panel/report/board.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/render/board.hpp"
#include "panel/report/case_reviews.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_reviews.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace panel::report {
namespace {

using Json = nlohmann::ordered_json;

Json object_of(const store::Counts& counts)
{
  Json j = Json::object();
  for (const auto& [key, n] : counts)
    j[key.empty() ? "(none)" : key] = n;
  return j;
}

std::int64_t count_of(const store::Counts& counts, const std::string& key)
{
  for (const auto& [k, n] : counts)
    if (k == key)
      return n;
  return 0;
}

Json rate(std::int64_t part, std::int64_t whole)
{
  if (whole == 0)
    return nullptr;
  return core::round_ratio(part, whole, 4).value();
}

Json period_json(const Period& p) { return {{"from", p.from.iso()}, {"to", p.to.iso()}, {"label", p.label}}; }

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

Json case_review_section(store::Db& db, const BoardOptions& o, const Period& p)
{
  const auto f = case_review_figures(store::list_case_reviews(db), o.case_review, o.holidays, p.from, p.to);
  Json t;
  t["received"] = f.received;
  t["threshold_met"] = f.threshold_met;
  t["threshold_not_met"] = f.threshold_not_met;
  t["reviews_completed"] = f.reviews_completed;
  t["appeals"] = f.appeals;
  t["median_working_days_to_decision"] = f.median_working_days_to_decision ? Json(*f.median_working_days_to_decision) : Json(nullptr);
  t["steps_late"] = f.steps_late;
  return t;
}

Json sections(store::Db& db, const BoardOptions& o, const Period& p)
{
  const auto referrals = store::referral_counts(db, p.from, p.to);
  Json r;
  r["received"] = referrals.received;
  r["by_agency"] = object_of(referrals.by_agency);
  r["by_category"] = object_of(referrals.by_category);
  r["residents"] = referrals.residents;
  r["vulnerable"] = referrals.vulnerable;
  r["repeats"] = referrals.repeats;
  r["repeat_rate"] = rate(referrals.repeats, referrals.received);
  r["meeting_threshold"] = referrals.meeting_threshold;
  r["decisions"] = {{"accepted", count_of(referrals.decisions, "accept")},
                    {"declined", count_of(referrals.decisions, "decline")},
                    {"redirected", count_of(referrals.decisions, "redirect")},
                    {"more_info", count_of(referrals.decisions, "more-info")}};
  r["pending_at_end"] = referrals.pending_at_end;

  Json m;
  std::int64_t held = 0, cancelled = 0, inquorate = 0;
  Json reasons = Json::array();
  const auto meetings = store::meetings_between(db, p.from, p.to);
  for (const auto& row : meetings) {
    held += row.status == "held";
    inquorate += row.status == "held" && row.quorate == false;
    if (row.status == "cancelled") {
      ++cancelled;
      reasons.push_back({{"date", row.date.iso()}, {"reason", row.cancel_reason}});
    }
  }
  m["scheduled"] = static_cast<std::int64_t>(meetings.size());
  m["held"] = held;
  m["cancelled"] = cancelled;
  m["inquorate"] = inquorate;
  m["cancel_reasons"] = reasons;

  const auto cases = store::case_counts(db, p.from, p.to);
  Json c;
  c["discussed"] = cases.discussed;
  c["new_discussed"] = static_cast<std::int64_t>(cases.days_to_first_discussion.size());
  c["open_at_end"] = cases.open_at_end;
  c["closed"] = cases.closed;
  c["closed_by_reason"] = object_of(cases.closed_by_reason);
  const auto med = median(cases.days_to_first_discussion);
  c["median_days_to_first_discussion"] = med ? Json(*med) : Json(nullptr);

  const auto actions = action_figures(store::action_timelines(db, p.to), p.from, p.to);
  Json a;
  a["agreed"] = actions.agreed;
  a["completed"] = actions.completed;
  a["completed_on_time"] = actions.completed_on_time;
  a["on_time_rate"] = rate(actions.completed_on_time, actions.completed);
  a["overdue_at_end"] = actions.overdue_at_end;

  const auto interventions = store::intervention_counts(db, p.from, p.to);
  Json i;
  i["by_type"] = object_of(interventions.by_type);
  i["by_tier"] = object_of(interventions.by_tier);

  Json out;
  out["period"] = period_json(p);
  out["referrals"] = r;
  out["meetings"] = m;
  out["cases"] = c;
  out["actions"] = a;
  out["interventions"] = i;
  out["case_reviews"] = case_review_section(db, o, p);
  return out;
}

// Counts 1..n-1 as "<n", and the rates and changes made from them as null.
class Suppressor {
public:
  explicit Suppressor(int below) : m_below(below) {}

  bool hides(const Json& v) const { return m_below > 1 && v.is_number_integer() && v.get<std::int64_t>() >= 1 && v.get<std::int64_t>() < m_below; }

  void apply(Json& report) const
  {
    if (m_below <= 1)
      return;
    auto& r = report["referrals"];
    if (hides(r["repeats"]) || hides(r["received"]))
      r["repeat_rate"] = nullptr;
    auto& a = report["actions"];
    if (hides(a["completed_on_time"]) || hides(a["completed"]))
      a["on_time_rate"] = nullptr;
    if (report.contains("compare")) {
      auto& c = report["compare"];
      for (const auto& [name, section, key] : render::board_headlines())
        if (hides(c[name]) || hides(report[section][key]))
          c["change"][name] = nullptr;
    }
    walk(report);
  }

private:
  void walk(Json& j) const
  {
    if (j.is_object() || j.is_array()) {
      for (auto& item : j)
        walk(item);
    } else if (hides(j)) {
      j = fmt::format("<{}", m_below);
    }
  }
  int m_below;
};

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
        done = c.to == "done" ? std::optional<core::Date>(c.day) : std::nullopt;
    if (done) {
      ++f.completed;
      const auto due = core::Date::parse(as_of(a, "due", a.due_now, *done));
      if (due && *done <= *due)
        ++f.completed_on_time;
    }
    const auto status = as_of(a, "status", a.status_now, to);
    const auto due = core::Date::parse(as_of(a, "due", a.due_now, to));
    if (due && *due < to && status != "done" && status != "not-possible" && status != "cancelled")
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

std::string board_report(store::Db& db, const BoardOptions& o)
{
  store::Transaction txn(db, store::Transaction::Kind::read);
  Json report = sections(db, o, o.period);
  if (o.compare) {
    const Json before = sections(db, o, *o.compare);
    Json c;
    c["period"] = period_json(*o.compare);
    Json change = Json::object();
    for (const auto& [name, section, key] : render::board_headlines()) {
      const auto now = report[section][key].get<std::int64_t>();
      const auto then = before[section][key].get<std::int64_t>();
      c[name] = then;
      change[name] = then == 0 ? Json(nullptr) : Json(core::round_ratio(now - then, then, 4).value());
    }
    c["change"] = change;
    report["compare"] = c;
  }
  Suppressor(o.suppress_below).apply(report);

  render::BoardCharts charts;
  if (o.format == "html") {
    // A year of context for the charts: the twelve months to the end of the period, or the
    // whole period when it is longer.
    const auto start = std::min(o.period.from, o.period.to.plus_months(-12).plus_days(1));
    charts.referrals_per_month = store::referrals_per_month(db, start, o.period.to);
    charts.cases_open = store::cases_open_at_month_ends(db, start, o.period.to);
    charts.incidents_per_month = store::incidents_per_month(db, "Anti-social behaviour", start, o.period.to);
  }
  // The footer's head lets a reader prove later that the log behind these figures is intact.
  const auto head = store::audit_head(db);
  txn.commit();
  const render::BoardHeading heading{o.panel_name, o.marking, o.suppress_below,
                                     head.rows ? core::format_head(head) : std::string()};
  if (o.format == "json")
    return report.dump(2) + "\n";
  if (o.format == "csv")
    return render::board_csv(report);
  if (o.format == "md")
    return render::board_markdown(report, heading);
  if (o.format == "html")
    return render::board_html(report, heading, charts);
  if (o.format == "table")
    return render::board_text(report, heading);
  throw usage_error(fmt::format("'report' has no format '{}' (known: table, csv, json, md, html)", o.format));
}

} // namespace panel::report
