#include "panel/ops/config.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/mail/delivery.hpp"
#include "panel/ops/kept_file.hpp"
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/profile_store.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <set>

namespace panel::ops {

namespace {

// A value as one line: list items joined with ", " ("POL, CST").
std::string one_line(const std::string& text)
{
  std::string out;
  for (char c : core::trim(text))
    out += c == '\n' ? std::string(", ") : std::string(1, c);
  return out;
}

// A mail program as the profile writes it: [/usr/sbin/sendmail, -t, -i].
std::string as_list(const std::vector<std::string>& argv) { return "[" + core::join(argv, ", ") + "]"; }

} // namespace

void vet_mail_program(const std::vector<std::string>& before, const std::vector<std::string>& after, bool allowed)
{
  if (before == after)
    return;
  if (!allowed)
    throw refused(fmt::format("this changes the mail program (mail.sendmail) from {} to {}, which 'panel remind' runs "
                              "(often from cron): add --allow-mail-program if you mean it; nothing was changed",
                              as_list(before), as_list(after)));
  if (const auto problem = mail::program_problem(after); !problem.empty())
    throw refused(problem + "; nothing was changed");
}

std::string config_set(store::Db& db, const std::string& key, const std::string& value, const core::Actor& actor,
                       bool allow_mail_program)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const core::Profile before = load_profile(db);
  const core::Profile after = profile::set_value(before, key, value);
  vet_mail_program(before.mail.sendmail, after.mail.sendmail, allow_mail_program);
  const std::string old_value = one_line(profile::get_value(before, key));
  const std::string new_value = one_line(profile::get_value(after, key));
  if (old_value != new_value) {
    store::save_profile_yaml(db, profile::to_yaml(after, false), actor);
    store::append_audit(db, actor, core::AuditAction::update, "profile", key, "changed");  // the values are free text
  }
  txn.commit();
  return new_value;
}

ImportResult config_import(store::Db& db, const std::string& text, const std::string& source,
                           const core::Actor& actor, bool allow_mail_program, const store::AuditMark* edited_since)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  check_kept_file(db, text, source);
  // The edited text holds the profile and the agencies: a change to anything else cannot be undone by it.
  if (edited_since)
    check_unchanged(db, *edited_since, "the profile or the agencies", [](const core::AuditEntry& row) {
      return row.entity == "profile" || row.entity == "agency";
    });
  const core::Profile before = load_profile(db);
  const core::Profile after = profile::load(text, source, before.agencies);
  vet_mail_program(before.mail.sendmail, after.mail.sendmail, allow_mail_program);
  ImportResult result;

  if (profile::has_agencies(text)) {
    std::optional<long> position;  // read once: finding it is a scan of the agencies
    for (const auto& agency : after.agencies) {
      const auto current = store::find_agency(db, agency.code);
      if (!current) {
        if (!position)
          position = store::next_agency_position(db);
        store::insert_agency(db, agency, (*position)++);
        store::append_audit(db, actor, core::AuditAction::create, "agency", agency.code, "from the profile");
        result.added.push_back(agency.code);
      } else if (!(*current == agency)) {
        store::update_agency(db, agency);
        store::append_audit(db, actor, core::AuditAction::update, "agency", agency.code, "from the profile");
        result.updated.push_back(agency.code);
      }
    }
    std::set<std::string> kept;
    for (const auto& a : after.agencies)
      kept.insert(a.code);
    for (const auto& agency : before.agencies) {
      if (!kept.contains(agency.code)) {
        store::delete_agency(db, agency.code);
        store::append_audit(db, actor, core::AuditAction::delete_, "agency", agency.code, "from the profile");
        result.removed.push_back(agency.code);
      }
    }
  }
  const std::string old_yaml = profile::to_yaml(before, false);
  const std::string new_yaml = profile::to_yaml(after, false);
  if (old_yaml != new_yaml) {
    store::save_profile_yaml(db, new_yaml, actor);
    store::append_audit(db, actor, core::AuditAction::update, "profile", after.short_name, "imported from a file");
    if (before.mail.sendmail != after.mail.sendmail)
      store::append_audit(db, actor, core::AuditAction::update, "profile", "mail.sendmail", "mail program changed (--allow-mail-program)");
    result.settings_changed = true;
  }
  txn.commit();
  return result;
}

} // namespace panel::ops
