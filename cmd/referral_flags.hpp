#pragma once
#include <vector>

namespace panel::cmd {

// A referral field's command-line flag, the field it sets, and its help text: `refer` and
// `referral update` take the same flags (defined in refer.cpp).
struct Flag {
  const char* flag;
  const char* field;
  const char* help;
  const char* type = "TEXT";  // DATE for a date (read as input::read_date reads every typed date)
  bool required = false;      // refer needs it ("(required)" in its help); referral update never does
};

// Flags that carry a value.
extern const std::vector<Flag> value_flags;
// Flags that are true when given.
extern const std::vector<Flag> true_flags;

} // namespace panel::cmd
