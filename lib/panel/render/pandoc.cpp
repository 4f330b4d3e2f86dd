#include "panel/render/pandoc.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/process.hpp"
#include "panel/core/text.hpp"
#include "panel/render/docx.hpp"
#include "panel/render/page.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace panel::render {
namespace {

std::string slurp(const std::string& path)
{
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

// The last lines a program printed, for a message.
std::string said(const core::ProcessResult& result)
{
  std::string why = core::trim(result.err);
  if (why.size() > 600)
    why = "..." + why.substr(why.size() - 600);
  return why;
}

std::string pdf(const std::string& html, const Conversion& how)
{
  core::TemporaryFile output(how.tmpdir, "document", ".pdf");
  output.fd().close(output.path());
  const auto result = core::run_process({"weasyprint", "--quiet", "--encoding", "utf-8", "-", output.path()}, html);
  if (result.status == 127)
    throw refused("PDF output needs weasyprint: apt-get install weasyprint");
  if (result.status != 0)
    throw refused(fmt::format("weasyprint could not make the PDF file: {}", said(result)));
  return slurp(output.path());
}

std::string reference_document(const Conversion& how)
{
  if (!how.reference_docx.empty()) {
    std::ifstream file(how.reference_docx, std::ios::binary);
    if (!file)
      throw refused(fmt::format("the profile's reference Word file '{}' cannot be read (documents.reference_docx)",
                                how.reference_docx));
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
  }
  const auto result = core::run_process({"pandoc", "--print-default-data-file", "reference.docx"}, "");
  if (result.status == 127)
    throw refused("docx output needs pandoc, which is not installed: apt-get install pandoc");
  if (result.status != 0)
    throw refused(fmt::format("pandoc could not give its reference Word file: {}", said(result)));
  return result.out;
}

// The page without its <title>: pandoc prints a title as a block above everything else.
std::string without_title(const std::string& html)
{
  const auto open = html.find("<title>");
  const auto close = html.find("</title>");
  if (open == std::string::npos || close == std::string::npos || close < open)
    return html;
  return html.substr(0, open) + html.substr(close + 8);
}

std::string docx(const std::string& html, const Conversion& how)
{
  std::string reference = reference_document(how);
  if (!how.marking.empty())
    reference = docx_with_marking(reference, how.marking);
  core::TemporaryFile reference_file(how.tmpdir, "reference", ".docx");
  core::write_all(reference_file.fd().get(), reference, reference_file.path());
  reference_file.fd().close(reference_file.path());
  core::TemporaryFile output(how.tmpdir, "document", ".docx");
  output.fd().close(output.path());
  const auto result = core::run_process({"pandoc", "--from", "html", "--to", "docx", "--reference-doc",
                                         reference_file.path(), "--output", output.path()},
                                        without_title(how.marking.empty() ? html : without_marking_paragraphs(html)));
  if (result.status == 127)
    throw refused("docx output needs pandoc, which is not installed: apt-get install pandoc");
  if (result.status != 0)
    throw refused(fmt::format("pandoc could not make the docx file: {}", said(result)));
  return docx_with_title(slurp(output.path()), how.title);
}

} // namespace

std::string convert_html(const std::string& html, const Conversion& how)
{
  return how.format == "pdf" ? pdf(html, how) : docx(html, how);
}

} // namespace panel::render
