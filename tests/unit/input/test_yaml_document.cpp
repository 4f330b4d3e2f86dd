#include "panel/input/yaml_document.hpp"

#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

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
        "f.yaml:4: a second YAML document (after '---'): a file holds one document, and nothing after the '---' "
        "would be read; put everything in one document");
  CHECK(refusal("- a\n---\n- b\n---\n- c\n").rfind("f.yaml:3: a second YAML document", 0) == 0);
}

TEST_CASE("yaml_document: tags are refused wherever they are, keys and list items included")
{
  CHECK(refusal("a: !!python/object:os.system echo\n") ==
        "f.yaml:1: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not accepted: panel reads plain text, "
        "numbers, lists and mappings");
  CHECK(refusal("a:\n  - b\n  - !custom c\n").rfind("f.yaml:3: YAML tag '!custom'", 0) == 0);
  CHECK(refusal("? !!str k\n: v\n").rfind("f.yaml:1: YAML tag", 0) == 0);
  CHECK(input::load_document("a: 'quoted'\nb: \"double\"\nc: plain\n", "f.yaml")["c"].as<std::string>() == "plain");
}

TEST_CASE("yaml_document: bytes that are not UTF-8 are named by their line")
{
  CHECK(refusal("a: 1\nb: caf\xe9\n") == "f.yaml:2: not valid UTF-8 text (save the file as UTF-8)");
  CHECK(refusal("a: [1,\n") .rfind("f.yaml:", 0) == 0);
}
