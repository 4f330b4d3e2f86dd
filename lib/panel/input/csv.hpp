#pragma once
#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace panel::input {

// One CSV record: its fields in file order and where it starts.
struct CsvRecord {
  std::vector<std::string> fields;
  long line = 0;  // 1-based physical line where the record starts (quoted newlines make records span lines)
};

// A streaming RFC 4180 reader: comma-separated, LF or CRLF line ends (mixed too), quoted fields
// with "" escapes and embedded newlines, a leading UTF-8 BOM skipped, blank lines skipped.
// Memory stays flat: the input is read in fixed chunks and records reuse their storage.
class CsvReader {
public:
  // Reads from `in` (not owned, must outlive the reader); `source` names the input in errors.
  CsvReader(std::istream& in, std::string source);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record into `record` (its storage is reused), or false at the end of input.
  // Throws Error(refused) "<source>:<line>: <problem>" on malformed input.
  bool next(CsvRecord& record);
  // The current physical line, 1-based.
  long line() const { return m_line; }

  static constexpr std::size_t chunk_size = 64 * 1024;
  static constexpr std::size_t max_field_size = 1'000'000;

private:
  enum class End { field, record, input };

  bool refill();
  End read_unquoted(std::string& field, long field_line);
  End read_quoted(std::string& field, long field_line);
  void append(std::string& field, const char* begin, const char* end, long field_line) const;
  [[noreturn]] void fail(long line, const std::string& problem) const;

  std::istream& m_in;
  std::string m_source;
  std::unique_ptr<char[]> m_buffer;
  const char* m_pos = nullptr;
  const char* m_end = nullptr;
  long m_line = 1;
  bool m_started = false;
  std::vector<std::string> m_header;  // the first record: column names for messages
};

} // namespace panel::input
