#pragma once
#include "panel/core/profile.hpp"
#include "panel/core/referral.hpp"

#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace panel::input {

// One referral read from a file, with where each field was written (for messages).
struct ReferralRecord {
  // A value that could not be read: the field is left unset and the message says why.
  struct Problem {
    long line = 0;
    std::string field;    // the field as referral_fields() names it ("dob", "category")
    std::string message;  // "<source>:<line>: <field>: <problem>"
  };
  core::Referral referral;
  long line = 0;                       // where the referral starts
  std::map<std::string, long> lines;   // field -> line, where known
  std::vector<Problem> problems;       // only with ReadSettings::problems_in_record
  long line_of(const std::string& field) const;
};

// Reads referrals one at a time from YAML (one mapping, or a list under `referrals:`) or CSV
// (a header row of field names, one referral per row). Type errors (a date that is not a date,
// text where a number belongs, an unknown field) throw Error(refused) as
// "<source>:<line>: <field>: <problem>".
// How a reader reads: set by the intake from the profile and the command line before the
// first referral is read.
struct ReadSettings {
  core::DateOrder date_order = core::DateOrder::iso;
  bool strict = false;  // a CSV column that names no field refuses the file instead of a warning
  // Bad values go into ReferralRecord::problems and next() returns the rest of the referral;
  // otherwise next() throws RecordProblem with all of them.
  bool problems_in_record = false;
};

class ReferralReader {
public:
  virtual ~ReferralReader() = default;
  // The next referral, or false at the end. Every bad value of the referral is reported at once
  // (see ReadSettings::problems_in_record); after a RecordProblem the reader can go on.
  virtual bool next(ReferralRecord& record) = 0;
  void configure(const ReadSettings& settings) { m_settings = settings; }
  // What the reader noticed but did not refuse (a column it ignores), "<source>:<line>: ...".
  const std::vector<std::string>& warnings() const { return m_warnings; }
  // For a field a CSV header has no column for: the one problem that stands for "is required" on
  // every row, "<source>:<line>: the column 'received' is missing; ...", naming a header that
  // looks like it. Nothing when the column is there, or the file is not CSV.
  std::optional<std::string> absent_column(const std::string& field) const
  {
    const auto it = m_absent_columns.find(field);
    return it == m_absent_columns.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

protected:
  ReadSettings m_settings;
  std::vector<std::string> m_warnings;
  std::map<std::string, std::string> m_absent_columns;  // field -> its problem
};

enum class FileKind { yaml, csv };

// The kind of a referral file from its name (.csv, .yaml, .yml) or, for "-" and other names,
// from its first line (a CSV header starts with a field name and a comma).
FileKind guess_kind(const std::string& path, const std::string& first_line);

// A reader over `in`, which must outlive it. `source` names the file in messages.
std::unique_ptr<ReferralReader> referral_reader(std::istream& in, const std::string& source, FileKind kind);

// A reader yielding one referral built from (field, text) pairs, as typed on the command line;
// errors name the flag ("--dob: ...").
std::unique_ptr<ReferralReader> referral_from_fields(std::vector<std::pair<std::string, std::string>> fields);

} // namespace panel::input
