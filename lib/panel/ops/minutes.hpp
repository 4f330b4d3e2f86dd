#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// What recording minutes did.
struct MinutesResult {
  bool held = true;
  bool quorate = true;
  std::vector<std::string> absent_quorum;  // quorum agencies not present
  size_t discussions = 0;
  std::vector<std::string> actions;        // ids of new actions
  std::vector<std::string> closed;         // cases closed
  size_t updates = 0;
  std::vector<std::string> carried;        // listed but not discussed: moved to the next meeting
  std::optional<core::Date> carried_to;
};

// Records a meeting's minutes from YAML text (docs/formats/minutes.md) in one transaction:
// attendance and quorum, observers, discussions, case risk, reviews and closures, interventions,
// new actions and action updates; or, with `held: false`, cancels the meeting. Minutes already
// recorded are refused unless `amend`, which replaces them whole. Every problem is reported with
// the file and line, and then nothing is written.
MinutesResult record_minutes(store::Db& db, core::Date meeting, const std::string& text, const std::string& file,
                             bool amend, const core::Actor& actor);

// A minutes file to fill in, built from the agenda: attendance for every agency, each case with
// empty fields, each outstanding action with its status.
std::string minutes_skeleton(store::Db& db, core::Date meeting, const core::Actor& actor);

} // namespace panel::ops
