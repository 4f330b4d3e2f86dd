#pragma once
#include "panel/core/referral.hpp"

#include <istream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace panel::input {

// One referral read from a file, with where each field was written (for messages).
struct ReferralRecord {
  core::Referral referral;
  long line = 0;                       // where the referral starts
  std::map<std::string, long> lines;   // field -> line, where known
  long line_of(const std::string& field) const;
};

// Reads referrals one at a time from YAML (one mapping, or a list under `referrals:`) or CSV
// (a header row of field names, one referral per row). Type errors (a date that is not a date,
// text where a number belongs, an unknown field) throw Error(refused) as
// "<source>:<line>: <field>: <problem>".
class ReferralReader {
public:
  virtual ~ReferralReader() = default;
  // The next referral, or false at the end.
  virtual bool next(ReferralRecord& record) = 0;
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
