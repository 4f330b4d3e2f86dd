#pragma once
#include "cmd/context.hpp"
#include "panel/store/audit.hpp"

#include <functional>
#include <string>
#include <vector>

namespace panel::cmd {

// One round of `$EDITOR` over a text that is then recorded (config edit, minute).
struct EditFlow {
  std::string label;                // the file's name: panel-<label>-XXXXXX.yaml
  std::string text;                 // what the editor opens, after the kept-file line
  std::string kept;                 // "your minutes are", "your edit is"
  std::string it;                   // "them", "it"
  std::vector<std::string> resume;  // the command that goes on from the kept file; "{file}" is its path
  store::AuditMark since;           // the audit log's end, taken before `text` was read: apply checks it
};

// Opens flow.text in the editor, in a file whose first line names the database
// (ops::kept_file_header), and hands what was saved to `apply` (text, file name). The file is
// removed when the text is recorded or was not changed (then false is returned). When the editor
// fails or is stopped by a signal, or `apply` throws, the file is kept and the error says where,
// gives the command that resumes from it (repeating --db and --today, quoted for the shell) and
// asks for the file to be deleted when done.
bool edit_and_apply(Context& ctx, store::Db& db, const EditFlow& flow,
                    const std::function<void(const std::string& text, const std::string& file)>& apply);

// After `text`, read from `file`, was recorded: when the file is panel's own kept file of this
// `label` (the kept-file line, the name panel-<label>-XXXXXX.yaml in the temporary folder), it has
// done its work and holds what was typed, so it is deleted and `deleted` is said ("deleted 'F',
// DELETED"); `failed` is the warning when it cannot be. A file the user made, copied or moved is
// theirs to keep. Standard input ("-") is no file.
void delete_kept_edit(Context& ctx, const std::string& file, const std::string& text, const std::string& label,
                      const std::string& deleted, const std::string& failed);

} // namespace panel::cmd
