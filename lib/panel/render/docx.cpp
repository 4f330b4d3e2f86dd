#include "panel/render/docx.hpp"

#include "panel/core/error.hpp"
#include "panel/render/markdown.hpp"

#include <fmt/format.h>
#include <cstdlib>
#include <cstring>
#include <new>
#include <map>
#include <memory>
#include <zip.h>

namespace panel::render {
namespace {

const char* const not_word = "the file is not a Word document (.docx)";

// An archive opened from bytes in memory: parts are read, replaced or added, then saved to bytes.
class Archive {
public:
  explicit Archive(const std::string& bytes)
  {
    zip_error_t error;
    zip_error_init(&error);
    // libzip gets its own copy to free: after writing, libzip 1.7 frees the buffer a source was
    // made from even when told not to (found with valgrind: a string's memory freed by libzip).
    m_source = zip_source_buffer_create(copy(bytes), bytes.size(), 1, &error);
    if (m_source)
      m_zip = zip_open_from_source(m_source, 0, &error);
    zip_error_fini(&error);
    if (!m_zip) {
      if (m_source)
        zip_source_free(m_source);
      throw refused(not_word);
    }
    zip_source_keep(m_source);  // kept past zip_close, to read the saved bytes from
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive()
  {
    if (m_zip)
      zip_discard(m_zip);
    zip_source_free(m_source);
  }

  bool has(const std::string& name) const { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

  std::string read(const std::string& name) const
  {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(m_zip, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
      throw refused(fmt::format("{}: it has no {}", not_word, name));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(m_zip, name.c_str(), 0), zip_fclose);
    std::string text(st.size, '\0');
    if (!file || zip_fread(file.get(), text.data(), st.size) != static_cast<zip_int64_t>(st.size))
      throw refused(fmt::format("{}: its {} cannot be read", not_word, name));
    return text;
  }

  void write(const std::string& name, const std::string& text)
  {
    zip_source_t* source = zip_source_buffer(m_zip, copy(text), text.size(), 1);
    if (!source || zip_file_add(m_zip, name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (source)
        zip_source_free(source);
      throw refused(fmt::format("could not write {} into the Word document", name));
    }
  }

  std::string save()
  {
    if (zip_close(m_zip) != 0)
      throw refused(fmt::format("could not save the Word document: {}", zip_strerror(m_zip)));
    m_zip = nullptr;
    std::string bytes;
    if (zip_source_open(m_source) != 0)
      throw refused("could not read back the Word document");
    char chunk[65536];
    zip_int64_t n = 0;
    while ((n = zip_source_read(m_source, chunk, sizeof chunk)) > 0)
      bytes.append(chunk, static_cast<size_t>(n));
    zip_source_close(m_source);
    if (n < 0)
      throw refused("could not read back the Word document");
    return bytes;
  }

private:
  zip_source_t* m_source = nullptr;
  zip_t* m_zip = nullptr;

  // A copy of `bytes` in memory from malloc, which libzip frees with the source made from it.
  static void* copy(const std::string& bytes)
  {
    void* data = std::malloc(bytes.empty() ? 1 : bytes.size());
    if (!data)
      throw std::bad_alloc();
    std::memcpy(data, bytes.data(), bytes.size());
    return data;
  }
};

std::string xml_text(const std::string& text) { return html_escape(text); }

std::string paragraph(const std::string& text, const char* align)
{
  return fmt::format("<w:p><w:pPr><w:jc w:val=\"{}\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}"
                     "</w:t></w:r></w:p>",
                     align, xml_text(text));
}

const char* const w_namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string header_part(const std::string& marking)
{
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {}>{}</w:hdr>", w_namespace,
                     paragraph(marking, "center"));
}

std::string footer_part(const std::string& marking)
{
  const std::string number =
      "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
      "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
      "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>"
      "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>";
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {}>{}{}</w:ftr>", w_namespace,
                     paragraph(marking, "center"), number);
}

// Removes every element `<tag .../>` whose text contains `has` from `xml`.
void remove_empty_elements(std::string& xml, const std::string& tag, const std::string& has)
{
  for (size_t at = xml.find("<" + tag); at != std::string::npos; at = xml.find("<" + tag, at)) {
    const auto end = xml.find("/>", at);
    if (end == std::string::npos)
      return;
    if (xml.substr(at, end - at).find(has) != std::string::npos)
      xml.erase(at, end + 2 - at);
    else
      at = end;
  }
}

// A part name word/<stem>N.xml that the archive does not hold yet.
std::string free_name(const Archive& archive, const std::string& stem)
{
  for (int n = 1;; ++n)
    if (const auto name = fmt::format("word/{}{}.xml", stem, n); !archive.has(name))
      return name;
}

} // namespace

std::string docx_with_marking(const std::string& docx, const std::string& marking)
{
  Archive archive(docx);
  std::string document = archive.read("word/document.xml");
  std::string rels = archive.read("word/_rels/document.xml.rels");
  std::string types = archive.read("[Content_Types].xml");
  const std::string header = free_name(archive, "header");
  const std::string footer = free_name(archive, "footer");
  archive.write(header, header_part(marking));
  archive.write(footer, footer_part(marking));

  const auto rels_end = rels.rfind("</Relationships>");
  const auto types_end = types.rfind("</Types>");
  const auto body_end = document.rfind("</w:body>");
  if (rels_end == std::string::npos || types_end == std::string::npos || body_end == std::string::npos)
    throw refused(fmt::format("{}: its parts are not in the form Word writes", not_word));
  const std::string office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  rels.insert(rels_end, fmt::format("<Relationship Id=\"rIdPanelHeader\" Type=\"{0}header\" Target=\"{1}\"/>"
                                    "<Relationship Id=\"rIdPanelFooter\" Type=\"{0}footer\" Target=\"{2}\"/>",
                                    office, header.substr(5), footer.substr(5)));
  const std::string wordml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  types.insert(types_end, fmt::format("<Override PartName=\"/{}\" ContentType=\"{}header+xml\"/>"
                                      "<Override PartName=\"/{}\" ContentType=\"{}footer+xml\"/>",
                                      header, wordml, footer, wordml));

  // The body's last sectPr is the page setup pandoc copies into every document it writes.
  const std::string references = "<w:headerReference w:type=\"default\" r:id=\"rIdPanelHeader\"/>"
                                 "<w:footerReference w:type=\"default\" r:id=\"rIdPanelFooter\"/>";
  auto section = document.rfind("<w:sectPr", body_end);
  if (section != std::string::npos) {
    // An empty <w:sectPr/> (pandoc's own reference has one) is replaced by a whole one.
    const auto open_end = document.find('>', section);
    if (open_end != std::string::npos && document[open_end - 1] == '/') {
      document.erase(section, open_end + 1 - section);
      section = std::string::npos;
    }
  }
  const auto end_of_body = document.rfind("</w:body>");
  if (section == std::string::npos) {
    document.insert(end_of_body, "<w:sectPr>" + references +
                                  "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                                  "<w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1418\" w:left=\"1134\" "
                                  "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>");
  } else {
    const auto open_end = document.find('>', section);
    std::string rest = document.substr(open_end + 1, end_of_body - open_end - 1);
    remove_empty_elements(rest, "w:headerReference", "w:type=\"default\"");
    remove_empty_elements(rest, "w:footerReference", "w:type=\"default\"");
    document = document.substr(0, open_end + 1) + references + rest + document.substr(end_of_body);
  }
  if (document.find("xmlns:r=") == std::string::npos) {
    const auto root = document.find("<w:document");
    if (root == std::string::npos)
      throw refused(fmt::format("{}: its parts are not in the form Word writes", not_word));
    document.insert(root + 11, " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"");
  }
  archive.write("word/document.xml", std::move(document));
  archive.write("word/_rels/document.xml.rels", std::move(rels));
  archive.write("[Content_Types].xml", std::move(types));
  return archive.save();
}

std::string docx_with_title(const std::string& docx, const std::string& title)
{
  Archive archive(docx);
  std::string core = archive.read("docProps/core.xml");
  const auto open = core.find("<dc:title");
  const auto close = core.find("</dc:title>");
  const std::string element = "<dc:title>" + xml_text(title) + "</dc:title>";
  if (open != std::string::npos && close != std::string::npos && close > open) {
    core.replace(open, close + 11 - open, element);
  } else if (const auto self = core.find("<dc:title/>"); self != std::string::npos) {
    core.replace(self, 11, element);
  } else if (const auto end = core.rfind("</cp:coreProperties>"); end != std::string::npos) {
    core.insert(end, element);
  } else {
    throw refused(fmt::format("{}: its docProps/core.xml is not in the form Word writes", not_word));
  }
  archive.write("docProps/core.xml", std::move(core));
  return archive.save();
}

std::string docx_part(const std::string& docx, const std::string& name, bool* found)
{
  Archive archive(docx);
  const bool has = archive.has(name);
  if (found)
    *found = has;
  return has ? archive.read(name) : std::string();
}

} // namespace panel::render
