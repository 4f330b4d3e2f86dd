#include "panel/profile/documents.hpp"

#include <cctype>
#include <filesystem>
#include <fmt/format.h>

namespace panel::profile {
namespace {

std::string resolved(const Reader& r, const YAML::Node& node, const std::string& path, const std::string& source,
                     bool stored, const char* what)
{
  const std::string given = r.line(node, path);
  if (given.empty())
    return "";
  std::filesystem::path file(given);
  if (file.is_relative() && !source.empty())
    file = std::filesystem::absolute(source).parent_path() / file;
  file = std::filesystem::absolute(file).lexically_normal();
  std::error_code error;
  if (!stored && !std::filesystem::is_regular_file(file, error))
    r.fail(node, path, fmt::format("no {} file '{}' (paths are relative to the profile file's folder)", what, file.string()));
  return file.string();
}

} // namespace

core::DocumentSettings read_documents(const Reader& r, const YAML::Node& node, const std::string& source, bool stored)
{
  core::DocumentSettings s;
  if (!node || node.IsNull())
    return s;
  r.expect_map(node, "documents", {"reference_docx", "letterhead", "font"});
  s.reference_docx = resolved(r, node["reference_docx"], "documents.reference_docx", source, stored, "Word");
  if (!s.reference_docx.empty() && std::filesystem::path(s.reference_docx).extension() != ".docx")
    r.fail(node["reference_docx"], "documents.reference_docx", "a reference document is a Word .docx file");
  if (const YAML::Node head = node["letterhead"]; head && !head.IsNull()) {
    r.expect_map(head, "documents.letterhead", {"logo", "address"});
    s.logo = resolved(r, head["logo"], "documents.letterhead.logo", source, stored, "logo");
    if (!s.logo.empty()) {
      auto extension = std::filesystem::path(s.logo).extension().string();
      for (auto& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (extension != ".png" && extension != ".jpg" && extension != ".jpeg" && extension != ".gif" && extension != ".svg")
        r.fail(head["logo"], "documents.letterhead.logo", "a logo is a .png, .jpg, .gif or .svg image");
    }
    s.address = r.text(head["address"], "documents.letterhead.address");
  }
  s.font = r.line(node["font"], "documents.font");
  if (s.font.find_first_of("\"';{}<>\\") != std::string::npos)
    r.fail(node["font"], "documents.font", "a font is a name such as Arial, without quotes or punctuation");
  return s;
}

void emit_documents(YAML::Emitter& out, const core::DocumentSettings& s)
{
  if (s.reference_docx.empty() && s.logo.empty() && s.address.empty() && s.font.empty())
    return;
  out << YAML::Key << "documents" << YAML::Value << YAML::BeginMap;
  if (!s.reference_docx.empty())
    out << YAML::Key << "reference_docx" << YAML::Value << s.reference_docx;
  if (!s.logo.empty() || !s.address.empty()) {
    out << YAML::Key << "letterhead" << YAML::Value << YAML::BeginMap;
    if (!s.logo.empty())
      out << YAML::Key << "logo" << YAML::Value << s.logo;
    if (!s.address.empty())
      out << YAML::Key << "address" << YAML::Value << YAML::Literal << s.address;
    out << YAML::EndMap;
  }
  if (!s.font.empty())
    out << YAML::Key << "font" << YAML::Value << s.font;
  out << YAML::EndMap;
}

} // namespace panel::profile
