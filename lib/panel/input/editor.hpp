#pragma once
#include <map>
#include <string>

namespace panel::input {

// A text opened in the user's editor ($VISUAL, then $EDITOR, then vi), kept in a private file.
struct EditResult {
  std::string path;  // the file the user edited; kept until the caller removes it
  std::string text;  // what the user saved
  bool changed = false;
  // How the editor failed ("the editor 'vi' was stopped by SIGINT", "the editor
  // 'vi' failed (exit 1)"), or "" when it exited 0. The text is read back either way.
  std::string failure;
  bool killed = false;  // the editor was stopped by a signal: what the user typed may be anywhere
};

// Writes `text` to a new 0600 file named panel-<label>-XXXXXX<suffix> in $TMPDIR (or /tmp), runs
// the editor on it without a shell (ignoring Ctrl-C meanwhile, see core::run_attached) and reads
// it back. Error(refused) when there is no editor or the file cannot be made.
EditResult edit_text(const std::string& text, const std::string& label, const std::string& suffix,
                     const std::map<std::string, std::string>& env);
// Removes the file of an edit session once its text is safely stored.
void discard_edit(const EditResult& result);

// Whether `path` is a file edit_text made and kept for `label` (after a refusal, or an editor that
// failed): a regular file named panel-<label>-XXXXXX<suffix> in $TMPDIR (or /tmp), as it named
// it. A file the user made, or moved or copied elsewhere, is not one.
bool kept_edit_file(const std::string& path, const std::string& label, const std::string& suffix,
                    const std::map<std::string, std::string>& env);
// Removes such a file once what it held is recorded; false (with errno) when it could not be.
bool remove_kept_edit(const std::string& path);

} // namespace panel::input
