#pragma once
#include <cstdint>
#include <string>

namespace panel::core {

// One force's month as an import stored it: from the last file that has it.
struct ImportedMonth {
  std::string reported_by, month, file, sha256;
  std::int64_t imported = 0;  // incidents read from `file`: those stored
  std::int64_t replaced = 0;  // incidents of an earlier import that these replaced
  bool existed = false;       // the month had been imported before (audited as "update")
  std::string earlier_file;   // an earlier file of the same import with this month, which `file` replaces
};

} // namespace panel::core
