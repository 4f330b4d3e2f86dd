#include "cmd/editing.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"
#include "panel/input/editor.hpp"
#include "panel/ops/kept_file.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace panel::cmd {
namespace {

// "panel --db /srv/panel/marac.db --today 2017-09-04 minute 2017-09-12 --file /tmp/x.yaml": the
// database as an absolute path, since the command may be run in another folder or shell (where
// PANEL_DB and PANEL_TODAY may differ or be unset).
std::string resume_command(const Context& ctx, const std::vector<std::string>& resume, const std::string& file)
{
  std::vector<std::string> words = {"panel", "--db",
                                    core::shell_quote(std::filesystem::absolute(ctx.db_path).lexically_normal().string())};
  if (!ctx.flags.today.empty() || !ctx.getenv("PANEL_TODAY").empty())
    words.insert(words.end(), {"--today", ctx.today.iso()});
  for (const auto& word : resume)
    words.push_back(core::shell_quote(word == "{file}" ? file : word));
  return core::join(words, " ");
}

// "your minutes are kept in '/tmp/panel-minutes-x.yaml'; fix them and run: ...".
std::string where_kept(const Context& ctx, const EditFlow& flow, const std::string& path, const char* verb)
{
  return fmt::format("{} kept in '{}'; {} {} and run:\n  {}\nthen delete the file: it holds personal data", flow.kept, path,
                     verb, flow.it, resume_command(ctx, flow.resume, path));
}

} // namespace

bool edit_and_apply(Context& ctx, store::Db& db, const EditFlow& flow,
                    const std::function<void(const std::string& text, const std::string& file)>& apply)
{
  const auto session = input::edit_text(ops::kept_file_header(db) + flow.text, flow.label, ".yaml", ctx.env);
  if (!session.failure.empty()) {
    // Nothing typed can be lost: a signal may have stopped the editor before it saved (its swap
    // file names this file), so only a file left as it was by an editor that exited goes.
    if (!session.changed && !session.killed) {
      input::discard_edit(session);
      throw refused(session.failure + "; nothing was changed");
    }
    throw refused(session.failure + "\n" + where_kept(ctx, flow, session.path, "finish"));
  }
  if (!session.changed) {
    input::discard_edit(session);
    return false;
  }
  try {
    apply(session.text, session.path);
  } catch (const Error& e) {
    throw Error(e.code(), std::string(e.what()) + "\n" + where_kept(ctx, flow, session.path, "fix"));
  } catch (...) {
    // A database error (locked past the busy timeout, say) is reported by the top-level catch;
    // say first where the text is.
    ctx.err << "panel: " << where_kept(ctx, flow, session.path, "check") << '\n';
    throw;
  }
  input::discard_edit(session);
  return true;
}

void delete_kept_edit(Context& ctx, const std::string& file, const std::string& text, const std::string& label,
                      const std::string& deleted, const std::string& failed)
{
  if (file == "-" || !ops::kept_from(text) || !input::kept_edit_file(file, label, ".yaml", ctx.env))
    return;
  if (input::remove_kept_edit(file))
    ctx.note(fmt::format("deleted '{}', {}", file, deleted));
  else
    ctx.warn(fmt::format("could not delete '{}', {}", file, failed));
}

} // namespace panel::cmd
