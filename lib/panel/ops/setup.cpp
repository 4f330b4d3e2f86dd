#include "panel/ops/setup.hpp"

#include "panel/input/file.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/profile_store.hpp"

#include <fmt/format.h>
#include <optional>
#include <unistd.h>

namespace panel::ops {
namespace {

bool is_path(const std::string& name)
{
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
}

} // namespace

InitResult init(const std::string& path, const std::string& profile_name, const core::Actor& actor)
{
  const bool from_file = is_path(profile_name);
  const std::string text = from_file ? input::read_file(profile_name) : profile::builtin_text(profile_name);
  const core::Profile p = profile::load(text, from_file ? profile_name : profile_name + ".yaml");
  if (p.agencies.empty())
    throw refused(fmt::format("{}: a new panel needs an 'agencies:' list", profile_name));

  auto db = std::make_optional(store::Db::create(path));
  try {
    store::Transaction txn(*db, store::Transaction::Kind::write);
    store::save_profile_yaml(*db, profile::to_yaml(p, false), actor);
    for (const auto& agency : p.agencies)
      store::insert_agency(*db, agency);
    store::append_audit(*db, actor, "create", "profile", p.short_name,
                        from_file ? std::string("from a file") : "from built-in " + profile_name);
    txn.commit();
  } catch (...) {
    // Leave nothing half-made behind, so that the user can simply run init again.
    db.reset();
    for (const char* extra : {"", "-wal", "-shm"})
      ::unlink((path + extra).c_str());
    throw;
  }
  return {path, p.name, from_file ? profile_name : "built-in " + profile_name, p.agencies.size()};
}

core::Profile load_profile(store::Db& db)
{
  const auto yaml = store::load_profile_yaml(db);
  if (!yaml)
    throw database_error(fmt::format("'{}' has no profile; it was not made by 'panel init'", db.path()));
  return profile::load(*yaml, "", store::list_agencies(db));
}

} // namespace panel::ops
