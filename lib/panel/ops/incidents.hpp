#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/incidents.hpp"
#include "panel/store/db.hpp"

#include <iosfwd>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace panel::ops {

// One force's month as an import stored it (core/incidents.hpp).
using ImportedMonth = core::ImportedMonth;

// How far an import has got, reported every `progress_every` rows.
struct ImportProgress {
  std::size_t file = 0;  // 1-based number of the file being read
  std::size_t files = 0;
  std::int64_t rows = 0;  // rows read so far, in all files
};
constexpr std::int64_t progress_every = 50'000;
using ImportProgressSink = std::function<void(const ImportProgress&)>;

// Imports data.police.uk street CSV files in one transaction, in the order given. Rows are
// grouped by force ("Reported by") and month; each force's month replaces what an earlier
// import (or an earlier file of this one) recorded for it, and is recorded with the file name,
// the file's SHA-256 and one audit row ("create", or "update" when it replaced one). Returns
// one entry per force's month, however many files had it. If any file
// has a problem, nothing is written and Error(refused) lists the problems as
// "file:line: column: problem" (up to 20 of them).
// `standard_input` is the command's Context::in, read for a file "-" (null: "-" is refused).
std::vector<ImportedMonth> import_incidents(store::Db& db, const std::vector<std::string>& files,
                                            const core::Actor& actor, const ImportProgressSink& progress = {},
                                            std::istream* standard_input = nullptr);

} // namespace panel::ops
