#pragma once
#include "panel/core/case.hpp"
#include "panel/core/document.hpp"
#include "panel/core/history.hpp"

#include <string>
#include <vector>

namespace panel::core {

// Everything panel holds about one referral, for `referral show`: the referral with its
// decisions (as `case show` lists them), the letters made for it, and its corrections.
struct ReferralDetail {
  CaseDetail::Item item;
  std::vector<DocumentRecord> documents;
  std::vector<HistoryRow> history;  // oldest first
  std::string void_reason;          // why it was voided, when it is
};

} // namespace panel::core
