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

namespace panel::ops {

void check_unchanged(store::Db& db, const store::AuditMark& mark, const std::string& what,
                     const std::function<bool(const core::AuditEntry&)>& relevant)
{
  std::vector<core::AuditEntry> changes;
  for (auto& row : store::changes_since(db, mark))
    if (row.entity == "database" || !relevant || relevant(row))
      changes.push_back(std::move(row));
  if (changes.empty())
    return;
  std::vector<std::string> lines;
  for (size_t i = 0; i < changes.size() && i < 5; ++i) {
    const auto& c = changes[i];
    lines.push_back(c.id == 0 ? "  the database file was replaced (restored?)"
                              : fmt::format("  {} ({} {} {}) by {} at {}", c.command, c.action, c.entity, c.record,
                                            c.user, c.at));
  }
  if (changes.size() > 5)
    lines.push_back(fmt::format("  and {} more ('panel audit' lists them)", changes.size() - 5));
  throw refused(fmt::format("{} changed while you were editing ({} change{}):\n{}\nnothing was recorded, so that "
                            "your text does not undo {}",
                            what, changes.size(), changes.size() == 1 ? "" : "s", core::join(lines, "\n"),
                            changes.size() == 1 ? "it" : "them"));
}

} // namespace panel::ops
