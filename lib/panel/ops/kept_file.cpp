#include "panel/ops/kept_file.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/store/audit.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace panel::ops {
namespace {

constexpr std::string_view marker = "# panel: database ";

std::string absolute(const std::string& path) { return std::filesystem::absolute(path).lexically_normal().string(); }

} // namespace

std::string kept_file_header(store::Db& db)
{
  return fmt::format("{}{} {}\n", marker, absolute(db.path()), store::register_id(db));
}

std::optional<KeptFrom> kept_from(std::string_view text)
{
  if (!text.starts_with(marker))
    return std::nullopt;
  const auto line = core::trim(text.substr(marker.size(), text.find('\n') - marker.size()));
  // The id is the last word; the path, which may hold spaces, is the rest.
  const auto space = line.rfind(' ');
  if (space == std::string::npos)
    return KeptFrom{"", line};
  return KeptFrom{core::trim(line.substr(0, space)), line.substr(space + 1)};
}

void check_kept_file(store::Db& db, std::string_view text, const std::string& source)
{
  const auto from = kept_from(text);
  if (!from)
    return;
  const auto id = store::register_id(db);
  if (from->id == id)
    return;
  throw refused(fmt::format("{}:1: this file was kept from the database '{}' (register {}), not '{}' (register {}): "
                            "run the command with --db {}, or delete that line to use the file here",
                            source, from->path, from->id, absolute(db.path()), id, core::shell_quote(from->path)));
}

} // namespace panel::ops
