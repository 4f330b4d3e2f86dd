#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace panel::core {

// A record of a generated document: which template made it, about what, and a hash of exactly
// what was produced, so that a letter on file can be checked against the register.
struct DocumentRecord {
  std::string template_name, template_source, template_sha256;
  std::string reference;  // the referral, case or case review it is about
  std::optional<std::int64_t> referral_id, case_id, case_review_id;
  std::string format, path;  // path is "" when written to standard output
  std::string output_sha256;
  std::string created_at, created_by;
};

} // namespace panel::core
