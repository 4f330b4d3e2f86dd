#include "panel/report/safelives.hpp"

#include "panel/core/text.hpp"

#include "panel/store/board.hpp"
#include "panel/store/safelives.hpp"

#include <algorithm>
#include <cctype>

namespace panel::report {
namespace {

// SafeLives counts victims: the subject is the victim unless the case records them as the
// perpetrator (a referral about the perpetrator). Then the victim's details are not known here and
// are not counted, and the subject counts among the perpetrators under 18 when they are.
void add(SafeLivesCounts& f, const store::DiscussionFacts& d, const core::Profile& p)
{
  const auto in = [&](const std::vector<std::string>& codes) {
    return std::find(codes.begin(), codes.end(), d.agency) != codes.end();
  };
  const bool police = in(p.safelives.police), idva = !police && in(p.safelives.idva);
  const auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return core::trim(text);
  };
  const bool victim = lower(d.role) != "perpetrator";  // the roles of rules/referral_check
  const auto gender = lower(d.gender);
  f.cases_discussed += 1;
  f.repeat_cases += d.repeat;
  f.police_referrals += police;
  f.idva_referrals += idva;
  f.partner_referrals += !police && !idva;
  f.bame += victim && d.bame.value_or(false);
  f.lgbt += victim && d.lgbt.value_or(false);
  f.disabled += victim && d.disabled.value_or(false);
  f.male += victim && (gender == "male" || gender == "m" || gender == "man");
  f.aged_16_17 += victim && (d.age == 16 || d.age == 17);
  f.perpetrators_under_18 += d.perpetrator_under_18 || (!victim && d.age && *d.age < 18);
  f.children += d.children.value_or(0);
}

} // namespace

const std::vector<SafeLivesColumn>& safelives_columns()
{
  using C = SafeLivesCounts;
  static const std::vector<SafeLivesColumn> list = {
      {"cases_discussed", "CASES", &C::cases_discussed, false},
      {"repeat_cases", "REPEATS", &C::repeat_cases, true},
      {"police_referrals", "POLICE", &C::police_referrals, true},
      {"idva_referrals", "IDVA", &C::idva_referrals, true},
      {"partner_referrals", "PARTNERS", &C::partner_referrals, true},
      {"bame", "BAME", &C::bame, true},
      {"lgbt", "LGBT", &C::lgbt, true},
      {"disabled", "DISABLED", &C::disabled, true},
      {"male", "MALE", &C::male, true},
      {"aged_16_17", "16-17", &C::aged_16_17, true},
      {"perpetrators_under_18", "PERP <18", &C::perpetrators_under_18, true},
      {"children", "CHILDREN", &C::children, false}};
  return list;
}

SafeLivesReturn safelives_return(store::Db& db, const core::Profile& profile, const Period& period)
{
  SafeLivesReturn r;
  r.period = period;
  store::Transaction txn(db, store::Transaction::Kind::read);
  for (const auto& d : store::discussion_facts(db, period.from, period.to)) {
    if (r.meetings.empty() || r.meetings.back().date != d.meeting)
      r.meetings.push_back({d.meeting, {}});
    add(r.meetings.back().counts, d, profile);
    add(r.totals, d, profile);
  }
  r.year_from = period.to.plus_months(-12).plus_days(1);
  r.year_cases = store::discussions_between(db, r.year_from, period.to);
  txn.commit();
  r.adult_female_population = profile.adult_female_population;
  if (profile.adult_female_population)
    r.per_10k_adult_females = core::round_ratio(r.year_cases * 10000, *profile.adult_female_population, 1);
  return r;
}

} // namespace panel::report
