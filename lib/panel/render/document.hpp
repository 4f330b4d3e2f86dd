#pragma once
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/render/page.hpp"

#include <string>

namespace panel::render {

enum class DocFormat { md, txt, html };

// A rendered document: its subject line (for mails and titles) and its text.
struct Document {
  std::string subject;
  std::string body;
};

// Renders a template with a context. Values are never read as markup: in HTML they are escaped,
// in Markdown and text their control characters are removed, and a Markdown template turned into
// HTML or text keeps its values literal. Personal fields the template does not list under
// `fields:` are removed from the context first. Error(refused) for a template that does not
// render (run check_template first for its line numbers) or an HTML template asked for as md/txt.
// An HTML page is wrapped (when the template is not a whole page) with `page`'s print style.
Document render_document(const core::Template& t, const core::Value& context, DocFormat format,
                         const PageStyle& page = {});

// "md", "txt", "html" -> DocFormat; Error(usage) otherwise.
DocFormat parse_doc_format(const std::string& name);

} // namespace panel::render
