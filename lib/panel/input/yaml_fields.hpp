#pragma once
#include "panel/core/date.hpp"
#include "panel/core/minutes.hpp"
#include "panel/core/profile.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace panel::input {

// The line of a node in its file (1 when it has none).
long line_of(const YAML::Node& n);

// True when a key is missing, empty or only spaces (a value the user did not give).
bool blank(const YAML::Node& n);

// Parses a YAML file the user wrote (load_document); nothing, and its problem "<file>:<line>: ...",
// when it is not UTF-8, not YAML, more than one document or tagged.
std::optional<YAML::Node> load_yaml(std::string_view text, const std::string& file, std::vector<std::string>& problems);

// The longest text one field of a minutes, complaints or outcome file may hold, in characters (the
// same as a referral's summary).
inline constexpr std::size_t max_field_chars = 20000;

// Reads typed fields from a YAML file the user wrote, collecting every problem as
// "<file>:<line>: <field>: <problem>" and going on, so all of them are reported at once.
class FieldReader {
public:
  // Dates are read in `order` (the profile's input.date_order): ISO always, dd/mm/yyyy with dmy.
  FieldReader(std::string file, std::vector<std::string>& problems, core::DateOrder order = core::DateOrder::iso)
      : m_file(std::move(file)), m_problems(problems), m_order(order)
  {
  }

  void problem(const YAML::Node& at, const std::string& field, const std::string& text);
  // Trimmed text; "" when absent; a problem for a list, a mapping or control characters.
  std::string text(const YAML::Node& n, const std::string& field);
  std::optional<core::Date> date(const YAML::Node& n, const std::string& field);
  // true/yes or false/no.
  std::optional<bool> flag(const YAML::Node& n, const std::string& field);
  // Requires a mapping with only `known` keys (suggesting the nearest for a typo); false when
  // it is not a mapping.
  bool keys(const YAML::Node& n, const std::string& field, const std::vector<std::string>& known);
  // A list of actions, each {owner, description, due}, all three required; with `with_id`, each
  // may also name the recorded action it is (`id: A-12`, amended minutes).
  std::vector<core::NewAction> actions(const YAML::Node& list, const std::string& field, bool with_id = false);

private:
  std::string m_file;
  std::vector<std::string>& m_problems;
  core::DateOrder m_order;
};

} // namespace panel::input
