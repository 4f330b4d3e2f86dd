#pragma once
// Typed values from the text of a field, shared by the YAML and CSV referral readers.
#include "panel/core/error.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/referral.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::input {

// Where a field was given, for messages: "<source>:<line>: <field>", or "--<field-with-dashes>"
// when `source` is empty (the value came from a command-line flag).
std::string where(const std::string& source, long line, const std::string& field);

// A problem with one value of one referral: the reader can go on to the next referral, so that
// a file's problems are all reported at once. (A syntax error, by contrast, ends the file.)
class RecordProblem : public Error {
public:
  explicit RecordProblem(const std::string& message, long line = 0)
      : Error(Exit::refused, message), m_messages{message}, m_line(line)
  {
  }
  // Several problems of one record (or of a CSV header), each "<where>: <problem>".
  explicit RecordProblem(const std::vector<std::string>& messages, long line);
  const std::vector<std::string>& messages() const { return m_messages; }
  // The line the (first) problem is on, 0 when not known.
  long line() const { return m_line; }

private:
  std::vector<std::string> m_messages;
  long m_line = 0;
};

// Throws RecordProblem "<where>: <problem>".
[[noreturn]] void field_error(const std::string& source, long line, const std::string& field, const std::string& problem);

// Sets one flat referral field (the names of core::referral_fields()) from its text. An empty
// text leaves the field unset. Returns false for a field name it does not know.
// Dates are read in `order` (ISO always).
bool set_field(core::Referral& referral, const std::string& field, const std::string& text,
               const std::string& source, long line, core::DateOrder order = core::DateOrder::iso);

// The flat referral fields, for readers that look a field up once (a CSV column) rather than by
// name for every value.
enum class Field {
  received, agency, referrer, referrer_email, source_ref, person, name, dob, gender, postcode, address, resident, bame,
  lgbt, disability, role, category, vulnerable, risk_level, risk_score, risk_instrument, incidents_12m,
  agencies_involved, children, professional_judgement, consent, consent_rationale, summary, other_parties
};
// The field with this name of core::referral_fields(), or nothing.
std::optional<Field> field_named(const std::string& name);
// set_field for a field looked up already; `name` is its name, for messages.
void set_field(core::Referral& referral, Field field, const std::string& name, const std::string& text,
               const std::string& source, long line, core::DateOrder order = core::DateOrder::iso);

// The names a field may also be written as ("referrer-email" for "referrer_email",
// "categories" for "category"): returns the canonical name, or "" when unknown.
std::string canonical_field(const std::string& name);

// Other parties written as text (a CSV cell, a --party flag): people separated by ';', each
// NAME|DOB|ROLE|RELATIONSHIP with the later parts optional ("Mia Brown|2012-05-03|child|daughter;
// Lee Brown||perpetrator"). They are appended to `into`, numbered on from the ones there already.
void parse_parties(std::vector<core::OtherParty>& into, const std::string& text, const std::string& source, long line,
                   core::DateOrder order = core::DateOrder::iso);

// A date field (input/dates.hpp); a text that is not a date throws RecordProblem naming the reason.
std::optional<core::Date> parse_date(const std::string& text, const std::string& source, long line,
                                     const std::string& field, core::DateOrder order = core::DateOrder::iso);

// A UK postcode in its canonical form ("ex11aa" -> "EX1 1AA"), or nothing when the text does
// not have a postcode's shape ("NFA", "no fixed abode").
std::optional<std::string> tidy_postcode(const std::string& text);

// An address as the register keeps it: one line per line of the address, each trimmed, blank
// lines left out, joined with '\n'. Lines are separated by line breaks or by ';' (a flag or a
// one-line CSV cell: "12 O'Brien Court; London EC2Y 8DS"); commas stay inside a line.
std::string tidy_address(const std::string& text);

} // namespace panel::input
