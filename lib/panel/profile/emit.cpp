#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/profile/input_settings.hpp"
#include "panel/input/yaml_document.hpp"
#include "panel/profile/case_review.hpp"
#include "panel/profile/profile.hpp"
#include "panel/profile/documents.hpp"
#include "panel/profile/retention.hpp"

#include <charconv>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace panel::profile {
namespace {

void emit_condition(YAML::Emitter& out, const core::Condition& c)
{
  out << YAML::Key << "field" << YAML::Value << c.field;
  if (c.at_least)
    out << YAML::Key << "at_least" << YAML::Value << *c.at_least;
  if (c.is)
    out << YAML::Key << "is" << YAML::Value << *c.is;
  if (c.equals)
    out << YAML::Key << "equals" << YAML::Value << *c.equals;
}

void emit_text(YAML::Emitter& out, const char* key, const std::string& value)
{
  out << YAML::Key << key << YAML::Value;
  // A literal block reads back with exactly one final newline and needs an indentation marker
  // when its first line starts with a space; anything else is written quoted, so that every
  // text comes back exactly as it went in.
  const bool block = value.find('\n') != std::string::npos && value.back() == '\n' && !value.ends_with("\n\n") &&
                     value.front() != ' ' && value.front() != '\t' && value.front() != '\n' &&
                     value.find('\r') == std::string::npos;
  if (block)
    out << YAML::Literal;
  else if (value.find('\n') != std::string::npos || value.find('\r') != std::string::npos)
    out << YAML::DoubleQuoted;
  out << value;
}

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& values)
{
  out << YAML::Key << key << YAML::Value << YAML::Flow << values;
}

// Walks a dotted key through maps and list indices; returns the node or an undefined one.
YAML::Node find(YAML::Node node, const std::vector<std::string>& parts, std::string& reached)
{
  for (const auto& part : parts) {
    if (node.IsSequence()) {
      size_t index = 0;
      const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (ec != std::errc() || end != part.data() + part.size() || index >= node.size())
        throw refused(fmt::format("'{}' is a list of {}: use an index from 0 to {}", reached,
                                  node.size(), node.size() == 0 ? 0 : node.size() - 1));
      node.reset(node[index]);
    } else if (node.IsMap() && node[part]) {
      node.reset(node[part]);
    } else {
      std::vector<std::string> keys;
      if (node.IsMap())
        for (const auto& item : node)
          keys.push_back(item.first.Scalar());
      const auto hint = core::close_matches(part, keys);
      const auto where = reached.empty() ? std::string("the profile") : "'" + reached + "'";
      throw refused(hint.empty()
                        ? fmt::format("unknown key '{}' in {} (known: {})", part, where, core::join(keys, ", "))
                        : fmt::format("unknown key '{}' in {} (did you mean '{}'?)", part, where, hint.front()));
    }
    reached = reached.empty() ? part : reached + "." + part;
  }
  return node;
}

// The profile as YAML for `config get/set`. The documents section is left out of a saved profile
// while nothing in it is set; asked for a key in it, it is laid out empty so that
// `config set documents.font Arial` finds its key.
YAML::Node profile_node(const core::Profile& profile, const std::vector<std::string>& parts, bool agencies)
{
  YAML::Node doc = YAML::Load(to_yaml(profile, agencies));
  if (!parts.empty() && parts.front() == "documents" && !doc["documents"])
    doc["documents"] = YAML::Load("{reference_docx: ~, letterhead: {logo: ~, address: ~}, font: ~}");
  return doc;
}

std::vector<std::string> split_key(const std::string& key)
{
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    parts.push_back(key.substr(start, dot - start));
    if (parts.back().empty())
      throw usage_error(fmt::format("bad key '{}': use dotted names like 'coordinator.email'", key));
    if (dot == std::string::npos)
      return parts;
    start = dot + 1;
  }
}

} // namespace

std::string to_yaml(const core::Profile& p, bool with_agencies)
{
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << p.name;
  out << YAML::Key << "short" << YAML::Value << p.short_name;
  out << YAML::Key << "kind" << YAML::Value << p.kind;
  out << YAML::Key << "reference_prefix" << YAML::Value << p.reference_prefix;
  emit_text(out, "address", p.address);
  out << YAML::Key << "coordinator" << YAML::Value << YAML::BeginMap
      << YAML::Key << "name" << YAML::Value << p.coordinator.name
      << YAML::Key << "email" << YAML::Value << p.coordinator.email
      << YAML::Key << "phone" << YAML::Value << p.coordinator.phone << YAML::EndMap;
  out << YAML::Key << "marking" << YAML::Value << p.marking;
  emit_text(out, "confidentiality", p.confidentiality);
  if (with_agencies) {
    out << YAML::Key << "agencies" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : p.agencies)
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "code" << YAML::Value << a.code << YAML::Key << "name"
          << YAML::Value << a.name << YAML::Key << "email" << YAML::Value << a.email << YAML::Key
          << "core" << YAML::Value << a.core << YAML::EndMap;
    out << YAML::EndSeq;
  }
  emit_list(out, "quorum", p.quorum);
  out << YAML::Key << "categories" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : p.categories)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "code" << YAML::Value << c.code << YAML::Key
        << "name" << YAML::Value << c.name << YAML::EndMap;
  out << YAML::EndSeq;
  emit_list(out, "risk_levels", p.risk_levels);
  out << YAML::Key << "risk_instruments" << YAML::Value << YAML::BeginSeq;
  for (const auto& ri : p.risk_instruments)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << ri.name << YAML::Key
        << "max" << YAML::Value << ri.max << YAML::EndMap;
  out << YAML::EndSeq;
  out << YAML::Key << "criteria" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : p.criteria) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << c.id << YAML::Key << "label"
        << YAML::Value << c.label;
    if (c.all.size() == 1) {
      emit_condition(out, c.all.front());
    } else {
      out << YAML::Key << "all" << YAML::Value << YAML::BeginSeq;
      for (const auto& condition : c.all) {
        out << YAML::Flow << YAML::BeginMap;
        emit_condition(out, condition);
        out << YAML::EndMap;
      }
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "interventions" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : p.interventions) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "code" << YAML::Value << t.code << YAML::Key
        << "name" << YAML::Value << t.name << YAML::Key << "tier" << YAML::Value << t.tier;
    if (t.duration_months)
      out << YAML::Key << "duration_months" << YAML::Value << *t.duration_months;
    if (t.review_months)
      out << YAML::Key << "review_months" << YAML::Value << *t.review_months;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  emit_list(out, "redirect_forums", p.redirect_forums);
  out << YAML::Key << "repeat_window" << YAML::Value << p.repeat_window.text();
  out << YAML::Key << "agenda_lead_days" << YAML::Value << p.agenda_lead_days;
  out << YAML::Key << "minutes_due_working_days" << YAML::Value << p.minutes_due_working_days;
  out << YAML::Key << "due_soon_days" << YAML::Value << p.due_soon_days;
  out << YAML::Key << "remind_every_days" << YAML::Value << p.remind_every_days;
  out << YAML::Key << "escalate_after_days" << YAML::Value << p.escalate_after_days;
  out << YAML::Key << "attention_after_days" << YAML::Value << p.attention_after_days;
  out << YAML::Key << "templates" << YAML::Value << p.templates;
  out << YAML::Key << "mail" << YAML::Value << YAML::BeginMap << YAML::Key << "from" << YAML::Value
      << p.mail.from;
  emit_list(out, "sendmail", p.mail.sendmail);
  out << YAML::EndMap;
  out << YAML::Key << "safelives" << YAML::Value << YAML::BeginMap;
  emit_list(out, "police", p.safelives.police);
  emit_list(out, "idva", p.safelives.idva);
  out << YAML::EndMap;
  // Written even when not set (as null), so that `config set population.adult_female N` finds it.
  out << YAML::Key << "population" << YAML::Value << YAML::BeginMap << YAML::Key << "adult_female" << YAML::Value;
  if (p.adult_female_population)
    out << *p.adult_female_population;
  else
    out << YAML::Null;
  out << YAML::EndMap;
  emit_case_review(out, p.case_review);
  emit_retention(out, p.retention);
  emit_input(out, p.input);
  emit_documents(out, p.documents);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string get_value(const core::Profile& profile, const std::string& key)
{
  std::string reached;
  const YAML::Node node = find(profile_node(profile, split_key(key), true), split_key(key), reached);
  if (node.IsScalar())
    return node.Scalar() + "\n";
  if (node.IsSequence()) {
    bool scalars = true;
    for (const auto& item : node)
      scalars = scalars && item.IsScalar();
    if (scalars) {
      std::string out;
      for (const auto& item : node)
        out += item.Scalar() + "\n";
      return out;
    }
  }
  if (node.IsNull())
    return "\n";
  YAML::Emitter out;
  out << node;
  return std::string(out.c_str()) + "\n";
}

core::Profile set_value(const core::Profile& profile, const std::string& key, const std::string& value)
{
  const auto parts = split_key(key);
  if (parts.front() == "agencies")
    throw refused("agencies are changed with 'panel agency add|update|remove'");
  YAML::Node doc = profile_node(profile, parts, false);
  std::string reached;
  YAML::Node target = find(doc, parts, reached);
  if (target.IsScalar() || target.IsNull()) {
    // Kept as text: the profile loader turns it into a number or a flag, or says why not. An
    // empty value or YAML's null clears the key: the loader reads null as "not set", which an
    // optional value accepts and a required one refuses.
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
      target = YAML::Null;
    else
      target = value;
  } else {
    YAML::Node parsed;
    try {
      parsed = input::load_document(value, key);  // one document, no tags: the profile is read back later
    } catch (const Error& e) {
      const std::string why = e.what();
      throw refused(fmt::format("{}: cannot read '{}' as YAML: {}", key, value, why.substr(why.find(": ", key.size()) + 2)));
    }
    if (target.IsSequence() && parsed.IsScalar()) {
      // "POL,CST,ASC" is the natural way to type a list of codes.
      YAML::Node list(YAML::NodeType::Sequence);
      size_t start = 0;
      while (start <= value.size()) {
        const auto comma = value.find(',', start);
        const auto item = core::trim(value.substr(start, comma - start));
        if (!item.empty())
          list.push_back(item);
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
      parsed = list;
    }
    target = parsed;
  }
  YAML::Emitter out;
  out << doc;
  return load(out.c_str(), "", profile.agencies);
}

} // namespace panel::profile
