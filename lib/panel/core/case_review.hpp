#pragma once
#include "panel/core/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// The ASB case review ("Community Trigger") rules a panel applies: the threshold test and the time
// limits, from the profile's `case_review:` key (docs/case-review.md). A count of 0 switches a rule off.
struct CaseReviewSettings {
  int reported_within_months = 1;      // a complaint counts when reported within a month of the incident
  int applied_within_months = 6;       // ... and the application came within six months of the complaint
  int complaints = 3;                  // rule "complaints": this many qualifying incidents
  int hate_complaints = 1;             // rule "hate": this many qualifying hate-motivated incidents
  int complainants = 5;                // rule "complainants": this many different complainants ...
  int complainants_within_months = 6;  // ... whose incidents fall within this many months
  int acknowledge_days = 10;           // working days from receipt
  int decision_days = 10;              // working days from receipt
  int outcome_days = 25;               // working days from the decision (or receipt, see outcome_from)
  std::string outcome_from = "decision";  // decision | received
  std::vector<std::string> bank_holidays{"england-and-wales"};  // built-in calendars and extra dates
  std::string appeal_to;               // who hears appeals, for the letters
};

// One complaint of anti-social behaviour made to an agency, as the application lists it.
struct Complaint {
  Date incident;                // when the behaviour happened
  Date reported;                // when it was reported to the agency
  std::string agency;           // agency code
  std::string reference;        // the agency's own reference (CAD number, case number)
  std::string complainant;      // who complained; "" means the person the application is for
  bool hate = false;            // perceived to be motivated by hate
  std::string description;
};

// A case review application as received.
struct CaseReviewApplication {
  Date received;
  std::string applicant;      // who applied
  std::string on_behalf_of;   // the victim, when someone applied for them (with consent)
  bool consent = false;
  std::string contact;        // email address for letters
  std::string address;        // postal address, may span lines
  std::vector<Complaint> complaints;

  // Whose behalf the application is made on: the victim.
  const std::string& victim() const { return on_behalf_of.empty() ? applicant : on_behalf_of; }
};

// A recorded application with the steps taken so far.
struct CaseReview {
  std::int64_t id = 0;
  std::string reference;  // CT-2017-0001
  CaseReviewApplication application;
  std::optional<Date> acknowledged;
  std::optional<Date> decided;
  std::optional<bool> threshold_met;    // set with `decided`
  std::string rule;                     // the rule that met it ("" when not met)
  std::string override_reason;          // "" unless the coordinator overrode the check
  std::string check_json;               // the check result the decision rested on
  std::optional<Date> meeting;          // the meeting that reviews it
  std::optional<Date> outcome;          // outcome sent
  std::string outcome_summary;
  std::optional<Date> appealed;
  std::string appeal_reason;
};

} // namespace panel::core
