#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/core/document.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::documents {

// The folder of templates overriding the built-ins: --templates / PANEL_TEMPLATES if given,
// else the profile's `templates` key when there is a profile (it may be null), else "". The
// templates in that folder: input::load_templates.
std::string templates_folder(const std::string& flag, const core::Profile* profile);

// The template called `name`; Error(refused) with a suggestion, and the problems of template
// files that could not be read (the one wanted may be among them).
core::Template find_template(const std::vector<core::Template>& templates, const std::string& name,
                             const std::vector<std::string>& problems = {});

// Whether a template applies to a panel of this profile kind (its `profiles:`, empty for any).
bool applies_to(const core::Template& t, const std::string& profile_kind);
// Error(refused) saying why, for a template that does not apply to the profile's kind.
void require_applies(const core::Template& t, const core::Profile& profile);

// Error(refused) listing every problem of a template (see render::check_template), if any.
void require_valid(const core::Template& t);

// Where a document goes.
struct Output {
  std::string format;  // md | txt | html | docx | pdf
  std::string path;    // "" for the text itself (md, txt, html only)
  bool force = false;  // overwrite an existing file
  std::string tmpdir;
  core::DocumentSettings style{};  // the profile's `documents:` (font, logo, reference.docx)
};

// What was produced.
struct Produced {
  std::string text;  // the document, when there is no output file
  std::string subject;
  std::string sha256;
};

// Renders a template, converts DOCX and PDF with pandoc, records the document (`record` has the
// reference and ids filled in) with an "export" audit row, and writes the output file (see
// write_on_commit). Run inside the caller's write transaction: the file appears only when it
// commits, and a file that cannot be written leaves nothing recorded.
Produced produce_document(store::Db& db, const core::Template& t, const core::Value& context, const Output& output,
                          core::DocumentRecord record, const core::Actor& actor);

// Records a document made already (`record` has its reference, template, format and path) with
// the hash of its bytes, and its "export" audit row; inside the caller's write transaction.
void record_document(store::Db& db, core::DocumentRecord record, const std::string& bytes, const core::Actor& actor);

// The same, inside the caller's write transaction: the bytes go to a private temporary file now
// (so a full disk refuses the transaction) and it is renamed onto `path` only if the transaction
// commits (store::publish_on_commit).
void write_on_commit(store::Db& db, const std::string& path, const std::string& bytes, bool force);

// What every document can use: panel, today, marking, confidentiality, recipient (and its
// address block, recipient_address: "" unless a letter has one).
core::Value base_context(const core::Profile& profile, core::Date today, const std::string& recipient,
                         const std::string& recipient_address = "");
// Adds referral, person, case and meeting for one referral (docs/templates.md).
void add_referral_context(core::Value& context, store::Db& db, const core::Profile& profile,
                          const core::RecordedReferral& referral, core::Date today);

// An agency as documents see it: {code, name, email} (the code alone when it is not known).
core::Value agency_value(store::Db& db, const std::string& code);
// Category codes as a list of {code, name}, names from the profile.
core::Value category_values(const core::Profile& profile, const std::vector<std::string>& codes);
// A vocabulary word as people read it: "keep-open" -> "Keep open", "high" -> "High".
std::string plain_words(const std::string& code);
// The names of a list of {name} objects (or a list of texts) joined with `separator`, for a
// template that prints a list inline: "Harassment; Hoarding" (no separator after the last).
std::string joined_names(const core::Value& list, const std::string& separator = "; ");
// Criterion ids as a list of their labels from the profile.
core::Value criteria_labels(const core::Profile& profile, const std::vector<std::string>& ids);

// The document format a command was given (md when none); otherwise Error(usage) as
// "<subject> no format 'x' (known: ...)", e.g. subject "'letter' has".
std::string document_format(const std::string& given, const std::string& what);

// Adds a case's `actions` and `interventions` (docs/templates.md) to a context.
void add_case_records(core::Value& context, store::Db& db, const core::Profile& profile, std::int64_t case_id,
                      core::Date today);
// One intervention as documents see it: {type, name (from the profile), tier, agency {code, name,
// email}, date, review, expiry, note}.
core::Value intervention_value(store::Db& db, const core::Profile& profile, const std::string& type, const std::string& agency,
                               core::Date date, const std::optional<core::Date>& review,
                               const std::optional<core::Date>& expiry, const std::string& note);
// The intervention a letter is about, as `intervention` (docs/templates.md): intervention_value's
// fields and its id, type_name, agency_name and agency_email.
core::Value letter_intervention_value(store::Db& db, const core::Profile& profile, const core::InterventionRecord& i);
// One action as documents see it: {id, case, owner {code, name, email}, description, due,
// status, days_overdue, overdue}.
core::Value action_value(store::Db& db, const core::ActionRecord& action, core::Date today);
// The same records for one case, as a list each (for packs).
core::Value action_values(store::Db& db, std::int64_t case_id, core::Date today);
core::Value discussion_values(store::Db& db, std::int64_t case_id);
// A case's notes written since its last discussion (all, when never discussed), oldest first:
// [{date, text}], what happened between meetings.
core::Value note_values(store::Db& db, std::int64_t case_id);

} // namespace panel::documents
