#pragma once
#include "panel/core/agency.hpp"
#include "panel/core/case_review.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::core {

// A category of concern a referral can carry ("suicide", "rough-sleeping").
struct Category {
  std::string code;
  std::string name;
};

// One test inside a criterion: `field` compared with a threshold or a value.
struct Condition {
  std::string field;                 // one of criterion_fields()
  std::optional<long> at_least;      // numeric fields: value >= at_least
  std::optional<bool> is;            // flag fields: value == is
  std::optional<std::string> equals; // text fields: value == equals
};

// A referral criterion: met when every condition holds. Criteria are data, not code.
struct Criterion {
  std::string id;     // "visible-high-risk"
  std::string label;  // "Visible high risk (risk score 14 or more)"
  std::vector<Condition> all;
};

// A risk assessment instrument and its maximum score (Dash: 24 yes answers).
struct RiskInstrument {
  std::string name;
  int max = 24;
};

// A tool or power under the Incremental Approach (ABC, CPW, CBO ...).
struct InterventionType {
  std::string code;  // "abc"
  std::string name;  // "Acceptable Behaviour Contract"
  int tier = 1;      // 1-4
  std::optional<int> review_months;  // ABC: review at 3 months
  std::optional<int> duration_months;  // ABC: 6 months
};

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
};

struct MailSettings {
  std::string from;                   // From: header of reminders
  std::vector<std::string> sendmail{"/usr/sbin/sendmail", "-t", "-i"};  // argument list, run with execve
};

// Which agencies the SafeLives MARAC return counts as police and as IDVA services (every other
// agency is a partner agency).
struct SafeLivesSettings {
  std::vector<std::string> police{"POL"};
  std::vector<std::string> idva{"IDVA"};
};

// How long personal data is kept (`retention:`); `panel purge` removes it after that. 0: never.
// The profile's `documents:` section: how DOCX, PDF and print HTML look. Paths are absolute
// (resolved against the profile file's folder when it is read); "" for none.
struct DocumentSettings {
  std::string reference_docx;  // house-style Word file handed to pandoc
  std::string logo;            // letterhead image, top right of letters and the pack cover
  std::string address;         // letterhead address block; "" for the profile's `address`
  std::string font;            // body font of PDF and HTML, before a fallback stack; "" for Arial
};

struct RetentionSettings {
  int closed_case_years = 6;        // after a case is closed
  int declined_referral_years = 1;  // after a referral not taken on (declined or redirected) was decided
  int case_review_years = 6;        // after an ASB case review's last step
};

// How files given to panel write their dates (`input: {date_order: dmy}`): ISO yyyy-mm-dd is
// always read; dmy also reads dd/mm/yyyy, as UK Excel saves dates.
enum class DateOrder { iso, dmy };

// How panel reads the files people give it (`input:`).
struct InputSettings {
  DateOrder date_order = DateOrder::iso;
};

// Everything that makes one panel different from another; shipped as ccm, marac and asbrac.
// The initialisers here are the defaults of every optional key: profile::load starts from a
// default-constructed Profile and only overwrites what the YAML gives.
struct Profile {
  std::string name;              // "City of London Community MARAC"
  std::string short_name;        // "CCM"
  std::string kind;              // "community" | "domestic-abuse"
  std::string reference_prefix;  // "CCM" -> CCM-2017-0018
  std::string address;
  Contact coordinator;
  std::string marking = "OFFICIAL-SENSITIVE";  // protective marking on every document
  std::string confidentiality;   // statement printed on packs and minutes
  std::vector<Agency> agencies;  // initial agencies; the database keeps the live list
  std::vector<std::string> quorum;
  std::vector<Category> categories;
  std::vector<std::string> risk_levels{"standard", "medium", "high"};
  std::vector<RiskInstrument> risk_instruments;
  std::vector<Criterion> criteria;
  std::vector<InterventionType> interventions;
  std::vector<std::string> redirect_forums;
  DateSpan repeat_window{12, DateSpan::Unit::months};  // a repeat: within this of the last referral
  int agenda_lead_days = 5;
  int minutes_due_working_days = 3;
  int due_soon_days = 7;
  int remind_every_days = 7;
  int escalate_after_days = 14;
  int attention_after_days = 90;  // an open case not discussed for longer is listed for attention; 0: never
  std::string templates;         // folder of templates overriding the built-ins, or ""
  MailSettings mail;
  SafeLivesSettings safelives;
  std::optional<long> adult_female_population;  // population.adult_female, for cases per 10,000
  CaseReviewSettings case_review;  // the ASB case review's threshold and time limits
  RetentionSettings retention;
  InputSettings input;
  DocumentSettings documents;
};

// The referral fields a criterion may test, and their kind: "number", "flag" or "text".
struct CriterionField {
  const char* name;
  const char* kind;
};
const std::vector<CriterionField>& criterion_fields();

} // namespace panel::core
