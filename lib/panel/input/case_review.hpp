#pragma once
#include "panel/core/case_review.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panel::input {

// A complaint read from a file, with the line it starts on (for messages about its agency).
struct ComplaintLine {
  core::Complaint complaint;
  long line = 0;
};

// Reads a complaints file (docs/case-review.md): a list of complaints, or a mapping with a
// `complaints:` list. Problems are added as "<file>:<line>: complaints[i].<field>: <problem>".
// Dates are read in `order`, the profile's input.date_order.
std::vector<ComplaintLine> read_complaints(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                                           core::DateOrder order = core::DateOrder::iso);

// A case review's outcome as written after the review meeting.
struct OutcomeFile {
  std::optional<core::Date> date;                // the day the outcome was sent (default today)
  long date_line = 1;                            // its line, for messages
  std::string summary;                           // what the review found
  std::vector<core::NewAction> recommendations;  // each becomes an action
};
// Reads an outcome file (docs/case-review.md); problems as for read_complaints.
OutcomeFile read_outcome(std::string_view text, const std::string& file, std::vector<std::string>& problems,
                         core::DateOrder order = core::DateOrder::iso);

} // namespace panel::input
