#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace panel::rules {

// Where the names of people appear in free text (an action's description), compared as
// normalise_name compares names: accents, case and apostrophes do not matter ("zoe obrien" is
// "Zoë O’Brien"), and a possessive "'s" is ignored. A name is found as the whole name, or as
// any one of its parts of three letters or more ("O'Brien" alone, "Zoë" alone), as whole words.
struct NameSpan {
  size_t begin = 0, end = 0;  // bytes of the text
};
std::vector<NameSpan> find_names(std::string_view text, const std::vector<std::string>& names);

// The text with each run of name words (see find_names; words joined by spaces or hyphens are one
// run) replaced by `replacement`: "Call Zoë O'Brien's GP" -> "Call CCM-2017-0001 GP".
std::string replace_names(std::string_view text, const std::vector<std::string>& names,
                          const std::string& replacement);

} // namespace panel::rules
