#pragma once
#include <string>

namespace panel::documents {

// How a letter greets someone named `name`: a title and the surname when the name starts with a
// title ("Cllr Sarah Dodds" -> "Cllr Dodds", "Ms O'Brien" -> "Ms O'Brien"), otherwise the whole
// name ("Sarah Dodds"); "" for an empty name.
std::string salutation(const std::string& name);

// Whether `to` (what --to says) names the person called `name`: the same name once accents,
// case and punctuation are folded, with or without a title ("Mr José Álvarez" names "Jose
// Alvarez"; "Mr J Alvarez" and "Mr Lee Brown" do not). Errs towards "someone else", whose letter
// then carries no address of the person's.
bool names_the_person(const std::string& to, const std::string& name);

} // namespace panel::documents
