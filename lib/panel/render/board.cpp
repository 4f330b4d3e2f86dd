#include "panel/render/board.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/render/charts.hpp"
#include "panel/render/markdown.hpp"
#include "panel/render/table.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;
using report::BoardReport;
using report::Headline;

// One line of the report: a figure, and for headline figures the comparison.
struct Row {
  std::string label, value, previous, change;
  bool sub = false;  // a breakdown line under the figure above
};
struct Section {
  std::string title;
  std::vector<Row> rows;
};

// A count as published: "<N" when suppressed.
Json count_json(const BoardReport& r, std::int64_t n)
{
  if (r.suppressed(n))
    return fmt::format("<{}", r.suppress_below);
  return n;
}

Json number_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json counts_json(const BoardReport& r, const store::Counts& counts)
{
  Json j = Json::object();
  for (const auto& [key, n] : counts)
    j[key] = count_json(r, n);
  return j;
}

Json period_json(const report::Period& p) { return {{"from", p.from.iso()}, {"to", p.to.iso()}, {"label", p.label}}; }

std::string count_text(const BoardReport& r, std::int64_t n)
{
  return r.suppressed(n) ? fmt::format("<{}", r.suppress_below) : std::to_string(n);
}

// Medians: a whole number or a half, which one decimal shows exactly; "-" for none.
std::string number_text(const std::optional<double>& v)
{
  if (!v)
    return "-";
  const double d = *v;
  return d == std::floor(d) ? fmt::format("{:.0f}", d) : fmt::format("{:.1f}", d);
}

// A rate as a percentage, rounded once from the counts it was made of (docs/reports.md), never
// from the 4-decimal fraction in the JSON; "-" when the report has no rate (nothing to divide
// by, or a suppressed count).
std::string percent_text(const std::optional<double>& rate, std::int64_t part, std::int64_t whole)
{
  return rate ? core::percent(part, whole) : "-";
}

Row figure(const BoardReport& r, std::string label, std::int64_t value)
{
  return {std::move(label), count_text(r, value), "", "", false};
}

// A headline figure, with the comparison when the report has one: the figure before and the
// change as a percentage, rounded from the two counts.
Row figure(const BoardReport& r, std::string label, Headline headline)
{
  const auto now = report::headline_figure(r.figures, headline);
  Row row = figure(r, std::move(label), now);
  if (!r.compare)
    return row;
  const auto& c = r.compare->of(headline);
  row.previous = count_text(r, c.previous);
  row.change = c.change ? core::percent(now - c.previous, c.previous, 1, true) : "-";
  return row;
}

Row heading(std::string label) { return {std::move(label), "", "", "", false}; }

void breakdown(const BoardReport& r, Section& s, const store::Counts& counts, const std::string& prefix = "")
{
  for (const auto& [key, n] : counts)
    s.rows.push_back({prefix + key, count_text(r, n), "", "", true});
}

std::vector<Section> sections(const BoardReport& r)
{
  const auto& f = r.figures;
  std::vector<Section> out;
  const auto& ref = f.referrals;
  Section referrals{"Referrals", {}};
  referrals.rows.push_back(figure(r, "Received", Headline::referrals_received));
  referrals.rows.push_back(heading("By agency"));
  breakdown(r, referrals, ref.by_agency);
  referrals.rows.push_back(heading("By category (each category of a referral)"));
  breakdown(r, referrals, ref.by_category);
  referrals.rows.push_back(figure(r, "Residents", Headline::residents));
  referrals.rows.push_back(figure(r, "Vulnerable", Headline::vulnerable));
  referrals.rows.push_back(figure(r, "Repeats", Headline::repeats));
  referrals.rows.push_back({"Repeat rate", percent_text(ref.repeat_rate, ref.repeats, ref.received), "", "", false});
  referrals.rows.push_back(figure(r, "Met the threshold at intake", Headline::meeting_threshold));
  referrals.rows.push_back(heading("Decisions in the period"));
  for (const auto& [label, n] : std::vector<std::pair<const char*, std::int64_t>>{
           {"accepted", ref.decisions.accepted}, {"declined", ref.decisions.declined},
           {"redirected", ref.decisions.redirected}, {"more information asked", ref.decisions.more_info}})
    referrals.rows.push_back({label, count_text(r, n), "", "", true});
  referrals.rows.push_back(figure(r, "Undecided at the end", ref.pending_at_end));
  out.push_back(referrals);

  Section meetings{"Meetings", {}};
  meetings.rows.push_back(figure(r, "Scheduled", f.meetings.scheduled));
  meetings.rows.push_back(figure(r, "Held", Headline::meetings_held));
  meetings.rows.push_back(figure(r, "Cancelled", f.meetings.cancelled));
  for (const auto& c : f.meetings.cancel_reasons)
    meetings.rows.push_back({c.date.iso(), c.reason, "", "", true});
  meetings.rows.push_back(figure(r, "Held without a quorum", f.meetings.inquorate));
  out.push_back(meetings);

  Section cases{"Cases", {}};
  cases.rows.push_back(figure(r, "Discussions (repeats included)", Headline::cases_discussed));
  cases.rows.push_back(figure(r, "Discussed for the first time", Headline::new_cases_discussed));
  cases.rows.push_back({"Median days from referral to first discussion", number_text(f.cases.median_days_to_first_discussion),
                        "", "", false});
  cases.rows.push_back(figure(r, "Open at the end", Headline::cases_open_at_end));
  cases.rows.push_back(figure(r, "Closed", Headline::cases_closed));
  breakdown(r, cases, f.cases.closed_by_reason);
  out.push_back(cases);

  const auto& a = f.actions;
  Section actions{"Actions", {}};
  actions.rows.push_back(figure(r, "Agreed", Headline::actions_agreed));
  actions.rows.push_back(figure(r, "Completed", Headline::actions_completed));
  actions.rows.push_back(figure(r, "Completed by the due date", a.completed_on_time));
  actions.rows.push_back({"On-time rate", percent_text(a.on_time_rate, a.completed_on_time, a.completed), "", "", false});
  actions.rows.push_back(figure(r, "Overdue at the end", Headline::actions_overdue_at_end));
  out.push_back(actions);

  Section interventions{"Interventions", {}};
  interventions.rows.push_back(heading("By type"));
  breakdown(r, interventions, f.interventions.by_type);
  interventions.rows.push_back(heading("By tier"));
  breakdown(r, interventions, f.interventions.by_tier, "tier ");
  out.push_back(interventions);

  const auto& cr = f.case_reviews;
  Section reviews{"ASB case reviews (Community Trigger)", {}};
  reviews.rows.push_back(figure(r, "Applications received", cr.received));
  reviews.rows.push_back(heading("Threshold decisions"));
  reviews.rows.push_back({"met", count_text(r, cr.threshold_met), "", "", true});
  reviews.rows.push_back({"not met", count_text(r, cr.threshold_not_met), "", "", true});
  reviews.rows.push_back({"Median working days to decision", number_text(cr.median_working_days_to_decision), "", "", false});
  reviews.rows.push_back(figure(r, "Reviews completed", cr.reviews_completed));
  reviews.rows.push_back(figure(r, "Appeals", cr.appeals));
  reviews.rows.push_back(figure(r, "Steps completed late", cr.steps_late));
  out.push_back(reviews);
  return out;
}

std::string title(const BoardReport& r)
{
  const auto& p = r.figures.period;
  return fmt::format("{}{}board report {} ({} to {})", r.panel_name, r.panel_name.empty() ? "" : ": ", p.label, p.from.iso(),
                     p.to.iso());
}

std::string compared(const BoardReport& r)
{
  if (!r.compare)
    return "";
  const auto& p = r.compare->period;
  return fmt::format("Compared with {} ({} to {}).", p.label, p.from.iso(), p.to.iso());
}

std::string suppressed(const BoardReport& r)
{
  return r.suppress_below > 1 ? fmt::format("Counts from 1 to {} are shown as <{}.", r.suppress_below - 1, r.suppress_below)
                              : "";
}

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

BoardFormat parse_board_format(const std::string& name)
{
  for (const auto& [text, format] : std::vector<std::pair<const char*, BoardFormat>>{
           {"table", BoardFormat::table}, {"csv", BoardFormat::csv}, {"json", BoardFormat::json},
           {"md", BoardFormat::md}, {"html", BoardFormat::html}})
    if (name == text)
      return format;
  throw usage_error(fmt::format("'report' has no format '{}' (known: table, csv, json, md, html)", name));
}

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

std::string board_text(const BoardReport& r)
{
  const bool comparing = r.compare.has_value();
  std::string out;
  if (!r.marking.empty())
    out += r.marking + "\n";
  out += title(r) + "\n";
  for (const auto& line : {compared(r), suppressed(r)})
    if (!line.empty())
      out += line + "\n";
  // Period labels such as "2017-08-01 to 2017-09-30" are wider than the figures: the columns
  // widen to fit them.
  const auto& now_label = r.figures.period.label;
  const auto then_label = comparing ? r.compare->period.label : std::string();
  const size_t w = std::max<size_t>({10, now_label.size() + 2, then_label.size() + 2});
  for (const auto& s : sections(r)) {
    out += "\n";
    out += comparing ? fmt::format("{:<50}{:>{}}{:>{}}{:>10}\n", s.title, now_label, w, then_label, w, "change")
                     : fmt::format("{:<50}{:>{}}\n", s.title, now_label, w);
    for (const auto& row : s.rows) {
      const std::string label = (row.sub ? "    " : "  ") + row.label;
      std::string line = comparing ? fmt::format("{:<50}{:>{}}{:>{}}{:>10}", label, row.value, w, row.previous, w, row.change)
                                   : fmt::format("{:<50}{:>{}}", label, row.value, w);
      line.erase(line.find_last_not_of(' ') + 1);
      out += line + "\n";
    }
  }
  if (!r.audit_head.empty())
    out += "\naudit log head " + r.audit_head + "\n";
  return out;
}

std::string board_markdown(const BoardReport& r)
{
  const bool comparing = r.compare.has_value();
  std::string out;
  if (!r.marking.empty())
    out += "**" + r.marking + "**\n\n";
  out += "# " + title(r) + "\n";
  for (const auto& line : {compared(r), suppressed(r)})
    if (!line.empty())
      out += "\n" + line + "\n";
  for (const auto& s : sections(r)) {
    out += "\n## " + s.title + "\n\n";
    out += comparing ? fmt::format("| | {} | {} | change |\n|---|---:|---:|---:|\n", r.figures.period.label,
                                   r.compare->period.label)
                     : fmt::format("| | {} |\n|---|---:|\n", r.figures.period.label);
    for (const auto& row : s.rows) {
      std::string label = row.label;
      for (const char* special : {"|", "*", "_"})
        for (size_t at = label.find(special); at != std::string::npos; at = label.find(special, at + 2))
          label.insert(at, "\\");
      label = row.sub ? "&nbsp;&nbsp;" + label : label;
      out += comparing ? fmt::format("| {} | {} | {} | {} |\n", label, row.value, row.previous, row.change)
                       : fmt::format("| {} | {} |\n", label, row.value);
    }
  }
  if (!r.audit_head.empty())
    out += "\nAudit log head: `" + r.audit_head + "`\n";
  return out;
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

std::string board_html(const BoardReport& r)
{
  const bool comparing = r.compare.has_value();
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + html_escape(title(r)) + "</title>\n";
  out += "<style>\nbody{font-family:Arial,Helvetica,sans-serif;margin:2em auto;max-width:48em;color:#0b0c0c}\n"
         ".marking{font-weight:bold;text-align:center;letter-spacing:.05em}\n"
         "table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #b1b4b6;padding:.25em .5em}\n"
         "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.sub{padding-left:2em;color:#505a5f}\n"
         "figure{margin:1.5em 0}figcaption{font-size:.9em;color:#505a5f}\n"
         "@media print{h2{page-break-after:avoid}table,figure{page-break-inside:avoid}}\n</style>\n</head>\n<body>\n";
  if (!r.marking.empty())
    out += "<p class=\"marking\">" + html_escape(r.marking) + "</p>\n";
  out += "<h1>" + html_escape(title(r)) + "</h1>\n";
  for (const auto& line : {compared(r), suppressed(r)})
    if (!line.empty())
      out += "<p>" + html_escape(line) + "</p>\n";
  out += "<h2>Charts</h2>\n";
  out += bar_chart("Referrals received per month", r.charts.referrals_per_month, r.suppress_below);
  // Suppressed categories ("<5") are left out of the chart.
  store::Counts categories;
  for (const auto& [key, n] : r.figures.referrals.by_category)
    if (!r.suppressed(n))
      categories.emplace_back(key, n);
  out += hbar_chart(fmt::format("Referrals by category, {}", r.figures.period.label), categories);
  out += line_chart("Cases open at the end of each month", r.charts.cases_open, r.suppress_below);
  // Police data is published already; it is not suppressed.
  out += bar_chart("Anti-social behaviour incidents recorded by the police per month (data.police.uk)",
                   r.charts.incidents_per_month, 0);
  for (const auto& s : sections(r)) {
    out += "<h2>" + html_escape(s.title) + "</h2>\n<table>\n<thead><tr><th></th><th class=\"n\">" +
           html_escape(r.figures.period.label) + "</th>";
    if (comparing)
      out += "<th class=\"n\">" + html_escape(r.compare->period.label) + "</th><th class=\"n\">change</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : s.rows) {
      out += fmt::format("<tr><td{}>{}</td><td class=\"n\">{}</td>", row.sub ? " class=\"sub\"" : "", html_escape(row.label),
                         html_escape(row.value));
      if (comparing)
        out += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td>", html_escape(row.previous), html_escape(row.change));
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (!r.audit_head.empty())
    out += "<p>Audit log head: <code>" + html_escape(r.audit_head) + "</code></p>\n";
  if (!r.marking.empty())
    out += "<p class=\"marking\">" + html_escape(r.marking) + "</p>\n";
  out += "</body>\n</html>\n";
  return out;
}

std::string board(const BoardReport& r, BoardFormat format, const Style& style)
{
  switch (format) {
  case BoardFormat::table: return board_text(r);
  case BoardFormat::csv: return board_csv(r, style);
  case BoardFormat::json: return board_json(r);
  case BoardFormat::md: return board_markdown(r);
  case BoardFormat::html: return board_html(r);
  }
  return board_text(r);
}

} // namespace panel::render
