// libFuzzer target: document templates. input::parse_template reads the YAML text;
// render::check_template lists its problems; render::render_document then renders it as md,
// txt and html (each in its own try: an HTML template refuses md and txt) with a sample
// context, render::template_schema(kind) whose texts are filled with markup, control
// characters and non-ASCII text. panel::Error is the library refusing bad input; anything
// else crashes.
#include "panel/core/error.hpp"
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/input/templates.hpp"
#include "panel/render/document.hpp"
#include "panel/render/template_check.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace {

using panel::core::Value;

// Every text of the schema, given a value that escaping and markup handling must keep literal.
void fill(Value& value, const std::string& path)
{
  switch (value.kind) {
  case Value::Kind::text:
    value.text = "<b>" + path + "</b> & *em* _u_ `c` [l](http://x) {{t}} # \x01\x1b[31m\r\nline two \xC3\xA9\xE2\x82\xAC";
    break;
  case Value::Kind::flag:
    break;
  case Value::Kind::list:
    for (auto& item : value.items)
      fill(item, path + ".0");
    break;
  case Value::Kind::object:
    for (auto& [key, field] : value.fields)
      fill(field, path.empty() ? key : path + "." + key);
    break;
  }
}

const Value& context(const std::string& kind)
{
  static std::map<std::string, Value> contexts = [] {
    std::map<std::string, Value> made;
    for (const auto& k : panel::core::template_kinds()) {
      Value v = panel::render::template_schema(k);
      fill(v, "");
      made[k] = std::move(v);
    }
    return made;
  }();
  return contexts.at(kind);  // parse_template accepts only these kinds
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  panel::core::Template t;
  try {
    t = panel::input::parse_template(text, "fuzz.yaml", "fuzz");
  } catch (const panel::Error&) {
    return 0;
  }
  (void)panel::render::check_template(t);
  for (const auto format : {panel::render::DocFormat::md, panel::render::DocFormat::txt, panel::render::DocFormat::html}) {
    try {
      (void)panel::render::render_document(t, context(t.kind), format);
    } catch (const panel::Error&) {
    }
  }
  return 0;
}
