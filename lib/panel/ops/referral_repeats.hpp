#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"
#include "panel/store/intake.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// Works out again whether a live referral is a repeat (of the person's previous live referral,
// within the profile's window) and which criteria it meets, as intake does; stores what changed,
// with a history row per changed field and one audit row, and returns what changed for the
// coordinator ("CCM-2017-0007: now a repeat of CCM-2017-0001", "criteria: a -> a, b").
// Use inside a write transaction.
std::vector<std::string> work_out_repeat(store::Db& db, store::IntakeWriter& writer, const core::Profile& profile,
                                         const std::string& reference, const core::Actor& actor,
                                         const std::string& reason);

} // namespace panel::ops
