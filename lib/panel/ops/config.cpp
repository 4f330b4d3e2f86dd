#include "panel/ops/config.hpp"

#include "panel/core/text.hpp"
#include "panel/ops/kept_file.hpp"
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/profile_store.hpp"

#include <algorithm>
#include <fmt/format.h>

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

} // namespace

std::string config_set(store::Db& db, const std::string& key, const std::string& value, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const core::Profile before = load_profile(db);
  const core::Profile after = profile::set_value(before, key, value);
  const std::string old_value = one_line(profile::get_value(before, key));
  const std::string new_value = one_line(profile::get_value(after, key));
  if (old_value != new_value) {
    store::save_profile_yaml(db, profile::to_yaml(after, false), actor);
    store::append_audit(db, actor, "update", "profile", key, "changed");  // the values are free text
  }
  txn.commit();
  return new_value;
}

ImportResult config_import(store::Db& db, const std::string& text, const std::string& source,
                           const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  check_kept_file(db, text, source);
  const core::Profile before = load_profile(db);
  const core::Profile after = profile::load(text, source, before.agencies);
  ImportResult result;

  if (profile::has_agencies(text)) {
    for (const auto& agency : after.agencies) {
      const auto current = store::find_agency(db, agency.code);
      if (!current) {
        store::insert_agency(db, agency);
        store::append_audit(db, actor, "create", "agency", agency.code, "from the profile");
        result.added.push_back(agency.code);
      } else if (!(*current == agency)) {
        store::update_agency(db, agency);
        store::append_audit(db, actor, "update", "agency", agency.code, "from the profile");
        result.updated.push_back(agency.code);
      }
    }
    for (const auto& agency : before.agencies) {
      const bool kept = std::any_of(after.agencies.begin(), after.agencies.end(),
                                    [&](const auto& a) { return a.code == agency.code; });
      if (!kept) {
        store::delete_agency(db, agency.code);
        store::append_audit(db, actor, "delete", "agency", agency.code, "from the profile");
        result.removed.push_back(agency.code);
      }
    }
  }
  const std::string old_yaml = profile::to_yaml(before, false);
  const std::string new_yaml = profile::to_yaml(after, false);
  if (old_yaml != new_yaml) {
    store::save_profile_yaml(db, new_yaml, actor);
    store::append_audit(db, actor, "update", "profile", after.short_name, "imported from a file");
    result.settings_changed = true;
  }
  txn.commit();
  return result;
}

} // namespace panel::ops
