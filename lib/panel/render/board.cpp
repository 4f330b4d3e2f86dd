#include "panel/render/board.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/render/charts.hpp"
#include "panel/render/markdown.hpp"
#include "panel/render/table.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace panel::render {
namespace {

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

// A code as people read it: its name when the report knows one.
std::string name_of(const BoardReport& r, const std::string& code)
{
  const auto it = r.names.find(code);
  return it == r.names.end() ? code : it->second;
}

void breakdown(const BoardReport& r, Section& s, const core::Counts& counts, const std::string& prefix = "")
{
  for (const auto& [key, n] : counts)
    s.rows.push_back({prefix + name_of(r, key), count_text(r, n), "", "", true});
}

Section referral_rows(const BoardReport& r)
{
  const auto& ref = r.figures.referrals;
  Section s{"Referrals", {}};
  s.rows.push_back(figure(r, "Received", Headline::referrals_received));
  s.rows.push_back(heading("By agency"));
  breakdown(r, s, ref.by_agency);
  s.rows.push_back(heading("By category (each category of a referral)"));
  breakdown(r, s, ref.by_category);
  s.rows.push_back(figure(r, "Residents", Headline::residents));
  s.rows.push_back(figure(r, "Vulnerable", Headline::vulnerable));
  s.rows.push_back(figure(r, "Repeats", Headline::repeats));
  s.rows.push_back({"Repeat rate", percent_text(ref.repeat_rate, ref.repeats, ref.received), "", "", false});
  s.rows.push_back(figure(r, "Met the threshold at intake", Headline::meeting_threshold));
  s.rows.push_back(heading("Decisions in the period"));
  for (const auto& [label, n] : std::vector<std::pair<const char*, std::int64_t>>{
           {"accepted", ref.decisions.accepted}, {"declined", ref.decisions.declined},
           {"redirected", ref.decisions.redirected}, {"more information asked", ref.decisions.more_info}})
    s.rows.push_back({label, count_text(r, n), "", "", true});
  s.rows.push_back(figure(r, "Undecided at the end", ref.pending_at_end));
  return s;
}

Section meeting_rows(const BoardReport& r)
{
  const auto& m = r.figures.meetings;
  Section s{"Meetings", {}};
  s.rows.push_back(figure(r, "Scheduled", m.scheduled));
  s.rows.push_back(figure(r, "Held", Headline::meetings_held));
  s.rows.push_back(figure(r, "Cancelled", m.cancelled));
  for (const auto& c : m.cancel_reasons)
    s.rows.push_back({c.date.iso(), c.reason, "", "", true});
  s.rows.push_back(figure(r, "Held without a quorum", m.inquorate));
  return s;
}

Section case_rows(const BoardReport& r)
{
  const auto& c = r.figures.cases;
  Section s{"Cases", {}};
  s.rows.push_back(figure(r, "Discussions (repeats included)", Headline::cases_discussed));
  s.rows.push_back(figure(r, "Discussed for the first time", Headline::new_cases_discussed));
  s.rows.push_back({"Median days from referral to first discussion", number_text(c.median_days_to_first_discussion), "", "",
                    false});
  s.rows.push_back(figure(r, "Open at the end", Headline::cases_open_at_end));
  s.rows.push_back(figure(r, "Closed", Headline::cases_closed));
  breakdown(r, s, c.closed_by_reason);
  return s;
}

Section action_rows(const BoardReport& r)
{
  const auto& a = r.figures.actions;
  Section s{"Actions", {}};
  s.rows.push_back(figure(r, "Agreed", Headline::actions_agreed));
  s.rows.push_back(figure(r, "Completed", Headline::actions_completed));
  s.rows.push_back(figure(r, "Completed by the due date", a.completed_on_time));
  s.rows.push_back({"On-time rate", percent_text(a.on_time_rate, a.completed_on_time, a.completed), "", "", false});
  s.rows.push_back(figure(r, "Overdue at the end", Headline::actions_overdue_at_end));
  return s;
}

Section intervention_rows(const BoardReport& r)
{
  Section s{"Interventions", {}};
  s.rows.push_back(heading("By type"));
  breakdown(r, s, r.figures.interventions.by_type);
  s.rows.push_back(heading("By tier"));
  breakdown(r, s, r.figures.interventions.by_tier, "tier ");
  return s;
}

Section case_review_rows(const BoardReport& r)
{
  const auto& cr = r.figures.case_reviews;
  Section s{"ASB case reviews (Community Trigger)", {}};
  s.rows.push_back(figure(r, "Applications received", cr.received));
  s.rows.push_back(heading("Threshold decisions"));
  s.rows.push_back({"met", count_text(r, cr.threshold_met), "", "", true});
  s.rows.push_back({"not met", count_text(r, cr.threshold_not_met), "", "", true});
  s.rows.push_back({"Median working days to decision", number_text(cr.median_working_days_to_decision), "", "", false});
  s.rows.push_back(figure(r, "Reviews completed", cr.reviews_completed));
  s.rows.push_back(figure(r, "Appeals", cr.appeals));
  s.rows.push_back(figure(r, "Steps completed late", cr.steps_late));
  return s;
}

// The report for people, section by section, in the order of docs/reports.md.
std::vector<Section> sections(const BoardReport& r)
{
  return {referral_rows(r), meeting_rows(r), case_rows(r), action_rows(r), intervention_rows(r), case_review_rows(r)};
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
  // Agency and category names can be longer than the codes were: the label column widens to fit.
  const auto chars = [](const std::string& text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
  };
  const auto all = sections(r);
  size_t lw = 50;
  for (const auto& s : all)
    for (const auto& row : s.rows)
      lw = std::max(lw, chars(row.label) + (row.sub ? 4 : 2) + 2);
  const auto pad = [&](const std::string& label) { return label + std::string(lw - std::min(lw, chars(label)), ' '); };
  for (const auto& s : all) {
    out += "\n";
    out += comparing ? fmt::format("{}{:>{}}{:>{}}{:>10}\n", pad(s.title), now_label, w, then_label, w, "change")
                     : fmt::format("{}{:>{}}\n", pad(s.title), now_label, w);
    for (const auto& row : s.rows) {
      const std::string label = (row.sub ? "    " : "  ") + row.label;
      std::string line = comparing ? fmt::format("{}{:>{}}{:>{}}{:>10}", pad(label), row.value, w, row.previous, w, row.change)
                                   : fmt::format("{}{:>{}}", pad(label), row.value, w);
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
  core::Counts categories;
  for (const auto& [key, n] : r.figures.referrals.by_category)
    if (!r.suppressed(n))
      categories.emplace_back(name_of(r, key), n);
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
