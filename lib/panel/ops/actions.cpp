#include "panel/ops/actions.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/rules/names_in_text.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/case_names.hpp"
#include "panel/store/minutes.hpp"
#include "panel/store/cases.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

store::ActionRow existing(store::Db& db, const std::string& id)
{
  const auto row = store::find_action(db, id);
  if (!row)
    throw refused(fmt::format("no action '{}' (see 'panel action list')", id));
  return *row;
}

void check_text(const std::string& text, const char* what)
{
  if (!core::plain_line(text))
    throw refused(fmt::format("{}: use plain text on one line", what));
}

} // namespace

std::vector<std::string> names_in_action(store::Db& db, const std::string& case_reference, const std::string& text)
{
  std::vector<std::string> found;
  for (const auto& span : rules::find_names(text, store::case_names(db, case_reference)))
    found.push_back(text.substr(span.begin, span.end - span.begin));
  return found;
}

std::string named_warning(const std::string& id, const std::string& case_reference, const std::vector<std::string>& words)
{
  std::vector<std::string> quoted;
  for (const auto& w : words)
    quoted.push_back("'" + w + "'");
  return fmt::format("{}: the text names a person of {} ({}); reminder mails show '{}' in its place, but the action "
                     "list and documents show the text as typed: refer to people by the case reference",
                     id, case_reference, core::join(quoted, ", "), case_reference);
}

AddedAction add_action(store::Db& db, const std::string& case_reference, const std::string& owner, core::Date due,
                       const std::string& text, const core::Actor& actor)
{
  if (core::trim(text).empty())
    throw refused("--text: say what is to be done");
  check_text(text, "--text");
  if (due < actor.today)
    throw refused(fmt::format("--due: {} is in the past (today is {})", due.iso(), actor.today.iso()));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto kase = store::find_case(db, case_reference);
  if (!kase)
    throw refused(fmt::format("no case '{}' (see 'panel case list')", case_reference));
  if (core::is(kase->status, core::CaseStatus::closed))
    throw refused(fmt::format("case {} is closed", kase->reference));
  const auto code = agency_code(db, owner);
  const auto id = store::insert_action(db, kase->id, std::nullopt, {code, core::trim(text), due, 0}, actor);
  store::append_audit(db, actor, core::AuditAction::create, "action", id, kase->reference);
  txn.commit();
  return {id, kase->reference, code};
}

std::string update_action(store::Db& db, const std::string& typed_id, ActionChange c, const core::Actor& actor)
{
  // The status and owner as the register spells them, whatever their case as typed.
  if (!c.status.empty())
    c.status = core::to_string(core::parse_or_throw<core::ActionStatus>(c.status, Exit::usage, "--status: "));
  check_text(c.note, "--note");
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto row = existing(db, typed_id);
  const auto& id = row.action.id;
  if (!c.owner.empty())
    c.owner = agency_code(db, c.owner);
  if (c.due && c.owner.empty() && c.status.empty() && *c.due == row.action.due && c.note.empty())
    throw refused(fmt::format("{} is already due on {}", id, c.due->iso()));
  if (c.due || !c.owner.empty() || (c.status.empty() && !c.note.empty()))
    store::change_action(db, id, c.due, c.owner, c.status.empty() ? c.note : "", actor);
  if (!c.status.empty()) {
    if (c.status == row.action.status)
      throw refused(fmt::format("{} is already {}", id, c.status));
    store::set_action_status(db, id, c.status, actor.today, c.note, actor);
  }
  store::append_audit(db, actor, core::AuditAction::update, "action", id, row.action.case_reference);
  txn.commit();
  return id;
}

std::pair<store::ActionRow, std::vector<store::ActionChange>> show_action(store::Db& db, const std::string& id)
{
  const auto row = existing(db, id);
  return {row, store::action_history(db, row.action.id)};
}

} // namespace panel::ops
