#include "panel/input/police.hpp"

#include "panel/input/values.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using panel::input::PoliceColumn;
using panel::input::PoliceReader;
using panel::input::PoliceRow;

namespace {

const std::string header =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n";
const std::string asb = ",2018-10,City of London Police,City of London Police,-0.097334,51.521567,"
                        "On or near Fann Street,E01000001,City of London 001A,Anti-social behaviour,,\n";

std::vector<PoliceRow> read_text(const std::string& text)
{
  std::istringstream in(text);
  PoliceReader reader(in, "street.csv");
  std::vector<PoliceRow> rows;
  PoliceRow row;
  while (reader.next(row))
    rows.push_back(row);
  return rows;
}

// The message of the Error that reading `text` throws.
std::string refusal(const std::string& text)
{
  const auto caught = panel::test::catch_error([&] { read_text(text); });
  REQUIRE(caught.thrown);
  CHECK(caught.code == panel::Exit::refused);
  return caught.message;
}

// The message of the RecordProblem the first row gives.
std::string row_problem(const std::string& row)
{
  std::istringstream in(header + row);
  PoliceReader reader(in, "street.csv");
  PoliceRow out;
  try {
    reader.next(out);
  } catch (const panel::input::RecordProblem& e) {
    return e.what();
  }
  FAIL("no problem reported for: " << row);
  return "";
}

} // namespace

TEST_CASE("police: an ASB row has an empty crime id and its coordinates as numbers")
{
  const auto rows = read_text(header + asb);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][PoliceColumn::crime_id].empty());
  CHECK(rows[0][PoliceColumn::month] == "2018-10");
  CHECK(rows[0][PoliceColumn::crime_type] == "Anti-social behaviour");
  CHECK(rows[0].longitude == doctest::Approx(-0.097334));
  CHECK(rows[0].latitude == doctest::Approx(51.521567));
  CHECK(rows[0].line == 2);
}

TEST_CASE("police: identical rows are two incidents")
{
  CHECK(read_text(header + asb + asb).size() == 2);
}

TEST_CASE("police: a No Location row has no coordinates and no LSOA")
{
  const auto rows = read_text(header + ",2021-09,City of London Police,City of London Police,,,No Location,,,"
                                       "Anti-social behaviour,,\r\n");
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].longitude);
  CHECK_FALSE(rows[0].latitude);
  CHECK(rows[0][PoliceColumn::lsoa_code].empty());
}

TEST_CASE("police: a quoted location with a comma is one field, with CRLF line ends")
{
  const auto rows = read_text(
      "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
      "Last outcome category,Context\r\n"
      "abc,2018-10,Leicestershire Police,Leicestershire Police,-1.089846,52.685438,\"On or near Asda, Thurmaston\","
      "E01025766,Charnwood 021E,Shoplifting,Local resolution,\r\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][PoliceColumn::location] == "On or near Asda, Thurmaston");
  CHECK(rows[0][PoliceColumn::last_outcome] == "Local resolution");
}

TEST_CASE("police: columns may come in any order")
{
  const auto rows = read_text("Month,Crime type,Crime ID,Reported by,Falls within,Longitude,Latitude,Location,"
                              "LSOA code,LSOA name,Last outcome category,Context\n"
                              "2019-01,Drugs,x1,Lincolnshire Police,Lincolnshire Police,,,No Location,,,,\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][PoliceColumn::crime_id] == "x1");
  CHECK(rows[0][PoliceColumn::crime_type] == "Drugs");
  CHECK(rows[0][PoliceColumn::reported_by] == "Lincolnshire Police");
}

TEST_CASE("police: the header must name every published column once")
{
  CHECK(refusal("Crime ID,Month\n") == "street.csv:1: missing column 'Reported by'");
  CHECK(refusal("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                "Crime Type,Last outcome category,Context\n") ==
        "street.csv:1: unknown column 'Crime Type' (did you mean 'Crime type'?)");
  CHECK(refusal("Crime ID,Month,Month\n") == "street.csv:1: the column 'Month' appears twice");
  CHECK(refusal("name,dob\n") == "street.csv:1: unknown column 'name' (not a data.police.uk street file?)");
  CHECK(refusal("").find("street.csv: the file is empty") == 0);
}

TEST_CASE("police: bad values name the line and the column")
{
  CHECK(row_problem(",2018-13,F,F,,,No Location,,,Drugs,,\n") ==
        "street.csv:2: Month: '2018-13' is not a month (use YYYY-MM)");
  CHECK(row_problem(",Oct-18,F,F,,,No Location,,,Drugs,,\n") ==
        "street.csv:2: Month: 'Oct-18' is not a month (use YYYY-MM)");
  CHECK(row_problem(",2018-10,F,F,west,51.5,x,,,Drugs,,\n") == "street.csv:2: Longitude: 'west' is not a number");
  CHECK(row_problem(",2018-10,F,F,-0.1,95,x,,,Drugs,,\n") == "street.csv:2: Latitude: 95 is out of range (-90 to 90)");
  CHECK(row_problem(",2018-10,F,F,-0.1,,x,,,Drugs,,\n") ==
        "street.csv:2: Latitude: is empty but the other coordinate is not");
  CHECK(row_problem(",2018-10,F,F,nan,1,x,,,Drugs,,\n") == "street.csv:2: Longitude: 'nan' is not a number");
  CHECK(row_problem(",2018-10,F,F,,,x,,,,,\n") == "street.csv:2: Crime type: is empty (the type is required)");
  CHECK(row_problem(",2018-10,,F,,,x,,,Drugs,,\n") == "street.csv:2: Reported by: is empty (the force is required)");
  CHECK(row_problem(",2018-10,F,F,,,x,,,Drugs,\n") == "street.csv:2: row: has 11 fields but the header has 12 columns");
}

TEST_CASE("police: a hostile value is shown short")
{
  const auto message = row_problem("," + std::string(500, 'x') + ",F,F,,,x,,,Drugs,,\n");
  CHECK(message == "street.csv:2: Month: '" + std::string(40, 'x') + "...' is not a month (use YYYY-MM)");
}

TEST_CASE("police: a field holding NUL, ESC or another control character, or over 1,000 characters, is refused")
{
  CHECK(row_problem(std::string(",2018-10,F,F,,,On or near \0 Street,,,Drugs,,\n", 45)) ==
        "street.csv:2: Location: holds a control character (such as NUL or ESC)");
  CHECK(row_problem(",2018-10,F,F,,,x,,,Drugs,\x1b[2J,\n") ==
        "street.csv:2: Last outcome category: holds a control character (such as NUL or ESC)");
  CHECK(row_problem(",2018-10,F,F,,,\"two\nlines\",,,Drugs,,\n") ==
        "street.csv:2: Location: holds a control character (such as NUL or ESC)");
  CHECK(row_problem(",2018-10,F,F,,," + std::string(1001, 'x') + ",,,Drugs,,\n") ==
        "street.csv:2: Location: is 1001 characters long; a police.uk field has at most 1000");
}

TEST_CASE("police: after a bad row the reader goes on with the next")
{
  std::istringstream in(header + ",2018-1,F,F,,,x,,,Drugs,,\n" + asb);
  PoliceReader reader(in, "street.csv");
  PoliceRow row;
  CHECK_THROWS_AS(reader.next(row), panel::input::RecordProblem);
  REQUIRE(reader.next(row));
  CHECK(row.line == 3);
  CHECK_FALSE(reader.next(row));
}

namespace {

// Reads every street CSV under `folder`: the number of files and of rows.
std::pair<size_t, size_t> read_every_street_file(const std::filesystem::path& folder)
{
  size_t files = 0, rows = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".csv")
      continue;
    ++files;
    std::ifstream in(entry.path(), std::ios::binary);
    PoliceReader reader(in, entry.path().string());
    PoliceRow row;
    while (reader.next(row))
      ++rows;
  }
  return {files, rows};
}

} // namespace

TEST_CASE("police: every street file in tests/data reads whole")
{
  const std::filesystem::path police = PANEL_SOURCE_DIR "/tests/data/police";
  REQUIRE_MESSAGE(std::filesystem::is_directory(police), "police data missing: ", police);
  const auto [files, rows] = read_every_street_file(police);
  CHECK(files == 7);     // as tests/data/police/PROVENANCE.tsv lists them
  CHECK(rows == 12120);  // as Python's csv module counts them (tests/data/README.md)
}

TEST_CASE("police: every street file in ../shared/data reads whole")
{
  // The larger set beside the development checkout; a fresh clone has no ../shared, and then
  // the message makes ctest report the test as skipped (SKIP_REGULAR_EXPRESSION).
  const std::filesystem::path police = PANEL_SOURCE_DIR "/../shared/data/police";
  if (!std::filesystem::is_directory(police)) {
    MESSAGE("skipped: ../shared/data absent");
    return;
  }
  const auto [files, rows] = read_every_street_file(police);
  CHECK(files == 63);  // as its PROVENANCE.tsv lists them
  CHECK(rows == 108242);
}

TEST_CASE("police: is_month takes YYYY-MM with a real month only")
{
  CHECK(panel::input::is_month("2018-01"));
  CHECK(panel::input::is_month("2018-12"));
  CHECK_FALSE(panel::input::is_month("2018-00"));
  CHECK_FALSE(panel::input::is_month("2018-1"));
  CHECK_FALSE(panel::input::is_month("2018-10-01"));
  CHECK_FALSE(panel::input::is_month("18-10-1"));
}
