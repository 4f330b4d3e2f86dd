#pragma once
#include "panel/core/profile.hpp"
#include "panel/report/period.hpp"
#include "panel/store/db.hpp"

#include <string>

namespace panel::report {

// The SafeLives MARAC quarterly data return (docs/reports.md): one row per meeting held in the
// period, a totals row, percentages, and cases per 10,000 adult females over the twelve months
// to the period end when the profile sets population.adult_female. Formats table, csv, json, md.
std::string safelives_return(store::Db& db, const core::Profile& profile, const Period& period, const std::string& format);

} // namespace panel::report
