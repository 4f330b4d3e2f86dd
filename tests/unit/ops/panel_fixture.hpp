#pragma once
// A panel database made by `ops::init` from the ccm profile in a temporary folder, opened.
#include "panel/ops/setup.hpp"
#include "panel/profile/profile.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "tests/unit/support.hpp"

namespace panel::test {

struct CcmPanel {
  TempDir dir;
  std::string path = dir.file("panel.db");
  store::Db db = (ops::init(path, "ccm", actor("2017-09-01T09:00:00Z", "init")), store::Db::open(path));

  size_t audit_rows() { return store::list_audit(db, "").size(); }
  std::vector<core::Agency> agencies() { return store::list_agencies(db); }
  // The stored profile, with the live agencies, as canonical YAML (for before/after comparisons).
  std::string profile_yaml() { return profile::to_yaml(ops::load_profile(db)); }
};

} // namespace panel::test
