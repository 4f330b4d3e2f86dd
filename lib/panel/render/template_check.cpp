#include "panel/render/template_check.hpp"

#include "panel/core/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace panel::render {
namespace {

using core::Value;

Value sample_panel()
{
  Value coordinator = Value::object();
  coordinator.set("name", "").set("email", "").set("phone", "");
  Value panel = Value::object();
  panel.set("name", "").set("short", "").set("address", "").set("coordinator", coordinator);
  return panel;
}

Value sample_agency()
{
  Value a = Value::object();
  a.set("code", "").set("name", "").set("email", "");
  return a;
}

Value sample_referral()
{
  Value category = Value::object();
  category.set("code", "").set("name", "");
  Value referrer = Value::object();
  referrer.set("name", "").set("email", "");
  Value decision = Value::object();
  decision.set("decision", "").set("date", "").set("reason", "").set("signpost", "").set("forum", "");
  Value r = Value::object();
  r.set("status", "").set("reference", "").set("received", "").set("agency", sample_agency()).set("referrer", referrer)
      .set("categories", Value::list({category})).set("summary", "").set("source_ref", "")
      .set("criteria_met", Value::list({Value::of("")})).set("meets_threshold", Value::yes_no(true))
      .set("repeat", Value::yes_no(true)).set("decision", decision);
  return r;
}

Value sample_person()
{
  Value p = Value::object();
  p.set("name", "").set("initials", "").set("dob", "").set("age", "").set("postcode", "").set("gender", "");
  return p;
}

Value sample_case()
{
  Value c = Value::object();
  c.set("reference", "").set("lead_agency", sample_agency()).set("risk", "").set("opened", "").set("review", "")
      .set("status", "");
  return c;
}

Value sample_meeting()
{
  Value m = Value::object();
  m.set("date", "").set("time", "").set("venue", "").set("chair", "");
  return m;
}

Value sample_actions();

Value sample_items()
{
  Value category = Value::object();
  category.set("code", "").set("name", "");
  Value discussion = Value::object();
  discussion.set("date", "").set("summary", "").set("outcome", "");
  Value item = Value::object();
  item.set("reference", "").set("case", "").set("item", "").set("name", "").set("aliases", Value::list({Value::of("")}))
      .set("dob", "").set("postcode", "").set("risk", "").set("lead_agency", sample_agency())
      .set("categories", Value::list({category})).set("criteria_met", Value::list({Value::of("")}))
      .set("summary", "").set("repeat", Value::yes_no(true)).set("review", Value::yes_no(true))
      .set("outcome", "").set("close_reason", "").set("next_review", "").set("closed", Value::yes_no(true))
      .set("discussions", Value::list({discussion})).set("actions", Value::list({Value::object()}));
  item.fields["actions"].items.front() = sample_actions().items.front();
  return Value::list({item});
}

Value sample_actions()
{
  Value a = Value::object();
  a.set("id", "").set("case", "").set("owner", sample_agency()).set("description", "").set("due", "").set("status", "")
      .set("days_overdue", "").set("overdue", Value::yes_no(true));
  return Value::list({a});
}

// Actions in reminders also say which meeting agreed them.
Value sample_reminded_actions()
{
  Value list = sample_actions();
  list.items.front().set("meeting", "").set("overdue_by", "").set("due_in", "");
  return list;
}

Value sample_interventions()
{
  Value i = Value::object();
  i.set("type", "").set("name", "").set("tier", "").set("agency", sample_agency()).set("date", "")
      .set("review", "").set("expiry", "").set("note", "");
  return Value::list({i});
}

Value common()
{
  Value root = Value::object();
  root.set("panel", sample_panel()).set("today", "").set("marking", "").set("confidentiality", "")
      .set("recipient", "");
  return root;
}

std::string join_path(const std::vector<std::string>& parts)
{
  return core::join(parts, ".");
}

// A tag found in a template.
struct Tag {
  char type;  // '#', '^', '/', '!', '>', '{', '&', '=' or 'v' (variable)
  std::string name;
  long line;
};

class Checker {
public:
  Checker(const core::Template& t, std::vector<std::string>& problems)
      : m_template(t), m_problems(problems), m_schema(template_schema(t.kind))
  {
  }

  void check(const std::string& text, long first_line)
  {
    std::vector<Tag> tags;
    if (!scan(text, first_line, tags))
      return;
    // The stack of sections: each with the schema node its name resolved to, and its path.
    struct Open {
      Tag tag;
      const Value* node;
      std::vector<std::string> path;
      bool unknown = false;  // its name did not resolve: what is inside it is not reported again
    };
    std::vector<Open> open;
    for (const auto& tag : tags) {
      switch (tag.type) {
      case '!':
        break;
      case '{':
      case '&':
        problem(tag.line, fmt::format("'{{{{{{{}}}}}}}': triple braces and '&' print values unescaped; use '{{{{{}}}}}'",
                                      tag.name, tag.name));
        break;
      case '>':
        problem(tag.line, fmt::format("partials ('{{{{>{}}}}}') are not supported", tag.name));
        break;
      case '=':
        problem(tag.line, "changing the delimiters is not supported");
        break;
      case '#':
      case '^': {
        std::vector<std::string> path;
        const bool inside_unknown = std::any_of(open.begin(), open.end(), [](const auto& o) { return o.unknown; });
        const Value* node = inside_unknown ? nullptr : resolve(tag, open_nodes(open), path);
        const Value* inner = node;
        if (node && node->kind == Value::Kind::list && !node->items.empty())
          inner = &node->items.front();
        else if (node && node->kind != Value::Kind::object)
          inner = nullptr;  // a flag or text section keeps the context it is in
        open.push_back({tag, inner, path, inside_unknown || !node});
        break;
      }
      case '/':
        if (open.empty() || open.back().tag.name != tag.name) {
          problem(tag.line, open.empty() ? fmt::format("'{{{{/{}}}}}' closes a section that was not opened", tag.name)
                                         : fmt::format("'{{{{/{}}}}}' closes '{}' opened at line {}", tag.name,
                                                       open.back().tag.name, open.back().tag.line));
          return;
        }
        open.pop_back();
        break;
      default: {
        std::vector<std::string> path;
        if (std::none_of(open.begin(), open.end(), [](const auto& o) { return o.unknown; }))
          resolve(tag, open_nodes(open), path);
      }
      }
    }
    for (const auto& o : open)
      problem(o.tag.line, fmt::format("section '{}' is not closed (add '{{{{/{}}}}}')", o.tag.name, o.tag.name));
  }

private:
  template <typename Open>
  std::vector<std::pair<const Value*, std::vector<std::string>>> open_nodes(const std::vector<Open>& open) const
  {
    std::vector<std::pair<const Value*, std::vector<std::string>>> nodes{{&m_schema, {}}};
    for (const auto& o : open)
      if (o.node)
        nodes.emplace_back(o.node, o.path);
    return nodes;
  }

  // Finds a dotted name from the innermost context outwards, as Mustache does.
  const Value* resolve(const Tag& tag, const std::vector<std::pair<const Value*, std::vector<std::string>>>& contexts,
                       std::vector<std::string>& path)
  {
    if (tag.name == ".")
      return contexts.back().first;
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
      const auto dot = tag.name.find('.', start);
      parts.push_back(tag.name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos)
        break;
      start = dot + 1;
    }
    for (auto it = contexts.rbegin(); it != contexts.rend(); ++it) {
      const Value* node = it->first;
      if (node->kind != Value::Kind::object || !node->fields.count(parts.front()))
        continue;
      path = it->second;
      for (const auto& part : parts) {
        if (node->kind != Value::Kind::object || !node->fields.count(part)) {
          problem(tag.line, fmt::format("unknown variable '{}' ('{}' has no '{}')", tag.name, join_path(path), part));
          return nullptr;
        }
        node = &node->fields.at(part);
        path.push_back(part);
      }
      check_personal(tag, path);
      return node;
    }
    std::vector<std::string> known;
    for (const auto& [name, value] : contexts.back().first->fields)
      known.push_back(name);
    const bool vowel = !m_template.kind.empty() && std::string("aeiou").find(m_template.kind[0]) != std::string::npos;
    problem(tag.line, fmt::format("unknown variable '{}' for {} {} template (known here: {})", tag.name,
                                  vowel ? "an" : "a", m_template.kind, core::join(known, ", ")));
    return nullptr;
  }

  void check_personal(const Tag& tag, const std::vector<std::string>& path)
  {
    const auto& personal = core::personal_fields();
    const std::string full = join_path(path);
    const bool is_personal = std::find(personal.begin(), personal.end(), full) != personal.end() ||
                             (full == "person" && tag.type != 'v');
    if (!is_personal || full == "person")
      return;
    const auto& allowed = m_template.fields;
    if (std::find(allowed.begin(), allowed.end(), full) == allowed.end())
      problem(tag.line, fmt::format("'{}' is personal data: list it under 'fields:' if this document must show it", full));
  }

  // Splits text into tags; false (with a problem) when a tag is not closed.
  bool scan(const std::string& text, long first_line, std::vector<Tag>& tags)
  {
    long line = first_line;
    size_t pos = 0;
    while (true) {
      const auto open = text.find("{{", pos);
      if (open == std::string::npos)
        return true;
      line += std::count(text.begin() + static_cast<long>(pos), text.begin() + static_cast<long>(open), '\n');
      const bool triple = text.compare(open, 3, "{{{") == 0;
      const auto close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
      if (close == std::string::npos) {
        problem(line, "a tag opened with '{{' is not closed with '}}'");
        return false;
      }
      std::string inside = text.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
      Tag tag{'v', "", line};
      if (triple) {
        tag.type = '{';
      } else if (!inside.empty() && std::string("#^/!>&=").find(inside[0]) != std::string::npos) {
        tag.type = inside[0];
        inside = inside.substr(1);
      }
      tag.name = core::trim(inside);
      if (tag.type != '!' && tag.name.empty()) {
        problem(line, "an empty tag '{{}}'");
      } else {
        tags.push_back(tag);
      }
      line += std::count(text.begin() + static_cast<long>(open), text.begin() + static_cast<long>(close), '\n');
      pos = close + (triple ? 3 : 2);
    }
  }

  void problem(long line, const std::string& message)
  {
    m_problems.push_back(fmt::format("{}:{}: {}", m_template.file, line, message));
  }

  const core::Template& m_template;
  std::vector<std::string>& m_problems;
  const Value& m_schema;
};

} // namespace

const core::Value& template_schema(const std::string& kind)
{
  static const std::map<std::string, Value> schemas = [] {
    std::map<std::string, Value> s;
    Value referral = common();
    referral.set("referral", sample_referral()).set("person", sample_person()).set("case", sample_case())
        .set("meeting", sample_meeting());
    s["referral"] = referral;
    Value case_kind = common();
    case_kind.set("referral", sample_referral()).set("person", sample_person()).set("case", sample_case())
        .set("meeting", sample_meeting()).set("actions", sample_actions()).set("interventions", sample_interventions());
    s["case"] = case_kind;
    Value meeting = common();
    Value details = sample_meeting();
    details.set("status", "").set("cutoff", "");
    meeting.set("meeting", details).set("actions", sample_actions()).set("items", sample_items())
        .set("quorum", Value::list({sample_agency()})).set("agency", sample_agency())
        .set("next_meeting", Value::list({Value::of("")}));
    Value present = Value::object();
    present.set("code", "").set("name", "").set("status", "");
    Value observer = Value::object();
    observer.set("name", "").set("organisation", "").set("confidentiality_signed", Value::yes_no(true));
    meeting.set("attendance", Value::list({present})).set("observers", Value::list({observer}))
        .set("quorate", Value::yes_no(true));
    s["meeting"] = meeting;
    Value reminder = common();
    reminder.set("agency", sample_agency()).set("actions", sample_reminded_actions()).set("overdue", sample_reminded_actions())
        .set("due_soon", sample_reminded_actions()).set("has_overdue", Value::yes_no(true)).set("has_due_soon", Value::yes_no(true))
        .set("summary", "").set("first_id", "");
    s["action-reminder"] = reminder;
    Value review = Value::object();
    review.set("case", "").set("lead_agency", sample_agency()).set("risk", "").set("review", "").set("days_overdue", "")
        .set("overdue_by", "");
    Value step = Value::object();
    step.set("id", "").set("case", "").set("type", "").set("name", "").set("tier", "").set("agency", sample_agency())
        .set("date", "").set("step", "").set("due", "").set("days_overdue", "").set("overdue_by", "");
    Value unsent = Value::object();
    unsent.set("agency", sample_agency()).set("actions", sample_reminded_actions());
    Value digest = common();
    digest.set("escalations", sample_reminded_actions()).set("reviews", Value::list({review})).set("interventions", Value::list({step}))
        .set("unsent", Value::list({unsent})).set("has_escalations", Value::yes_no(true))
        .set("has_reviews", Value::yes_no(true)).set("has_interventions", Value::yes_no(true))
        .set("has_unsent", Value::yes_no(true)).set("summary", "").set("escalate_after_days", "")
        .set("remind_every_days", "");
    s["reminder-digest"] = digest;
    return s;
  }();
  const auto it = schemas.find(kind);
  return it == schemas.end() ? schemas.at("referral") : it->second;
}

std::vector<std::string> check_template(const core::Template& t)
{
  std::vector<std::string> problems;
  Checker checker(t, problems);
  if (!t.subject.empty())
    checker.check(t.subject, t.subject_line);
  checker.check(t.body, t.body_line);
  return problems;
}

} // namespace panel::render
