#include "panel/render/agenda.hpp"

#include "panel/core/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// People read "not set" for a case without a risk; every format has the same columns.
Table items_table(const core::Agenda& a, bool people)
{
  Table t{{{"reference", "REFERENCE"}, {"case", "CASE"}, {"item", "ITEM"}, {"name", "NAME"}, {"risk", "RISK"},
           {"lead_agency", "LEAD"}, {"categories", "CATEGORIES"}, {"open_actions", "OPEN ACTIONS"},
           {"referral_risk", "REFERRAL RISK"}, {"assessed_higher", "ASSESSED HIGHER"},
           {"carried_over_from", "CARRIED OVER FROM"}},
          {}};
  for (const auto& i : a.items) {
    const bool has_case = !i.case_reference.empty();
    t.rows.push_back({i.reference, text_cell(i.case_reference), i.item, i.name,
                      people && has_case && i.risk.empty() ? Cell(std::string("not set")) : text_cell(i.risk),
                      text_cell(i.lead_agency), i.categories, static_cast<std::int64_t>(i.open_actions),
                      text_cell(i.referral_risk), i.assessed_higher,
                      i.carried_over_from ? Cell(i.carried_over_from->iso()) : Cell()});
  }
  return t;
}

Table actions_table(const core::Agenda& a)
{
  Table t{{{"id", "ACTION"}, {"case", "CASE"}, {"owner", "OWNER"}, {"description", "DESCRIPTION"}, {"due", "DUE"},
           {"days_overdue", "DAYS OVERDUE"}},
          {}};
  for (const auto& x : a.outstanding)
    t.rows.push_back({x.id, x.case_reference, x.owner, x.description, x.due.iso(), static_cast<std::int64_t>(x.days_overdue)});
  return t;
}

void write_json(std::ostream& out, const core::Agenda& a)
{
  Json items = Json::array();
  for (const auto& i : a.items)
    items.push_back({{"reference", i.reference}, {"case", text_or_null(i.case_reference)}, {"item", i.item},
                     {"name", i.name}, {"risk", text_or_null(i.risk)}, {"lead_agency", text_or_null(i.lead_agency)},
                     {"categories", i.categories}, {"open_actions", i.open_actions},
                     {"referral_risk", text_or_null(i.referral_risk)}, {"assessed_higher", i.assessed_higher},
                     {"carried_over_from", i.carried_over_from ? Json(i.carried_over_from->iso()) : Json(nullptr)}});
  Json actions = Json::array();
  for (const auto& x : a.outstanding)
    actions.push_back({{"id", x.id}, {"case", x.case_reference}, {"owner", x.owner}, {"description", x.description},
                       {"due", x.due.iso()}, {"days_overdue", x.days_overdue}});
  const auto& m = a.meeting;
  Json j = {{"meeting", {{"date", m.date.iso()}, {"time", text_or_null(m.time)}, {"venue", text_or_null(m.venue)},
                         {"status", m.status}, {"cutoff", a.cutoff.iso()}, {"quorum", a.quorum}}},
            {"items", items},
            {"outstanding_actions", actions},
            {"next_meeting", a.next_meeting}};
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_people(std::ostream& out, const core::Agenda& a, Format format, const Style& style)
{
  const bool md = format == Format::md;
  const auto& m = a.meeting;
  std::string heading = "Meeting " + m.date.iso();
  if (!m.time.empty())
    heading += " " + m.time;
  if (!m.venue.empty())
    heading += ", " + core::strip_controls(m.venue);
  out << (md ? "# " : "") << heading << " (" << m.status << ")\n";
  out << (md ? "\n" : "") << "Quorum: " << core::join(a.quorum, ", ") << "; agenda cut-off " << a.cutoff.iso() << "\n\n";
  if (a.items.empty())
    out << "No cases are listed for this meeting.\n";
  else
    write(out, items_table(a, true), format, style);
  out << '\n' << (md ? "## " : "") << "Outstanding actions" << (md ? "\n\n" : ":\n");
  if (a.outstanding.empty())
    out << "None due by the meeting.\n";
  else
    write(out, actions_table(a), format, style);
  if (!a.next_meeting.empty())
    out << '\n' << "Accepted after the cut-off, for the next meeting: " << core::join(a.next_meeting, ", ") << '\n';
}

} // namespace

std::string agenda_note(const core::AgendaItem& i)
{
  std::vector<std::string> notes;
  if (i.assessed_higher.size() == 1)
    notes.push_back(fmt::format("{} assessed {}: review the risk", i.assessed_higher.front(), i.highest_assessed));
  else if (!i.assessed_higher.empty())
    notes.push_back(fmt::format("{} referrals assessed up to {}: review the risk", i.assessed_higher.size(), i.highest_assessed));
  if (i.carried_over_from)
    notes.push_back("carried over from " + i.carried_over_from->iso());
  return core::join(notes, "; ");
}

void write_agenda(std::ostream& out, const core::Agenda& agenda, Format format, const Style& style)
{
  if (format == Format::json)
    write_json(out, agenda);
  else if (format == Format::csv)
    write(out, items_table(agenda, false), format, style);
  else
    write_people(out, agenda, format, style);
}

} // namespace panel::render
