#include "panel/ops/packs.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/referrals.hpp"

#include <fmt/format.h>

namespace panel::ops {
namespace {

using core::Value;

constexpr size_t summary_limit = 600;

// A pack carries enough of the referral to discuss it, not the whole of it.
std::string minimised_summary(const std::string& summary)
{
  std::string text = core::trim(summary);
  if (text.size() <= summary_limit)
    return text;
  auto cut = text.rfind(' ', summary_limit);
  if (cut == std::string::npos)
    cut = summary_limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
    --cut;  // never split a UTF-8 character
  return text.substr(0, cut) + " [...]";
}

Value agency_value(store::Db& db, const std::string& code)
{
  Value v = Value::object();
  v.set("code", code).set("name", code).set("email", "");
  if (const auto a = store::find_agency(db, code))
    v.set("name", a->name).set("email", a->email);
  return v;
}

Value item_value(store::Db& db, const core::Profile& profile, const core::AgendaItem& item)
{
  Value v = Value::object();
  v.set("reference", item.reference).set("case", item.case_reference).set("item", item.item).set("name", item.name)
      .set("risk", item.risk).set("lead_agency", agency_value(db, item.lead_agency))
      .set("repeat", Value::yes_no(item.item == "repeat")).set("review", Value::yes_no(item.item == "review"))
      .set("discussions", Value::list({})).set("actions", Value::list({}));
  Value categories = Value::list({});
  for (const auto& code : item.categories) {
    std::string name = code;
    for (const auto& c : profile.categories)
      if (c.code == code)
        name = c.name;
    Value category = Value::object();
    category.set("code", code).set("name", name);
    categories.items.push_back(category);
  }
  v.set("categories", categories);
  Value criteria = Value::list({});
  Value aliases = Value::list({});
  if (const auto r = store::find_referral(db, item.reference)) {
    v.set("dob", r->referral.dob ? r->referral.dob->british() : "").set("postcode", r->referral.postcode)
        .set("summary", minimised_summary(r->referral.summary));
    for (const auto& id : r->criteria_met)
      for (const auto& c : profile.criteria)
        if (c.id == id)
          criteria.items.push_back(Value::of(c.label));
    for (const auto& name : store::person_names(db, r->person_id))
      if (name != item.name)
        aliases.items.push_back(Value::of(name));
  }
  v.set("criteria_met", criteria).set("aliases", aliases);
  return v;
}

} // namespace

Produced meeting_document(store::Db& db, const PackRequest& q, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const std::string name = q.agency.empty() ? "meeting-pack" : "research-list";
  const auto t = find_template(templates_in_use(templates_folder(q.templates, &db), problems), name, problems);
  require_valid(t);
  if (t.kind != "meeting")
    throw refused(fmt::format("template '{}' must be for meetings (for: meeting)", name));
  if (!q.agency.empty() && !store::find_agency(db, q.agency))
    unknown_agency(db, q.agency);
  const auto meeting = agenda_meeting(db, q.date, actor.today);
  const auto agenda = compute_agenda(db, meeting, profile);

  Value context = base_context(profile, actor.today, q.agency.empty() ? "" : agency_value(db, q.agency).fields["name"].text);
  Value details = Value::object();
  details.set("date", meeting.date.british()).set("time", meeting.time).set("venue", meeting.venue)
      .set("chair", meeting.chair).set("status", meeting.status).set("cutoff", agenda.cutoff.british());
  context.set("meeting", details);
  Value quorum = Value::list({});
  for (const auto& code : agenda.quorum)
    quorum.items.push_back(agency_value(db, code));
  context.set("quorum", quorum);
  context.set("agency", agency_value(db, q.agency));
  Value items = Value::list({});
  for (const auto& item : agenda.items)
    items.items.push_back(item_value(db, profile, item));
  context.set("items", items);
  context.set("actions", Value::list({}));
  Value next = Value::list({});
  for (const auto& ref : agenda.next_meeting)
    next.items.push_back(Value::of(ref));
  context.set("next_meeting", next);

  core::DocumentRecord record;
  record.reference = meeting.date.iso();
  auto produced = produce_document(db, t, context, q.output, record, actor);
  txn.commit();
  return produced;
}

} // namespace panel::ops
