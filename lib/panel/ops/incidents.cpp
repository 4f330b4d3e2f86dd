#include "panel/ops/incidents.hpp"

#include "panel/core/sha256.hpp"
#include "panel/core/text.hpp"
#include "panel/input/police.hpp"
#include "panel/input/values.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/incidents.hpp"

#include <fmt/format.h>
#include <future>
#include <istream>
#include <map>
#include <set>
#include <streambuf>
#include <utility>

namespace panel::ops {
namespace {

constexpr std::size_t max_problems = 20;

using input::PoliceColumn;
using MonthKey = std::pair<std::string, std::string>;  // force, month

// Reads a string in place, where an istringstream would copy it.
class ReadOnlyBuffer : public std::streambuf {
public:
  explicit ReadOnlyBuffer(const std::string& bytes)
  {
    // The get area is only read from: nothing here writes through these pointers.
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }
};

class Import {
public:
  Import(store::Db& db, const core::Actor& actor, std::size_t files, const ImportProgressSink& progress)
      : m_writer(db), m_actor(actor), m_files(files), m_progress(progress)
  {
  }

  // Reads one file, writing its rows while no file so far has had a problem.
  void read(const std::string& path, std::size_t number, std::istream* standard_input)
  {
    const std::string source = path == "-" ? "<stdin>" : path;
    std::string bytes;
    try {
      bytes = input::read_street_file(path, standard_input);
    } catch (const Error& e) {
      m_problems.push_back(e.what());
      return;
    }
    // The hash is recorded when the file is done: work it out on the other core meanwhile
    // (both threads only read the bytes).
    auto hashing = std::async(std::launch::async, [&bytes] { return core::sha256_hex(bytes); });
    ReadOnlyBuffer buffer(bytes);
    std::istream in(&buffer);
    m_file_months.clear();
    m_current = none;
    std::int64_t rows = 0;
    try {
      input::PoliceReader reader(in, source);
      while (m_problems.size() < max_problems) {
        try {
          if (!reader.next(m_row))
            break;
        } catch (const input::RecordProblem& e) {
          // A bad value: report it and go on checking the rest of the file.
          m_problems.push_back(e.what());
          ++rows;
          continue;
        }
        ++rows;
        if (++m_rows % progress_every == 0 && m_progress)
          m_progress({number, m_files, m_rows});
        if (m_problems.empty())
          write(source);
      }
    } catch (const Error& e) {
      // A syntax or header error ends the file: nothing after it can be read reliably.
      m_problems.push_back(e.what());
      return;
    }
    if (rows == 0)
      m_problems.push_back(fmt::format("{}: no incidents in the file", source));
    if (!m_problems.empty())
      return;
    const std::string sha256 = hashing.get();
    for (const auto index : m_file_months) {
      m_months[index].sha256 = sha256;
      m_writer.finish_month(m_month_ids[index], m_months[index].imported, sha256);
    }
  }

  const std::vector<std::string>& problems() const { return m_problems; }
  const std::vector<ImportedMonth>& months() const { return m_months; }

private:
  void write(const std::string& source)
  {
    const auto& force = m_row[PoliceColumn::reported_by];
    const auto& month = m_row[PoliceColumn::month];
    // Files hold one force's month, so the month of the row before is nearly always the one.
    if (m_current == none || m_months[m_current].reported_by != force || m_months[m_current].month != month)
      m_current = claim(force, month, source);
    ++m_months[m_current].imported;
    m_writer.insert(m_month_ids[m_current], m_row.fields, m_row.longitude, m_row.latitude);
  }

  // The index in m_months of a force's month, claimed for this file on its first row. A month
  // that an earlier file of this import brought in keeps its entry: the file replaces that
  // file's rows, so the entry counts what is stored, and its `replaced` and `existed` still
  // describe the database before the import.
  std::size_t claim(const std::string& force, const std::string& month, const std::string& source)
  {
    auto [it, fresh] = m_claimed.try_emplace(MonthKey{force, month}, m_months.size());
    if (!fresh && m_file_months.count(it->second))
      return it->second;
    const auto claimed = m_writer.claim_month(force, month, source, m_actor.at, m_actor.user);
    m_file_months.insert(it->second);
    if (!fresh) {
      auto& earlier = m_months[it->second];
      earlier.earlier_file = std::exchange(earlier.file, source);
      earlier.imported = 0;
      return it->second;
    }
    m_month_ids.push_back(claimed.id);
    m_months.push_back({force, month, source, "", 0, claimed.replaced, claimed.existed, ""});
    return it->second;
  }

  store::IncidentWriter m_writer;
  const core::Actor& m_actor;
  std::size_t m_files;
  const ImportProgressSink& m_progress;
  input::PoliceRow m_row;
  std::vector<std::string> m_problems;
  std::vector<ImportedMonth> m_months;     // one per force's month, in the order first claimed
  std::vector<std::int64_t> m_month_ids;   // incident_month.id of each of m_months
  std::map<MonthKey, std::size_t> m_claimed;  // the entry in m_months of each force's month
  std::set<std::size_t> m_file_months;        // claims made by the file being read
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t m_current = none;  // the claim of the row before
  std::int64_t m_rows = 0;
};

} // namespace

std::vector<ImportedMonth> import_incidents(store::Db& db, const std::vector<std::string>& files,
                                            const core::Actor& actor, const ImportProgressSink& progress,
                                            std::istream* standard_input)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  Import import(db, actor, files.size(), progress);
  for (std::size_t i = 0; i < files.size() && import.problems().size() < max_problems; ++i)
    import.read(files[i], i + 1, standard_input);
  if (const auto& problems = import.problems(); !problems.empty()) {
    std::string message = core::join(problems, "\npanel: error: ");
    if (problems.size() >= max_problems)
      message += fmt::format("\npanel: error: stopped after {} problems", max_problems);
    throw refused(message + "\npanel: error: nothing was imported");
  }
  for (const auto& m : import.months())
    store::append_audit(db, actor, m.existed ? core::AuditAction::update : core::AuditAction::create, "incident_month",
                        fmt::format("{} {}", m.reported_by, m.month),
                        fmt::format("{} incidents from a file (sha256 {}){}", m.imported, m.sha256,
                                    m.existed ? fmt::format(", replacing {}", m.replaced) : ""));
  txn.commit();
  return import.months();
}

} // namespace panel::ops
