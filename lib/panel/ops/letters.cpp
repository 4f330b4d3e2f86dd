#include "panel/ops/letters.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/documents/case_review_context.hpp"
#include "panel/documents/documents.hpp"
#include "panel/documents/salutation.hpp"
#include "panel/input/templates.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/case_review.hpp"
#include "panel/rules/letters.hpp"
#include "panel/store/case_reviews.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

// Who a letter goes to and the address under their name. The subject's recorded address goes
// only on a letter to the subject: in ASB work the subject is often the victim and the letter
// (a CPW, a warning) is for someone else, whose letter must never carry the victim's address
// (trial F14). On a letter to anyone else the address is what --address says, or none.
struct Addressee {
  std::string name;
  std::string address;     // the address block, one line per line; "" for none
  bool is_subject = false;
};

Addressee addressee(const LetterRequest& q, const std::string& default_name, bool default_is_subject,
                    const std::string& subject_name, const std::string& subject_address)
{
  Addressee a;
  a.name = q.recipient.empty() ? default_name : q.recipient;
  a.is_subject = q.recipient.empty() ? default_is_subject : documents::names_the_person(q.recipient, subject_name);
  a.address = !q.address.empty() ? rules::typed_address(q.address) : a.is_subject ? subject_address : "";
  return a;
}

bool uses(const core::Template& t, const std::string& variable)
{
  return t.body.find(variable) != std::string::npos;
}

bool lists(const core::Template& t, const std::string& field)
{
  return std::find(t.fields.begin(), t.fields.end(), field) != t.fields.end();
}

// What a coordinator needs to know about the address block: that a letter to someone else has
// none until --address gives one, or that --address went nowhere.
void address_warnings(const core::Template& t, const LetterRequest& q, const Addressee& a, const std::string& reference,
                      std::vector<std::string>& warnings)
{
  const bool block = uses(t, "recipient_address");
  if (!q.address.empty() && !block)
    warnings.push_back(fmt::format("--address: template '{}' has no address block ({{{{recipient_address}}}}); the "
                                   "address is not on the letter",
                                   t.name));
  if (q.address.empty() && block && !a.is_subject && !q.recipient.empty())
    warnings.push_back(fmt::format("the letter is to {}, not to the subject of {}, so it has no address block (the "
                                   "subject's address is never put on a letter to someone else): add their address "
                                   "with --address \"line 1, line 2, postcode\"",
                                   a.name, reference));
}

// A letter about an ASB case review, to the applicant unless --to says otherwise.
LetterResult case_review_letter(store::Db& db, const LetterRequest& q, const core::Template& t, const core::Profile& profile,
                                const core::Actor& actor)
{
  const auto review = store::find_case_review(db, q.reference);
  if (!review)
    throw refused(fmt::format("no case review '{}' (template '{}' is for case reviews; see 'panel trigger list')", q.reference,
                              t.name));
  const auto reached = rules::stages_reached(*review);
  if (!t.when.empty() && std::find_first_of(t.when.begin(), t.when.end(), reached.begin(), reached.end()) == t.when.end())
    throw refused(fmt::format("template '{}' is for case reviews that are {}; {} is {}", t.name, core::join(t.when, " or "),
                              review->reference, rules::stage_of(*review)));
  const auto& applicant = review->application;
  const auto to = addressee(q, applicant.applicant, true, applicant.applicant,
                            lists(t, "application.address") ? applicant.address : "");
  core::Value context = documents::base_context(profile, actor.today, to.name, to.address);
  documents::add_case_review_context(context, db, profile, *review, actor.today);
  if (!to.is_subject)
    context.fields["application"].set("address", "");
  std::vector<std::string> warnings;
  address_warnings(t, q, to, review->reference, warnings);
  core::DocumentRecord record;
  record.reference = review->reference;
  record.case_review_id = review->id;
  const auto produced = documents::produce_document(db, t, context, {q.format, q.output, q.force, q.tmpdir, profile.documents}, record, actor);
  return {produced.text, q.output, produced.subject, produced.sha256, warnings};
}

} // namespace

LetterResult write_letter(store::Db& db, const LetterRequest& q, const core::Actor& actor)
{
  const bool binary = q.format == "docx" || q.format == "pdf";
  if (binary && q.output.empty())
    throw usage_error(fmt::format("{} output needs a file: add -o FILE", q.format));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const auto templates = input::load_templates(documents::templates_folder(q.templates, &profile), problems);
  const auto t = documents::find_template(templates, q.template_name, problems);
  documents::require_valid(t);
  documents::require_applies(t, profile);
  if (q.intervention && t.interventions.empty())
    throw usage_error(fmt::format("--intervention: template '{}' is not about an intervention (the letters that are: "
                                  "'panel template list'; their templates say 'interventions: [...]')",
                                  t.name));
  if (t.kind == "case-review") {
    auto result = case_review_letter(db, q, t, profile, actor);
    txn.commit();
    return result;
  }
  if (t.kind != "referral" && t.kind != "case")
    throw refused(fmt::format("template '{}' is for {}s, not for letters about a referral, case or case review", t.name,
                              t.kind));

  // A case letter is about the case; a referral letter about the referral (a case reference is
  // also the reference of the referral that opened it).
  std::optional<core::RecordedReferral> referral;
  std::optional<core::Case> kase;
  std::string address, latest;  // the person's address; the referral to record one on
  if (t.kind == "case") {
    kase = store::find_case(db, q.reference);
    if (!kase)
      throw refused(fmt::format("no case '{}' (template '{}' is for cases; see 'panel case list')", q.reference, t.name));
    // The case's first live referral: the one that opened it may since have been voided, or moved
    // to another case by a merge.
    auto referrals = store::case_referrals(db, kase->id);
    if (referrals.empty())
      throw refused(fmt::format("case {} has no referral left (they were voided or joined another case by a merge): "
                                "there is nothing to write about",
                                kase->reference));
    address = rules::letter_address(referrals);
    latest = referrals.back().reference;
    referral = std::move(referrals.front());
  } else {
    referral = store::find_referral(db, q.reference);
    if (!referral) {
      if (const auto voided = store::find_referral_any(db, q.reference); voided && voided->voided)
        throw refused(fmt::format("{} was voided on {} (recorded in error): no letter is written about it",
                                  q.reference, voided->voided->iso()));
      throw refused(fmt::format("no referral '{}' (see 'panel triage' or 'panel case list')", q.reference));
    }
    address = referral->referral.address;
    latest = referral->reference;
  }
  if (!t.when.empty() && std::find(t.when.begin(), t.when.end(), referral->status) == t.when.end())
    throw refused(fmt::format("template '{}' is for referrals that are {}; {} is {}", t.name, core::join(t.when, " or "),
                              referral->reference, referral->status));
  // A case letter that may name the person is written to them; others to the referrer.
  const bool to_person = lists(t, "person.name") && t.kind == "case";
  const auto& subject = referral->referral;
  const auto to = addressee(q, to_person ? subject.name : subject.referrer_name, to_person, subject.name,
                            lists(t, "person.address") || lists(t, "person.address_line") ? address : "");
  core::Value context = documents::base_context(profile, actor.today, to.name, to.address);
  documents::add_referral_context(context, db, profile, *referral, actor.today);
  const std::string subject_address = to.is_subject ? address : "";
  context.fields["person"].set("address", subject_address).set("address_line", core::address_on_one_line(subject_address));
  if (kase)
    documents::add_case_records(context, db, profile, kase->id, actor.today);
  if (!t.interventions.empty()) {
    // Issued in the name of the agency that served it, which may not be the case's lead.
    if (q.intervention) {
      if (const auto on = store::intervention_case(db, *q.intervention); on && *on != kase->reference)
        throw refused(fmt::format("--intervention: intervention {} was recorded on case {}, not {}", *q.intervention, *on,
                                  kase->reference));
    }
    const auto chosen = rules::letter_intervention(store::case_interventions(db, kase->id), t.interventions,
                                                   q.intervention, kase->reference, t.name, profile);
    context.set("intervention", documents::letter_intervention_value(db, profile, chosen));
  }
  LetterResult result;
  const std::string reference = kase ? kase->reference : referral->reference;
  if (!t.interventions.empty() && core::same_word(subject.role, "victim")) {
    // The role of the referral whose person the letter names (a case's first); roles are often
    // unrecorded or wrong, so this warns and does not refuse (trial F15).
    if (to.is_subject)
      result.warnings.push_back(fmt::format("{} records its subject as a victim (role: victim), and template '{}' is "
                                            "for the person whose behaviour the intervention is about: if that is "
                                            "someone else, write the letter to them with --to \"NAME\" --address \"ADDRESS\"",
                                            referral->reference, t.name));
    else if (uses(t, "person.name"))
      result.warnings.push_back(fmt::format("{} records its subject as a victim (role: victim), and template '{}' "
                                            "names the subject as the person it is about: --to changes only who the "
                                            "letter is addressed to",
                                            referral->reference, t.name));
  }
  address_warnings(t, q, to, reference, result.warnings);
  if (to.is_subject && to.address.empty() && (uses(t, "person.address") || uses(t, "recipient_address")))
    result.warnings.push_back(fmt::format("no address recorded for {}; the letter has no address block (add one with "
                                          "'panel referral update {} --address \"ADDRESS\"')",
                                          reference, latest));

  core::DocumentRecord record;
  record.reference = reference;
  if (kase)
    record.case_id = kase->id;
  else
    record.referral_id = referral->id;
  const auto produced = documents::produce_document(db, t, context, {q.format, q.output, q.force, q.tmpdir, profile.documents}, record, actor);
  result.text = produced.text;
  result.path = q.output;
  result.subject = produced.subject;
  result.output_sha256 = produced.sha256;
  txn.commit();
  return result;
}

} // namespace panel::ops
