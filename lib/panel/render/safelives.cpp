#include "panel/render/safelives.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;

Json period_json(const report::Period& p) { return {{"from", p.from.iso()}, {"to", p.to.iso()}, {"label", p.label}}; }

Json counts_json(const report::SafeLivesCounts& counts, Json into = Json::object())
{
  for (const auto& c : report::safelives_columns())
    into[c.key] = counts.*c.count;
  return into;
}

std::vector<Cell> counts_row(std::string first, const report::SafeLivesCounts& counts)
{
  std::vector<Cell> row{std::move(first)};
  for (const auto& c : report::safelives_columns())
    row.emplace_back(counts.*c.count);
  return row;
}

} // namespace

std::string safelives_json(const report::SafeLivesReturn& r)
{
  Json j;
  j["period"] = period_json(r.period);
  j["meetings"] = Json::array();
  for (const auto& m : r.meetings)
    j["meetings"].push_back(counts_json(m.counts, {{"meeting", m.date.iso()}}));
  j["totals"] = counts_json(r.totals);
  Json pct;
  const auto cases = r.totals.cases_discussed;
  for (const auto& c : report::safelives_columns())
    if (c.percentage)
      pct[c.key] = cases ? Json(core::round_ratio(r.totals.*c.count, cases, 4).value()) : Json(nullptr);
  j["percentages"] = pct;
  j["twelve_months"] = {{"from", r.year_from.iso()}, {"to", r.period.to.iso()}, {"cases_discussed", r.year_cases}};
  j["adult_female_population"] = r.adult_female_population ? Json(*r.adult_female_population) : Json(nullptr);
  j["cases_per_10k_adult_females"] = r.per_10k_adult_females ? Json(r.per_10k_adult_females->value()) : Json(nullptr);
  return j.dump(2) + "\n";
}

Table safelives_table(const report::SafeLivesReturn& r)
{
  Table table;
  table.columns.push_back({"meeting", "MEETING"});
  for (const auto& c : report::safelives_columns())
    table.columns.push_back({c.key, c.heading});
  for (const auto& m : r.meetings)
    table.rows.push_back(counts_row(m.date.iso(), m.counts));
  table.rows.push_back(counts_row("total", r.totals));
  std::vector<Cell> percent{std::string("percent")};
  const auto cases = r.totals.cases_discussed;
  for (const auto& c : report::safelives_columns()) {
    if (!c.percentage)
      percent.emplace_back(std::string());
    else
      percent.emplace_back(cases ? core::percent(r.totals.*c.count, cases) : std::string("-"));
  }
  table.rows.push_back(percent);
  return table;
}

std::string safelives(const report::SafeLivesReturn& r, Format format, const Style& style)
{
  if (format == Format::json)
    return safelives_json(r);
  std::ostringstream out;
  write(out, safelives_table(r), format, style);
  if (format == Format::table) {
    out << fmt::format("\nCases discussed in the twelve months {} to {}: {}\n", r.year_from.iso(), r.period.to.iso(),
                       r.year_cases);
    if (r.adult_female_population)
      out << fmt::format("Per 10,000 adult females (population {}): {}\n", *r.adult_female_population,
                         r.per_10k_adult_females->text());
    else
      out << "Per 10,000 adult females: set population.adult_female in the profile to see this\n";
  }
  return out.str();
}

} // namespace panel::render
