#include "cmd/cli.hpp"
#include "cmd/referral_flags.hpp"

#include "panel/core/error.hpp"
#include "panel/core/files.hpp"
#include "panel/core/text.hpp"
#include "panel/input/dates.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/intake.hpp"
#include "panel/render/listings.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace panel::cmd {

// Flags that carry a value.
const std::vector<Flag> value_flags = {
    {"--received", "received",
     "Date the referral was received, YYYY-MM-DD (or DD/MM/YYYY when the profile's input.date_order is dmy)",
     "DATE", true},
    {"--agency", "agency", "Code of the referring agency", "TEXT", true},
    {"--referrer", "referrer", "Name of the person who referred"},
    {"--referrer-email", "referrer_email", "Their email address"},
    {"--source-ref", "source_ref", "The agency's own reference (makes re-runs safe)"},
    {"--person", "person", "Link to a known person by id instead of matching by name"},
    {"--name", "name", "Full name of the subject", "TEXT", true},
    {"--dob", "dob", "Subject's date of birth, YYYY-MM-DD (or DD/MM/YYYY when the profile's input.date_order is dmy)",
     "DATE"},
    {"--gender", "gender", "Subject's gender"},
    {"--postcode", "postcode", "Subject's postcode (tidied: ex11aa -> EX1 1AA)"},
    {"--address", "address", "Subject's address for letters, lines separated by ';' (\"12 High St; London\")"},
    {"--role", "role", "victim, perpetrator, both or unclear"},
    {"--risk-level", "risk_level", "Assessed risk level (the profile's risk_levels)"},
    {"--risk-score", "risk_score", "Risk score, 0 to the instrument's maximum (e.g. Dash yes answers)"},
    {"--risk-instrument", "risk_instrument", "Instrument of the score (the profile's risk_instruments)"},
    {"--incidents-12m", "incidents_12m", "Incidents in the last 12 months"},
    {"--agencies-involved", "agencies_involved", "Number of agencies involved"},
    {"--children", "children", "Children in the household"},
    {"--consent", "consent", "given, refused or not-sought"},
    {"--consent-rationale", "consent_rationale", "Why shared without consent (required when refused)"},
    {"--summary", "summary", "What happened and why the panel is needed", "TEXT", true},
};
namespace {
// A flag's help as `refer` shows it: "(required)" after a field every referral must have.
std::string refer_help(const Flag& f) { return f.required ? std::string(f.help) + " (required)" : f.help; }
} // namespace

// Flags that are true when given.
const std::vector<Flag> true_flags = {
    {"--resident", "resident", "The subject lives in the area"},
    {"--vulnerable", "vulnerable", "The subject is considered vulnerable"},
    {"--professional-judgement", "professional_judgement", "Referred on the referrer's professional judgement"},
    {"--bame", "bame", "Subject is from a Black, Asian or minority ethnic background (statistics)"},
    {"--lgbt", "lgbt", "Subject is lesbian, gay, bisexual or trans (statistics)"},
    {"--disability", "disability", "Subject has a disability (statistics)"},
};

namespace {

struct ReferOptions {
  std::string file;
  bool skip_existing = false;
  bool check = false;
  bool strict = false;
  std::string date_order;
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::vector<std::string> categories;
  std::vector<std::string> parties;
};

// Rows go to an unlinked temporary file while the transaction runs, and reach stdout only once
// it has committed: a file refused half-way must not have printed references that do not exist.
class Output {
public:
  Output(Context& ctx, bool check)
  {
    using render::Format;
    const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
    std::string folder = ctx.getenv("TMPDIR").empty() ? "/tmp" : ctx.getenv("TMPDIR");
    {
      core::TemporaryFile scratch(folder, "refer", "");
      m_file.open(scratch.path(), std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
    }  // removed at once: the stream keeps it open
    m_rows = std::make_unique<render::IntakeListing>(m_file, format, ctx.style(), check);
  }

  void add(const ops::IntakeItem& item) { m_rows->row(item); }

  void copy_to(std::ostream& out)
  {
    m_rows->finish();
    m_file.flush();
    m_file.seekg(0);
    out << m_file.rdbuf();
  }

private:
  std::fstream m_file;
  std::unique_ptr<render::IntakeListing> m_rows;
};

int run_refer(const ReferOptions& o, Context& ctx)
{
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& [field, value] : o.values)
    fields.emplace_back(field, value);
  for (const auto& [field, on] : o.flags)
    if (on)
      fields.emplace_back(field, "true");
  for (const auto& c : o.categories)
    fields.emplace_back("category", c);
  for (const auto& p : o.parties)
    fields.emplace_back("other_parties", p);
  if (!o.file.empty() && !fields.empty())
    throw usage_error("give the referral either with --file or with flags, not both");
  if (o.file.empty() && fields.empty())
    throw usage_error("nothing to record: give --file FILE or the referral's flags (see 'panel refer --help')");

  ops::IntakeOptions options{o.skip_existing, std::nullopt, o.strict, o.check};
  if (!o.date_order.empty())
    options.date_order = input::date_order_named(o.date_order);

  auto db = ctx.open_db();
  ops::IntakeResult result;
  Output output(ctx, o.check);
  const auto sink = [&output](const ops::IntakeItem& item) { output.add(item); };
  if (o.file.empty()) {
    auto reader = input::referral_from_fields(std::move(fields));
    result = ops::record_referrals(db, *reader, "", options, ctx.actor(), sink);
  } else {
    const std::string source = o.file == "-" ? "<stdin>" : o.file;
    // Read whole (bounded) so that a pipe or a FIFO can be looked at twice: the first line, then all.
    std::istringstream in(input::read_file(o.file, ctx.in, input::referral_file_mb));
    // The first line tells CSV from YAML when the file name does not.
    std::string first;
    std::getline(in, first);
    in.clear();
    in.seekg(0);
    auto reader = input::referral_reader(in, source, input::guess_kind(o.file, first));
    // Columns ignored are worth knowing whether or not the file is refused for something else.
    auto warn_columns = [&] {
      for (const auto& message : reader->warnings())
        ctx.warn(message);
    };
    try {
      result = ops::record_referrals(db, *reader, source, options, ctx.actor(), sink);
    } catch (const Error&) {
      warn_columns();
      throw;
    }
    warn_columns();
  }
  for (const auto& message : result.warnings)
    ctx.warn(message);
  for (const auto& message : result.skipped)
    ctx.note(message);
  output.copy_to(ctx.out);
  const auto count = core::plural(static_cast<long long>(result.recorded), "referral", "referrals");
  // "; skipped 2 already recorded and 1 voided": what --skip-existing left out, by why.
  std::vector<std::string> skipped;
  if (const auto existing = result.skipped.size() - result.skipped_voided; existing > 0)
    skipped.push_back(fmt::format("{} already recorded", existing));
  if (result.skipped_voided > 0)
    skipped.push_back(fmt::format("{} voided", result.skipped_voided));
  const auto skipped_text = skipped.empty() ? "" : "; skipped " + core::join(skipped, " and ");
  ctx.note(o.check ? fmt::format("check: {} would be recorded as shown{}; nothing was recorded (run again without "
                                 "--check to record {})", count, skipped_text, result.recorded == 1 ? "it" : "them")
                   : fmt::format("recorded {}{}", count, skipped_text));
  return 0;
}

} // namespace

void register_refer(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ReferOptions>();
  auto* sub = app.add_subcommand("refer", "Record referrals, from flags or in bulk from a YAML or CSV file");
  sub->add_option("--file", o->file, "YAML or CSV file of referrals (- for standard input)")->type_name("FILE");
  sub->add_flag("--skip-existing", o->skip_existing,
                "Skip referrals whose agency and --source-ref are recorded, or belong to a voided referral");
  sub->add_flag("--check,--dry-run", o->check,
                "Check every referral as a real run would and show what would be recorded; write nothing");
  sub->add_flag("--strict", o->strict, "Refuse a CSV file with a column that is not a referral field (default: warn)");
  sub->add_option("--date-order", o->date_order,
                  "How the file writes dates: dmy (dd/mm/yyyy, and yyyy-mm-dd) or iso (yyyy-mm-dd only); "
                  "default: the profile's input.date_order")
      ->check(CLI::IsMember({"dmy", "iso"}))
      ->type_name("ORDER");
  for (const auto& f : value_flags)
    sub->add_option(f.flag, o->values[f.field], refer_help(f))->type_name(f.type)->group("Referral fields");
  for (const auto& f : true_flags)
    sub->add_flag(f.flag, o->flags[f.field], f.help)->group("Referral fields");
  sub->add_option("--category", o->categories, "Category code (repeat, or a comma list)")
      ->delimiter(',')
      ->group("Referral fields");
  sub->add_option("--party", o->parties, "Another person named: NAME|DOB|ROLE|RELATIONSHIP (repeat for each)")
      ->type_name("TEXT")
      ->group("Referral fields");
  sub->footer(R"(Each referral gets a reference PREFIX-YEAR-NNNN, is matched to a person (same name and date
of birth; the same name otherwise, or an alike name born the same day, is a possible match), marked as a repeat when it was received no later than the profile's repeat_window
(12 months in the shipped profiles) after that person's previous referral, and tested against
the profile's criteria. A file with any bad referral is refused whole: every problem is listed,
naming file, line and field, and nothing is written. --check does the same and writes nothing:
it shows each referral's line, reference, name, agency and received date and what recording would
do (pending triage; a repeat of an earlier referral; joins its person's open case, or opens a new
case, if accepted). Dates are yyyy-mm-dd; with the date order dmy (the shipped
profiles' input.date_order, or --date-order dmy) also dd/mm/yyyy, as UK Excel saves them. Blank
rows are skipped; a CSV column that is not a referral field is ignored with a warning (--strict
refuses it). Other parties (--party, the CSV column other_parties, YAML other_parties:) have the
role victim, perpetrator, both, unclear or child.
Formats: table (default), csv, json, md. File formats: docs/formats/referral.md.

Examples:
  panel refer --received 2017-09-01 --agency POL --referrer "PC Jones" --name "Sam Smith" \
      --dob 1980-02-03 --category suicide,mental-health --vulnerable --incidents-12m 3 \
      --summary "Two attempts on the bridge in August" --source-ref CAD-4411
  panel refer --received 2017-09-01 --agency POL --name "Ann Lee" --category physical-abuse \
      --risk-score 16 --children 1 --summary "Assaulted at home" \
      --party "Tom Lee|1984-05-05|perpetrator|husband" --party "Amy Lee|2012-01-02|child|daughter"
  panel refer --file referrals.yaml
  panel refer --check --file september.csv
  panel refer --file export.csv --date-order dmy --strict
  panel refer --file september.csv --skip-existing --format json | jq '.[] | select(.meets_threshold)')");
  sub->callback([o, sub, &ctx] {
    // Options the user did not type must not become empty fields.
    for (const auto& f : value_flags)
      if (sub->count(f.flag) == 0)
        o->values.erase(f.field);
    ctx.select("refer", [o, &ctx] { return run_refer(*o, ctx); });
  });
}

} // namespace panel::cmd
