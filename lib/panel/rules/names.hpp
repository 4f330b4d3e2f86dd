#pragma once
#include <string>
#include <string_view>

namespace panel::rules {

// The key two names must share to be the same person: accents and case folded, hyphens, dots
// and commas as spaces, apostrophes dropped, whitespace collapsed ("  Zoë  O'Brien-Smith " ->
// "zoe obrien smith"). Uses ICU transliteration (Latin-ASCII) so that ß, ø and æ fold too.
std::string normalise_name(std::string_view name);

// "Zoe O'Brien" -> "ZO": initials for documents that must not carry names.
std::string initials(std::string_view name);

} // namespace panel::rules
