#include "panel/input/csv.hpp"

#include "panel/core/error.hpp"
#include "panel/core/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>

namespace panel::input {

namespace {

// Bytes that end a run of plain text in an unquoted field; a table lookup beats four compares.
constexpr std::array<bool, 256> stops = [] {
  std::array<bool, 256> table{};
  table[static_cast<unsigned char>(',')] = true;
  table[static_cast<unsigned char>('\n')] = true;
  table[static_cast<unsigned char>('\r')] = true;
  table[static_cast<unsigned char>('"')] = true;
  return table;
}();

// Field `index` of the record, emptied but keeping its capacity, so records reuse their storage.
std::string& slot(std::vector<std::string>& fields, std::size_t index)
{
  if (index == fields.size())
    return fields.emplace_back();
  fields[index].clear();
  return fields[index];
}

} // namespace

CsvReader::CsvReader(std::istream& in, std::string source)
    : m_in(in), m_source(std::move(source)), m_buffer(std::make_unique<char[]>(chunk_size))
{
}

bool CsvReader::next(CsvRecord& record)
{
  if (!m_started) {
    m_started = true;
    if (refill() && m_end - m_pos >= 3 && std::memcmp(m_pos, "\xEF\xBB\xBF", 3) == 0)
      m_pos += 3;
  }
  for (;;) {
    if (m_pos == m_end && !refill())
      return false;
    record.line = m_line;
    std::size_t count = 0;
    bool first_quoted = false;
    End end = End::field;
    while (end == End::field) {
      std::string& field = slot(record.fields, count++);
      const long field_line = m_line;
      // A field can start right at the end of a chunk: look at its first byte in the next one.
      const bool quoted = (m_pos != m_end || refill()) && *m_pos == '"';
      if (count == 1)
        first_quoted = quoted;
      end = quoted ? read_quoted(field, field_line) : read_unquoted(field, field_line);
      if (!core::valid_utf8(field))
        fail(field_line, fmt::format("{}: not valid UTF-8 text (in Excel, save as 'CSV UTF-8'; elsewhere, save the file as "
                                     "UTF-8)",
                                     count <= m_header.size() ? m_header[count - 1] : fmt::format("field {}", count)));
    }
    record.fields.resize(count);
    // A zero-length line is not a record of one empty field: skip it (it still counted as a line).
    if (count == 1 && !first_quoted && record.fields[0].empty())
      continue;
    if (m_header.empty())
      m_header = record.fields;  // the column names, for messages about the rows below
    return true;
  }
}

bool CsvReader::refill()
{
  m_in.read(m_buffer.get(), static_cast<std::streamsize>(chunk_size));
  if (m_in.bad())
    fail(m_line, "cannot read the input");
  m_pos = m_buffer.get();
  m_end = m_pos + m_in.gcount();
  return m_pos != m_end;
}

CsvReader::End CsvReader::read_unquoted(std::string& field, long field_line)
{
  for (;;) {
    if (m_pos == m_end && !refill())
      return End::input;
    const char* start = m_pos;
    while (m_pos != m_end && !stops[static_cast<unsigned char>(*m_pos)])
      ++m_pos;
    append(field, start, m_pos, field_line);
    if (m_pos == m_end)
      continue;
    switch (*m_pos++) {
    case ',':
      return End::field;
    case '\n':
      ++m_line;
      return End::record;
    case '"':
      fail(m_line, "quote in the middle of an unquoted field");
    default:  // '\r': a line end when LF follows (or the input ends), otherwise data
      if (m_pos == m_end && !refill())
        return End::input;
      if (*m_pos == '\n') {
        ++m_pos;
        ++m_line;
        return End::record;
      }
      static constexpr char cr = '\r';
      append(field, &cr, &cr + 1, field_line);
    }
  }
}

CsvReader::End CsvReader::read_quoted(std::string& field, long field_line)
{
  ++m_pos;  // the opening quote
  for (;;) {
    if (m_pos == m_end && !refill())
      fail(field_line, "quoted field is not closed before the end of the input");
    const auto* quote = static_cast<const char*>(std::memchr(m_pos, '"', static_cast<std::size_t>(m_end - m_pos)));
    const char* stop = quote ? quote : m_end;
    m_line += std::count(m_pos, stop, '\n');
    append(field, m_pos, stop, field_line);
    m_pos = stop;
    if (!quote)
      continue;
    ++m_pos;
    if (m_pos == m_end && !refill())
      return End::input;
    switch (*m_pos) {
    case '"':  // a doubled quote stands for one
      append(field, m_pos, m_pos + 1, field_line);
      ++m_pos;
      continue;
    case ',':
      ++m_pos;
      return End::field;
    case '\n':
      ++m_pos;
      ++m_line;
      return End::record;
    case '\r':
      ++m_pos;
      if (m_pos == m_end && !refill())
        return End::input;
      if (*m_pos == '\n') {
        ++m_pos;
        ++m_line;
        return End::record;
      }
      break;
    }
    fail(m_line, "text after a closing quote");
  }
}

void CsvReader::append(std::string& field, const char* begin, const char* end, long field_line) const
{
  // Checked before appending, so a runaway field cannot grow memory past the limit.
  if (field.size() + static_cast<std::size_t>(end - begin) > max_field_size)
    fail(field_line, fmt::format("field longer than {} bytes", max_field_size));
  field.append(begin, end);
}

void CsvReader::fail(long line, const std::string& problem) const
{
  throw refused(fmt::format("{}:{}: {}", m_source, line, problem));
}

} // namespace panel::input
