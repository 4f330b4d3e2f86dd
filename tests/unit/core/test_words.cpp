#include "panel/core/words.hpp"

#include "panel/core/error.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/profile/profile.hpp"

#include <doctest/doctest.h>

using namespace panel;
using namespace panel::core;

namespace {

const std::vector<std::string> agencies{"POL", "CST", "ASC", "HSG"};

// The message of the Error canonical_word throws for `typed`.
std::string refusal(std::string_view typed, const std::vector<std::string>& known, std::string_view what)
{
  try {
    canonical_word(typed, known, what);
  } catch (const Error& e) {
    CHECK(e.code() == Exit::refused);
    return e.what();
  }
  FAIL("canonical_word accepted '" << typed << "'");
  return {};
}

// Upper, lower and mixed case of a word: "Keep-Open" -> {"KEEP-OPEN", "keep-open", "KeEp-oPeN"}.
std::vector<std::string> spellings(const std::string& word)
{
  std::string upper = word, lower = word, mixed = word;
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter)
      continue;
    upper[i] = static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    lower[i] = static_cast<char>(c <= 'Z' ? c - 'A' + 'a' : c);
    mixed[i] = i % 2 == 0 ? upper[i] : lower[i];
  }
  return {upper, lower, mixed, " " + mixed + "\t"};
}

template <VocabularyEnum E>
void check_every_spelling()
{
  for (const auto& [value, word] : Vocabulary<E>::words)
    for (const auto& typed : spellings(std::string(word))) {
      CAPTURE(typed);
      CHECK(canonical_word(typed, known_values<E>(), Vocabulary<E>::noun) == word);
      CHECK(parse_or_throw<E>(typed) == value);
    }
}

} // namespace

TEST_CASE("words: a typed word in any case names the known word, spelt as it is known")
{
  CHECK(canonical_word("pol", agencies, "agency") == "POL");
  CHECK(canonical_word("Pol", agencies, "agency") == "POL");
  CHECK(canonical_word("POL", agencies, "agency") == "POL");
  CHECK(canonical_word("High", {"standard", "medium", "high"}, "risk level") == "high");
  CHECK(canonical_word("KEEP-OPEN", {"keep-open", "close"}, "outcome") == "keep-open");
}

TEST_CASE("words: spaces around a typed word are ignored, spaces inside are not")
{
  CHECK(canonical_word("  hsg \t", agencies, "agency") == "HSG");
  CHECK(canonical_word(" Moved Away ", {"risk reduced", "moved away"}, "close reason") == "moved away");
  CHECK_FALSE(find_word("h sg", agencies).has_value());
}

TEST_CASE("words: find_word finds nothing for a word that is not known, or an empty one")
{
  CHECK_FALSE(find_word("POLICE", agencies).has_value());
  CHECK_FALSE(find_word("", agencies).has_value());
  CHECK_FALSE(find_word("pol", {}).has_value());
}

TEST_CASE("words: an exact spelling wins over one that differs only in case")
{
  const std::vector<std::string> both{"abc", "ABC"};
  CHECK(canonical_word("ABC", both, "intervention") == "ABC");
  CHECK(canonical_word("abc", both, "intervention") == "abc");
  CHECK(canonical_word("Abc", both, "intervention") == "abc");  // the first in the list's order
}

TEST_CASE("words: an unknown word is refused listing every known word and the nearest one")
{
  CHECK(refusal("PLO", agencies, "agency") == "unknown agency 'PLO' (known: POL, CST, ASC, HSG); did you mean 'POL'?");
  // The suggestion ignores case too, and is given in the known spelling.
  CHECK(refusal("hgs", agencies, "agency") == "unknown agency 'hgs' (known: POL, CST, ASC, HSG); did you mean 'HSG'?");
  CHECK(refusal("hihg", {"standard", "medium", "high"}, "risk level") ==
        "unknown risk level 'hihg' (known: standard, medium, high); did you mean 'high'?");
}

TEST_CASE("words: no suggestion when nothing known is close")
{
  CHECK(refusal("XYZZY", agencies, "agency") == "unknown agency 'XYZZY' (known: POL, CST, ASC, HSG)");
  CHECK(refusal("", agencies, "agency") == "unknown agency '' (known: POL, CST, ASC, HSG)");
}

TEST_CASE("words: a long list is listed in full, and an empty one says so")
{
  std::vector<std::string> many;
  for (int i = 1; i <= 20; ++i)
    many.push_back("A" + std::to_string(i));
  const auto message = refusal("B", many, "agency");
  CHECK(message.find("A1, A2, ") != std::string::npos);
  CHECK(message.find("A19, A20)") != std::string::npos);
  CHECK(refusal("POL", {}, "agency") == "unknown agency 'POL' (none are set up)");
}

TEST_CASE("words: the message quotes a typed word without its control characters")
{
  CHECK(refusal("P\x1b[31mOL", agencies, "agency").find('\x1b') == std::string::npos);
}

TEST_CASE("words: canonical_word throws with the code and prefix asked for")
{
  try {
    canonical_word("xyz", {"a"}, "status", Exit::usage, "--status: ");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::usage);
    CHECK(std::string(e.what()) == "--status: unknown status 'xyz' (known: a)");
  }
}

TEST_CASE("words: same_word and ascii_lower change ASCII letters only")
{
  CHECK(same_word("Keep-Open", "keep-open"));
  CHECK_FALSE(same_word("keep-open", "keep-opens"));
  CHECK(ascii_lower("\xc3\x89" "COLE") == "\xc3\x89" "cole");
  CHECK_FALSE(same_word("\xc3\x89", "\xc3\xa9"));  // É and é: not ASCII, not folded
}

TEST_CASE("words: every vocabulary word resolves from upper, lower and mixed case")
{
  check_every_spelling<ReferralStatus>();
  check_every_spelling<TriageDecision>();
  check_every_spelling<CaseStatus>();
  check_every_spelling<MeetingStatus>();
  check_every_spelling<Attendance>();
  check_every_spelling<MinutesOutcome>();
  check_every_spelling<ActionStatus>();
  check_every_spelling<AuditAction>();
  check_every_spelling<ReminderItem>();
  check_every_spelling<Delivery>();
  check_every_spelling<CaseReviewStep>();
  check_every_spelling<HistoryEntity>();
  check_every_spelling<AgendaItemKind>();
}

TEST_CASE("words: every code of the shipped profiles resolves from upper, lower and mixed case")
{
  for (const auto& name : profile::builtin_names()) {
    CAPTURE(name);
    const auto p = profile::load(profile::builtin_text(name), name + ".yaml");
    CHECK_FALSE(p.agencies.empty());
    CHECK_FALSE(p.categories.empty());
    std::vector<std::pair<std::string, std::vector<std::string>>> lists{{"risk level", p.risk_levels}};
    std::vector<std::string> codes;
    for (const auto& a : p.agencies)
      codes.push_back(a.code);
    lists.emplace_back("agency", codes);
    codes.clear();
    for (const auto& c : p.categories)
      codes.push_back(c.code);
    lists.emplace_back("category", codes);
    codes.clear();
    for (const auto& i : p.interventions)
      codes.push_back(i.code);
    lists.emplace_back("intervention", codes);
    codes.clear();
    for (const auto& c : p.criteria)
      codes.push_back(c.id);
    lists.emplace_back("criterion", codes);
    for (const auto& [what, known] : lists) {
      CAPTURE(what);
      for (const auto& word : known)
        for (const auto& typed : spellings(word)) {
          CAPTURE(typed);
          CHECK(canonical_word(typed, known, what) == word);
        }
    }
  }
}
