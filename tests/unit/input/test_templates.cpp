#include "panel/input/templates.hpp"

#include "tests/unit/support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace panel;
using input::load_templates;
using input::parse_template;
using test::catch_error;

namespace {

const std::string minimal = "name: warning-letter\n"
                            "for: referral\n"
                            "format: markdown\n"
                            "body: |\n"
                            "  Dear colleague,\n";

core::Template parse(const std::string& text) { return parse_template(text, "letters/t.yaml", "built-in"); }

// The message of the error parsing the text as "letters/t.yaml".
std::string parse_error(const std::string& text)
{
  const auto caught = catch_error([&] { parse(text); });
  REQUIRE_MESSAGE(caught.thrown, "no error parsing:\n", text);
  CHECK(caught.code == Exit::refused);
  return caught.message;
}

const core::Template* find(const std::vector<core::Template>& templates, const std::string& name)
{
  const auto it = std::find_if(templates.begin(), templates.end(), [&](const auto& t) { return t.name == name; });
  return it == templates.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("templates: a minimal template is read with its metadata")
{
  const auto t = parse_template(minimal, "x/warning.yaml", "/srv/templates");
  CHECK(t.name == "warning-letter");
  CHECK(t.kind == "referral");
  CHECK(t.format == "markdown");
  CHECK(t.body == "Dear colleague,\n");
  CHECK(t.body_line == 5);
  CHECK(t.subject.empty());
  CHECK(t.description.empty());
  CHECK(t.fields.empty());
  CHECK(t.file == "x/warning.yaml");
  CHECK(t.source == "/srv/templates");
  CHECK(t.text == minimal);
}

TEST_CASE("templates: every key is read, with the lines of the subject and the body")
{
  const auto t = parse("# A warning letter\n"
                       "name: warning-letter\n"
                       "description: First warning\n"
                       "for: case\n"
                       "format: text\n"
                       "fields:\n"
                       "  - person.name\n"
                       "  - person.postcode\n"
                       "subject: \"{{panel.short}} warning\"\n"
                       "\n"
                       "body: |\n"
                       "  Line one\n"
                       "  Line two\n");
  CHECK(t.description == "First warning");
  CHECK(t.kind == "case");
  CHECK(t.format == "text");
  CHECK(t.fields == std::vector<std::string>{"person.name", "person.postcode"});
  CHECK(t.subject == "{{panel.short}} warning");
  CHECK(t.subject_line == 9);
  CHECK(t.body == "Line one\nLine two\n");
  CHECK(t.body_line == 12);
}

TEST_CASE("templates: a body on the key's own line starts on that line")
{
  const auto t = parse("name: n\nfor: meeting\nformat: html\nbody: \"<p>{{meeting.date}}</p>\"\n");
  CHECK(t.body == "<p>{{meeting.date}}</p>");
  CHECK(t.body_line == 4);
}

TEST_CASE("templates: a folded body starts on the line after the key")
{
  const auto t = parse("name: n\nfor: referral\nformat: text\nbody: >\n  one\n  two\n");
  CHECK(t.body == "one two\n");
  CHECK(t.body_line == 5);
}

TEST_CASE("templates: a YAML syntax error is reported with its line")
{
  const auto message = parse_error("name: n\nfor: referral\nformat: markdown\nbody: [unclosed\n\n");
  CHECK(message.starts_with("letters/t.yaml:"));
  CHECK(message.find("letters/t.yaml:4:7: the '[' on this line is never closed") == 0);
  const auto indent = parse_error("name: n\nfor: referral\nformat: markdown\nbody: |\n  a\n b: c\n");
  CHECK(indent.starts_with("letters/t.yaml:6:2: this line is indented by 1 space"));
}

TEST_CASE("templates: a file that is not a mapping is refused")
{
  CHECK(parse_error("- a\n- b\n") == "letters/t.yaml:1: a template is a mapping with name, for, format and body");
  CHECK(parse_error("") == "letters/t.yaml:1: a template is a mapping with name, for, format and body");
}

TEST_CASE("templates: each required key is required")
{
  CHECK(parse_error("name: n\nfor: referral\nformat: markdown\n") == "letters/t.yaml:1: body: is required");
  CHECK(parse_error("name: n\nfor: referral\nformat: markdown\nbody:\n") == "letters/t.yaml:1: body: is required");
  CHECK(parse_error("for: referral\nformat: markdown\nbody: x\n") == "letters/t.yaml:1: name: is required");
  CHECK(parse_error("name: n\nformat: markdown\nbody: x\n") == "letters/t.yaml:1: for: is required");
  CHECK(parse_error("name: n\nfor: referral\nbody: x\n") == "letters/t.yaml:1: format: is required");
}

TEST_CASE("templates: an unknown key is refused at its line with the known keys")
{
  CHECK(parse_error(minimal + "signature: Coordinator\n")
            .starts_with("letters/t.yaml:6: signature: unknown key (known: name, description, for, format, subject, "
                         "body, fields"));
}

TEST_CASE("templates: when lists the referral statuses a letter is for")
{
  CHECK(parse(minimal + "when: [declined, redirected]\n").when == std::vector<std::string>{"declined", "redirected"});
  CHECK(parse(minimal).when.empty());
  CHECK(parse_error(minimal + "when:\n  - declined\n  - rejected\n")
            .starts_with("letters/t.yaml:8: when: unknown status 'rejected' (known: "));
  CHECK(parse_error(minimal + "when: declined\n") ==
        "letters/t.yaml:6: when: expected a list of referral statuses, e.g. [declined]");
}

TEST_CASE("templates: an unknown kind is refused at the line of `for`")
{
  CHECK(parse_error("name: n\nformat: markdown\nfor: referal\nbody: x\n") ==
        "letters/t.yaml:3: for: unknown kind 'referal' (known: referral, case, case-review, meeting, action-reminder, reminder-digest)");
}

TEST_CASE("templates: an unknown format is refused at the line of `format`")
{
  CHECK(parse_error("name: n\nfor: referral\n\nformat: docx\nbody: x\n") ==
        "letters/t.yaml:4: format: unknown format 'docx' (known: markdown, text, html)");
}

TEST_CASE("templates: a name with a space or a slash is refused")
{
  const std::string rest = "for: referral\nformat: markdown\nbody: x\n";
  const std::string expected = "letters/t.yaml:1: name: a template name is one word, e.g. warning-letter";
  CHECK(parse_error("name: warning letter\n" + rest) == expected);
  CHECK(parse_error("name: ../letter\n" + rest) == expected);
  CHECK(parse_error("name: a\\b\n" + rest) == expected);
  CHECK(parse_error("name: \"\"\n" + rest) == expected);
}

TEST_CASE("templates: a key that should be text but is a list or mapping is refused")
{
  CHECK(parse_error("name: n\nfor: referral\nformat: markdown\nbody:\n  - a\n") ==
        "letters/t.yaml:5: body: expected text");
  CHECK(parse_error("name: {a: b}\nfor: referral\nformat: markdown\nbody: x\n") ==
        "letters/t.yaml:1: name: expected text");
}

TEST_CASE("templates: an unknown personal field under fields is refused at its line")
{
  CHECK(parse_error(minimal + "fields:\n  - person.name\n  - person.nhs_number\n") ==
        "letters/t.yaml:8: fields: 'person.nhs_number' is not a personal field (known: person.name, person.initials, "
        "person.dob, person.age, person.postcode, person.address, person.address_line, person.gender, items.name, "
        "items.aliases, items.dob, items.postcode, items.other_parties.name, items.other_parties.dob, deferred.name, "
        "people.name, people.aliases, people.dob, people.postcode, application.applicant, application.on_behalf_of, "
        "application.contact, application.address, complaints.complainant)");
}

TEST_CASE("templates: fields must be a list")
{
  CHECK(parse_error(minimal + "fields: person.name\n") == "letters/t.yaml:6: fields: expected a list of personal fields");
}

TEST_CASE("templates: a file that is not UTF-8 is refused")
{
  CHECK(parse_error("name: n\nfor: referral\nformat: markdown\nbody: caf\xe9\n") ==
        "letters/t.yaml:4: not valid UTF-8 text (save the file as UTF-8)");
}

TEST_CASE("templates: without a folder the built-in templates are loaded")
{
  std::vector<std::string> problems;
  const auto templates = load_templates("", problems);
  CHECK(problems.empty());
  const auto* ack = find(templates, "referral-acknowledgement");
  REQUIRE(ack != nullptr);
  CHECK(ack->source == "built-in");
  CHECK(ack->file == "templates/letters/referral-acknowledgement.yaml");
  CHECK(ack->kind == "referral");
  for (const auto& t : templates)
    CHECK(t.source == "built-in");
}

TEST_CASE("templates: a template in the folder replaces the built-in of the same name")
{
  test::TempDir dir;
  test::write_text(dir.file("my-ack.yaml"), "name: referral-acknowledgement\nfor: referral\nformat: text\nbody: Ours\n");
  std::vector<std::string> problems;
  const auto templates = load_templates(dir.path().string(), problems);
  CHECK(problems.empty());
  CHECK(std::count_if(templates.begin(), templates.end(),
                      [](const auto& t) { return t.name == "referral-acknowledgement"; }) == 1);
  const auto* ack = find(templates, "referral-acknowledgement");
  REQUIRE(ack != nullptr);
  CHECK(ack->body == "Ours");
  CHECK(ack->format == "text");
  CHECK(ack->source == dir.path().string());
  CHECK(ack->file == dir.file("my-ack.yaml"));
}

TEST_CASE("templates: templates from the folder are added to the built-ins, sorted by name")
{
  test::TempDir dir;
  test::write_text(dir.file("zz.yaml"), "name: aaa-first\nfor: meeting\nformat: markdown\nbody: x\n");
  test::write_text(dir.file("b.yml"), "name: warning-letter\nfor: case\nformat: markdown\nbody: x\n");
  test::write_text(dir.file("README.md"), "not a template: [");
  std::vector<std::string> problems;
  const auto templates = load_templates(dir.path().string(), problems);
  CHECK(problems.empty());
  REQUIRE(find(templates, "aaa-first") != nullptr);
  REQUIRE(find(templates, "warning-letter") != nullptr);
  CHECK(find(templates, "referral-acknowledgement") != nullptr);
  CHECK(templates.front().name == "aaa-first");
  CHECK(std::is_sorted(templates.begin(), templates.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST_CASE("templates: a broken file in the folder is reported and the others still load")
{
  test::TempDir dir;
  test::write_text(dir.file("a-broken.yaml"), "name: broken\nfor: referral\nformat: markdown\nsignature: x\nbody: x\n");
  test::write_text(dir.file("b-good.yaml"), "name: good-letter\nfor: referral\nformat: markdown\nbody: x\n");
  test::write_text(dir.file("c-syntax.yaml"), "name: [\n");
  std::vector<std::string> problems;
  const auto templates = load_templates(dir.path().string(), problems);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].starts_with(dir.file("a-broken.yaml") + ":4: signature: unknown key"));
  CHECK(problems[1].starts_with(dir.file("c-syntax.yaml") + ":"));
  CHECK(find(templates, "good-letter") != nullptr);
  CHECK(find(templates, "broken") == nullptr);
  CHECK(find(templates, "referral-acknowledgement") != nullptr);
}

TEST_CASE("templates: a broken override leaves the built-in of that name in place")
{
  test::TempDir dir;
  test::write_text(dir.file("ack.yaml"), "name: referral-acknowledgement\nfor: nobody\nformat: markdown\nbody: x\n");
  std::vector<std::string> problems;
  const auto templates = load_templates(dir.path().string(), problems);
  REQUIRE(problems.size() == 1);
  const auto* ack = find(templates, "referral-acknowledgement");
  REQUIRE(ack != nullptr);
  CHECK(ack->source == "built-in");
}

TEST_CASE("templates: a missing folder is an error")
{
  test::TempDir dir;
  const auto missing = dir.file("no-such-folder");
  std::vector<std::string> problems;
  const auto caught = catch_error([&] { load_templates(missing, problems); });
  CHECK(caught.thrown);
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "templates folder '" + missing + "' does not exist");
}

TEST_CASE("templates: a file given as the folder is an error")
{
  test::TempDir dir;
  test::write_text(dir.file("t.yaml"), minimal);
  std::vector<std::string> problems;
  const auto caught = catch_error([&] { load_templates(dir.file("t.yaml"), problems); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message == "templates folder '" + dir.file("t.yaml") + "' does not exist");
}

TEST_CASE("templates: 'interventions' makes a case letter about an intervention of those types")
{
  const auto t = parse("name: cpw\nfor: case\nformat: markdown\ninterventions: [cpw, cpn]\nbody: x\n");
  CHECK(t.interventions == std::vector<std::string>{"cpw", "cpn"});
  CHECK(parse("name: cpw\nfor: case\nformat: markdown\nbody: x\n").interventions.empty());
}

TEST_CASE("templates: 'interventions' is a list, and only for a letter about a case")
{
  CHECK(parse_error("name: cpw\nfor: case\nformat: markdown\ninterventions: cpw\nbody: x\n") ==
        "letters/t.yaml:4: interventions: expected a list of the profile's intervention codes, e.g. [cpw]");
  CHECK(parse_error("name: cpw\nfor: referral\nformat: markdown\ninterventions: [cpw]\nbody: x\n") ==
        "letters/t.yaml:4: interventions: only a letter about a case ('for: case') is about an intervention, not one "
        "for referral");
}
