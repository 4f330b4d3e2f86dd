#pragma once
#include <string>

namespace panel::render {

// Word files (zip archives, edited with libzip). Each throws Error(refused) saying the file is not
// a Word document when `docx` is not a zip holding word/document.xml.

// The reference document pandoc takes its styles and page setup from, with `marking` in the
// header and footer of every page (bold, centred; the footer also has "Page N of M") and A4 page
// size and margins when the reference gives none. Existing default header and footer references
// of the last section are replaced; other parts are kept.
std::string docx_with_marking(const std::string& docx, const std::string& marking);

// The document with `title` as its title property (docProps/core.xml), which pandoc would only
// write together with a title block printed above the letterhead.
std::string docx_with_title(const std::string& docx, const std::string& title);

// The text of one part of the archive ("word/document.xml"), or nullopt-like "" with `found`
// false; for tests and checks.
std::string docx_part(const std::string& docx, const std::string& name, bool* found = nullptr);

} // namespace panel::render
