#include "panel/input/editor.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/process.hpp"
#include "panel/input/file.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace panel::input {
namespace {

std::string lookup(const std::map<std::string, std::string>& env, const std::string& name)
{
  const auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

// "code --wait" -> {"code", "--wait"}: editors are often given with arguments.
std::vector<std::string> split_words(const std::string& command)
{
  std::istringstream in(command);
  std::vector<std::string> words;
  for (std::string word; in >> word;)
    words.push_back(word);
  return words;
}

} // namespace

EditResult edit_text(const std::string& text, const std::string& label, const std::string& suffix,
                     const std::map<std::string, std::string>& env)
{
  std::string editor = split_words(lookup(env, "VISUAL")).empty() ? "" : lookup(env, "VISUAL");
  if (editor.empty())
    editor = lookup(env, "EDITOR");
  if (editor.empty())
    editor = "vi";
  auto argv = split_words(editor);
  if (argv.empty())
    throw refused("the editor variable is blank; set VISUAL or EDITOR");

  std::string folder = lookup(env, "TMPDIR");
  if (folder.empty())
    folder = "/tmp";
  // Private (0600): the text may hold personal data. Kept after an editor fails (discard_edit).
  core::TemporaryFile file(folder, label, suffix);
  core::write_all(file.fd().get(), text, file.path());
  file.fd().close(file.path());
  const std::string path = file.release();

  argv.push_back(path);
  const auto ended = core::run_attached(argv);
  EditResult result{path, read_file(path), false, "", ended.signal != 0};
  result.changed = result.text != text;
  if (!ended.not_started.empty()) {
    result.failure = fmt::format("cannot run the editor '{}': {}", editor, ended.not_started);
  } else if (ended.signal) {
    const char* name = ::sigabbrev_np(ended.signal);  // "INT": not translated, unlike strsignal
    result.failure = name ? fmt::format("the editor '{}' was stopped by SIG{}", editor, name)
                          : fmt::format("the editor '{}' was stopped by signal {}", editor, ended.signal);
  } else if (ended.code) {
    result.failure = fmt::format("the editor '{}' failed (exit {})", editor, ended.code);
  }
  return result;
}

void discard_edit(const EditResult& result) { ::unlink(result.path.c_str()); }

bool kept_edit_file(const std::string& path, const std::string& label, const std::string& suffix,
                    const std::map<std::string, std::string>& env)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file(path);
  // Not through a link: only the file panel made itself.
  if (!fs::is_regular_file(fs::symlink_status(file, ec)))
    return false;
  const auto name = file.filename().string();
  const auto prefix = "panel-" + label + "-";
  if (name.size() != prefix.size() + 6 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
    return false;
  for (size_t i = prefix.size(); i < prefix.size() + 6; ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i])))
      return false;
  std::string folder = lookup(env, "TMPDIR");
  if (folder.empty())
    folder = "/tmp";
  const auto here = fs::weakly_canonical(fs::absolute(file, ec).parent_path(), ec);
  const auto kept_in = fs::weakly_canonical(fs::path(folder), ec);
  return !ec && here == kept_in;
}

bool remove_kept_edit(const std::string& path) { return ::unlink(path.c_str()) == 0; }

} // namespace panel::input
