#include "panel/rules/dupes.hpp"

#include "panel/core/text.hpp"
#include "panel/rules/names.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

namespace panel::rules {
namespace {

// Two dates of birth whose ISO forms differ in exactly one digit (1990-02-14 / 1990-02-19).
bool one_digit_apart(const core::Date& a, const core::Date& b)
{
  const auto x = a.iso(), y = b.iso();
  int different = 0;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    different += x[i] != y[i];
  return different == 1;
}

// Two dates of birth whose ISO forms differ by two neighbouring digits of the month or day typed the
// wrong way round (1990-05-21 / 1990-05-12). Not the year's: 1990 / 1909 are decades apart.
bool digits_transposed(const core::Date& a, const core::Date& b)
{
  const auto x = a.iso(), y = b.iso();
  std::vector<size_t> different;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (x[i] != y[i])
      different.push_back(i);
  return different.size() == 2 && different[0] >= 5 && different[1] == different[0] + 1 &&
         x[different[0]] == y[different[1]] &&
         x[different[1]] == y[different[0]];
}

bool day_month_swapped(const core::Date& a, const core::Date& b)
{
  return a != b && a.year() == b.year() && a.month() == b.day() && a.day() == b.month();
}

std::optional<core::DupeScore> by_dates(const std::optional<core::Date>& a, const std::optional<core::Date>& b)
{
  if (!a && !b)
    return core::DupeScore{50, "no dob on either"};
  if (!a || !b)
    return core::DupeScore{60, "one dob missing"};
  if (*a == *b)
    return core::DupeScore{95, "same dob"};
  if (day_month_swapped(*a, *b))
    return core::DupeScore{90, "dob day/month swapped"};
  if (digits_transposed(*a, *b))
    return core::DupeScore{85, "dob digits transposed"};
  if (one_digit_apart(*a, *b))
    return core::DupeScore{80, "dob differs by one digit"};
  return std::nullopt;
}

std::vector<std::string> words(const std::string& text)
{
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

bool starts_with(const std::string& longer, const std::string& shorter)
{
  return shorter.size() >= 2 && shorter.size() < longer.size() && longer.compare(0, shorter.size(), shorter) == 0;
}

// What tells two alike names apart, as recorded: the words that differ ("Sara / Sarah"), or the
// whole names when they have a different number of words.
std::string name_difference(const std::string& a, const std::string& b)
{
  const auto x = words(a), y = words(b);
  if (x.size() != y.size())
    return a + " / " + b;
  std::string left, right;
  for (size_t i = 0; i < x.size(); ++i)
    if (normalise_name(x[i]) != normalise_name(y[i])) {
      left += (left.empty() ? "" : " ") + x[i];
      right += (right.empty() ? "" : " ") + y[i];
    }
  return left.empty() ? a + " / " + b : left + " / " + right;
}

// Alike names with the same date of birth (both given): a possible match without an equal name.
std::optional<core::DupeScore> by_alike_names(const core::PersonIdentity& a, const core::PersonIdentity& b)
{
  if (!a.dob || !b.dob || *a.dob != *b.dob)
    return std::nullopt;
  const auto likeness = name_likeness(a.name_key, b.name_key);
  if (!likeness)
    return std::nullopt;
  if (*likeness == NameLikeness::swapped)
    return core::DupeScore{80, "name order swapped (" + a.name + " / " + b.name + "); same dob"};
  return core::DupeScore{70, "similar name (" + name_difference(a.name, b.name) + "); same dob"};
}

} // namespace

std::optional<NameLikeness> name_likeness(const std::string& key_a, const std::string& key_b)
{
  if (key_a.empty() || key_b.empty() || key_a == key_b)
    return std::nullopt;
  const auto x = words(key_a), y = words(key_b);
  if (x.size() >= 2 && x.size() == y.size()) {
    auto swapped = x;
    std::swap(swapped.front(), swapped.back());
    if (swapped == y)
      return NameLikeness::swapped;
    // The same words but the first, and one first name the start of the other (Sam / Samantha).
    if (std::equal(x.begin() + 1, x.end(), y.begin() + 1) &&
        (starts_with(x.front(), y.front()) || starts_with(y.front(), x.front())))
      return NameLikeness::similar;
  }
  const size_t shorter = std::min(key_a.size(), key_b.size());
  if (core::edit_distance(key_a, key_b) <= (shorter >= 10 ? 2u : 1u))
    return NameLikeness::similar;
  return std::nullopt;
}

std::optional<core::DupeScore> dupe_score(const core::PersonIdentity& a, const core::PersonIdentity& b)
{
  if (a.person_id == b.person_id || a.name_key.empty() || b.name_key.empty())
    return std::nullopt;
  if (a.name_key != b.name_key) {
    auto score = by_alike_names(a, b);
    if (score && (a.alias || b.alias)) {
      score->score -= 5;
      score->reason = "an alias; " + score->reason;
    }
    return score;
  }
  auto score = by_dates(a.dob, b.dob);
  if (!score)
    return std::nullopt;
  if (a.alias || b.alias) {
    score->score -= 5;
    score->reason = "same name as an alias; " + score->reason;
  } else {
    score->reason = "same name; " + score->reason;
  }
  return score;
}

std::vector<core::DupePair> dupe_pairs(const std::vector<core::PersonIdentity>& identities)
{
  // Only identities with the same folded name, or the same date of birth (alike names), can
  // score, so compare within each name and within each date of birth.
  std::map<std::string, std::vector<const core::PersonIdentity*>> by_key;
  for (const auto& i : identities)
    if (!i.name_key.empty()) {
      by_key["name " + i.name_key].push_back(&i);
      if (i.dob)
        by_key["dob " + i.dob->iso()].push_back(&i);
    }
  std::map<std::pair<std::int64_t, std::int64_t>, core::DupePair> best;
  for (const auto& [key, group] : by_key)
    for (size_t x = 0; x < group.size(); ++x)
      for (size_t y = x + 1; y < group.size(); ++y) {
        const auto* a = group[x];
        const auto* b = group[y];
        const auto score = dupe_score(*a, *b);
        if (!score)
          continue;
        if (a->person_id > b->person_id)
          std::swap(a, b);
        const auto pair = std::make_pair(a->person_id, b->person_id);
        const auto found = best.find(pair);
        if (found == best.end() || found->second.score.score < score->score)
          best[pair] = {*a, *b, *score};
      }
  std::vector<core::DupePair> out;
  for (auto& [ids, p] : best)
    out.push_back(std::move(p));
  std::stable_sort(out.begin(), out.end(),
                   [](const core::DupePair& a, const core::DupePair& b) { return a.score.score > b.score.score; });
  return out;
}

} // namespace panel::rules
