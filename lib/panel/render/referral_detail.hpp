#pragma once
#include "panel/core/referral_detail.hpp"
#include "panel/render/table.hpp"

#include <ostream>

namespace panel::render {

// `referral show`: the referral as `case show` describes it, then its status, case, voided mark,
// letters and history; table and md are readable text, json is
// {"referral": {... as in case show, plus "case", "voided", "void_reason"}, "documents", "history"}.
void write_referral(std::ostream& out, const core::ReferralDetail& detail, Format format);

} // namespace panel::render
