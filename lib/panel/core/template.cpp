#include "panel/core/template.hpp"

namespace panel::core {

const std::vector<std::string>& template_kinds()
{
  static const std::vector<std::string> kinds = {"referral", "case", "case-review", "meeting", "action-reminder",
                                                 "reminder-digest"};
  return kinds;
}

const std::vector<std::string>& personal_fields()
{
  // What identifies the person a document is about; everything else in a context is about the
  // panel's work (references, dates, agencies) or is text the referrer wrote for the panel.
  static const std::vector<std::string> fields = {"person.name", "person.initials", "person.dob", "person.age",
                                                  "person.postcode", "person.address", "person.address_line", "person.gender", "items.name", "items.aliases",
                                                  "items.dob", "items.postcode", "items.other_parties.name",
                                                  "items.other_parties.dob", "deferred.name", "people.name", "people.aliases",
                                                  "people.dob", "people.postcode", "application.applicant",
                                                  "application.on_behalf_of", "application.contact",
                                                  "application.address", "complaints.complainant"};
  return fields;
}

} // namespace panel::core
