#pragma once
#include "panel/core/agency.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <vector>

namespace panel::store {

// Agencies in panel order (the order they were added).
std::vector<core::Agency> list_agencies(Db& db);
std::optional<core::Agency> find_agency(Db& db, const std::string& code);
// Adds an agency at the end of the list; the caller has checked the code is new.
void insert_agency(Db& db, const core::Agency& agency);
// The position after the last agency's (max(position) is a scan: read it once for many inserts).
long next_agency_position(Db& db);
// Adds an agency at a position from next_agency_position, counted on by the caller.
void insert_agency(Db& db, const core::Agency& agency, long position);
// Replaces name, email and core flag of the agency with the same code.
void update_agency(Db& db, const core::Agency& agency);
// Removes an agency; throws Error(refused) when other records still refer to it.
void delete_agency(Db& db, const std::string& code);

} // namespace panel::store
