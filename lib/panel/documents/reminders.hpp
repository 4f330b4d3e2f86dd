#pragma once
#include "panel/core/case.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/mail/message.hpp"
#include "panel/store/actions.hpp"
#include "panel/store/db.hpp"
#include "panel/store/reminders.hpp"

#include <string>
#include <vector>

namespace panel::documents {

// An ASB case review step not done, due within the due-soon window or overdue.
struct TriggerStepDue {
  std::string reference, step;
  core::Date due;
  int working_days_overdue = 0;  // 0 when not yet due
};

// An action in a reminder: as documents see it, with the meeting that agreed it and, in words,
// how overdue it is or when it falls due; names of the case's people replaced by its reference.
core::Value reminded_action(store::Db& db, const store::ActionRow& row, core::Date today);
// An ASB case review step in the digest: {reference, step, due, overdue, overdue_by, due_in}.
core::Value trigger_step_value(const TriggerStepDue& step, core::Date today);
// A case review date passed: {case, lead_agency, risk, review, days_overdue, overdue_by}.
core::Value review_value(store::Db& db, const store::ReviewDue& review, core::Date today);
// An intervention's review or expiry passed: {id, case, type, name, tier, agency, date, step, due,
// days_overdue, overdue_by}.
core::Value intervention_value(store::Db& db, const core::Profile& profile, const store::InterventionDue& step,
                               core::Date today);
// An open case needing attention: {case, reasons, lead_agency, risk}.
core::Value attention_value(store::Db& db, const core::CaseNextStep& kase);

// The template called `name`, checked, and for `kind`; Error(refused) otherwise.
core::Template mail_template(const std::vector<core::Template>& templates, const std::string& name, const std::string& kind,
                             const std::vector<std::string>& problems);
// A plain-text message from a template, dated `at`, with a Message-ID derived from it.
mail::Message compose(const core::Template& t, const core::Value& context, const std::string& from, const std::string& to,
                      const std::string& at);

} // namespace panel::documents
