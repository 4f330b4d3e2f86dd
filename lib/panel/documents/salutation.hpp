#pragma once
#include <string>

namespace panel::documents {

// How a letter greets someone named `name`: a title and the surname when the name starts with a
// title ("Cllr Sarah Dodds" -> "Cllr Dodds", "Ms O'Brien" -> "Ms O'Brien"), otherwise the whole
// name ("Sarah Dodds"); "" for an empty name.
std::string salutation(const std::string& name);

} // namespace panel::documents
