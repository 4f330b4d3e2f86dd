#pragma once
#include "panel/core/counts.hpp"
#include "panel/core/date.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace panel::store {

// Counts by key, largest first (then by key); core/counts.hpp.
using Counts = core::Counts;

// Referrals received in a period (docs/reports.md has each definition).
struct ReferralCounts {
  std::int64_t received = 0, residents = 0, vulnerable = 0, repeats = 0, meeting_threshold = 0;
  Counts by_agency, by_category;
  // Decisions dated in the period, by decision ("accept", "decline", "redirect", "more-info").
  Counts decisions;
  std::int64_t pending_at_end = 0;
};
ReferralCounts referral_counts(Db& db, core::Date from, core::Date to);

struct MeetingRow {
  core::Date date;
  std::string status, cancel_reason;
  std::optional<bool> quorate;
};
std::vector<MeetingRow> meetings_between(Db& db, core::Date from, core::Date to);

// Case discussions at meetings held from `from` to `to`.
std::int64_t discussions_between(Db& db, core::Date from, core::Date to);

struct CaseCounts {
  std::int64_t discussed = 0, open_at_end = 0, closed = 0;
  Counts closed_by_reason;
  // Cases first discussed (at a held meeting) in the period: days from the earliest referral
  // of the case being received to that first discussion.
  std::vector<int> days_to_first_discussion;
};
CaseCounts case_counts(Db& db, core::Date from, core::Date to);

// An action's life as its history tells it, for reconstructing its state on any day.
struct ActionChangeRow {
  core::Date day;
  std::string field;  // "status" | "due"
  std::string from, to;
};
struct ActionTimeline {
  std::int64_t id = 0;
  core::Date agreed;        // the meeting's date, or the day it was added
  std::string due_now, status_now;
  std::vector<ActionChangeRow> changes;  // oldest first
};
// Actions agreed on or before `to`.
std::vector<ActionTimeline> action_timelines(Db& db, core::Date to);

// Interventions dated in the period, by type and by tier.
struct InterventionCounts {
  Counts by_type, by_tier;
};
InterventionCounts intervention_counts(Db& db, core::Date from, core::Date to);

// Monthly series for charts, keyed "YYYY-MM" from the month of `from` to that of `to`.
Counts referrals_per_month(Db& db, core::Date from, core::Date to);
Counts cases_open_at_month_ends(Db& db, core::Date from, core::Date to);
// A monthly series in which a month may have no data (core/counts.hpp).
using MonthlyCounts = core::MonthlyCounts;
// Police incidents of one type per month, no value for a month no force's data was imported for;
// empty when no incident data covers the span.
MonthlyCounts incidents_per_month(Db& db, const std::string& crime_type, core::Date from, core::Date to);

} // namespace panel::store
