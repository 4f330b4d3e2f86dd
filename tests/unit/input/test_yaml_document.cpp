#include "panel/input/yaml_document.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

using namespace panel;

namespace {

std::string refusal(const std::string& text)
{
  const auto caught = test::catch_error([&] { input::load_document(text, "f.yaml"); });
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

} // namespace

TEST_CASE("yaml_document: one document, with or without its '---' markers, is read")
{
  CHECK(input::load_document("a: 1\n", "f.yaml")["a"].as<int>() == 1);
  CHECK(input::load_document("---\na: 1\n...\n", "f.yaml")["a"].as<int>() == 1);
  CHECK(input::load_document("a: 1\n---\n", "f.yaml")["a"].as<int>() == 1);  // an empty second document loses nothing
  CHECK(input::load_document("", "f.yaml").IsNull());
}

TEST_CASE("yaml_document: a second document is refused at its line, since it would be dropped")
{
  CHECK(refusal("referrals:\n  - name: A\n---\nreferrals:\n  - name: B\n") ==
        "f.yaml:3: a second YAML document starts here; panel reads one document per file");
  CHECK(refusal("- a\n---\n- b\n---\n- c\n") ==
        "f.yaml:2: a second YAML document starts here; panel reads one document per file");
  CHECK(refusal("a: 1\n---\n---\n--- x\n").rfind("f.yaml:4: a second YAML document", 0) == 0);
}

TEST_CASE("yaml_document: tags are refused wherever they are, keys and list items included")
{
  CHECK(refusal("a: !!python/object:os.system echo\n") ==
        "f.yaml:1: YAML tag '!!python/object:os.system' is not accepted: panel reads plain text, "
        "numbers, lists and mappings; if the '!' is part of the text, put the value in quotes");
  CHECK(refusal("a:\n  - b\n  - !custom c\n").rfind("f.yaml:3: YAML tag '!custom'", 0) == 0);
  CHECK(refusal("? !!str k\n: v\n").rfind("f.yaml:1: YAML tag", 0) == 0);
  CHECK(input::load_document("a: 'quoted'\nb: \"double\"\nc: plain\n", "f.yaml")["c"].as<std::string>() == "plain");
}

TEST_CASE("yaml_document: bytes that are not UTF-8 are named by their line")
{
  CHECK(refusal("a: 1\nb: caf\xe9\n") == "f.yaml:2: not valid UTF-8 text (save the file as UTF-8)");
  CHECK(refusal("a: [1,\n").rfind("f.yaml:", 0) == 0);
}

TEST_CASE("yaml_document: input on which the parser yields empty documents without moving on returns")
{
  // YAML::LoadAll loops forever on ","; the loader stops at the first empty document that did not
  // move the parser forward.
  CHECK(input::load_document(",", "f.yaml").IsNull());
  CHECK(input::load_document("a: 1\n---\n,\n", "f.yaml")["a"].as<int>() == 1);
}

TEST_CASE("yaml_document: an alias is not expanded while looking for tags and documents")
{
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'z'; ++c) {
    const std::string prev = fmt::format("*{}", static_cast<char>(c - 1));
    bomb += fmt::format("{}: &{} [{}]\n", c, c, fmt::join(std::vector<std::string>(10, prev), ", "));
  }
  CHECK(input::load_document(bomb, "f.yaml").IsMap());
}

TEST_CASE("yaml_document: a key written twice in one mapping is refused at its second line")
{
  // YAML::Load keeps one of the two values without a word: a summary typed twice lost one.
  CHECK(refusal("summary: first\nrisk: high\nsummary: second\n") ==
        "f.yaml:3: summary: is given twice in the same mapping; keep one (panel would otherwise have to guess "
        "which you meant)");
  CHECK(refusal("cases:\n  A:\n    risk: high\n    actions:\n      - {owner: POL, due: 2017-09-01, owner: HSG}\n")
            .starts_with("f.yaml:5: owner: is given twice"));
  CHECK(refusal("referrals:\n  - a: 1\nreferrals:\n  - a: 2\n").starts_with("f.yaml:3: referrals: is given twice"));
  // The same key in different mappings, a value equal to a key, and repeated list items are fine.
  CHECK_NOTHROW(input::load_document("a: {x: 1}\nb: {x: 1}\nc: x\nx: [x, x]\nlist:\n  - {k: 1}\n  - {k: 1}\n",
                                     "f.yaml"));
  CHECK_NOTHROW(input::load_document("key: key\nvalue: key\n", "f.yaml"));
}

TEST_CASE("yaml_document: a colon inside unquoted text is explained, not only called an illegal map value")
{
  CHECK(refusal("summary: Agreed: HSG to visit\n") ==
        "f.yaml:1:16: a value that contains ': ' must be in quotes\n"
        "  line 1: summary: Agreed: HSG to visit\n"
        "  write:  summary: \"Agreed: HSG to visit\"");
}
