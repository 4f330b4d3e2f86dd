#pragma once
#include <cstddef>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace panel::profile {

// The longest value a profile holds (an address, the confidentiality statement) and the longest
// one-line value (a name, the marking), in bytes.
inline constexpr std::size_t max_text = 10000;
inline constexpr std::size_t max_line = 200;

// Strict typed access to a parsed YAML document; every failure throws Error(refused) as
// "<source>:<line>: <key path>: <problem>" (no "<source>:<line>: " when source is empty).
class Reader {
public:
  // `stored`: the profile comes from a register, where an older panel may have kept values that
  // the current rules refuse (a carriage return in the marking, a very long name). Those are
  // cleaned for use (control characters removed, a line's breaks made spaces, no length limit)
  // instead of refused: a refusal there would stop every command, 'config set' included, that
  // could put it right. Files and 'config set' values are always checked strictly.
  explicit Reader(std::string source, bool stored = false) : m_source(std::move(source)), m_stored(stored) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& path, const std::string& problem) const;
  // Requires a mapping whose keys are all in `known`.
  void expect_map(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known) const;
  // Requires a sequence (an absent key gives an empty one).
  void expect_list(const YAML::Node& node, const std::string& path) const;
  // The child `key` of a mapping, failing at the mapping when it is required and absent.
  YAML::Node child(const YAML::Node& map, const std::string& path, const std::string& key, bool required) const;
  std::string text(const YAML::Node& node, const std::string& path) const;
  // Text printed on one line (a name, a code, the marking): as text(), and no line break, at
  // most max_line characters.
  std::string line(const YAML::Node& node, const std::string& path) const;
  long integer(const YAML::Node& node, const std::string& path, long min, long max) const;
  bool flag(const YAML::Node& node, const std::string& path) const;
  std::vector<std::string> text_list(const YAML::Node& node, const std::string& path) const;

private:
  std::string m_source;
  bool m_stored = false;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_path(const std::string& path, const std::string& key);

} // namespace panel::profile
