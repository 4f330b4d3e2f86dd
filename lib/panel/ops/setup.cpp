#include "panel/ops/setup.hpp"

#include "panel/core/files.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/config.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/profile_store.hpp"

#include <fmt/format.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace panel::ops {
namespace {

bool is_path(const std::string& name)
{
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
}

} // namespace

InitResult init(const std::string& path, const std::string& profile_name, const core::Actor& actor,
                bool allow_mail_program)
{
  const bool from_file = is_path(profile_name);
  const std::string text = from_file ? input::read_file(profile_name) : profile::builtin_text(profile_name);
  const core::Profile p = profile::load(text, from_file ? profile_name : profile_name + ".yaml");
  if (p.agencies.empty())
    throw refused(fmt::format("{}: a new panel needs an 'agencies:' list", profile_name));
  // A profile file naming its own mail program needs the same allowance as config set.
  vet_mail_program(profile::load(profile::builtin_text("ccm"), "ccm.yaml").mail.sendmail, p.mail.sendmail,
                   allow_mail_program);

  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0)
    throw refused(fmt::format("'{}' already exists; refusing to overwrite it", path));
  // The register is built in a private temporary file beside `path` and renamed onto it only
  // when whole: an init interrupted by a signal or a full disk leaves no half-made register.
  auto file = [&] {
    try {
      return core::PendingFile(path, false);
    } catch (const Error& e) {
      throw database_error(e.what());  // the register cannot be made there: exit 3, as for init's other database errors
    }
  }();
  try {
    auto db = store::Db::create_in(file.temporary());
    store::Transaction txn(db, store::Transaction::Kind::write);
    store::save_profile_yaml(db, profile::to_yaml(p, false), actor);
    for (const auto& agency : p.agencies)
      store::insert_agency(db, agency);
    store::append_audit(db, actor, core::AuditAction::create, "profile", p.short_name,
                        from_file ? std::string("from a file") : "from built-in " + profile_name);
    txn.commit();
    // Everything into the main file: its -wal and -shm are named after the temporary.
    if (!store::checkpoint(db).complete)
      throw database_error(fmt::format("cannot finish '{}': its write-ahead log could not be emptied", path));
  } catch (...) {
    for (const char* extra : {"-wal", "-shm", "-journal"})
      ::unlink((file.temporary() + extra).c_str());
    throw;
  }
  for (const char* extra : {"-wal", "-shm"})
    ::unlink((file.temporary() + extra).c_str());
  file.publish();
  return {path, p.name, from_file ? profile_name : "built-in " + profile_name, p.agencies.size()};
}

core::Profile load_profile(store::Db& db)
{
  const auto yaml = store::load_profile_yaml(db);
  if (!yaml)
    throw database_error(fmt::format("'{}' has no profile; it was not made by 'panel init'", db.path()));
  return profile::load(*yaml, "", store::list_agencies(db), true);
}

} // namespace panel::ops
