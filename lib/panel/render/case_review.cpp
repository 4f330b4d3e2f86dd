#include "panel/render/case_review.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace panel::render {

std::string threshold_json(const core::CaseReview& review, const rules::ThresholdCheck& check, int indent)
{
  nlohmann::ordered_json j;
  j["reference"] = review.reference;
  j["threshold_met"] = check.met;
  j["rule"] = check.rule.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(check.rule);
  j["complaints"] = nlohmann::ordered_json::array();
  const auto& complaints = review.application.complaints;
  for (size_t i = 0; i < complaints.size() && i < check.complaints.size(); ++i) {
    const auto& c = complaints[i];
    const auto& k = check.complaints[i];
    j["complaints"].push_back({{"incident_date", c.incident.iso()},
                               {"reported_date", c.reported.iso()},
                               {"agency", c.agency},
                               {"complainant", k.complainant},
                               {"hate", c.hate},
                               {"qualifies", k.qualifies},
                               {"reason", k.reason}});
  }
  return j.dump(indent) + (indent < 0 ? "" : "\n");
}

void write_threshold(std::ostream& out, const core::CaseReview& review, const rules::ThresholdCheck& check, const Style& style)
{
  out << fmt::format("{}: {} complaint{}\n\n", review.reference, check.complaints.size(), check.complaints.size() == 1 ? "" : "s");
  Table t{{{"n", "#"}, {"incident", "INCIDENT"}, {"reported", "REPORTED"}, {"agency", "AGENCY"}, {"complainant", "COMPLAINANT"},
           {"hate", "HATE"}, {"counts", "COUNTS"}, {"reason", "WHY"}},
          {}};
  const auto& complaints = review.application.complaints;
  for (size_t i = 0; i < complaints.size() && i < check.complaints.size(); ++i) {
    const auto& c = complaints[i];
    const auto& k = check.complaints[i];
    t.rows.push_back({static_cast<std::int64_t>(i + 1), c.incident.iso(), c.reported.iso(), c.agency, k.complainant,
                      std::string(c.hate ? "yes" : "no"), std::string(k.qualifies ? "yes" : "no"), k.reason});
  }
  if (!t.rows.empty()) {
    write(out, t, Format::table, style);
    out << '\n';
  }
  out << check.verdict << '\n';
  if (review.decided)
    out << fmt::format("decided on {}: threshold {}{}\n", review.decided->iso(), *review.threshold_met ? "met" : "not met",
                       review.override_reason.empty() ? "" : " (override: " + review.override_reason + ")");
}

} // namespace panel::render
