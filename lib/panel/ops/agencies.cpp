#include "panel/ops/agencies.hpp"

#include "panel/core/text.hpp"
#include "panel/core/words.hpp"
#include "panel/ops/setup.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace panel::ops {
namespace {

void check_fields(const core::Agency& agency)
{
  if (core::trim(agency.name).empty())
    throw refused(fmt::format("agency '{}': the name is empty", agency.code));
  if (!core::valid_utf8(agency.name) || core::strip_controls(agency.name) != agency.name ||
      agency.name.find('\n') != std::string::npos)
    throw refused(fmt::format("agency '{}': the name has control characters or is not UTF-8", agency.code));
  if (!agency.email.empty())
    if (const auto problem = core::email_problem(agency.email); !problem.empty())
      throw refused(fmt::format("agency '{}': bad email '{}': {}", agency.code, agency.email, problem));
}

} // namespace

std::vector<std::string> agency_codes(store::Db& db)
{
  std::vector<std::string> codes;
  for (const auto& a : store::list_agencies(db))
    codes.push_back(a.code);
  return codes;
}

void unknown_agency(store::Db& db, const std::string& code)
{
  throw refused(core::unknown_word_message(code, agency_codes(db), "agency"));
}

std::string agency_code(store::Db& db, const std::string& typed)
{
  return core::canonical_word(typed, agency_codes(db), "agency");
}

void add_agency(store::Db& db, const core::Agency& agency, const core::Actor& actor)
{
  if (const auto problem = core::agency_code_problem(agency.code); !problem.empty())
    throw refused(fmt::format("bad agency code '{}': {}", agency.code, problem));
  check_fields(agency);
  store::Transaction txn(db, store::Transaction::Kind::write);
  if (store::find_agency(db, agency.code))
    throw refused(fmt::format("agency '{}' already exists; use 'panel agency update'", agency.code));
  store::insert_agency(db, agency);
  store::append_audit(db, actor, core::AuditAction::create, "agency", agency.code);
  txn.commit();
}

std::vector<std::string> update_agency(store::Db& db, const std::string& code, const AgencyChange& change,
                           const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  auto agency = store::find_agency(db, agency_code(db, code));
  std::vector<std::string> changed;
  if (change.name && *change.name != agency->name) {
    agency->name = *change.name;
    changed.push_back("name");
  }
  if (change.email && *change.email != agency->email) {
    agency->email = *change.email;
    changed.push_back("email");
  }
  if (change.core && *change.core != agency->core) {
    agency->core = *change.core;
    changed.push_back("core");
  }
  check_fields(*agency);
  if (!changed.empty()) {
    store::update_agency(db, *agency);
    store::append_audit(db, actor, core::AuditAction::update, "agency", agency->code, core::join(changed, ", "));
  }
  txn.commit();
  return changed;
}

std::string remove_agency(store::Db& db, const std::string& typed, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto code = agency_code(db, typed);
  const auto profile = load_profile(db);
  if (std::find(profile.quorum.begin(), profile.quorum.end(), code) != profile.quorum.end())
    throw refused(fmt::format("agency '{}' is in the quorum; change 'quorum' with 'panel config set' first", code));
  store::delete_agency(db, code);
  store::append_audit(db, actor, core::AuditAction::delete_, "agency", code);
  txn.commit();
  return code;
}

} // namespace panel::ops
