#include "panel/core/referral.hpp"

namespace panel::core {

const std::vector<std::string>& referral_fields()
{
  static const std::vector<std::string> fields = {
      "received", "agency", "referrer", "referrer_email", "source_ref", "person", "name", "dob",
      "gender", "postcode", "address", "resident", "bame", "lgbt", "disability", "role", "category",
      "vulnerable", "risk_level", "risk_score", "risk_instrument", "incidents_12m",
      "agencies_involved", "children", "professional_judgement", "consent", "consent_rationale",
      "summary", "other_parties"};
  return fields;
}

std::string address_on_one_line(std::string address)
{
  for (size_t at = address.find('\n'); at != std::string::npos; at = address.find('\n', at))
    address.replace(at, 1, ", ");
  return address;
}

int age_on(Date dob, Date day)
{
  int age = day.year() - dob.year();
  if (day.month() < dob.month() || (day.month() == dob.month() && day.day() < dob.day()))
    --age;
  return age;
}

} // namespace panel::core
