#include "panel/rules/dupes.hpp"

#include <algorithm>
#include <map>
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

} // namespace

std::optional<core::DupeScore> dupe_score(const core::PersonIdentity& a, const core::PersonIdentity& b)
{
  if (a.person_id == b.person_id || a.name_key.empty() || a.name_key != b.name_key)
    return std::nullopt;
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
  // Only identities with the same folded name can score, so compare within each name.
  std::map<std::string, std::vector<const core::PersonIdentity*>> by_key;
  for (const auto& i : identities)
    if (!i.name_key.empty())
      by_key[i.name_key].push_back(&i);
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
