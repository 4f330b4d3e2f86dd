#include "panel/render/template_check.hpp"

#include "panel/input/templates.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using panel::core::Template;
using panel::render::check_template;
using Problems = std::vector<std::string>;

namespace {

// A template whose body starts on line 5 of "t.yaml", as if after name, for, format and `body: |`.
Template make(const std::string& body, const std::string& kind = "referral", std::vector<std::string> fields = {})
{
  Template t;
  t.name = "t";
  t.kind = kind;
  t.format = "markdown";
  t.file = "t.yaml";
  t.body = body;
  t.body_line = 5;
  t.fields = std::move(fields);
  return t;
}

Problems check(const std::string& body, const std::string& kind = "referral", std::vector<std::string> fields = {})
{
  return check_template(make(body, kind, std::move(fields)));
}

const std::string referral_known =
    "known here: case, confidentiality, marking, meeting, panel, person, recipient, recipient_address, "
    "recipient_address_line, referral, salutation, today";

} // namespace

TEST_CASE("template check: a template using only what its kind offers has no problems")
{
  CHECK(check("Dear {{referral.referrer.name}},\n{{panel.name}} {{today}} {{marking}}\n") == Problems{});
  CHECK(check("{{#referral.repeat}}A repeat.{{/referral.repeat}}{{^referral.repeat}}New.{{/referral.repeat}}") ==
        Problems{});
  CHECK(check("{{! a comment may say {{anything}} }}") == Problems{});
}

TEST_CASE("template check: every built-in template passes")
{
  std::vector<std::string> problems;
  const auto templates = panel::input::load_templates("", problems);
  REQUIRE_FALSE(templates.empty());
  CHECK(problems.empty());
  for (const auto& t : templates) {
    CAPTURE(t.name);
    CHECK(check_template(t) == Problems{});
  }
}

TEST_CASE("template check: a tag not closed is reported at its line")
{
  CHECK(check("Dear {{referral.referrer.name") == Problems{"t.yaml:5: a tag opened with '{{' is not closed with '}}'"});
  CHECK(check("line one\nline two\nDear {{referral.referrer.name,\n") ==
        Problems{"t.yaml:7: a tag opened with '{{' is not closed with '}}'"});
}

TEST_CASE("template check: a section not closed is reported at the line of its opening tag")
{
  CHECK(check("Dear colleague,\n\n{{#referral.repeat}}\nThis is a repeat referral.\n\nEnd\n") ==
        Problems{"t.yaml:7: section 'referral.repeat' is not closed (add '{{/referral.repeat}}')"});
}

TEST_CASE("template check: sections closed in the wrong order")
{
  CHECK(check("{{#referral.repeat}}\n{{#referral.meets_threshold}}\n{{/referral.repeat}}\n{{/referral.meets_threshold}}") ==
        Problems{"t.yaml:7: '{{/referral.repeat}}' closes 'referral.meets_threshold' opened at line 6"});
}

TEST_CASE("template check: closing a section that was never opened")
{
  CHECK(check("text\n{{/referral.repeat}}") ==
        Problems{"t.yaml:6: '{{/referral.repeat}}' closes a section that was not opened"});
}

TEST_CASE("template check: triple braces and '&' are refused because they do not escape")
{
  CHECK(check("{{{referral.summary}}}") ==
        Problems{"t.yaml:5: '{{{referral.summary}}}': triple braces and '&' print values unescaped; use "
                 "'{{referral.summary}}'"});
  CHECK(check("\n{{&referral.summary}}") ==
        Problems{"t.yaml:6: '{{{referral.summary}}}': triple braces and '&' print values unescaped; use "
                 "'{{referral.summary}}'"});
}

TEST_CASE("template check: partials and delimiter changes are refused")
{
  CHECK(check("{{>footer}}") == Problems{"t.yaml:5: partials ('{{>footer}}') are not supported"});
  CHECK(check("{{=<% %>=}}") == Problems{"t.yaml:5: changing the delimiters is not supported"});
}

TEST_CASE("template check: an empty tag is refused")
{
  CHECK(check("a {{}} b") == Problems{"t.yaml:5: an empty tag '{{}}'"});
}

TEST_CASE("template check: an unknown variable lists what is known where it is used")
{
  CHECK(check("{{panle.name}}") ==
        Problems{"t.yaml:5: unknown variable 'panle.name' for a referral template (" + referral_known + ")"});
  CHECK(check("{{referral.refrence}}") ==
        Problems{"t.yaml:5: unknown variable 'referral.refrence' ('referral' has no 'refrence')"});
  CHECK(check("{{referral.referrer.phone}}") ==
        Problems{"t.yaml:5: unknown variable 'referral.referrer.phone' ('referral.referrer' has no 'phone')"});
}

TEST_CASE("template check: inside a list section its items' fields and the outer names are known")
{
  CHECK(check("{{#referral.categories}}\n- {{name}} ({{code}}) at {{panel.name}}\n{{/referral.categories}}") ==
        Problems{});
  CHECK(check("{{#referral.categories}}{{nmae}}{{/referral.categories}}") ==
        Problems{"t.yaml:5: unknown variable 'nmae' for a referral template (known here: code, name)"});
}

TEST_CASE("template check: '.' inside a list of text is the item")
{
  CHECK(check("{{#referral.criteria_met}}\n- {{.}}\n{{/referral.criteria_met}}") == Problems{});
}

TEST_CASE("template check: a personal field is refused unless listed under fields")
{
  CHECK(check("Re: {{person.name}}") ==
        Problems{"t.yaml:5: 'person.name' is personal data: list it under 'fields:' if this document must show it"});
  CHECK(check("Re: {{person.name}}", "referral", {"person.name"}) == Problems{});
  CHECK(check("{{person.name}} {{person.dob}}", "referral", {"person.name"}) ==
        Problems{"t.yaml:5: 'person.dob' is personal data: list it under 'fields:' if this document must show it"});
}

TEST_CASE("template check: a personal field reached through a person section is still refused")
{
  CHECK(check("{{#person}}\n{{name}}\n{{/person}}") ==
        Problems{"t.yaml:6: 'person.name' is personal data: list it under 'fields:' if this document must show it"});
  CHECK(check("{{#person}}{{initials}}{{/person}}", "referral", {"person.initials"}) == Problems{});
  CHECK(check("{{#person.postcode}}Area: {{person.postcode}}{{/person.postcode}}") ==
        Problems{"t.yaml:5: 'person.postcode' is personal data: list it under 'fields:' if this document must show it",
                 "t.yaml:5: 'person.postcode' is personal data: list it under 'fields:' if this document must show it"});
}

TEST_CASE("template check: case-only variables are refused in a referral template")
{
  // What is inside an unknown section is not reported again.
  CHECK(check("{{#actions}}\n- {{description}} by {{due}}\n{{/actions}}") ==
        Problems{"t.yaml:5: unknown variable 'actions' for a referral template (" + referral_known + ")"});
  CHECK(check("{{actions}}") ==
        Problems{"t.yaml:5: unknown variable 'actions' for a referral template (" + referral_known + ")"});
  CHECK(check("{{#actions}}\n- {{description}} by {{due}} ({{owner.name}})\n{{/actions}}", "case") == Problems{});
}

TEST_CASE("template check: each kind offers its own variables")
{
  CHECK(check("{{#actions}}{{case}}: {{description}}{{/actions}} {{agency.name}}", "action-reminder") == Problems{});
  CHECK(check("{{referral.reference}}", "action-reminder") ==
        Problems{"t.yaml:5: unknown variable 'referral.reference' for an action-reminder template (known here: actions, "
                 "agency, confidentiality, due_soon, first_id, has_due_soon, has_overdue, marking, overdue, panel, "
                 "recipient, salutation, summary, today)"});
  CHECK(check("{{#escalations}}{{owner.code}} {{meeting}}{{/escalations}}{{#reviews}}{{lead_agency.code}}{{/reviews}}"
              "{{#interventions}}{{step}} {{due}}{{/interventions}}{{#unsent}}{{agency.code}}{{/unsent}}",
              "reminder-digest") == Problems{});
  CHECK(check("{{#actions}}{{id}}{{/actions}}", "reminder-digest").size() == 1);
  CHECK(check("{{meeting.venue}} {{#actions}}{{id}}{{/actions}}", "meeting") == Problems{});
  CHECK(check("{{#interventions}}{{agency.code}} {{tier}}{{/interventions}}", "case") == Problems{});
}

TEST_CASE("template check: line numbers count from where the body starts in the file")
{
  auto t = make("a\nb\n\n{{nope}}\n");
  t.body_line = 12;
  CHECK(check_template(t) ==
        Problems{"t.yaml:15: unknown variable 'nope' for a referral template (" + referral_known + ")"});
}

TEST_CASE("template check: line numbers count the lines inside multi-line tags")
{
  CHECK(check("{{! a comment\nover two lines }}\n{{nope}}") ==
        Problems{"t.yaml:7: unknown variable 'nope' for a referral template (" + referral_known + ")"});
  CHECK(check("{{#referral.repeat\n}}{{/referral.repeat}} {{nope}}") ==
        Problems{"t.yaml:6: unknown variable 'nope' for a referral template (" + referral_known + ")"});
}

TEST_CASE("template check: a problem in the subject is reported at the subject's line")
{
  auto t = make("Body {{nope2}}");
  t.subject = "{{panel.short}} referral {{nope1}}";
  t.subject_line = 4;
  CHECK(check_template(t) ==
        Problems{"t.yaml:4: unknown variable 'nope1' for a referral template (" + referral_known + ")",
                 "t.yaml:5: unknown variable 'nope2' for a referral template (" + referral_known + ")"});
}

TEST_CASE("template check: a section left open in the subject is reported there")
{
  auto t = make("Body");
  t.subject = "{{#referral.repeat}}Repeat: ";
  t.subject_line = 3;
  CHECK(check_template(t) == Problems{"t.yaml:3: section 'referral.repeat' is not closed (add '{{/referral.repeat}}')"});
}

TEST_CASE("template check: a parsed file gives the lines of the file")
{
  const std::string text = "name: t\n"
                           "for: referral\n"
                           "format: markdown\n"
                           "subject: \"About {{referral.refernce}}\"\n"
                           "description: a test\n"
                           "body: |\n"
                           "  Dear colleague,\n"
                           "\n"
                           "  {{person.name}}\n";
  const auto t = panel::input::parse_template(text, "letters/t.yaml", "folder");
  CHECK(check_template(t) ==
        Problems{"letters/t.yaml:4: unknown variable 'referral.refernce' ('referral' has no 'refernce')",
                 "letters/t.yaml:9: 'person.name' is personal data: list it under 'fields:' if this document must show it"});
}

TEST_CASE("template check: 'intervention' only in a letter about an intervention")
{
  CHECK(check("By {{intervention.agency.name}} on {{intervention.date}}", "case") ==
        Problems{"t.yaml:5: 'intervention.agency.name' is for a letter about an intervention: add 'interventions: [...]' "
                 "with the profile's codes of the kinds it is about, e.g. [cpw]",
                 "t.yaml:5: 'intervention.date' is for a letter about an intervention: add 'interventions: [...]' with "
                 "the profile's codes of the kinds it is about, e.g. [cpw]"});
  auto cpw = make("By {{intervention.agency.name}} ({{intervention.type_name}}, id {{intervention.id}})", "case");
  cpw.interventions = {"cpw"};
  CHECK(check_template(cpw) == Problems{});
}
