#include "panel/documents/reminders.hpp"

#include "panel/input/templates.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>

using namespace panel;

namespace {

core::Date day(const char* text) { return *core::Date::parse(text); }

std::string field(const core::Value& v, const std::string& key) { return v.fields.at(key).text; }

} // namespace

TEST_CASE("reminder documents: an ASB case review step is overdue once a working day has passed")
{
  const auto overdue = documents::trigger_step_value({"CT-2017-0001", "decide", day("2017-09-01"), 2}, day("2017-09-05"));
  CHECK(field(overdue, "step") == "Threshold decision");
  CHECK(field(overdue, "due") == "1 September 2017");
  CHECK(field(overdue, "overdue_by") == "2 working days");
  CHECK(field(overdue, "due_in").empty());
  // Due on Friday, not yet overdue on Saturday.
  const auto weekend = documents::trigger_step_value({"CT-2017-0001", "acknowledge", day("2017-09-01"), 0}, day("2017-09-02"));
  CHECK(field(weekend, "overdue_by").empty());
  CHECK(field(weekend, "due_in") == "due on the last working day");
  const auto ahead = documents::trigger_step_value({"CT-2017-0001", "outcome", day("2017-09-06"), 0}, day("2017-09-05"));
  CHECK(field(ahead, "step") == "Review and outcome");
  CHECK(field(ahead, "due_in") == "tomorrow");
}

TEST_CASE("reminder documents: a mail template must exist and be for the kind of message wanted")
{
  std::vector<std::string> problems;
  const auto templates = input::load_templates("", problems);
  CHECK(documents::mail_template(templates, "action-reminder", "action-reminder", problems).name == "action-reminder");
  auto caught = test::catch_error([&] { documents::mail_template(templates, "reminder-digest", "action-reminder", problems); });
  CHECK(caught.code == Exit::refused);
  CHECK(caught.message.find("template 'reminder-digest' is for: reminder-digest, but reminders need one for: "
                            "action-reminder") != std::string::npos);
  caught = test::catch_error([&] { documents::mail_template(templates, "action-remindr", "action-reminder", problems); });
  CHECK(caught.message.find("did you mean 'action-reminder'?") != std::string::npos);
}

TEST_CASE("reminder documents: a composed message is dated, addressed and has a Message-ID from its content")
{
  core::Template t;
  t.name = "note";
  t.kind = "action-reminder";
  t.format = "text";
  t.subject = "Hello {{who}}";
  t.body = "Body for {{who}}\n";
  core::Value context = core::Value::object();
  context.set("who", "POL");
  const auto a = documents::compose(t, context, "panel@example.org", "pol@example.org", "2017-09-04T09:00:00Z");
  CHECK(a.from == "panel@example.org");
  CHECK(a.to == std::vector<std::string>{"pol@example.org"});
  CHECK(a.subject == "Hello POL");
  CHECK(a.date == "Mon, 04 Sep 2017 09:00:00 +0000");
  CHECK_FALSE(a.message_id.empty());
  const auto b = documents::compose(t, context, "panel@example.org", "asc@example.org", "2017-09-04T09:00:00Z");
  CHECK(a.message_id != b.message_id);
}
