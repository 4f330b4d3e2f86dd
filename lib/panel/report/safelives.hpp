#pragma once
#include "panel/core/profile.hpp"
#include "panel/core/rounding.hpp"
#include "panel/report/period.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace panel::report {

// The counts SafeLives asks for, of one meeting or of the period (docs/reports.md).
struct SafeLivesCounts {
  std::int64_t cases_discussed = 0, repeat_cases = 0, police_referrals = 0, idva_referrals = 0, partner_referrals = 0,
               bame = 0, lgbt = 0, disabled = 0, male = 0, aged_16_17 = 0, perpetrators_under_18 = 0, children = 0;
};

// The return's columns in SafeLives' order: the JSON and CSV key, the table heading, the count,
// and whether it is also given as a percentage of cases discussed (children are a count of
// people, not of cases, so they are not).
struct SafeLivesColumn {
  const char* key;
  const char* heading;
  std::int64_t SafeLivesCounts::*count;
  bool percentage;
};
const std::vector<SafeLivesColumn>& safelives_columns();

struct SafeLivesMeeting {
  core::Date date;
  SafeLivesCounts counts;
};

// The SafeLives MARAC quarterly data return, computed once and rendered by render/safelives.
struct SafeLivesReturn {
  Period period;
  std::vector<SafeLivesMeeting> meetings;  // each meeting held in the period, in date order
  SafeLivesCounts totals;
  core::Date year_from;              // the twelve months year_from..period.to
  std::int64_t year_cases = 0;       // cases discussed in those twelve months
  std::optional<std::int64_t> adult_female_population;  // the profile's population.adult_female
  std::optional<core::Rounded> per_10k_adult_females;   // year_cases per 10,000 of them, 1 place
};

// The return for a period (docs/reports.md), read in one transaction. Which agencies count as
// police and IDVA services, and the population, come from the profile.
SafeLivesReturn safelives_return(store::Db& db, const core::Profile& profile, const Period& period);

} // namespace panel::report
