#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"

#include <string>

namespace panel::ops {

struct InitResult {
  std::string path;
  std::string profile_name;
  std::string source;  // "built-in ccm" or the file given
  size_t agencies = 0;
};

// Creates a database at `path` from a built-in profile name or a profile YAML file. The profile is
// checked before the file is created; if anything fails afterwards the new file is removed. A
// profile whose mail.sendmail is not the default needs `allow_mail_program` (see vet_mail_program).
InitResult init(const std::string& path, const std::string& profile, const core::Actor& actor,
                bool allow_mail_program = false);

// The stored profile with the live agency list.
core::Profile load_profile(store::Db& db);

} // namespace panel::ops
