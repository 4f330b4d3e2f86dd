#include "panel/render/board.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <map>

using namespace panel;

namespace {

using Json = nlohmann::ordered_json;
using report::Headline;

core::Date day(const std::string& text) { return *core::Date::parse(text); }

// Every figure a different number, so that a figure written under another's key shows.
report::BoardFigures figures(std::int64_t base)
{
  report::BoardFigures f;
  f.period = {day("2017-07-01"), day("2017-09-30"), "2017-Q3", "quarter"};
  auto& r = f.referrals;
  r.received = base + 10;
  r.by_agency = {{"POL", base + 6}, {"HSG", base + 4}};
  r.by_category = {{"assault", base + 7}, {"(none)", base + 3}};
  r.residents = base + 8;
  r.vulnerable = base + 5;
  r.repeats = base + 2;
  r.repeat_rate = 0.2;
  r.meeting_threshold = base + 9;
  r.decisions = {base + 11, base + 12, base + 13, base + 14};
  r.pending_at_end = base + 15;
  f.meetings = {base + 16, base + 17, base + 18, base + 19, {{day("2017-08-08"), "Venue, unavailable"}}};
  f.cases = {base + 20, base + 21, base + 22, base + 23, {{"risk reduced", base + 24}}, 10.5};
  f.actions = {base + 25, base + 26, base + 27, 0.4, base + 28};
  f.interventions = {{{"abc", base + 29}}, {{"2", base + 30}}};
  f.case_reviews = {base + 31, base + 32, base + 33, base + 34, base + 35, 4.0, base + 36};
  return f;
}

report::BoardReport sample(bool compare)
{
  report::BoardReport r;
  r.panel_name = "City of London Community MARAC";
  r.marking = "OFFICIAL-SENSITIVE";
  r.figures = figures(100);
  r.audit_head = "12:abc";
  if (compare) {
    report::BoardComparison c;
    c.period = {day("2017-04-01"), day("2017-06-30"), "2017-Q2", "quarter"};
    for (const auto h : report::board_headlines())
      c.headlines.push_back({h, report::headline_figure(figures(0), h), 0.5});
    r.compare = c;
  }
  return r;
}

// The CSV lines as "section,metric,key" -> the whole line.
std::map<std::string, std::string> csv_lines(const std::string& csv)
{
  std::map<std::string, std::string> lines;
  size_t at = 0;
  for (size_t end; (end = csv.find("\r\n", at)) != std::string::npos; at = end + 2) {
    const auto line = csv.substr(at, end - at);
    size_t comma = line.find(',');
    comma = line.find(',', comma + 1);
    // The key may be quoted and hold a comma.
    const size_t key_end = line[comma + 1] == '"' ? line.find("\",", comma + 2) + 1 : line.find(',', comma + 1);
    lines[line.substr(0, key_end)] = line;
  }
  return lines;
}

} // namespace

TEST_CASE("render board: json has every section's figures under their keys, in the contract's order")
{
  const auto j = Json::parse(render::board_json(sample(false)));
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items())
    keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"period", "referrals", "meetings", "cases", "actions", "interventions", "case_reviews"});
  CHECK(j["period"].dump() == R"({"from":"2017-07-01","to":"2017-09-30","label":"2017-Q3"})");
  CHECK(j["referrals"].dump() ==
        R"x({"received":110,"by_agency":{"POL":106,"HSG":104},"by_category":{"assault":107,"(none)":103},"residents":108,)x"
        R"("vulnerable":105,"repeats":102,"repeat_rate":0.2,"meeting_threshold":109,"decisions":{"accepted":111,)"
        R"("declined":112,"redirected":113,"more_info":114},"pending_at_end":115})");
  CHECK(j["meetings"].dump() == R"({"scheduled":116,"held":117,"cancelled":118,"inquorate":119,)"
                                R"("cancel_reasons":[{"date":"2017-08-08","reason":"Venue, unavailable"}]})");
  CHECK(j["cases"].dump() == R"({"discussed":120,"new_discussed":121,"open_at_end":122,"closed":123,)"
                             R"("closed_by_reason":{"risk reduced":124},"median_days_to_first_discussion":10.5})");
  CHECK(j["actions"].dump() ==
        R"({"agreed":125,"completed":126,"completed_on_time":127,"on_time_rate":0.4,"overdue_at_end":128})");
  CHECK(j["interventions"].dump() == R"({"by_type":{"abc":129},"by_tier":{"2":130}})");
  CHECK(j["case_reviews"].dump() == R"({"received":131,"threshold_met":132,"threshold_not_met":133,"reviews_completed":134,)"
                                    R"("appeals":135,"median_working_days_to_decision":4.0,"steps_late":136})");
}

TEST_CASE("render board: json compares the thirteen headline figures with the period before")
{
  const auto j = Json::parse(render::board_json(sample(true)));
  const auto& c = j["compare"];
  CHECK(c["period"]["label"] == "2017-Q2");
  CHECK(c["referrals_received"] == 10);
  CHECK(c["meetings_held"] == 17);
  CHECK(c["actions_overdue_at_end"] == 28);
  CHECK(c["change"].size() == 13);
  CHECK(c["change"]["cases_closed"] == 0.5);
  CHECK(c.size() == 15);  // period, 13 figures, change
}

TEST_CASE("render board: every figure of the json has its csv line, headline figures with the previous and the change")
{
  const auto r = sample(true);
  const auto j = Json::parse(render::board_json(r));
  const auto csv = render::board_csv(r, {false, "OFFICIAL-SENSITIVE"});
  CHECK(csv.rfind("# OFFICIAL-SENSITIVE\r\nsection,metric,key,value,previous,change\r\n", 0) == 0);
  const auto lines = csv_lines(csv);
  size_t figures = 0;
  for (const auto& [section, body] : j.items()) {
    if (section == "period" || section == "compare")
      continue;
    for (const auto& [metric, value] : body.items()) {
      if (value.is_object()) {
        for (const auto& [key, n] : value.items()) {
          CAPTURE(section);
          CAPTURE(metric);
          CAPTURE(key);
          CHECK(lines.count(section + "," + metric + "," + render::csv_field(key)) == 1);
          ++figures;
        }
      } else if (!value.is_array()) {
        CAPTURE(section);
        CAPTURE(metric);
        CHECK(lines.count(section + "," + metric + ",") == 1);
        ++figures;
      }
    }
  }
  // Six period lines, one cancellation, the figures, the heading and the marking.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<std::ptrdiff_t>(figures + 6 + 1 + 2));
  CHECK(lines.at("referrals,received,") == "referrals,received,,110,10,0.5");
  CHECK(lines.at("referrals,repeat_rate,") == "referrals,repeat_rate,,0.2,,");
  CHECK(lines.at("referrals,by_category,(none)") == "referrals,by_category,(none),103,,");
  CHECK(lines.at("meetings,cancel_reasons,2017-08-08") == "meetings,cancel_reasons,2017-08-08,\"Venue, unavailable\",,");
  CHECK(lines.at("compare,label,") == "compare,label,,2017-Q2,,");
  CHECK(lines.at("case_reviews,median_working_days_to_decision,") == "case_reviews,median_working_days_to_decision,,4.0,,");
}

TEST_CASE("render board: counts from 1 to N-1 are published as <N, in every format")
{
  auto r = sample(true);
  r.suppress_below = 5;
  r.figures.referrals.repeats = 3;
  r.figures.meetings.cancelled = 0;  // 0 is not suppressed
  r.figures.referrals.by_agency = {{"VS", 1}};
  const auto j = Json::parse(render::board_json(r));
  CHECK(j["referrals"]["repeats"] == "<5");
  CHECK(j["meetings"]["cancelled"] == 0);
  CHECK(j["referrals"]["by_agency"]["VS"] == "<5");
  CHECK(j["compare"]["repeats"] == "<5");  // 2 the period before
  const auto lines = csv_lines(render::board_csv(r));
  CHECK(lines.at("referrals,repeats,") == "referrals,repeats,,<5,<5,0.5");
  const auto text = render::board_text(r);
  CHECK(text.find("Counts from 1 to 4 are shown as <5.\n") != std::string::npos);
  CHECK(text.find("    VS ") != std::string::npos);
}

TEST_CASE("render board: text, markdown and html show the figures for people, with the comparison as a percentage")
{
  const auto r = sample(true);
  const auto text = render::board_text(r);
  CHECK(text.rfind("OFFICIAL-SENSITIVE\nCity of London Community MARAC: board report 2017-Q3 (2017-07-01 to 2017-09-30)\n"
                   "Compared with 2017-Q2 (2017-04-01 to 2017-06-30).\n", 0) == 0);
  // 110 now, 10 before: +1000.0%, from the counts, not the 0.5 of the hand-made change.
  CHECK(text.find("  Received                                               110        10  +1000.0%\n") != std::string::npos);
  // Repeat rate 102 / 110.
  CHECK(text.find("  Repeat rate                                          92.7%\n") != std::string::npos);
  CHECK(text.find("    2017-08-08                                    Venue, unavailable\n") != std::string::npos);
  CHECK(text.find("    tier 2                                               130\n") != std::string::npos);
  CHECK(text.find("  Median days from referral to first discussion         10.5\n") != std::string::npos);
  CHECK(text.find("\naudit log head 12:abc\n") != std::string::npos);
  const auto md = render::board_markdown(r);
  CHECK(md.find("| Median working days to decision | 4 |  |  |\n") != std::string::npos);
  CHECK(md.find("| &nbsp;&nbsp;more information asked | 114 |  |  |\n") != std::string::npos);
  const auto html = render::board_html(r);
  CHECK(html.find("<tr><td>Appeals</td><td class=\"n\">135</td><td class=\"n\"></td><td class=\"n\"></td></tr>") !=
        std::string::npos);
  CHECK(html.find("<p>Audit log head: <code>12:abc</code></p>") != std::string::npos);
}

TEST_CASE("render board: a format other than the five is refused naming them")
{
  CHECK(render::parse_board_format("html") == render::BoardFormat::html);
  const auto caught = test::catch_error([] { render::parse_board_format("yaml"); });
  CHECK(caught.message == "'report' has no format 'yaml' (known: table, csv, json, md, html)");
}
