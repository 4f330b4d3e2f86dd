#pragma once
#include "panel/core/meeting.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// One case on a meeting's agenda.
struct AgendaItem {
  std::string reference;  // the referral (new, repeat), the case (review) or the application (case-review)
  std::string case_reference;
  std::string item;       // an AgendaItemKind word: new | repeat | review | case-review
  std::string name;
  std::string risk, lead_agency;          // the case's: the panel's risk ("" = not set)
  std::vector<std::string> categories;    // review: of the case's live referrals, first seen first
  int open_actions = 0;
  std::string referral_risk;                 // new, repeat: the level the referrer assessed
  std::vector<std::string> assessed_higher;  // live referrals of the case assessed above `risk`
  std::string highest_assessed;              // the highest level those were assessed at
  std::optional<Date> carried_over_from;     // listed for that earlier meeting and not reached there
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
