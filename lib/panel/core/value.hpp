#pragma once
#include <map>
#include <string>
#include <vector>

namespace panel::core {

// A document's data: text, a flag, a list or an object, as Mustache sees it. Commands build it
// from records; render/ turns it into a document.
struct Value {
  enum class Kind { text, flag, list, object };
  Kind kind = Kind::text;
  std::string text;
  bool flag = false;
  std::vector<Value> items;
  std::map<std::string, Value> fields;

  static Value of(std::string t) { Value v; v.text = std::move(t); return v; }
  static Value yes_no(bool b) { Value v; v.kind = Kind::flag; v.flag = b; return v; }
  static Value list(std::vector<Value> values) { Value v; v.kind = Kind::list; v.items = std::move(values); return v; }
  static Value object() { Value v; v.kind = Kind::object; return v; }
  // Sets a field of an object and returns the object, for building trees in one expression.
  Value& set(const std::string& key, Value value)
  {
    kind = Kind::object;
    fields[key] = std::move(value);
    return *this;
  }
  Value& set(const std::string& key, std::string value) { return set(key, of(std::move(value))); }
  Value& set(const std::string& key, const char* value) { return set(key, of(value)); }
};

} // namespace panel::core
