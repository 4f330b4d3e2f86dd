#include "panel/documents/salutation.hpp"

#include <doctest/doctest.h>

using panel::documents::salutation;
using panel::documents::names_the_person;

TEST_CASE("salutation: a title goes with the surname")
{
  CHECK(salutation("Cllr Sarah Dodds") == "Cllr Dodds");
  CHECK(salutation("Ms Aoife O'Brien") == "Ms O'Brien");
  CHECK(salutation("Mr K Marsh") == "Mr Marsh");
  CHECK(salutation("Dr. Ana Núñez García") == "Dr. García");
  CHECK(salutation("PC 1234 Jones") == "PC Jones");
}

TEST_CASE("salutation: a title and a surname alone are kept as they are")
{
  CHECK(salutation("Ms O'Brien") == "Ms O'Brien");
  CHECK(salutation("  mrs   smith ") == "mrs smith");
}

TEST_CASE("salutation: without a title the whole name is used")
{
  CHECK(salutation("Sarah Dodds") == "Sarah Dodds");
  CHECK(salutation("Miss") == "Miss");
  CHECK(salutation("Missy Elliott") == "Missy Elliott");
  CHECK(salutation("") == "");
}

TEST_CASE("salutation: Sir and Dame go with the first name")
{
  CHECK(salutation("Sir John Smith") == "Sir John");
  CHECK(salutation("Dame Judi Dench") == "Dame Judi");
}

TEST_CASE("names_the_person: the subject's name, with or without a title, accents and case folded")
{
  CHECK(names_the_person("José Álvarez", "José Álvarez"));
  CHECK(names_the_person("Mr Jose Alvarez", "José Álvarez"));
  CHECK(names_the_person("  mr.  JOSÉ   álvarez ", "José Álvarez"));
  CHECK(names_the_person("Ms Zoe O'Brien", "Zoë O'Brien"));
}

TEST_CASE("names_the_person: anyone else, an initial or an empty --to is not the subject")
{
  CHECK_FALSE(names_the_person("Mr Lee Brown", "José Álvarez"));
  CHECK_FALSE(names_the_person("Mr J Alvarez", "José Álvarez"));
  CHECK_FALSE(names_the_person("Mrs Ana Álvarez", "José Álvarez"));
  CHECK_FALSE(names_the_person("", "José Álvarez"));
  CHECK_FALSE(names_the_person("Mr", ""));
}
