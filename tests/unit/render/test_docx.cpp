#include "panel/render/docx.hpp"

#include "panel/core/process.hpp"
#include "tests/unit/support.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace panel;

namespace {

// pandoc's own reference.docx, the one panel starts from when the profile names none.
std::string pandoc_reference()
{
  const auto result = core::run_process({"pandoc", "--print-default-data-file", "reference.docx"}, "");
  return result.status == 0 ? result.out : "";
}

} // namespace

TEST_CASE("docx_with_marking: the header and footer of the last section hold the marking")
{
  const auto reference = pandoc_reference();
  if (reference.empty()) {
    MESSAGE("skipped: pandoc not installed");
    return;
  }
  const auto marked = render::docx_with_marking(reference, "OFFICIAL-SENSITIVE <Bob & Co>");
  bool found = false;
  const auto header = render::docx_part(marked, "word/header1.xml", &found);
  REQUIRE(found);
  CHECK(header.find("<w:hdr ") != std::string::npos);
  CHECK(header.find("OFFICIAL-SENSITIVE &lt;Bob &amp; Co&gt;") != std::string::npos);
  const auto footer = render::docx_part(marked, "word/footer1.xml", &found);
  REQUIRE(found);
  CHECK(footer.find("OFFICIAL-SENSITIVE &lt;Bob &amp; Co&gt;") != std::string::npos);
  CHECK(footer.find("NUMPAGES") != std::string::npos);
  const auto document = render::docx_part(marked, "word/document.xml");
  const auto section = document.rfind("<w:sectPr");
  REQUIRE(section != std::string::npos);
  CHECK(document.find("<w:headerReference w:type=\"default\" r:id=\"rIdPanelHeader\"/>", section) != std::string::npos);
  CHECK(document.find("<w:footerReference w:type=\"default\" r:id=\"rIdPanelFooter\"/>", section) != std::string::npos);
  CHECK(document.find("w:w=\"11906\"", section) != std::string::npos);  // A4
  const auto rels = render::docx_part(marked, "word/_rels/document.xml.rels");
  CHECK(rels.find("Id=\"rIdPanelHeader\"") != std::string::npos);
  CHECK(rels.find("Target=\"footer1.xml\"") != std::string::npos);
  CHECK(render::docx_part(marked, "[Content_Types].xml").find("/word/header1.xml") != std::string::npos);
  // Parts panel does not touch are kept.
  CHECK(render::docx_part(marked, "word/styles.xml") == render::docx_part(reference, "word/styles.xml"));

  // A reference that already has its own default header: ours replaces it in the section, and
  // the new part takes a free name.
  const auto twice = render::docx_with_marking(marked, "SECRET");
  CHECK(render::docx_part(twice, "word/header2.xml").find("SECRET") != std::string::npos);
  const auto document2 = render::docx_part(twice, "word/document.xml");
  CHECK(document2.find("headerReference") == document2.rfind("headerReference"));

  // pandoc still reads a document made with it.
  const auto result = core::run_process({"pandoc", "--from", "docx", "--to", "plain"}, marked);
  CHECK(result.status == 0);
}

TEST_CASE("docx_with_title: the title property without a printed title block")
{
  const auto reference = pandoc_reference();
  if (reference.empty()) {
    MESSAGE("skipped: pandoc not installed");
    return;
  }
  const auto titled = render::docx_with_title(reference, "Warning <letter>");
  CHECK(render::docx_part(titled, "docProps/core.xml").find("<dc:title>Warning &lt;letter&gt;</dc:title>") !=
        std::string::npos);
  CHECK(render::docx_part(titled, "word/document.xml") == render::docx_part(reference, "word/document.xml"));
}

TEST_CASE("docx: a file that is not a Word document is refused saying so")
{
  const auto caught = test::catch_error([] { render::docx_with_marking("not a zip at all", "X"); });
  CHECK(caught.message.find("not a Word document") != std::string::npos);
}
