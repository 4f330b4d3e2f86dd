#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/date.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace panel::store {

// An open case whose review date has passed.
struct ReviewDue {
  std::string reference, lead_agency, risk;
  core::Date review;
};
// Open cases with a review date before `today`, oldest first.
std::vector<ReviewDue> reviews_due(Db& db, core::Date today);

// An intervention of an open case whose review or expiry date has passed and that the panel has
// not discussed since (no discussion of the case at a meeting on or after that date).
struct InterventionDue {
  std::int64_t id = 0;
  std::string reference, type, agency;
  int tier = 1;
  core::Date date;
  std::string step;  // "review" | "expiry"
  core::Date due;
};
std::vector<InterventionDue> interventions_due(Db& db, core::Date today);

// One item of one reminder message as recorded.
struct ReminderRecord {
  std::string item;     // action | escalation | case-review | intervention-review | intervention-expiry
  std::string subject;  // "A-4", "CCM-2017-0001", "I-3"
  core::Date due;
  std::string recipient, address, message_id, delivery;  // agency code or "coordinator"; sendmail | outbox
};
void record_reminder(Db& db, const ReminderRecord& r, const core::Actor& actor);

// Overdue minutes in a digest: recorded as an audit row (export, entity 'minutes-reminder', the
// meeting date as record, the day as detail), since the reminder table's item kinds are fixed by
// a CHECK and adding one is a schema change.
void record_minutes_reminder(Db& db, const std::string& meeting, const core::Actor& actor);

// The (item, subject) pairs reminded on or after `since`, overdue minutes as ("minutes", date).
std::set<std::pair<std::string, std::string>> reminded_since(Db& db, core::Date since);

// The reminders sent about one action (its own and its escalations), oldest first.
struct ReminderSent {
  std::string day, item, recipient, address, delivery;
};
std::vector<ReminderSent> action_reminders(Db& db, const std::string& id);

} // namespace panel::store
