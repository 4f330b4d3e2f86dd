#include "panel/documents/salutation.hpp"

#include "panel/core/text.hpp"
#include "panel/rules/names.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <sstream>
#include <string_view>
#include <vector>

namespace panel::documents {
namespace {

// Titles British letters use, compared without case and without a trailing full stop.
constexpr std::string_view titles[] = {"mr",  "mrs",  "ms",   "miss", "mx", "dr", "prof", "professor",
                                       "cllr", "councillor", "rev", "revd", "sir", "dame", "lord", "lady",
                                       "pc",  "ps",   "dc",   "ds",   "sgt", "insp", "di"};

bool is_title(std::string word)
{
  if (!word.empty() && word.back() == '.')
    word.pop_back();
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(std::begin(titles), std::end(titles), word) != std::end(titles);
}

} // namespace

std::string salutation(const std::string& name)
{
  std::istringstream in(core::trim(name));
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  if (words.empty())
    return "";
  // "Sir" and "Dame" go with the first name ("Dear Sir John"), every other title with the surname.
  if (words.size() >= 2 && is_title(words.front())) {
    std::string lowered = words.front();
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    if ((lowered == "sir" || lowered == "dame") && words.size() >= 3)
      return words[0] + " " + words[1];
    return words.front() + " " + words.back();
  }
  return core::join(words, " ");
}

bool names_the_person(const std::string& to, const std::string& name)
{
  std::istringstream in(core::trim(to));
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  if (words.size() >= 2 && is_title(words.front()))
    words.erase(words.begin());
  const std::string folded = rules::normalise_name(core::join(words, " "));
  return !folded.empty() && folded == rules::normalise_name(name);
}

} // namespace panel::documents
