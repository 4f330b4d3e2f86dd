#include "panel/profile/retention.hpp"

namespace panel::profile {

core::RetentionSettings read_retention(const Reader& r, const YAML::Node& node)
{
  core::RetentionSettings s;
  if (!node || node.IsNull())
    return s;
  r.expect_map(node, "retention", {"closed_case_years", "declined_referral_years", "case_review_years"});
  auto years = [&](const char* key, int fallback) {
    const YAML::Node n = node[key];
    return n && !n.IsNull() ? static_cast<int>(r.integer(n, join_path("retention", key), 0, 100)) : fallback;
  };
  s.closed_case_years = years("closed_case_years", s.closed_case_years);
  s.declined_referral_years = years("declined_referral_years", s.declined_referral_years);
  s.case_review_years = years("case_review_years", s.case_review_years);
  return s;
}

void emit_retention(YAML::Emitter& out, const core::RetentionSettings& s)
{
  out << YAML::Key << "retention" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "closed_case_years" << YAML::Value << s.closed_case_years;
  out << YAML::Key << "declined_referral_years" << YAML::Value << s.declined_referral_years;
  out << YAML::Key << "case_review_years" << YAML::Value << s.case_review_years;
  out << YAML::EndMap;
}

} // namespace panel::profile
