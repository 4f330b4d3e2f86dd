#pragma once
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"

#include <string>
#include <vector>

namespace panel::render {

// What a template of each kind may use: a sample context whose lists hold one sample item.
// docs/templates.md documents the same tree.
const core::Value& template_schema(const std::string& kind);

// Every problem in a template's subject and body, as "<file>:<line>: <problem>": a tag not
// closed, a section not closed or closed in the wrong order, triple braces or partials, a
// variable its kind does not offer, and a personal field not listed under `fields:`.
std::vector<std::string> check_template(const core::Template& t);

} // namespace panel::render
