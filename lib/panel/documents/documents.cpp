#include "panel/documents/documents.hpp"
#include "panel/documents/salutation.hpp"

#include "panel/core/error.hpp"
#include "panel/core/sha256.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/core/words.hpp"
#include "panel/input/file.hpp"
#include "panel/render/document.hpp"
#include "panel/render/pandoc.hpp"
#include "panel/render/template_check.hpp"
#include "panel/rules/names.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/documents.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/referrals.hpp"

#include "panel/core/files.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::documents {
namespace {

using core::Value;

std::string british(const std::optional<core::Date>& d) { return d ? d->british() : ""; }

} // namespace

Value agency_value(store::Db& db, const std::string& code)
{
  Value v = Value::object();
  v.set("code", code).set("name", code).set("email", "");
  if (const auto agency = store::find_agency(db, code))
    v.set("name", agency->name).set("email", agency->email);
  return v;
}

Value category_values(const core::Profile& profile, const std::vector<std::string>& codes)
{
  Value list = Value::list({});
  for (const auto& code : codes) {
    std::string name = code;
    for (const auto& c : profile.categories)
      if (c.code == code)
        name = c.name;
    Value category = Value::object();
    category.set("code", code).set("name", name);
    list.items.push_back(category);
  }
  return list;
}

std::string plain_words(const std::string& code)
{
  std::string words = code;
  std::replace(words.begin(), words.end(), '-', ' ');
  std::replace(words.begin(), words.end(), '_', ' ');
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z')
    words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words;
}

std::string joined_names(const Value& list, const std::string& separator)
{
  std::vector<std::string> names;
  for (const auto& item : list.items) {
    const auto name = item.fields.find("name");
    names.push_back(item.kind == Value::Kind::text ? item.text : name != item.fields.end() ? name->second.text : "");
  }
  return core::join(names, separator);
}

Value criteria_labels(const core::Profile& profile, const std::vector<std::string>& ids)
{
  Value list = Value::list({});
  for (const auto& id : ids)
    for (const auto& c : profile.criteria)
      if (c.id == id)
        list.items.push_back(Value::of(c.label));
  return list;
}

std::string document_format(const std::string& given, const std::string& what)
{
  const std::string format = given.empty() ? "md" : given;
  for (const char* known : {"md", "txt", "html", "docx", "pdf"})
    if (format == known)
      return format;
  throw usage_error(fmt::format("{} no format '{}' (known: md, txt, html, docx, pdf)", what, format));
}

bool applies_to(const core::Template& t, const std::string& profile_kind)
{
  return t.profiles.empty() || std::find(t.profiles.begin(), t.profiles.end(), profile_kind) != t.profiles.end();
}

void require_applies(const core::Template& t, const core::Profile& profile)
{
  if (applies_to(t, profile.kind))
    return;
  const auto panel_word = [](const std::string& kind) {
    return kind == "community" ? std::string("community (anti-social behaviour) panels")
                               : std::string("domestic-abuse MARACs");
  };
  std::vector<std::string> kinds;
  for (const auto& k : t.profiles)
    kinds.push_back(panel_word(k));
  throw refused(fmt::format("template '{}' is for {}; {} is a {} panel (see 'panel template list' for the letters it uses)",
                            t.name, core::join(kinds, " and "), profile.short_name.empty() ? profile.name : profile.short_name,
                            profile.kind));
}

void require_valid(const core::Template& t)
{
  if (const auto found = render::check_template(t); !found.empty())
    throw refused(core::join(found, "\npanel: error: ") +
                  fmt::format("\npanel: error: template '{}' has {} problem{}", t.name, found.size(),
                              found.size() == 1 ? "" : "s"));
}

Produced produce_document(store::Db& db, const core::Template& t, const core::Value& context, const Output& output,
                          core::DocumentRecord record, const core::Actor& actor)
{
  const bool binary = output.format == "docx" || output.format == "pdf";
  if (binary && output.path.empty())
    throw usage_error(fmt::format("{} output needs a file: add -o FILE", output.format));
  // DOCX and PDF are made from panel's own HTML, so they keep its line breaks and escaping, and
  // PDF and printed HTML share one print stylesheet (the marking on every page).
  const auto marking = context.fields.find("marking");
  render::PageStyle page;
  page.marking = marking == context.fields.end() ? "" : marking->second.text;
  page.font = output.style.font;
  if (!output.style.logo.empty())
    page.logo_uri = render::image_data_uri(output.style.logo, input::read_file(output.style.logo));
  const auto doc = render::render_document(t, context, binary ? render::DocFormat::html : render::parse_doc_format(output.format),
                                           page);
  const std::string bytes =
      binary ? render::convert_html(doc.body, {output.format, doc.subject.empty() ? t.name : doc.subject, page.marking,
                                               output.style.reference_docx, output.tmpdir})
             : doc.body;
  Produced produced{output.path.empty() ? bytes : "", doc.subject, core::sha256_hex(bytes)};
  record.template_name = t.name;
  record.template_source = t.source == "built-in" ? "built-in" : t.file;
  record.template_sha256 = core::sha256_hex(t.text);
  record.format = output.format;
  record.path = output.path;
  record_document(db, record, bytes, actor);
  if (!output.path.empty())
    write_on_commit(db, output.path, bytes, output.force);
  return produced;
}

void record_document(store::Db& db, core::DocumentRecord record, const std::string& bytes, const core::Actor& actor)
{
  record.output_sha256 = core::sha256_hex(bytes);
  // The document is dated on the actor's day (--today), as the letter inside it is; the time of
  // day stays the clock's.
  record.created_at = actor.at.size() >= 10 ? actor.today.iso() + actor.at.substr(10) : actor.today.iso();
  record.created_by = actor.user;
  store::insert_document(db, record);
  store::append_audit(db, actor, core::AuditAction::export_, "document", record.reference,
                      fmt::format("{} ({}){}", record.template_name, record.format,
                                  record.path.empty() ? "" : " to a file"));
}

void write_on_commit(store::Db& db, const std::string& path, const std::string& bytes, bool force)
{
  core::PendingFile file(path, force);
  file.write(bytes);
  store::publish_on_commit(db, std::move(file));
}

std::string templates_folder(const std::string& flag, const core::Profile* profile)
{
  if (!flag.empty() || !profile)
    return flag;
  return profile->templates;
}

core::Template find_template(const std::vector<core::Template>& templates, const std::string& name,
                             const std::vector<std::string>& problems)
{
  std::vector<std::string> names;
  for (const auto& t : templates)
    names.push_back(t.name);
  if (const auto found = core::find_word(name, names))  // `Warning-Letter` is warning-letter
    for (const auto& t : templates)
      if (t.name == *found)
        return t;
  std::string message = core::unknown_word_message(name, names, "template");
  for (const auto& p : problems)
    message += "\npanel: error: " + p;
  throw refused(message);
}

Value base_context(const core::Profile& p, core::Date today, const std::string& recipient, const std::string& recipient_address)
{
  Value coordinator = Value::object();
  coordinator.set("name", p.coordinator.name).set("email", p.coordinator.email).set("phone", p.coordinator.phone);
  Value panel = Value::object();
  // The letterhead's address block: the profile's documents.letterhead.address, else its address.
  const std::string& address = p.documents.address.empty() ? p.address : p.documents.address;
  panel.set("name", p.name).set("short", p.short_name).set("address", core::trim(address)).set("coordinator", coordinator);
  Value root = Value::object();
  root.set("panel", panel).set("today", today.british()).set("marking", p.marking)
      .set("confidentiality", core::trim(p.confidentiality)).set("recipient", recipient)
      .set("salutation", salutation(recipient)).set("recipient_address", recipient_address)
      .set("recipient_address_line", core::address_on_one_line(recipient_address));
  return root;
}

void add_referral_context(Value& context, store::Db& db, const core::Profile& profile,
                          const core::RecordedReferral& rec, core::Date today)
{
  const auto& r = rec.referral;
  const Value categories = category_values(profile, r.categories);
  const Value criteria = criteria_labels(profile, rec.criteria_met);
  Value referrer = Value::object();
  referrer.set("name", r.referrer_name).set("email", r.referrer_email);
  Value decision = Value::object();
  decision.set("decision", "").set("date", "").set("reason", "").set("signpost", "").set("forum", "");
  const auto decisions = store::decisions_for(db, rec.id);
  if (!decisions.empty()) {
    const auto& d = decisions.back();
    decision.set("decision", d.decision).set("date", d.decided_on.british()).set("reason", d.reason)
        .set("signpost", d.signpost).set("forum", d.forum);
  }
  Value referral = Value::object();
  referral.set("status", rec.status).set("reference", rec.reference).set("received", r.received.british()).set("agency", agency_value(db, r.agency))
      .set("referrer", referrer).set("categories", categories).set("summary", r.summary).set("source_ref", r.source_ref)
      .set("criteria_met", criteria).set("meets_threshold", Value::yes_no(rec.meets_threshold))
      .set("repeat", Value::yes_no(!rec.repeat_of.empty())).set("decision", decision);
  context.set("referral", referral);

  Value person = Value::object();
  person.set("name", r.name).set("initials", rules::initials(r.name)).set("dob", british(r.dob))
      .set("age", r.dob ? std::to_string(core::age_on(*r.dob, today)) : "").set("postcode", r.postcode)
      .set("address", r.address).set("address_line", core::address_on_one_line(r.address)).set("gender", r.gender);
  context.set("person", person);

  Value meeting = Value::object();
  meeting.set("date", british(rec.meeting_date)).set("time", "").set("venue", "").set("chair", "");
  context.set("meeting", meeting);

  Value kase = Value::object();
  kase.set("reference", "").set("lead_agency", agency_value(db, "")).set("risk", "").set("opened", "").set("review", "")
      .set("status", "");
  if (const auto c = store::find_case(db, rec.reference)) {
    kase.set("reference", c->reference).set("lead_agency", agency_value(db, c->lead_agency)).set("risk", c->risk_level)
        .set("opened", c->opened.british()).set("review", british(c->review_date)).set("status", c->status);
  }
  context.set("case", kase);
  if (!context.fields.count("actions"))
    context.set("actions", Value::list({}));
  if (!context.fields.count("interventions"))
    context.set("interventions", Value::list({}));
}

core::Value action_value(store::Db& db, const core::ActionRecord& a, core::Date today)
{
  const int overdue = core::is(a.status, core::ActionStatus::open) ? std::max(0, a.due.days_until(today)) : 0;
  Value v = Value::object();
  v.set("id", a.id).set("case", a.case_reference).set("owner", agency_value(db, a.owner)).set("description", a.description)
      .set("due", a.due.british()).set("status", a.status).set("status_name", plain_words(a.status)).set("days_overdue", overdue ? std::to_string(overdue) : "")
      .set("overdue", Value::yes_no(overdue > 0));
  return v;
}

core::Value action_values(store::Db& db, std::int64_t case_id, core::Date today)
{
  Value list = Value::list({});
  for (const auto& a : store::case_actions(db, case_id))
    list.items.push_back(action_value(db, a, today));
  return list;
}

core::Value discussion_values(store::Db& db, std::int64_t case_id)
{
  Value list = Value::list({});
  for (const auto& d : store::case_discussions(db, case_id)) {
    Value v = Value::object();
    v.set("date", d.meeting.british()).set("summary", d.summary).set("outcome", d.outcome).set("outcome_name", plain_words(d.outcome));
    list.items.push_back(v);
  }
  return list;
}

core::Value note_values(store::Db& db, std::int64_t case_id)
{
  Value list = Value::list({});
  for (const auto& n : store::notes_since_last_discussion(db, case_id)) {
    Value v = Value::object();
    v.set("date", n.day.british()).set("text", n.text);
    list.items.push_back(v);
  }
  return list;
}

core::Value intervention_value(store::Db& db, const core::Profile& profile, const std::string& type, const std::string& agency,
                               core::Date date, const std::optional<core::Date>& review,
                               const std::optional<core::Date>& expiry, const std::string& note)
{
  std::string name = type;
  int tier = 0;
  for (const auto& t : profile.interventions)
    if (t.code == type) {
      name = t.name;
      tier = t.tier;
    }
  Value v = Value::object();
  v.set("type", type).set("name", name).set("tier", tier ? std::to_string(tier) : "").set("agency", agency_value(db, agency))
      .set("date", date.british()).set("review", british(review)).set("expiry", british(expiry)).set("note", note);
  return v;
}

core::Value letter_intervention_value(store::Db& db, const core::Profile& profile, const core::InterventionRecord& i)
{
  Value v = intervention_value(db, profile, i.type, i.agency, i.date, i.review, i.expiry, i.note);
  const Value& agency = v.fields.at("agency");
  v.set("id", std::to_string(i.id)).set("type_name", v.fields.at("name").text)
      .set("agency_name", agency.fields.at("name").text).set("agency_email", agency.fields.at("email").text);
  return v;
}

void add_case_records(Value& context, store::Db& db, const core::Profile& profile, std::int64_t case_id, core::Date today)
{
  context.set("actions", action_values(db, case_id, today));
  Value interventions = Value::list({});
  for (const auto& i : store::case_interventions(db, case_id))
    interventions.items.push_back(intervention_value(db, profile, i.type, i.agency, i.date, i.review, i.expiry, i.note));
  context.set("interventions", interventions);
}

} // namespace panel::documents
