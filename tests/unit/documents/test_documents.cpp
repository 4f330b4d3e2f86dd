#include "panel/documents/documents.hpp"

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
