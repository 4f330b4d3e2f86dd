#include "panel/report/safelives.hpp"

#include "panel/core/error.hpp"
#include "panel/core/rounding.hpp"
#include "panel/render/table.hpp"
#include "panel/store/board.hpp"
#include "panel/store/safelives.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace panel::report {
namespace {

using Json = nlohmann::ordered_json;

// The return's columns, in SafeLives' order.
constexpr std::array<const char*, 12> columns = {"cases_discussed", "repeat_cases",   "police_referrals",
                                                 "idva_referrals",  "partner_referrals", "bame",
                                                 "lgbt",            "disabled",       "male",
                                                 "aged_16_17",      "perpetrators_under_18", "children"};
constexpr std::array<const char*, 12> headings = {"CASES", "REPEATS", "POLICE", "IDVA", "PARTNERS", "BAME",
                                                  "LGBT",  "DISABLED", "MALE", "16-17", "PERP <18", "CHILDREN"};

using Figures = std::array<std::int64_t, columns.size()>;

void add(Figures& f, const store::DiscussionFacts& d, const core::Profile& p)
{
  const auto in = [&](const std::vector<std::string>& codes) {
    return std::find(codes.begin(), codes.end(), d.agency) != codes.end();
  };
  const bool police = in(p.safelives.police), idva = !police && in(p.safelives.idva);
  const std::int64_t values[] = {1, d.repeat, police, idva, !police && !idva, d.bame, d.lgbt, d.disabled,
                                 d.male, d.aged_16_17, d.perpetrator_under_18, d.children};
  for (size_t i = 0; i < f.size(); ++i)
    f[i] += values[i];
}

Json row_json(const Figures& f)
{
  Json j;
  for (size_t i = 0; i < columns.size(); ++i)
    j[columns[i]] = f[i];
  return j;
}

} // namespace

std::string safelives_return(store::Db& db, const core::Profile& profile, const Period& period, const std::string& format)
{
  store::Transaction txn(db, store::Transaction::Kind::read);
  std::vector<std::pair<core::Date, Figures>> meetings;
  Figures totals{};
  for (const auto& d : store::discussion_facts(db, period.from, period.to)) {
    if (meetings.empty() || meetings.back().first != d.meeting)
      meetings.push_back({d.meeting, Figures{}});
    add(meetings.back().second, d, profile);
    add(totals, d, profile);
  }
  const auto year_from = period.to.plus_months(-12).plus_days(1);
  const auto year_cases = store::discussions_between(db, year_from, period.to);
  txn.commit();

  Json j;
  j["period"] = {{"from", period.from.iso()}, {"to", period.to.iso()}, {"label", period.label}};
  j["meetings"] = Json::array();
  for (const auto& [date, f] : meetings) {
    Json row = {{"meeting", date.iso()}};
    row.update(row_json(f));
    j["meetings"].push_back(row);
  }
  j["totals"] = row_json(totals);
  // Percentages of cases discussed; children are a count of people, not of cases, so none.
  Json pct;
  for (size_t i = 1; i < columns.size() - 1; ++i)
    pct[columns[i]] = totals[0] ? Json(core::round_ratio(totals[i], totals[0], 4).value()) : Json(nullptr);
  j["percentages"] = pct;
  j["twelve_months"] = {{"from", year_from.iso()}, {"to", period.to.iso()}, {"cases_discussed", year_cases}};
  j["adult_female_population"] = profile.adult_female_population ? Json(*profile.adult_female_population) : Json(nullptr);
  const auto per_10k = profile.adult_female_population
                           ? std::optional(core::round_ratio(year_cases * 10000, *profile.adult_female_population, 1))
                           : std::nullopt;
  j["cases_per_10k_adult_females"] = per_10k ? Json(per_10k->value()) : Json(nullptr);

  if (format == "json")
    return j.dump(2) + "\n";
  if (format != "table" && format != "csv" && format != "md")
    throw usage_error(fmt::format("'report safelives' has no format '{}' (known: table, csv, json, md)", format));
  const auto f = format == "csv" ? render::Format::csv : format == "md" ? render::Format::md : render::Format::table;
  render::Table table;
  table.columns.push_back({"meeting", "MEETING"});
  for (size_t i = 0; i < columns.size(); ++i)
    table.columns.push_back({columns[i], headings[i]});
  for (const auto& [date, figures] : meetings) {
    std::vector<render::Cell> row{date.iso()};
    for (const auto v : figures)
      row.emplace_back(v);
    table.rows.push_back(row);
  }
  std::vector<render::Cell> total{std::string("total")};
  for (const auto v : totals)
    total.emplace_back(v);
  table.rows.push_back(total);
  std::vector<render::Cell> percent{std::string("percent")};
  percent.emplace_back(std::string());
  for (size_t i = 1; i < columns.size() - 1; ++i)
    percent.push_back(totals[0] ? core::percent(totals[i], totals[0]) : std::string("-"));
  percent.emplace_back(std::string());
  table.rows.push_back(percent);
  std::ostringstream out;
  render::write(out, table, f, {});
  if (f == render::Format::table) {
    out << fmt::format("\nCases discussed in the twelve months {} to {}: {}\n", year_from.iso(), period.to.iso(), year_cases);
    if (profile.adult_female_population)
      out << fmt::format("Per 10,000 adult females (population {}): {}\n", *profile.adult_female_population, per_10k->text());
    else
      out << "Per 10,000 adult females: set population.adult_female in the profile to see this\n";
  }
  return out.str();
}

} // namespace panel::report
