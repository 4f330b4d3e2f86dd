#include "panel/core/agency.hpp"

#include <doctest/doctest.h>

using panel::core::agency_code_problem;
using panel::core::email_problem;

TEST_CASE("agency: codes of 2 to 10 capitals, digits and '-' starting with a letter are accepted")
{
  CHECK(agency_code_problem("POL") == "");
  CHECK(agency_code_problem("MH") == "");
  CHECK(agency_code_problem("HOUSING-2") == "");
  CHECK(agency_code_problem("ABCDEFGHIJ") == "");
  CHECK(agency_code_problem("A1") == "");
}

TEST_CASE("agency: codes that are too short or too long are refused")
{
  CHECK(agency_code_problem("") != "");
  CHECK(agency_code_problem("P") != "");
  CHECK(agency_code_problem("ABCDEFGHIJK") != "");
}

TEST_CASE("agency: codes not starting with a capital letter are refused")
{
  CHECK(agency_code_problem("pol") != "");
  CHECK(agency_code_problem("Pol") != "");
  CHECK(agency_code_problem("1POL") != "");
  CHECK(agency_code_problem("-POL") != "");
}

TEST_CASE("agency: codes with spaces, underscores or other characters are refused")
{
  CHECK(agency_code_problem("PO L") != "");
  CHECK(agency_code_problem("PO_L") != "");
  CHECK(agency_code_problem("POL;") != "");
  CHECK(agency_code_problem("P\xc3\x96L") != "");  // PÖL
  CHECK(agency_code_problem("POL\n") != "");
}

TEST_CASE("agency: ordinary email addresses are accepted")
{
  CHECK(email_problem("a@b.org") == "");
  CHECK(email_problem("ccm.police@example.org") == "");
  CHECK(email_problem("first.last+panel@council.gov.uk") == "");
}

TEST_CASE("agency: an email address needs exactly one '@' with a name before it")
{
  CHECK(email_problem("") != "");
  CHECK(email_problem("example.org") != "");
  CHECK(email_problem("@example.org") != "");
  CHECK(email_problem("a@@example.org") != "");
  CHECK(email_problem("a@b@example.org") != "");
}

TEST_CASE("agency: an email address needs a domain with a dot after the '@'")
{
  CHECK(email_problem("a@localhost") != "");
  CHECK(email_problem("a@.org") != "");
  CHECK(email_problem("a@example.") != "");
  CHECK(email_problem("first.last@localhost") != "");
}

TEST_CASE("agency: an email address with spaces or control characters is refused")
{
  CHECK(email_problem("a b@example.org") != "");
  CHECK(email_problem("ab@example.org ") != "");
  CHECK(email_problem("ab@example.org\n") != "");
  CHECK(email_problem("a\tb@example.org") != "");
  CHECK(email_problem("a\x7f@example.org") != "");
}
