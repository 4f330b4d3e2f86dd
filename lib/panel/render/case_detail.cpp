#include "panel/render/case_detail.hpp"
#include "panel/render/referral_item.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;

Json optional_date(const std::optional<core::Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }
template <typename T>
Json optional(const std::optional<T>& v)
{
  return v ? Json(*v) : Json(nullptr);
}
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json referral_json(const core::CaseDetail::Item& item)
{
  const auto& rec = item.referral;
  const auto& r = rec.referral;
  Json parties = Json::array();
  for (const auto& p : r.other_parties)
    parties.push_back({{"name", text_or_null(p.name)}, {"dob", optional_date(p.dob)}, {"role", text_or_null(p.role)},
                       {"relationship", text_or_null(p.relationship)}});
  Json decisions = Json::array();
  for (const auto& d : item.decisions)
    decisions.push_back({{"decision", d.decision}, {"decided_on", d.decided_on.iso()}, {"decided_by", d.decided_by},
                         {"reason", text_or_null(d.reason)}, {"signpost", text_or_null(d.signpost)}, {"forum", text_or_null(d.forum)},
                         {"override", d.override_threshold}, {"meeting", optional_date(d.meeting_date)}});
  return {{"reference", rec.reference},
          {"received", r.received.iso()},
          {"agency", r.agency},
          {"referrer", {{"name", text_or_null(r.referrer_name)}, {"email", text_or_null(r.referrer_email)}}},
          {"source_ref", text_or_null(r.source_ref)},
          {"subject", {{"name", text_or_null(r.name)}, {"dob", optional_date(r.dob)}, {"gender", text_or_null(r.gender)},
                       {"postcode", text_or_null(r.postcode)}, {"address", text_or_null(r.address)}, {"resident", optional(r.resident)}, {"bame", optional(r.bame)}, {"lgbt", optional(r.lgbt)},
                       {"disability", optional(r.disability)}}},
          {"role", text_or_null(r.role)},
          {"categories", r.categories},
          {"vulnerable", r.vulnerable},
          {"risk_level", text_or_null(r.risk_level)},
          {"risk_score", optional(r.risk_score)},
          {"risk_instrument", text_or_null(r.risk_instrument)},
          {"incidents_12m", optional(r.incidents_12m)},
          {"agencies_involved", optional(r.agencies_involved)},
          {"children", optional(r.children)},
          {"professional_judgement", r.professional_judgement},
          {"consent", text_or_null(r.consent)},
          {"consent_rationale", text_or_null(r.consent_rationale)},
          {"summary", text_or_null(r.summary)},
          {"other_parties", parties},
          {"repeat_of", text_or_null(rec.repeat_of)},
          {"possible_matches", rec.possible_matches},
          {"criteria_met", rec.criteria_met},
          {"meets_threshold", rec.meets_threshold},
          {"status", rec.status},
          {"meeting", optional_date(rec.meeting_date)},
          {"voided", optional_date(rec.voided)},
          {"decisions", decisions}};
}

Json documents_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& d : detail.documents)
    list.push_back({{"template", d.template_name}, {"reference", d.reference}, {"format", d.format},
                    {"path", text_or_null(d.path)}, {"output_sha256", d.output_sha256},
                    {"template_source", d.template_source}, {"created_at", d.created_at}, {"created_by", d.created_by}});
  return list;
}

Json discussions_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& d : detail.discussions)
    list.push_back({{"meeting", d.meeting.iso()}, {"summary", d.summary}, {"risk_level", text_or_null(d.risk)},
                    {"outcome", d.outcome}, {"close_reason", text_or_null(d.close_reason)},
                    {"next_review", optional_date(d.next_review)}, {"referred_to", text_or_null(d.referred_to)}});
  return list;
}

Json actions_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& a : detail.actions)
    list.push_back({{"id", a.id}, {"owner", a.owner}, {"description", a.description}, {"due", a.due.iso()},
                    {"status", a.status}, {"status_date", optional_date(a.status_date)}});
  return list;
}

Json interventions_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& i : detail.interventions)
    list.push_back({{"id", i.id}, {"type", i.type}, {"tier", i.tier}, {"agency", i.agency}, {"date", i.date.iso()},
                    {"review", optional_date(i.review)}, {"expiry", optional_date(i.expiry)}, {"note", text_or_null(i.note)}});
  return list;
}

Json notes_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& n : detail.notes)
    list.push_back({{"day", n.day.iso()}, {"text", n.text}, {"at", n.at}, {"user", n.user}});
  return list;
}

Json history_json(const core::CaseDetail& detail)
{
  Json list = Json::array();
  for (const auto& h : detail.history)
    list.push_back({{"at", h.at}, {"day", h.day}, {"user", h.user}, {"command", h.command}, {"field", h.field},
                    {"old", text_or_null(h.old_value)}, {"new", text_or_null(h.new_value)},
                    {"reason", text_or_null(h.reason)}});
  return list;
}

Json case_json(const core::CaseDetail& detail)
{
  const auto& c = detail.info;
  Json referrals = Json::array();
  for (const auto& item : detail.referrals)
    referrals.push_back(referral_json(item));
  Json j = {{"case", {{"reference", c.reference}, {"person", c.person_id}, {"name", c.name}, {"opened", c.opened.iso()},
                      {"lead_agency", text_or_null(c.lead_agency)}, {"risk_level", text_or_null(c.risk_level)},
                      {"review_date", optional_date(c.review_date)}, {"status", c.status},
                      {"closed", optional_date(c.closed)}, {"close_reason", text_or_null(c.close_reason)},
                      {"legal_hold", text_or_null(c.legal_hold)}}},
            {"referrals", referrals},
            {"documents", documents_json(detail)},
            {"discussions", discussions_json(detail)},
            {"actions", actions_json(detail)},
            {"interventions", interventions_json(detail)},
            {"notes", notes_json(detail)},
            {"history", history_json(detail)}};
  return j;
}

void write_json(std::ostream& out, const Json& j) { out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n'; }

// Writes "label: value" lines (Markdown list items in md), skipping empty values.
class Lines {
public:
  Lines(std::ostream& out, bool markdown) : m_out(out), m_markdown(markdown) {}
  void operator()(std::ostream&, const std::string& label, const std::string& value) const
  {
    if (value.empty())
      return;
    if (m_markdown)
      m_out << "- **" << label << ":** " << core::strip_controls(value) << '\n';
    else
      m_out << fmt::format("{:<19} ", label + ":") << core::strip_controls(value) << '\n';
  }

private:
  std::ostream& m_out;
  bool m_markdown;
};

std::string flag(const std::optional<bool>& v) { return v ? (*v ? "yes" : "no") : ""; }
std::string number(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

void write_referral_text(std::ostream& out, const core::CaseDetail::Item& item, bool markdown)
{
  const Lines line(out, markdown);
  const char* h2 = markdown ? "## " : "";
  const auto& rec = item.referral;
  const auto& r = rec.referral;
  out << '\n' << h2 << "Referral " << rec.reference << "\n";
  line(out, "Received", fmt::format("{} from {}{}", r.received.iso(), r.agency,
                                    r.referrer_name.empty() ? "" : " (" + r.referrer_name + ")"));
  line(out, "Referrer email", r.referrer_email);
  line(out, "Agency reference", r.source_ref);
  line(out, "Name", r.name);
  line(out, "Date of birth", r.dob ? r.dob->iso() : "");
  line(out, "Gender", r.gender);
  line(out, "Postcode", r.postcode);
  line(out, "Address", core::address_on_one_line(r.address));
  line(out, "Resident", flag(r.resident));
  line(out, "BAME", flag(r.bame));
  line(out, "LGBT", flag(r.lgbt));
  line(out, "Disability", flag(r.disability));
  line(out, "Role", r.role);
  line(out, "Categories", core::join(r.categories, ", "));
  line(out, "Vulnerable", r.vulnerable ? "yes" : "");
  line(out, "Risk", r.risk_level);
  line(out, "Risk score", r.risk_score ? fmt::format("{}{}", *r.risk_score, r.risk_instrument.empty() ? "" : " (" + r.risk_instrument + ")") : "");
  line(out, "Incidents (12m)", number(r.incidents_12m));
  line(out, "Agencies involved", number(r.agencies_involved));
  line(out, "Children", number(r.children));
  line(out, "Prof. judgement", r.professional_judgement ? "yes" : "");
  line(out, "Consent", r.consent + (r.consent_rationale.empty() ? "" : ": " + r.consent_rationale));
  line(out, "Repeat of", rec.repeat_of);
  line(out, "Possible matches", core::join(rec.possible_matches, ", "));
  line(out, "Criteria met", rec.criteria_met.empty() ? "none" : core::join(rec.criteria_met, ", "));
  line(out, "Listed for meeting", rec.meeting_date ? rec.meeting_date->iso() : "");
  line(out, "Voided", rec.voided ? rec.voided->iso() + " (recorded in error; in no list or report)" : "");
  for (const auto& p : r.other_parties)
    line(out, "Other party", fmt::format("{}{}{}", p.name, p.relationship.empty() ? "" : ", " + p.relationship,
                                         p.role.empty() ? "" : " (" + p.role + ")"));
  for (const auto& d : item.decisions) {
    std::string text = fmt::format("{} {} by {}", d.decided_on.iso(), d.decision, d.decided_by);
    if (d.override_threshold)
      text += " (below threshold, overridden)";
    if (!d.forum.empty())
      text += " to " + d.forum;
    if (d.meeting_date)
      text += " for the meeting on " + d.meeting_date->iso();
    if (!d.reason.empty())
      text += ": " + d.reason;
    if (!d.signpost.empty())
      text += "; signposted to " + d.signpost;
    line(out, "Decision", text);
  }
  out << (markdown ? "\n**Summary:**\n\n" : "Summary:\n");
  const std::string summary = core::strip_controls(r.summary);
  for (size_t start = 0; start < summary.size();) {
    const auto end = summary.find('\n', start);
    out << (markdown ? "" : "  ") << summary.substr(start, end == std::string::npos ? end : end - start) << '\n';
    start = end == std::string::npos ? summary.size() : end + 1;
  }
}

void write_text(std::ostream& out, const core::CaseDetail& detail, bool markdown)
{
  const Lines line(out, markdown);
  const auto& c = detail.info;
  const char* h1 = markdown ? "# " : "";
  const char* h2 = markdown ? "## " : "";
  out << h1 << "Case " << c.reference << (core::is(c.status, core::CaseStatus::closed) ? " (closed)" : "") << "\n\n";
  line(out, "Person", fmt::format("{} (person {})", c.name, c.person_id));
  line(out, "Opened", c.opened.iso());
  line(out, "Lead agency", c.lead_agency);
  line(out, "Risk level", c.risk_level);
  line(out, "Review date", c.review_date ? c.review_date->iso() : "");
  line(out, "Closed", c.closed ? fmt::format("{} ({})", c.closed->iso(), c.close_reason) : "");
  line(out, "Legal hold", c.legal_hold);
  for (const auto& item : detail.referrals)
    write_referral_text(out, item, markdown);
  if (!detail.discussions.empty()) {
    out << '\n' << h2 << "Discussions\n";
    for (const auto& d : detail.discussions)
      line(out, d.meeting.iso(), fmt::format("{}{}{}{}: {}", d.outcome, d.close_reason.empty() ? "" : " (" + d.close_reason + ")",
                                             d.referred_to.empty() ? "" : " to " + d.referred_to,
                                             d.risk.empty() ? "" : ", risk " + d.risk, d.summary));
  }
  if (!detail.actions.empty()) {
    out << '\n' << h2 << "Actions\n";
    for (const auto& a : detail.actions)
      line(out, a.id, fmt::format("{}, due {}, {}: {}", a.owner, a.due.iso(), a.status, a.description));
  }
  if (!detail.interventions.empty()) {
    out << '\n' << h2 << "Interventions\n";
    for (const auto& i : detail.interventions)
      line(out, i.date.iso(), fmt::format("{} (tier {}) by {}{}{} (id {})", i.type, i.tier, i.agency,
                                          i.review ? ", review " + i.review->iso() : "",
                                          i.expiry ? ", expires " + i.expiry->iso() : "", i.id));
  }
  if (!detail.notes.empty()) {
    out << '\n' << h2 << "Notes\n";
    for (const auto& n : detail.notes)
      line(out, n.day.iso(), fmt::format("{} ({})", n.text, n.user));
  }
  if (!detail.history.empty()) {
    out << '\n' << h2 << "Changes\n";
    for (const auto& h : detail.history)
      line(out, h.day, fmt::format("{}: {} -> {} by {}{}", h.field,
                                   h.old_value.empty() ? "none" : core::address_on_one_line(h.old_value),
                                   h.new_value.empty() ? "none" : core::address_on_one_line(h.new_value), h.user,
                                   h.reason.empty() ? "" : " (" + h.reason + ")"));
  }
  if (!detail.documents.empty()) {
    out << '\n' << h2 << "Documents\n";
    for (const auto& d : detail.documents)
      line(out, d.created_at.substr(0, 10),
           fmt::format("{} ({}) for {} by {}{}", d.template_name, d.format, d.reference, d.created_by,
                       d.path.empty() ? "" : ", " + d.path));
  }
}

} // namespace

Json referral_item_json(const core::CaseDetail::Item& item) { return referral_json(item); }

void write_referral_item(std::ostream& out, const core::CaseDetail::Item& item, bool markdown)
{
  write_referral_text(out, item, markdown);
}

void write_case(std::ostream& out, const core::CaseDetail& detail, Format format)
{
  if (format == Format::json)
    write_json(out, case_json(detail));
  else
    write_text(out, detail, format == Format::md);
}

void write_person(std::ostream& out, const core::PersonRecord& p, Format format)
{
  if (format == Format::json) {
    Json cases = Json::array(), referrals = Json::array(), mentions = Json::array();
    for (const auto& c : p.cases)
      cases.push_back(case_json(c));
    for (const auto& r : p.referrals)
      referrals.push_back(referral_json(r));
    for (const auto& m : p.mentions)
      mentions.push_back({{"referral", m.referral}, {"name", m.name}, {"role", text_or_null(m.role)},
                          {"relationship", text_or_null(m.relationship)}});
    Json aliases = Json::array(), merges = Json::array(), history = Json::array();
    for (const auto& a : p.aliases)
      aliases.push_back({{"name", a.name}, {"dob", optional_date(a.dob)}, {"added", a.created_at}, {"by", a.created_by}});
    for (const auto& m : p.merges)
      merges.push_back({{"id", m.id}, {"kept", m.keep_id}, {"merged_in", m.drop_id}, {"reason", m.reason},
                        {"day", m.day}, {"user", m.user}, {"undone_at", text_or_null(m.undone_at)}});
    for (const auto& h : p.history)
      history.push_back({{"entity", h.entity}, {"record", h.record}, {"field", h.row.field},
                         {"old", h.row.old_value}, {"new", h.row.new_value}, {"reason", h.row.reason},
                         {"at", h.row.at}, {"day", h.row.day}, {"user", h.row.user}, {"command", h.row.command}});
    write_json(out, {{"person", {{"id", p.id}, {"name", p.name}, {"names", p.names}, {"dob", optional_date(p.dob)}}},
                     {"aliases", aliases},
                     {"cases", cases},
                     {"referrals", referrals},
                     {"history", history},
                     {"merges", merges},
                     {"named_in_referrals_about_others", mentions}});
    return;
  }
  const bool markdown = format == Format::md;
  const Lines line(out, markdown);
  out << (markdown ? "# " : "") << "Everything held about person " << p.id << "\n\n";
  line(out, "Name", p.name);
  line(out, "Names used", core::join(p.names, "; "));
  line(out, "Date of birth", p.dob ? p.dob->iso() : "");
  for (const auto& a : p.aliases)
    line(out, "Also known as", a.name + (a.dob ? " (born " + a.dob->iso() + ")" : ""));
  for (const auto& c : p.cases) {
    out << '\n';
    write_text(out, c, markdown);
  }
  for (const auto& r : p.referrals)
    write_referral_text(out, r, markdown);
  if (!p.history.empty()) {
    out << '\n' << (markdown ? "## " : "") << "Corrections\n";
    for (const auto& h : p.history)
      line(out, h.entity + " " + h.record + " " + h.row.day,
           fmt::format("{}: '{}' -> '{}' by {} ({}){}", h.row.field, core::address_on_one_line(h.row.old_value),
                       core::address_on_one_line(h.row.new_value), h.row.user,
                       h.row.command, h.row.reason.empty() ? "" : ": " + h.row.reason));
  }
  if (!p.merges.empty()) {
    out << '\n' << (markdown ? "## " : "") << "Merges of records\n";
    for (const auto& m : p.merges)
      line(out, fmt::format("merge {} {}", m.id, m.day),
           fmt::format("person {} merged into person {} by {}: {}{}", m.drop_id, m.keep_id, m.user, m.reason,
                       m.undone_at.empty() ? "" : "; undone " + m.undone_at));
  }
  if (!p.mentions.empty()) {
    out << '\n' << (markdown ? "## " : "") << "Named in referrals about others\n";
    for (const auto& m : p.mentions)
      line(out, m.referral, fmt::format("{}{}{}", m.name, m.role.empty() ? "" : " (" + m.role + ")",
                                        m.relationship.empty() ? "" : ", " + m.relationship));
  }
}

} // namespace panel::render
