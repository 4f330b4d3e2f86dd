#pragma once
#include <string>
#include <vector>

namespace panel::core {

// A document template: metadata and a Mustache body (DESIGN §6).
struct Template {
  std::string name;         // "referral-acknowledgement"
  std::string description;
  std::string kind;         // the `for:` key: referral | case | case-review | meeting | action-reminder | reminder-digest
  std::string format;       // markdown | text | html
  std::string subject;      // Mustache, for letters and mails
  std::string body;         // Mustache
  std::vector<std::string> fields;  // personal fields the document may show ("person.name")
  std::vector<std::string> when;    // referral statuses (case reviews: stages reached) the letter is for (empty: any)
  std::vector<std::string> profiles;  // the profile kinds it applies to: community | domestic-abuse (empty: any)
  // A case letter about one intervention of these types (profile codes: [cpw]); empty for others.
  // 'panel letter' picks the intervention (--intervention ID) and issues it in its agency's name.
  std::vector<std::string> interventions;
  std::string source;       // "built-in" or the folder it was read from
  std::string file;         // for messages: the path, or "templates/letters/x.yaml"
  long subject_line = 0;    // line of the subject in the file
  long body_line = 0;       // line of the file where the body's first line is
  std::string text;         // the whole YAML text, for `template show` and hashing
};

// The kinds of template, and the personal fields a template may list under `fields:`.
const std::vector<std::string>& template_kinds();
const std::vector<std::string>& personal_fields();

} // namespace panel::core
