#include "panel/documents/documents.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;

TEST_CASE("documents: the templates folder is the flag, else the profile's, else none")
{
  core::Profile p;
  p.templates = "/srv/panel/templates";
  CHECK(documents::templates_folder("mine", &p) == "mine");
  CHECK(documents::templates_folder("", &p) == "/srv/panel/templates");
  CHECK(documents::templates_folder("", nullptr).empty());
}

TEST_CASE("documents: a template for community panels does not apply to a domestic-abuse MARAC")
{
  core::Template t;
  t.name = "community-protection-warning";
  CHECK(documents::applies_to(t, "domestic-abuse"));
  t.profiles = {"community"};
  CHECK(documents::applies_to(t, "community"));
  CHECK_FALSE(documents::applies_to(t, "domestic-abuse"));
  core::Profile marac;
  marac.kind = "domestic-abuse";
  marac.short_name = "MARAC";
  const auto caught = test::catch_error([&] { documents::require_applies(t, marac); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "template 'community-protection-warning' is for community (anti-social behaviour) panels; MARAC "
                          "is a domestic-abuse panel (see 'panel template list' for the letters it uses)");
}

TEST_CASE("documents: plain words for codes and joined names for inline lists")
{
  CHECK(documents::plain_words("keep-open") == "Keep open");
  CHECK(documents::plain_words("not-done") == "Not done");
  CHECK(documents::plain_words("") == "");
  core::Value list = core::Value::list({});
  CHECK(documents::joined_names(list) == "");
  core::Value a = core::Value::object();
  a.set("code", "hoard").set("name", "Hoarding");
  list.items.push_back(a);
  CHECK(documents::joined_names(list) == "Hoarding");
  a.set("name", "Noise");
  list.items.push_back(a);
  CHECK(documents::joined_names(list) == "Hoarding; Noise");
  CHECK(documents::joined_names(core::Value::list({core::Value::of("x"), core::Value::of("y")}), ", ") == "x, y");
}
