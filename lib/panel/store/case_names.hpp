#pragma once
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::store {

// Every name the people of a case are recorded under: its subject's (the person, and each name
// they were referred under: their aliases) and the other parties of the case's referrals.
// Purged names ("[purged]") are left out; nothing for an unknown case.
std::vector<std::string> case_names(Db& db, const std::string& case_reference);

} // namespace panel::store
