// Every date a user types on the command line is read the same way (trial F16, F17): ISO always,
// dd/mm/yyyy when the profile's input.date_order is dmy, and on an iso register a refusal that
// names the option and suggests nothing the command lacks. The options are found by walking the
// command tree, so a new date option without a line in the table below fails here.
#include "tests/unit/cmd/in_process.hpp"

#include "cmd/cli.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <set>

using namespace panel;

namespace {

// One date option, a command line using it ("{}" where the date goes) and an ISO date that
// makes the command succeed on the register `setup` builds (today is 2017-09-04).
struct DateUse {
  std::string option;  // "meeting add DATE", "case note --date"
  std::vector<std::string> args;
  std::string iso;
  std::vector<std::string> before = {};  // run first, on every register
  bool succeeds = true;                   // false: it is refused either way, for a reason not the date
};

const std::vector<DateUse> uses = {
    {"action add --due", {"action", "add", "CCM-2017-0001", "--owner", "POL", "--due", "{}", "--text", "Visit"}, "2017-09-30"},
    {"action update --due", {"action", "update", "A-1", "--due", "{}"}, "2017-10-02"},
    {"agenda DATE", {"agenda", "{}", "--format", "csv"}, "2017-09-12"},
    {"audit --since", {"audit", "--since", "{}", "--format", "csv"}, "2017-09-01"},
    {"case update --review", {"case", "update", "CCM-2017-0001", "--review", "{}"}, "2017-09-12"},
    {"case reopen --review", {"case", "reopen", "CCM-2017-0001", "--reason", "x", "--review", "{}"}, "2017-09-12",
     {"case", "close", "CCM-2017-0001", "--reason", "moved away", "--cancel-actions"}},
    {"case note --date", {"case", "note", "CCM-2017-0001", "Called", "--date", "{}"}, "2017-09-04"},
    {"case intervention add --date",
     {"case", "intervention", "add", "CCM-2017-0001", "--type", "ABC", "--agency", "HSG", "--date", "{}"},
     "2017-09-01"},
    {"case intervention add --review",
     {"case", "intervention", "add", "CCM-2017-0001", "--type", "ABC", "--agency", "HSG", "--date", "2017-09-01",
      "--review", "{}"},
     "2017-10-05"},
    {"case intervention add --expiry",
     {"case", "intervention", "add", "CCM-2017-0001", "--type", "ABC", "--agency", "HSG", "--date", "2017-09-01",
      "--expiry", "{}"},
     "2018-02-01"},
    {"meeting add DATE", {"meeting", "add", "{}"}, "2017-10-24"},
    {"meeting schedule --from",
     {"meeting", "schedule", "--every", "second tuesday", "--from", "{}", "--to", "2017-12-31"},
     "2017-11-01"},
    {"meeting schedule --to",
     {"meeting", "schedule", "--every", "second tuesday", "--from", "2017-11-01", "--to", "{}"},
     "2017-12-31"},
    {"meeting update DATE", {"meeting", "update", "{}", "--venue", "Guildhall"}, "2017-10-10"},
    {"meeting update --date", {"meeting", "update", "2017-10-10", "--date", "{}"}, "2017-10-11"},
    {"meeting delete DATE", {"meeting", "delete", "{}"}, "2017-10-10"},
    {"meeting cancel DATE", {"meeting", "cancel", "{}", "--reason", "Not quorate"}, "2017-10-10"},
    // Nothing is minuted yet: the same refusal, naming the meeting, either way.
    {"minute DATE", {"minute", "{}", "--render", "--format", "md"}, "2017-09-12", {}, false},
    {"person find --dob", {"person", "find", "Ann Lee", "--dob", "{}", "--format", "csv"}, "1980-02-03"},
    {"person alias add --dob", {"person", "alias", "add", "1", "--name", "Ann Leigh", "--dob", "{}"}, "1980-02-03"},
    {"person alias remove --dob",
     {"person", "alias", "remove", "1", "--name", "Annie Lee", "--dob", "{}", "--reason", "x"},
     "1980-02-03"},
    {"refer --received",
     {"refer", "--received", "{}", "--agency", "POL", "--name", "Bo Day", "--category", "suicide", "--summary", "x"},
     "2017-09-02"},
    {"refer --dob",
     {"refer", "--received", "2017-09-02", "--agency", "POL", "--name", "Bo Day", "--dob", "{}", "--category",
      "suicide", "--summary", "x"},
     "1990-05-06"},
    {"referral update --received", {"referral", "update", "CCM-2017-0001", "--received", "{}", "--reason", "x"},
     "2017-08-30"},
    {"referral update --dob", {"referral", "update", "CCM-2017-0001", "--dob", "{}", "--reason", "x"}, "1980-03-02"},
    {"report --from", {"report", "--from", "{}", "--to", "2017-09-30", "--format", "csv"}, "2017-07-01"},
    {"report --to", {"report", "--from", "2017-07-01", "--to", "{}", "--format", "csv"}, "2017-09-30"},
    // The period options belong to `report`, for each of its reports.
    {"report --from", {"report", "safelives", "--from", "{}", "--to", "2017-09-30", "--format", "csv"},
     "2017-07-01"},
    {"report --to", {"report", "safelives", "--from", "2017-07-01", "--to", "{}", "--format", "csv"},
     "2017-09-30"},
    {"triage --meeting", {"triage", "CCM-2017-0002", "accept", "--meeting", "{}", "--risk", "high"}, "2017-09-12"},
    {"trigger apply --received", {"trigger", "apply", "--received", "{}", "--applicant", "Jo Bloggs"}, "2017-08-02"},
    {"trigger complaint --incident-date",
     {"trigger", "complaint", "CT-2017-0001", "--incident-date", "{}", "--reported-date", "2017-07-21", "--agency",
      "HSG", "--description", "Loud music"},
     "2017-07-20"},
    {"trigger complaint --reported-date",
     {"trigger", "complaint", "CT-2017-0001", "--incident-date", "2017-07-20", "--reported-date", "{}", "--agency",
      "HSG", "--description", "Loud music"},
     "2017-07-21"},
    {"trigger acknowledge --date", {"trigger", "acknowledge", "CT-2017-0001", "--date", "{}"}, "2017-08-03"},
    {"trigger decide --date", {"trigger", "decide", "CT-2017-0001", "--date", "{}"}, "2017-08-03"},
    // No threshold decision yet: the same refusal either way, after the date was read.
    {"trigger review --meeting", {"trigger", "review", "CT-2017-0001", "--meeting", "{}"}, "2017-09-12", {}, false},
    {"trigger appeal --date", {"trigger", "appeal", "CT-2017-0001", "--reason", "x", "--date", "{}"}, "2017-08-04", {},
     false},
};

// "meeting add DATE", "case note --date" ... for every option and argument typed DATE.
void date_options(CLI::App& app, const std::string& path, std::set<std::string>& into)
{
  for (const auto* option : app.get_options())
    // --today pins the clock for tests and scripts, like PANEL_TODAY: ISO only, on purpose.
    if (option->get_type_name() == "DATE" && option->get_group() != "Global options")
      into.insert(path + " " + (option->get_lnames().empty() ? option->get_name() : "--" + option->get_lnames().front()));
  for (auto* sub : app.get_subcommands({}))
    date_options(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), into);
}

// A register with meetings, a case (CCM-2017-0001, person 1), a pending referral (CCM-2017-0002),
// an action and a case review application (CT-2017-0001), its dates read in `order`.
void setup(test::InProcess& cli, const std::string& order)
{
  const std::vector<std::vector<std::string>> lines = {
      {"-q", "init"},
      {"-q", "config", "set", "input.date_order", order},
      {"-q", "meeting", "add", "2017-09-12"},
      {"-q", "meeting", "add", "2017-10-10"},
      {"-q", "refer", "--received", "2017-09-01", "--agency", "POL", "--name", "Ann Lee", "--dob", "1980-02-03",
       "--category", "suicide", "--vulnerable", "--incidents-12m", "3", "--summary", "x"},
      {"-q", "refer", "--received", "2017-09-01", "--agency", "POL", "--name", "Cy Moss", "--category", "suicide",
       "--vulnerable", "--incidents-12m", "3", "--summary", "x"},
      {"-q", "triage", "CCM-2017-0001", "accept", "--meeting", "2017-09-12", "--lead", "ASC", "--risk", "high"},
      {"-q", "action", "add", "CCM-2017-0001", "--owner", "POL", "--due", "2017-09-30", "--text", "Visit"},
      {"-q", "person", "alias", "add", "1", "--name", "Annie Lee", "--dob", "1980-02-03"},
      {"-q", "trigger", "apply", "--received", "2017-08-01", "--applicant", "Jo Bloggs"},
  };
  for (const auto& line : lines) {
    const auto outcome = cli.run_with(line, {}, "");
    REQUIRE_MESSAGE(outcome.code == 0, line[1], " ", line[2], ": ", outcome.err);
  }
}

std::vector<std::string> with_date(std::vector<std::string> args, const std::string& date)
{
  for (auto& a : args)
    if (a == "{}")
      a = date;
  return args;
}

// 2017-10-05 -> 05/10/2017
std::string dmy(const std::string& iso) { return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4); }

} // namespace

TEST_CASE("date options: every option typed DATE has a line in this test's table")
{
  std::ostringstream out, err;
  cmd::Context ctx(out, err);
  CLI::App app;
  cmd::add_all_commands(app, ctx);
  std::set<std::string> found;
  date_options(app, "", found);
  std::set<std::string> tested;
  for (const auto& u : uses)
    tested.insert(u.option);
  for (const auto& option : found)
    CHECK_MESSAGE(tested.count(option) == 1, option, " takes a date: add it to `uses`");
  for (const auto& option : tested)
    CHECK_MESSAGE(found.count(option) == 1, option, " is not an option typed DATE (use add_date_option)");
  CHECK(found.size() > 30);
}

TEST_CASE("date options: dd/mm/yyyy on a dmy register does what yyyy-mm-dd does; an iso register refuses it")
{
  for (const auto& u : uses) {
    CAPTURE(u.option);
    test::InProcess typed_iso, typed_dmy, iso_register;
    setup(typed_iso, "dmy");
    setup(typed_dmy, "dmy");
    setup(iso_register, "iso");
    for (auto* cli : {&typed_iso, &typed_dmy, &iso_register})
      if (!u.before.empty())
        REQUIRE(cli->run_with(u.before, {}, "").code == 0);
    const auto want = typed_iso.run_with(with_date(u.args, u.iso), {}, "");
    CHECK_MESSAGE((want.code == 0) == u.succeeds, want.err);  // the table's line works, so the comparison means something
    const auto got = typed_dmy.run_with(with_date(u.args, dmy(u.iso)), {}, "");
    CHECK(got.code == want.code);
    CHECK(got.out == want.out);
    CHECK(got.err == want.err);

    const auto refused = iso_register.run_with(with_date(u.args, dmy(u.iso)), {}, "");
    CHECK(refused.code != 0);
    const auto flag = u.option.substr(u.option.rfind(' ') + 1);
    CHECK_MESSAGE(refused.err.find(fmt::format("{}: '{}': dates must be yyyy-mm-dd; this looks like dd/mm/yyyy: write "
                                               "it as {}, or let the register read dd/mm/yyyy: panel config set "
                                               "input.date_order dmy",
                                               flag, dmy(u.iso), u.iso)) != std::string::npos,
                  refused.err);
    CHECK(refused.err.find("--date-order") == std::string::npos);
  }
}
