#include "panel/rules/names.hpp"

#include <doctest/doctest.h>

using panel::rules::initials;
using panel::rules::normalise_name;

TEST_CASE("names: case is folded")
{
  CHECK(normalise_name("PAT KAY") == "pat kay");
  CHECK(normalise_name("pat kay") == "pat kay");
  CHECK(normalise_name("Pat McKay") == normalise_name("PAT MCKAY"));
}

TEST_CASE("names: accents are folded to plain letters")
{
  CHECK(normalise_name("Zoë") == "zoe");
  CHECK(normalise_name("Zoë") == normalise_name("Zoe"));
  CHECK(normalise_name("José García") == "jose garcia");
  CHECK(normalise_name("Müller") == normalise_name("Muller"));
  CHECK(normalise_name("Łukasz Wałęsa") == "lukasz walesa");
  CHECK(normalise_name("Renée Cæsar-Øberg") == "renee caesar oberg");
}

TEST_CASE("names: a decomposed accent (e + combining diaeresis) folds like a composed one")
{
  CHECK(normalise_name("Zoe\xcc\x88") == "zoe");
  CHECK(normalise_name("Zoe\xcc\x88") == normalise_name("Zoë"));
}

TEST_CASE("names: sharp s becomes ss")
{
  CHECK(normalise_name("Strauß") == "strauss");
  CHECK(normalise_name("Strauß") == normalise_name("Strauss"));
}

TEST_CASE("names: capital accented letters are folded and lower-cased")
{
  CHECK(normalise_name("ÉMILE ÇELIK") == "emile celik");
  CHECK(normalise_name("ZOË") == normalise_name("zoe"));
}

TEST_CASE("names: leading, trailing and repeated spaces do not matter")
{
  CHECK(normalise_name("  Pat Kay  ") == "pat kay");
  CHECK(normalise_name("Pat    Kay") == "pat kay");
  CHECK(normalise_name("\tPat\t Kay\n") == "pat kay");
  CHECK(normalise_name("  Zoë   Smith ") == "zoe smith");
}

TEST_CASE("names: a hyphen counts as a space")
{
  CHECK(normalise_name("Mary-Jane") == normalise_name("Mary Jane"));
  CHECK(normalise_name("Mary-Jane Smith-Jones") == "mary jane smith jones");
  CHECK(normalise_name("Mary - Jane") == "mary jane");
}

TEST_CASE("names: dots and commas count as spaces")
{
  CHECK(normalise_name("J.R. Smith") == "j r smith");
  CHECK(normalise_name("Smith, John") == "smith john");
}

TEST_CASE("names: apostrophes are dropped")
{
  CHECK(normalise_name("O'Brien") == normalise_name("OBrien"));
  CHECK(normalise_name("O'Brien") == "obrien");
  CHECK(normalise_name("D`Arcy") == "darcy");
}

TEST_CASE("names: a typographic apostrophe is dropped like a plain one")
{
  CHECK(normalise_name("O\xe2\x80\x99"
                       "Brien") == "obrien");
}

TEST_CASE("names: the documented example folds accents, apostrophes, hyphens and spacing at once")
{
  CHECK(normalise_name("  Zoë  O'Brien-Smith ") == "zoe obrien smith");
}

TEST_CASE("names: Cyrillic is transliterated to Latin")
{
  const auto key = normalise_name("Иван Петров");
  CHECK(key == "ivan petrov");
  for (unsigned char c : key)
    CHECK(c < 0x80);
  CHECK(normalise_name("ИВАН ПЕТРОВ") == key);
}

TEST_CASE("names: Greek is transliterated to Latin")
{
  const auto key = normalise_name("Νίκος");
  CHECK_FALSE(key.empty());
  for (unsigned char c : key)
    CHECK(c < 0x80);
  CHECK(key == normalise_name("ΝΊΚΟΣ"));
}

TEST_CASE("names: an empty or blank name gives an empty key")
{
  CHECK(normalise_name("") == "");
  CHECK(normalise_name("   ").empty());
  CHECK(normalise_name(" - ' . ").empty());
}

TEST_CASE("names: different names stay different")
{
  CHECK(normalise_name("Pat Kay") != normalise_name("Pat Kaye"));
  CHECK(normalise_name("Ann Lee") != normalise_name("Anne Lee"));
}

TEST_CASE("names: normalising a key again leaves it as it is")
{
  for (const char* name : {"  Zoë  O'Brien-Smith ", "Łukasz", "Иван Петров", "Strauß", "Pat Kay"}) {
    const auto key = normalise_name(name);
    CHECK(normalise_name(key) == key);
  }
}

TEST_CASE("initials: first letter of each part, upper-cased")
{
  CHECK(initials("Zoe O'Brien") == "ZO");
  CHECK(initials("pat kay") == "PK");
  CHECK(initials("Daniel Okafor") == "DO");
}

TEST_CASE("initials: a hyphen starts a new part")
{
  CHECK(initials("Mary-Jane Smith") == "MJS");
}

TEST_CASE("initials: extra spacing does not add or lose letters")
{
  CHECK(initials("  Pat   Kay  ") == "PK");
  CHECK(initials("Pat\tKay") == "PK");
}

TEST_CASE("initials: an accented first letter is kept whole")
{
  CHECK(initials("Zoë Émile") == "ZÉ");
  CHECK(initials("Łukasz Nowak") == "ŁN");
}

TEST_CASE("initials: an empty name has no initials")
{
  CHECK(initials("") == "");
  CHECK(initials("   ") == "");
}

TEST_CASE("names: Cyrillic letters that transliterate with diacritics still give plain ASCII")
{
  for (const char* name : {"Юрий Щербаков", "Йосиф Ёлкин", "Ксенія Їжакевич"}) {
    const auto key = normalise_name(name);
    CHECK_FALSE(key.empty());
    for (unsigned char c : key)
      CHECK_MESSAGE(c < 0x80, name, " -> ", key);
  }
}

TEST_CASE("names: a non-breaking space counts as a space")
{
  CHECK(normalise_name("Pat\xc2\xa0Kay") == "pat kay");
}
