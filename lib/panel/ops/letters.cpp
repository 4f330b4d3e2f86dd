#include "panel/ops/letters.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/documents.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {

LetterResult write_letter(store::Db& db, const LetterRequest& q, const core::Actor& actor)
{
  const bool binary = q.format == "docx" || q.format == "pdf";
  if (binary && q.output.empty())
    throw usage_error(fmt::format("{} output needs a file: add -o FILE", q.format));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const auto templates = templates_in_use(templates_folder(q.templates, &db), problems);
  const auto t = find_template(templates, q.template_name, problems);
  require_valid(t);
  if (t.kind != "referral" && t.kind != "case")
    throw refused(fmt::format("template '{}' is for {}s, not for letters about a referral or case", t.name, t.kind));

  // A case letter is about the case; a referral letter about the referral (a case reference is
  // also the reference of the referral that opened it).
  std::optional<core::RecordedReferral> referral;
  std::optional<core::Case> kase;
  if (t.kind == "case") {
    kase = store::find_case(db, q.reference);
    if (!kase)
      throw refused(fmt::format("no case '{}' (template '{}' is for cases; see 'panel case list')", q.reference, t.name));
    referral = store::find_referral(db, kase->reference);
  } else {
    referral = store::find_referral(db, q.reference);
    if (!referral)
      throw refused(fmt::format("no referral '{}' (see 'panel triage' or 'panel case list')", q.reference));
  }
  if (!t.when.empty() && std::find(t.when.begin(), t.when.end(), referral->status) == t.when.end())
    throw refused(fmt::format("template '{}' is for referrals that are {}; {} is {}", t.name, core::join(t.when, " or "),
                              referral->reference, referral->status));
  // A case letter that may name the person is written to them; others to the referrer.
  const bool to_person = std::find(t.fields.begin(), t.fields.end(), "person.name") != t.fields.end() && t.kind == "case";
  const std::string recipient = !q.recipient.empty() ? q.recipient
                                : to_person          ? referral->referral.name
                                                     : referral->referral.referrer_name;
  core::Value context = base_context(profile, actor.today, recipient);
  add_referral_context(context, db, profile, *referral, actor.today);
  if (kase)
    add_case_records(context, db, profile, kase->id, actor.today);

  core::DocumentRecord record;
  record.reference = kase ? kase->reference : referral->reference;
  if (kase)
    record.case_id = kase->id;
  else
    record.referral_id = referral->id;
  const auto produced = produce_document(db, t, context, {q.format, q.output, q.force, q.tmpdir}, record, actor);
  LetterResult result{produced.text, q.output, produced.subject, produced.sha256};
  txn.commit();
  return result;
}

} // namespace panel::ops
