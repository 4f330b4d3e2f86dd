#pragma once
#include <string>

namespace panel::render {

// How panel's HTML page of a document becomes DOCX or PDF.
struct Conversion {
  std::string format;          // "docx" or "pdf"
  std::string title;           // the document's title property (DOCX), not printed
  std::string marking;         // DOCX: in the header and footer of every page ("" for none)
  std::string reference_docx;  // DOCX: the house-style Word file, or "" for pandoc's own
  std::string tmpdir;          // for the intermediate files, which are removed
};

// Converts a whole HTML page (html_page) and returns the bytes of the result. PDF is printed by
// WeasyPrint from the page's own print stylesheet (marking and page numbers on every page);
// DOCX is made by pandoc with a reference document whose header and footer hold the marking,
// with the <title> left out so that no title block stands above the letterhead. Error(refused)
// saying what to install when weasyprint or pandoc is missing, naming an unreadable reference
// document, or with the program's own message when it fails.
std::string convert_html(const std::string& html, const Conversion& how);

} // namespace panel::render
