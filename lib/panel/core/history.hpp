#pragma once
#include <string>

namespace panel::core {

// One correction to a referral, case, meeting or person: which field, its old and new values, why,
// and who made it when. Kept in the register's `history` table; shown by `referral show`,
// `case show` and `person export`.
struct HistoryRow {
  std::string at;       // UTC timestamp
  std::string day;      // the (possibly pinned) date of the change
  std::string user;
  std::string command;  // "referral update"
  std::string field;    // "postcode", "status", "voided", "date"...
  std::string old_value;
  std::string new_value;
  std::string reason;   // "" when none was asked for
};

} // namespace panel::core
