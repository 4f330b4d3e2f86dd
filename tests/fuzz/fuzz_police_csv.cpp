// libFuzzer target: data.police.uk street CSV files (input::PoliceReader), read as `panel
// incidents import` does: a bad value (RecordProblem) is reported and reading goes on, any
// other panel::Error ends the file. The same bytes also go through the plain input::CsvReader,
// as they are and, when the input's size is a multiple of 4, behind a padding record that puts
// the middle of the input on the reader's 64 KiB chunk boundary (inputs are far smaller than a
// chunk otherwise, so the code that carries a field, a quote or a CR over into the next chunk
// would never run).
// panel::Error is the library refusing bad input; anything else crashes.
#include "panel/core/error.hpp"
#include "panel/input/csv.hpp"
#include "panel/input/police.hpp"
#include "panel/input/values.hpp"

#include <cstddef>
#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A read-only stream over pieces of memory, one after the other, without copying them.
class Pieces : public std::streambuf {
public:
  explicit Pieces(std::vector<std::string_view> pieces) : m_pieces(std::move(pieces)) { next_piece(); }

protected:
  int_type underflow() override
  {
    while (gptr() == egptr()) {
      if (m_next == m_pieces.size())
        return traits_type::eof();
      next_piece();
    }
    return traits_type::to_int_type(*gptr());
  }

private:
  void next_piece()
  {
    if (m_next == m_pieces.size())
      return;
    auto* begin = const_cast<char*>(m_pieces[m_next].data());
    setg(begin, begin, begin + m_pieces[m_next].size());
    ++m_next;
  }

  std::vector<std::string_view> m_pieces;
  std::size_t m_next = 0;
};

void read_csv(std::vector<std::string_view> pieces)
{
  Pieces buffer(std::move(pieces));
  std::istream in(&buffer);
  panel::input::CsvReader reader(in, "fuzz.csv");
  panel::input::CsvRecord record;
  try {
    while (reader.next(record))
      (void)reader.line();
  } catch (const panel::Error&) {
  }
}

void read_police(std::string_view text)
{
  Pieces buffer({text});
  std::istream in(&buffer);
  try {
    panel::input::PoliceReader reader(in, "fuzz-street.csv");
    panel::input::PoliceRow row;
    for (;;) {
      try {
        if (!reader.next(row))
          break;
        (void)panel::input::is_month(row[panel::input::PoliceColumn::month]);
      } catch (const panel::input::RecordProblem&) {
        // A bad value: the importer reports it and goes on with the next row.
      }
    }
  } catch (const panel::Error&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  read_csv({text});
  read_police(text);

  // Chunk boundaries, for one input in four (the padding costs two fuzzing runs' time): one
  // quoted field ending in a line end, sized so that the input starts size/2 bytes before the
  // end of the reader's first chunk: '"', then the tail of `padding` (x...x"\n), then the input.
  if (size % 4 != 0)
    return 0;
  constexpr std::size_t chunk = panel::input::CsvReader::chunk_size;
  static const std::string padding = std::string(chunk - 3, 'x') + "\"\n";
  const std::size_t before = size / 2 < chunk - 3 ? size / 2 : chunk - 3;
  const std::string_view tail = std::string_view(padding).substr(before);
  read_csv({"\"", tail, text});
  return 0;
}
