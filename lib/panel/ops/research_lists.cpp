#include "panel/core/error.hpp"
#include "panel/core/sha256.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/agencies.hpp"
#include "panel/ops/agenda.hpp"
#include "panel/ops/packs.hpp"
#include "panel/ops/research.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/research.hpp"
#include "panel/store/agencies.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <sstream>
#include <unistd.h>

namespace panel::ops {
namespace {

using core::Value;

// One thing produced: the list for these agencies, to a file or to the text.
struct Piece {
  std::vector<core::Agency> agencies;
  std::string path;
};

Value people_value(const core::ResearchList& list)
{
  Value people = Value::list({});
  for (const auto& p : list.people) {
    Value aliases = Value::list({});
    for (const auto& name : p.aliases)
      aliases.items.push_back(Value::of(name));
    Value v = Value::object();
    v.set("reference", p.reference).set("case", p.case_reference).set("item", p.item).set("person", p.person)
        .set("subject", Value::yes_no(p.person == "subject")).set("role", p.role).set("relationship", p.relationship)
        .set("name", p.name).set("aliases", aliases).set("alias_names", documents::joined_names(aliases)).set("dob", p.dob ? p.dob->british() : "")
        .set("postcode", p.postcode);
    people.items.push_back(std::move(v));
  }
  return people;
}

std::vector<std::string> codes_of(const std::vector<core::Agency>& agencies)
{
  std::vector<std::string> codes;
  for (const auto& a : agencies)
    codes.push_back(a.code);
  return codes;
}

// The rows (table, CSV, JSON) recorded like a document: the "template" is the column contract.
std::string produce_rows(store::Db& db, const core::ResearchList& list, const Piece& piece, const ResearchRequest& q,
                         const core::Actor& actor)
{
  const auto table = render::research_table(list, codes_of(piece.agencies));
  render::Style style = q.style;
  style.color = style.color && piece.path.empty();
  std::ostringstream out;
  render::write(out, table, render::parse_format(q.format, {render::Format::table, render::Format::csv, render::Format::json}, "agenda"), style);
  std::vector<std::string> keys;
  for (const auto& c : table.columns)
    keys.push_back(c.key);
  core::DocumentRecord record;
  record.reference = list.meeting.iso();
  record.template_name = "research-list";
  record.template_source = "columns";
  record.template_sha256 = core::sha256_hex(core::join(keys, ","));
  record.format = q.format;
  record.path = piece.path;
  documents::record_document(db, record, out.str(), actor);
  return out.str();
}

std::string extension_of(const std::string& format) { return format == "table" ? "txt" : format; }

} // namespace

ResearchResult research_lists(store::Db& db, const ResearchRequest& q, const core::Actor& actor)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  const bool rows = q.format == "table" || q.format == "csv" || q.format == "json";
  const auto t = rows ? core::Template{} : meeting_template(db, q.templates, "research-list");
  std::vector<core::Agency> agencies;
  if (q.agency.empty())
    agencies = store::list_agencies(db);
  else if (const auto agency = store::find_agency(db, q.agency))
    agencies.push_back(*agency);
  else
    unknown_agency(db, q.agency);
  const bool folder = !q.output.empty() && std::filesystem::is_directory(q.output);
  if (q.agency.empty() && !q.output.empty() && !folder)
    throw refused(fmt::format("'{}' is not a folder: with no agency, -o names the folder for one file per agency",
                              q.output));
  if (q.agency.empty() && !rows && q.output.empty())
    throw usage_error(fmt::format("every agency's research list in {} needs a folder for the files: add -o FOLDER "
                                  "(or --format csv or json for one listing)", q.format));
  const auto meeting = agenda_meeting(db, q.date, actor.today);
  const auto agenda = compute_agenda(db, meeting, profile);
  const auto list = research_people(db, agenda);

  // One piece per agency, except rows on standard output: one listing with an agency column.
  std::vector<Piece> pieces;
  if (rows && q.output.empty())
    pieces.push_back({agencies, ""});
  else
    for (const auto& a : agencies)
      pieces.push_back({{a}, folder ? (std::filesystem::path(q.output) /
                                       research_file_name(profile.short_name, meeting.date, a.code, extension_of(q.format)))
                                          .string()
                                    : q.output});
  Value context = rows ? Value{} : meeting_context(db, profile, agenda, actor.today);
  if (!rows)
    context.set("people", people_value(list));
  ResearchResult result;
  result.people = list.people.size();
  for (const auto& piece : pieces) {
    std::string bytes;
    if (rows) {
      bytes = produce_rows(db, list, piece, q, actor);
    } else {
      const auto& agency = piece.agencies.front();
      context.set("recipient", agency.name).set("agency", documents::agency_value(db, agency.code));
      core::DocumentRecord record;
      record.reference = meeting.date.iso();
      // With a path, the file is staged to appear when the transaction commits.
      bytes = documents::produce_document(db, t, context, {q.format, piece.path, q.force, q.tmpdir, profile.documents}, record, actor).text;
    }
    audit_people_read(db, list, "research list for " + core::join(codes_of(piece.agencies), ", "), actor);
    if (piece.path.empty()) {
      result.text += bytes;
    } else {
      if (rows)
        documents::write_on_commit(db, piece.path, bytes, q.force);
      result.written.push_back(piece.path);  // every file appears at the commit, or none
    }
  }
  txn.commit();
  return result;
}

} // namespace panel::ops
