#include "panel/ops/research.hpp"

#include "panel/input/referrals.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/intake.hpp"
#include "panel/ops/meetings.hpp"
#include "panel/ops/setup.hpp"
#include "panel/ops/triage.hpp"
#include "panel/store/agencies.hpp"
#include "panel/store/audit.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

struct MaracPanel {
  test::TempDir dir;
  std::string path = dir.file("panel.db");
  store::Db db = (ops::init(path, "marac", test::actor("2017-09-01T09:00:00Z", "init")), store::Db::open(path));
};

// A person as the generator wrote them: name and date of birth ("" when none).
using Who = std::pair<std::string, std::string>;

// A register of `count` referrals received in 2017 about a few dozen victims (some referred
// again: repeats that join the open case), each naming 0 to 4 other parties drawn from a pool
// with accents and apostrophes, some without a date of birth. Returns the CSV text and, by
// row, the subject and the other parties.
std::string generate(int count, std::mt19937& random, std::vector<std::pair<Who, std::vector<Who>>>& rows)
{
  const std::vector<Who> victims = {
      {"Aoife O'Connor", "1989-02-11"}, {"Zoë Müller-Brown", "1975-12-01"}, {"Precious N'Dour", ""},
      {"Siobhán Ní Bhriain", "1992-07-04"}, {"Grace Hall", "1990-01-01"}, {"Chloé d'Souza", "1994-06-30"},
      {"Beth Cole", ""}, {"Ann Lee", "1983-03-03"}, {"Marta Kowalska", "1979-09-09"}, {"Ife Adeyemi", "2000-01-31"}};
  const std::vector<Who> others = {
      {"Liam Doherty", "1986-07-30"}, {"Niamh Doherty", "2011-04-02"}, {"Seán Doherty", "2014-10-19"},
      {"D'Arcy Blake", ""},           {"Mark Brown", "1970-01-01"},    {"Mark Brown", ""},
      {"Jürgen Weiß", "1968-05-05"},  {"Ella Hall", "2015-06-01"},      {"Finn O'Hara", "2017-01-20"},
      {"Unknown male", ""}};
  const std::vector<std::string> roles = {"perpetrator", "child", "unclear", "victim", "both", ""};
  std::ostringstream csv;
  csv << "received,agency,source_ref,name,dob,role,category,professional_judgement,other_parties,summary\n";
  for (int i = 0; i < count; ++i) {
    const auto& victim = victims[random() % victims.size()];
    std::vector<Who> parties;
    std::string cell;
    const int n = static_cast<int>(random() % 5);
    for (int k = 0; k < n; ++k) {
      const auto& party = others[random() % others.size()];
      parties.push_back(party);
      cell += (k ? ";" : "") + party.first + "|" + party.second + "|" + roles[random() % roles.size()] + "|";
    }
    rows.push_back({victim, parties});
    const int month = 1 + i * 8 / count;  // January to August, in order
    csv << fmt::format("2017-{:02}-{:02},POL,R-{},{},{},victim,physical-abuse,yes,\"{}\",Summary {}\n", month,
                       1 + i % 28, i, victim.first, victim.second, cell, i);
  }
  return csv.str();
}

} // namespace

TEST_CASE("research: every person of every case on the agenda is on each agency's list exactly once")
{
  MaracPanel p;
  std::mt19937 random(20170912);
  std::vector<std::pair<Who, std::vector<Who>>> generated;
  std::istringstream csv(generate(50, random, generated));
  auto reader = input::referral_reader(csv, "register.csv", input::FileKind::csv);
  auto on = test::actor("2017-09-04T09:00:00Z", "test");
  std::vector<std::string> references;
  ops::record_referrals(p.db, *reader, "register.csv", {}, on,
                        [&](const ops::IntakeItem& i) { references.push_back(i.reference); });
  REQUIRE(references.size() == 50);
  core::Meeting m;
  m.date = day("2017-09-12");
  ops::add_meeting(p.db, m, on);
  for (const auto& ref : references) {
    ops::TriageRequest accept;
    accept.decision = core::TriageDecision::accept;
    accept.meeting = m.date;
    ops::decide(p.db, ref, accept, on);
  }
  const auto agenda = ops::agenda(p.db, m.date, false, on);
  REQUIRE(agenda.items.size() == 50);

  // What each case must list: its referrals' subjects and other parties, each distinct person once.
  std::map<std::string, std::set<Who>> expected;
  for (const auto& item : agenda.items) {
    const auto row = std::find(references.begin(), references.end(), item.reference) - references.begin();
    auto& people = expected[item.case_reference];
    people.insert(generated[row].first);
    for (const auto& party : generated[row].second)
      people.insert(party);
  }
  size_t total = 0;
  for (const auto& [kase, people] : expected)
    total += people.size();

  const auto agencies = store::list_agencies(p.db);
  REQUIRE(agencies.size() > 5);
  for (const auto& agency : agencies) {
    INFO(agency.code);
    ops::ResearchRequest q;
    q.date = m.date;
    q.agency = agency.code;
    q.format = "json";
    const auto result = ops::research_lists(p.db, q, on);
    const auto rows = nlohmann::json::parse(result.text);
    REQUIRE(rows.size() == total);
    std::map<std::pair<std::string, Who>, int> seen;
    for (const auto& r : rows) {
      CHECK(r["agency"] == agency.code);
      ++seen[{r["case"].get<std::string>(), {r["name"].get<std::string>(), r["dob"].is_null() ? "" : r["dob"].get<std::string>()}}];
    }
    for (const auto& [kase, people] : expected)
      for (const auto& who : people) {
        INFO(kase, " ", who.first, " ", who.second);
        CHECK(seen[{kase, who}] == 1);
      }
  }
}

TEST_CASE("research: every agency's list to a folder, one 0600 file each, audited with its referrals")
{
  MaracPanel p;
  auto on = test::actor("2017-09-04T09:00:00Z", "test");
  std::istringstream csv("received,agency,name,dob,category,risk_score,other_parties,summary\n"
                         "2017-08-30,POL,Grace Hall,1990-01-01,physical-abuse,15,Dean Hall||perpetrator;Ella Hall|2015-06-01|child,s\n");
  auto reader = input::referral_reader(csv, "r.csv", input::FileKind::csv);
  ops::record_referrals(p.db, *reader, "r.csv", {}, on, [](const ops::IntakeItem&) {});
  core::Meeting m;
  m.date = day("2017-09-12");
  ops::add_meeting(p.db, m, on);
  ops::TriageRequest accept;
  accept.decision = core::TriageDecision::accept;
  accept.meeting = m.date;
  ops::decide(p.db, "MARAC-2017-0001", accept, on);
  const auto before = store::list_audit(p.db, "").size();

  ops::ResearchRequest q;
  q.date = m.date;
  q.format = "csv";
  q.output = p.dir.path().string();
  const auto result = ops::research_lists(p.db, q, on);
  const auto agencies = store::list_agencies(p.db);
  REQUIRE(result.written.size() == agencies.size());
  CHECK(result.people == 3);
  for (const auto& agency : agencies) {
    const auto file = p.dir.file("MARAC-2017-09-12-research-" + agency.code + ".csv");
    REQUIRE(std::filesystem::exists(file));
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  }
  const auto audit = store::list_audit(p.db, "");
  CHECK(audit.size() == before + 2 * agencies.size());  // an export and a read per agency
  CHECK(audit.back().record == "MARAC-2017-0001");
  CHECK(audit.back().detail.find("3 people (1 subject, 2 other parties)") != std::string::npos);

  // Again without --force: the first file exists, nothing more is written or recorded.
  CHECK(test::catch_error([&] { ops::research_lists(p.db, q, on); }).code == Exit::refused);
  CHECK(store::list_audit(p.db, "").size() == audit.size());
}
