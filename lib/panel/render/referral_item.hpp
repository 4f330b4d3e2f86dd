#pragma once
#include "panel/core/case.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace panel::render {

// One referral with its decisions, exactly as `case show` writes it (case_detail.cpp), so that
// `referral show` and `case show` cannot describe a referral differently.
nlohmann::ordered_json referral_item_json(const core::CaseDetail::Item& item);
void write_referral_item(std::ostream& out, const core::CaseDetail::Item& item, bool markdown);

} // namespace panel::render
