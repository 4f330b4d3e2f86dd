#include "panel/core/profile.hpp"

namespace panel::core {

const std::vector<CriterionField>& criterion_fields()
{
  // What intake can know about a referral at the moment it is triaged.
  static const std::vector<CriterionField> fields = {
      {"risk_score", "number"},         {"incidents_12m", "number"},
      {"agencies_involved", "number"},  {"children", "number"},
      {"risk_level", "text"},           {"repeat", "flag"},
      {"vulnerable", "flag"},           {"professional_judgement", "flag"},
      {"resident", "flag"},
  };
  return fields;
}

} // namespace panel::core
