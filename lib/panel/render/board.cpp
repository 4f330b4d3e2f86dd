#include "panel/render/board.hpp"

#include "panel/core/rounding.hpp"
#include "panel/render/charts.hpp"
#include "panel/render/markdown.hpp"
#include "panel/render/table.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;

// One line of the report: a figure, and for headline figures the comparison.
struct Row {
  std::string label, value, previous, change;
  bool sub = false;  // a breakdown line under the figure above
};
struct Section {
  std::string title;
  std::vector<Row> rows;
};

std::string text_of(const Json& v)
{
  if (v.is_null())
    return "-";
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_number_integer())
    return std::to_string(v.get<std::int64_t>());
  // Medians: a whole number or a half, which one decimal shows exactly.
  const double d = v.get<double>();
  return d == std::floor(d) ? fmt::format("{:.0f}", d) : fmt::format("{:.1f}", d);
}

// A rate as a percentage, rounded once from the counts it was made of (docs/reports.md), never
// from the 4-decimal fraction in the JSON; "-" when the report has no rate (nothing to divide
// by, or a suppressed count).
std::string percent_of(const Json& section, const char* part, const char* whole, const char* rate)
{
  if (section[rate].is_null())
    return "-";
  return core::percent(section[part].get<std::int64_t>(), section[whole].get<std::int64_t>());
}

// The comparison for a headline figure, when the report has one: the change as a percentage,
// rounded from the two counts.
void compare(Row& row, const Json& report, const char* section, const char* key, const char* headline)
{
  if (!report.contains("compare"))
    return;
  const auto& c = report["compare"];
  row.previous = text_of(c[headline]);
  if (c["change"][headline].is_null()) {
    row.change = "-";
    return;
  }
  const auto now = report[section][key].get<std::int64_t>(), then = c[headline].get<std::int64_t>();
  row.change = core::percent(now - then, then, 1, true);
}

Row figure(const Json& report, const char* section, const char* key, std::string label, const char* headline = nullptr)
{
  Row row{std::move(label), text_of(report[section][key]), "", "", false};
  if (headline)
    compare(row, report, section, key, headline);
  return row;
}

void breakdown(Section& s, const Json& counts)
{
  for (const auto& [key, n] : counts.items())
    s.rows.push_back({key, text_of(n), "", "", true});
}

std::vector<Section> sections(const Json& r)
{
  std::vector<Section> out;
  Section referrals{"Referrals", {}};
  referrals.rows.push_back(figure(r, "referrals", "received", "Received", "referrals_received"));
  referrals.rows.push_back({"By agency", "", "", "", false});
  breakdown(referrals, r["referrals"]["by_agency"]);
  referrals.rows.push_back({"By category (each category of a referral)", "", "", "", false});
  breakdown(referrals, r["referrals"]["by_category"]);
  referrals.rows.push_back(figure(r, "referrals", "residents", "Residents", "residents"));
  referrals.rows.push_back(figure(r, "referrals", "vulnerable", "Vulnerable", "vulnerable"));
  referrals.rows.push_back(figure(r, "referrals", "repeats", "Repeats", "repeats"));
  referrals.rows.push_back({"Repeat rate", percent_of(r["referrals"], "repeats", "received", "repeat_rate"), "", "", false});
  referrals.rows.push_back(figure(r, "referrals", "meeting_threshold", "Met the threshold at intake", "meeting_threshold"));
  const auto& d = r["referrals"]["decisions"];
  referrals.rows.push_back({"Decisions in the period", "", "", "", false});
  for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
           {"accepted", "accepted"}, {"declined", "declined"}, {"redirected", "redirected"}, {"more_info", "more information asked"}})
    referrals.rows.push_back({label, text_of(d[key]), "", "", true});
  referrals.rows.push_back(figure(r, "referrals", "pending_at_end", "Undecided at the end"));
  out.push_back(referrals);

  Section meetings{"Meetings", {}};
  meetings.rows.push_back(figure(r, "meetings", "scheduled", "Scheduled"));
  meetings.rows.push_back(figure(r, "meetings", "held", "Held", "meetings_held"));
  meetings.rows.push_back(figure(r, "meetings", "cancelled", "Cancelled"));
  for (const auto& c : r["meetings"]["cancel_reasons"])
    meetings.rows.push_back({c["date"].get<std::string>(), c["reason"].get<std::string>(), "", "", true});
  meetings.rows.push_back(figure(r, "meetings", "inquorate", "Held without a quorum"));
  out.push_back(meetings);

  Section cases{"Cases", {}};
  cases.rows.push_back(figure(r, "cases", "discussed", "Discussions (repeats included)", "cases_discussed"));
  cases.rows.push_back(figure(r, "cases", "new_discussed", "Discussed for the first time", "new_cases_discussed"));
  cases.rows.push_back(figure(r, "cases", "median_days_to_first_discussion", "Median days from referral to first discussion"));
  cases.rows.push_back(figure(r, "cases", "open_at_end", "Open at the end", "cases_open_at_end"));
  cases.rows.push_back(figure(r, "cases", "closed", "Closed", "cases_closed"));
  breakdown(cases, r["cases"]["closed_by_reason"]);
  out.push_back(cases);

  Section actions{"Actions", {}};
  actions.rows.push_back(figure(r, "actions", "agreed", "Agreed", "actions_agreed"));
  actions.rows.push_back(figure(r, "actions", "completed", "Completed", "actions_completed"));
  actions.rows.push_back(figure(r, "actions", "completed_on_time", "Completed by the due date"));
  actions.rows.push_back({"On-time rate", percent_of(r["actions"], "completed_on_time", "completed", "on_time_rate"), "", "", false});
  actions.rows.push_back(figure(r, "actions", "overdue_at_end", "Overdue at the end", "actions_overdue_at_end"));
  out.push_back(actions);

  Section interventions{"Interventions", {}};
  interventions.rows.push_back({"By type", "", "", "", false});
  breakdown(interventions, r["interventions"]["by_type"]);
  interventions.rows.push_back({"By tier", "", "", "", false});
  for (const auto& [tier, n] : r["interventions"]["by_tier"].items())
    interventions.rows.push_back({"tier " + tier, text_of(n), "", "", true});
  out.push_back(interventions);

  Section reviews{"ASB case reviews (Community Trigger)", {}};
  reviews.rows.push_back(figure(r, "case_reviews", "received", "Applications received"));
  reviews.rows.push_back({"Threshold decisions", "", "", "", false});
  reviews.rows.push_back({"met", text_of(r["case_reviews"]["threshold_met"]), "", "", true});
  reviews.rows.push_back({"not met", text_of(r["case_reviews"]["threshold_not_met"]), "", "", true});
  reviews.rows.push_back(figure(r, "case_reviews", "median_working_days_to_decision", "Median working days to decision"));
  reviews.rows.push_back(figure(r, "case_reviews", "reviews_completed", "Reviews completed"));
  reviews.rows.push_back(figure(r, "case_reviews", "appeals", "Appeals"));
  reviews.rows.push_back(figure(r, "case_reviews", "steps_late", "Steps completed late"));
  out.push_back(reviews);
  return out;
}

std::string title(const Json& r, const BoardHeading& h)
{
  const auto& p = r["period"];
  std::string t = fmt::format("{}{}board report {} ({} to {})", h.panel_name, h.panel_name.empty() ? "" : ": ",
                              p["label"].get<std::string>(), p["from"].get<std::string>(), p["to"].get<std::string>());
  return t;
}

std::string compared(const Json& r)
{
  if (!r.contains("compare"))
    return "";
  const auto& p = r["compare"]["period"];
  return fmt::format("Compared with {} ({} to {}).", p["label"].get<std::string>(), p["from"].get<std::string>(),
                     p["to"].get<std::string>());
}

std::string suppressed(const BoardHeading& h)
{
  return h.suppress_below > 1 ? fmt::format("Counts from 1 to {} are shown as <{}.", h.suppress_below - 1, h.suppress_below) : "";
}


} // namespace

const std::vector<Headline>& board_headlines()
{
  static const std::vector<Headline> list = {
      {"referrals_received", "referrals", "received"},   {"repeats", "referrals", "repeats"},
      {"meeting_threshold", "referrals", "meeting_threshold"}, {"residents", "referrals", "residents"},
      {"vulnerable", "referrals", "vulnerable"},         {"meetings_held", "meetings", "held"},
      {"cases_discussed", "cases", "discussed"},         {"new_cases_discussed", "cases", "new_discussed"},
      {"cases_open_at_end", "cases", "open_at_end"},     {"cases_closed", "cases", "closed"},
      {"actions_agreed", "actions", "agreed"},           {"actions_completed", "actions", "completed"},
      {"actions_overdue_at_end", "actions", "overdue_at_end"}};
  return list;
}

std::string board_text(const Json& r, const BoardHeading& h)
{
  const bool comparing = r.contains("compare");
  std::string out;
  if (!h.marking.empty())
    out += h.marking + "\n";
  out += title(r, h) + "\n";
  for (const auto& line : {compared(r), suppressed(h)})
    if (!line.empty())
      out += line + "\n";
  // Period labels such as "2017-08-01 to 2017-09-30" are wider than the figures: the columns
  // widen to fit them.
  const auto now_label = r["period"]["label"].get<std::string>();
  const auto then_label = comparing ? r["compare"]["period"]["label"].get<std::string>() : std::string();
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
  if (!h.audit_head.empty())
    out += "\naudit log head " + h.audit_head + "\n";
  return out;
}

std::string board_markdown(const Json& r, const BoardHeading& h)
{
  const bool comparing = r.contains("compare");
  std::string out;
  if (!h.marking.empty())
    out += "**" + h.marking + "**\n\n";
  out += "# " + title(r, h) + "\n";
  for (const auto& line : {compared(r), suppressed(h)})
    if (!line.empty())
      out += "\n" + line + "\n";
  for (const auto& s : sections(r)) {
    out += "\n## " + s.title + "\n\n";
    out += comparing ? fmt::format("| | {} | {} | change |\n|---|---:|---:|---:|\n", r["period"]["label"].get<std::string>(),
                                   r["compare"]["period"]["label"].get<std::string>())
                     : fmt::format("| | {} |\n|---|---:|\n", r["period"]["label"].get<std::string>());
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
  if (!h.audit_head.empty())
    out += "\nAudit log head: `" + h.audit_head + "`\n";
  return out;
}

std::string board_csv(const Json& r)
{
  std::string out = "section,metric,key,value,previous,change\r\n";
  const bool comparing = r.contains("compare");
  auto line = [&](const std::string& section, const std::string& metric, const std::string& key, const Json& v,
                  const Json* previous, const Json* change) {
    auto cell = [](const Json& x) { return x.is_null() ? std::string() : x.is_string() ? csv_field(x.get<std::string>()) : x.dump(); };
    out += fmt::format("{},{},{},{},{},{}\r\n", section, metric, csv_field(key), cell(v), previous ? cell(*previous) : "",
                       change ? cell(*change) : "");
  };
  out += fmt::format("period,from,,{},,\r\nperiod,to,,{},,\r\nperiod,label,,{},,\r\n", r["period"]["from"].get<std::string>(),
                     r["period"]["to"].get<std::string>(), csv_field(r["period"]["label"].get<std::string>()));
  if (comparing)
    out += fmt::format("compare,from,,{},,\r\ncompare,to,,{},,\r\ncompare,label,,{},,\r\n",
                       r["compare"]["period"]["from"].get<std::string>(), r["compare"]["period"]["to"].get<std::string>(),
                       csv_field(r["compare"]["period"]["label"].get<std::string>()));
  // Which figures have a comparison, by section and key.
  auto headline = [&](const std::string& section, const std::string& key) -> std::string {
    for (const auto& h : board_headlines())
      if (section == h.section && key == h.key)
        return h.name;
    return "";
  };
  for (const auto& [section, body] : r.items()) {
    if (section == "period" || section == "compare")
      continue;
    for (const auto& [metric, value] : body.items()) {
      if (value.is_object()) {
        for (const auto& [key, n] : value.items())
          line(section, metric, key, n, nullptr, nullptr);
      } else if (value.is_array()) {
        for (const auto& item : value)
          line(section, metric, item["date"].get<std::string>(), item["reason"], nullptr, nullptr);
      } else {
        const auto name = headline(section, metric);
        if (comparing && !name.empty())
          line(section, metric, "", value, &r["compare"][name], &r["compare"]["change"][name]);
        else
          line(section, metric, "", value, nullptr, nullptr);
      }
    }
  }
  return out;
}

std::string board_html(const Json& r, const BoardHeading& h, const BoardCharts& charts)
{
  const bool comparing = r.contains("compare");
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + html_escape(title(r, h)) + "</title>\n";
  out += "<style>\nbody{font-family:Arial,Helvetica,sans-serif;margin:2em auto;max-width:48em;color:#0b0c0c}\n"
         ".marking{font-weight:bold;text-align:center;letter-spacing:.05em}\n"
         "table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border-bottom:1px solid #b1b4b6;padding:.25em .5em}\n"
         "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.sub{padding-left:2em;color:#505a5f}\n"
         "figure{margin:1.5em 0}figcaption{font-size:.9em;color:#505a5f}\n"
         "@media print{h2{page-break-after:avoid}table,figure{page-break-inside:avoid}}\n</style>\n</head>\n<body>\n";
  if (!h.marking.empty())
    out += "<p class=\"marking\">" + html_escape(h.marking) + "</p>\n";
  out += "<h1>" + html_escape(title(r, h)) + "</h1>\n";
  for (const auto& line : {compared(r), suppressed(h)})
    if (!line.empty())
      out += "<p>" + html_escape(line) + "</p>\n";
  out += "<h2>Charts</h2>\n";
  out += bar_chart("Referrals received per month", charts.referrals_per_month, h.suppress_below);
  // Suppressed categories ("<5") are left out of the chart.
  store::Counts categories;
  for (const auto& [key, n] : r["referrals"]["by_category"].items())
    if (n.is_number_integer())
      categories.emplace_back(key, n.get<std::int64_t>());
  out += hbar_chart(fmt::format("Referrals by category, {}", r["period"]["label"].get<std::string>()), categories);
  out += line_chart("Cases open at the end of each month", charts.cases_open, h.suppress_below);
  // Police data is published already; it is not suppressed.
  out += bar_chart("Anti-social behaviour incidents recorded by the police per month (data.police.uk)",
                   charts.incidents_per_month, 0);
  for (const auto& s : sections(r)) {
    out += "<h2>" + html_escape(s.title) + "</h2>\n<table>\n<thead><tr><th></th><th class=\"n\">" +
           html_escape(r["period"]["label"].get<std::string>()) + "</th>";
    if (comparing)
      out += "<th class=\"n\">" + html_escape(r["compare"]["period"]["label"].get<std::string>()) + "</th><th class=\"n\">change</th>";
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
  if (!h.audit_head.empty())
    out += "<p>Audit log head: <code>" + html_escape(h.audit_head) + "</code></p>\n";
  if (!h.marking.empty())
    out += "<p class=\"marking\">" + html_escape(h.marking) + "</p>\n";
  out += "</body>\n</html>\n";
  return out;
}

} // namespace panel::render
