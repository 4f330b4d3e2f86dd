// The board report's JSON and CSV (docs/reports.md): both walk the figures through contract().
#include "panel/render/board.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;
using report::BoardReport;
using report::Headline;

// A count as published: "<N" when suppressed.
Json count_json(const BoardReport& r, std::int64_t n)
{
  if (r.suppressed(n))
    return fmt::format("<{}", r.suppress_below);
  return n;
}

Json number_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json counts_json(const BoardReport& r, const core::Counts& counts)
{
  Json j = Json::object();
  for (const auto& [key, n] : counts)
    j[key] = count_json(r, n);
  return j;
}

Json period_json(const report::Period& p) { return {{"from", p.from.iso()}, {"to", p.to.iso()}, {"label", p.label}}; }

// Walks the figures in the order of the JSON and CSV contract (docs/reports.md), so that the two
// cannot disagree on what the report holds: `v.figure(section, metric, value, the headline it is
// or none)`, `v.breakdown(section, metric, object)` and `v.cancellations(section, metric, list)`.
template <class Visitor>
void contract(const BoardReport& r, Visitor& v)
{
  const auto& f = r.figures;
  const auto count = [&](std::int64_t n) { return count_json(r, n); };
  const std::optional<Headline> none;

  const auto& ref = f.referrals;
  v.figure("referrals", "received", count(ref.received), Headline::referrals_received);
  v.breakdown("referrals", "by_agency", counts_json(r, ref.by_agency));
  v.breakdown("referrals", "by_category", counts_json(r, ref.by_category));
  v.figure("referrals", "residents", count(ref.residents), Headline::residents);
  v.figure("referrals", "vulnerable", count(ref.vulnerable), Headline::vulnerable);
  v.figure("referrals", "repeats", count(ref.repeats), Headline::repeats);
  v.figure("referrals", "repeat_rate", number_json(ref.repeat_rate), none);
  v.figure("referrals", "meeting_threshold", count(ref.meeting_threshold), Headline::meeting_threshold);
  v.breakdown("referrals", "decisions",
              Json{{"accepted", count(ref.decisions.accepted)}, {"declined", count(ref.decisions.declined)},
                   {"redirected", count(ref.decisions.redirected)}, {"more_info", count(ref.decisions.more_info)}});
  v.figure("referrals", "pending_at_end", count(ref.pending_at_end), none);

  const auto& m = f.meetings;
  v.figure("meetings", "scheduled", count(m.scheduled), none);
  v.figure("meetings", "held", count(m.held), Headline::meetings_held);
  v.figure("meetings", "cancelled", count(m.cancelled), none);
  v.figure("meetings", "inquorate", count(m.inquorate), none);
  v.cancellations("meetings", "cancel_reasons", m.cancel_reasons);

  const auto& c = f.cases;
  v.figure("cases", "discussed", count(c.discussed), Headline::cases_discussed);
  v.figure("cases", "new_discussed", count(c.new_discussed), Headline::new_cases_discussed);
  v.figure("cases", "open_at_end", count(c.open_at_end), Headline::cases_open_at_end);
  v.figure("cases", "closed", count(c.closed), Headline::cases_closed);
  v.breakdown("cases", "closed_by_reason", counts_json(r, c.closed_by_reason));
  v.figure("cases", "median_days_to_first_discussion", number_json(c.median_days_to_first_discussion), none);

  const auto& a = f.actions;
  v.figure("actions", "agreed", count(a.agreed), Headline::actions_agreed);
  v.figure("actions", "completed", count(a.completed), Headline::actions_completed);
  v.figure("actions", "completed_on_time", count(a.completed_on_time), none);
  v.figure("actions", "on_time_rate", number_json(a.on_time_rate), none);
  v.figure("actions", "overdue_at_end", count(a.overdue_at_end), Headline::actions_overdue_at_end);

  v.breakdown("interventions", "by_type", counts_json(r, f.interventions.by_type));
  v.breakdown("interventions", "by_tier", counts_json(r, f.interventions.by_tier));

  const auto& cr = f.case_reviews;
  v.figure("case_reviews", "received", count(cr.received), none);
  v.figure("case_reviews", "threshold_met", count(cr.threshold_met), none);
  v.figure("case_reviews", "threshold_not_met", count(cr.threshold_not_met), none);
  v.figure("case_reviews", "reviews_completed", count(cr.reviews_completed), none);
  v.figure("case_reviews", "appeals", count(cr.appeals), none);
  v.figure("case_reviews", "median_working_days_to_decision", number_json(cr.median_working_days_to_decision), none);
  v.figure("case_reviews", "steps_late", count(cr.steps_late), none);
}

struct JsonVisitor {
  Json& out;
  void figure(const char* section, const char* metric, Json value, const std::optional<Headline>&)
  {
    out[section][metric] = std::move(value);
  }
  void breakdown(const char* section, const char* metric, Json object) { out[section][metric] = std::move(object); }
  void cancellations(const char* section, const char* metric, const std::vector<report::CancelledMeeting>& list)
  {
    Json reasons = Json::array();
    for (const auto& c : list)
      reasons.push_back({{"date", c.date.iso()}, {"reason", c.reason}});
    out[section][metric] = std::move(reasons);
  }
};

std::string csv_cell(const Json& x)
{
  return x.is_null() ? std::string() : x.is_string() ? csv_field(x.get<std::string>()) : x.dump();
}

struct CsvVisitor {
  const BoardReport& board;
  std::string& out;
  void line(const char* section, const char* metric, const std::string& key, const Json& value,
            const std::string& previous = "", const std::string& change = "")
  {
    out += fmt::format("{},{},{},{},{},{}\r\n", section, metric, csv_field(key), csv_cell(value), previous, change);
  }
  void figure(const char* section, const char* metric, const Json& value, const std::optional<Headline>& headline)
  {
    if (!board.compare || !headline)
      return line(section, metric, "", value);
    const auto& c = board.compare->of(*headline);
    line(section, metric, "", value, csv_cell(count_json(board, c.previous)), csv_cell(number_json(c.change)));
  }
  void breakdown(const char* section, const char* metric, const Json& object)
  {
    for (const auto& [key, n] : object.items())
      line(section, metric, key, n);
  }
  void cancellations(const char* section, const char* metric, const std::vector<report::CancelledMeeting>& list)
  {
    for (const auto& c : list)
      line(section, metric, c.date.iso(), c.reason);
  }
};

} // namespace

std::string board_json(const BoardReport& r)
{
  Json out;
  out["period"] = period_json(r.figures.period);
  JsonVisitor visitor{out};
  contract(r, visitor);
  if (r.compare) {
    Json c;
    c["period"] = period_json(r.compare->period);
    Json change = Json::object();
    for (const auto& h : r.compare->headlines) {
      c[report::headline_name(h.headline)] = count_json(r, h.previous);
      change[report::headline_name(h.headline)] = number_json(h.change);
    }
    c["change"] = change;
    out["compare"] = c;
  }
  return out.dump(2) + "\n";
}

std::string board_csv(const BoardReport& r, const Style& style)
{
  std::string out;
  // Asked for with --marking: a comment line spreadsheets show as text in A1, not a formula.
  if (!style.csv_marking.empty())
    out += "# " + style.csv_marking + "\r\n";
  out += "section,metric,key,value,previous,change\r\n";
  const auto period = [&](const char* section, const report::Period& p) {
    out += fmt::format("{0},from,,{1},,\r\n{0},to,,{2},,\r\n{0},label,,{3},,\r\n", section, p.from.iso(), p.to.iso(),
                       csv_field(p.label));
  };
  period("period", r.figures.period);
  if (r.compare)
    period("compare", r.compare->period);
  CsvVisitor visitor{r, out};
  contract(r, visitor);
  return out;
}

} // namespace panel::render
