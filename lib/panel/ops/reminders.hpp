#pragma once
#include "panel/core/actor.hpp"
#include "panel/mail/message.hpp"
#include "panel/store/db.hpp"
#include "panel/store/reminders.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// One message `panel remind` sends, and the items it reminds about.
struct Reminder {
  std::string recipient;  // agency code, or "coordinator" for the digest
  mail::Message message;
  std::vector<store::ReminderRecord> items;  // recipient, address and message id filled in
};

// What is due today (docs/cli/remind.md): one message per owner agency with open actions overdue
// or due within due_soon_days that were not reminded within remind_every_days, then the
// coordinator's digest of escalations, overdue case reviews, interventions past review or expiry,
// meetings whose minutes are overdue and the actions of agencies with no email address. `problems` says what cannot be sent (no
// coordinator address for the digest). Templates come from `templates_flag` or the profile.
struct ReminderPlan {
  std::vector<Reminder> messages;
  std::vector<std::string> problems;
  size_t recently_reminded = 0;  // items due but reminded within remind_every_days
};
ReminderPlan plan_reminders(store::Db& db, const std::string& templates_flag, const core::Actor& actor);

// How messages leave.
struct Delivery {
  enum class Kind { sendmail, outbox } kind = Kind::sendmail;
  std::vector<std::string> sendmail;  // the program and its arguments
  std::string outbox;                 // folder for .eml files
};

// What became of one message.
struct Delivered {
  std::string recipient, address;
  size_t items = 0;
  std::string path;   // the .eml file, for an outbox
  std::string error;  // why it was not delivered; "" when it was
};

// Sends (or writes) each message; each one delivered has its items recorded and an "export"
// audit row, in its own transaction, so a failure later on keeps what went before. A message
// that fails is not recorded (the next run tries again) and the others still go.
std::vector<Delivered> deliver_reminders(store::Db& db, const ReminderPlan& plan, const Delivery& how,
                                         const core::Actor& actor);

// The messages as an mbox (for --dry-run); audited as a read.
std::string reminders_mbox(store::Db& db, const ReminderPlan& plan, const core::Actor& actor);

} // namespace panel::ops
