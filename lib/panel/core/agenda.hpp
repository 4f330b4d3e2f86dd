#pragma once
#include "panel/core/meeting.hpp"

#include <string>
#include <vector>

namespace panel::core {

// One case on a meeting's agenda.
struct AgendaItem {
  std::string reference;  // the referral (new, repeat), the case (review) or the application (case-review)
  std::string case_reference;
  std::string item;       // an AgendaItemKind word: new | repeat | review | case-review
  std::string name;
  std::string risk, lead_agency;
  std::vector<std::string> categories;
  int open_actions = 0;
};

// An action still open, due on or before the meeting.
struct OutstandingAction {
  std::string id, case_reference, owner, description;
  Date due;
  int days_overdue = 0;
};

// What a meeting will discuss, computed once and rendered as table, CSV, JSON or Markdown.
struct Agenda {
  Meeting meeting;
  Date cutoff;
  std::vector<std::string> quorum;
  std::vector<AgendaItem> items;
  std::vector<OutstandingAction> outstanding;
  std::vector<std::string> next_meeting;  // accepted after the cut-off: listed for a later meeting
};

} // namespace panel::core
