#include "cmd/cli.hpp"

#include "panel/core/error.hpp"
#include "panel/input/file.hpp"
#include "panel/ops/intake.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace panel::cmd {
namespace {

// Flags that carry a value, with the referral field each sets.
const std::vector<std::pair<const char*, const char*>> value_flags = {
    {"--received", "received"},         {"--agency", "agency"},
    {"--referrer", "referrer"},         {"--referrer-email", "referrer_email"},
    {"--source-ref", "source_ref"},     {"--person", "person"},
    {"--name", "name"},                 {"--dob", "dob"},
    {"--gender", "gender"},             {"--postcode", "postcode"},
    {"--role", "role"},                 {"--risk-level", "risk_level"},
    {"--risk-score", "risk_score"},     {"--risk-instrument", "risk_instrument"},
    {"--incidents-12m", "incidents_12m"}, {"--agencies-involved", "agencies_involved"},
    {"--children", "children"},         {"--consent", "consent"},
    {"--consent-rationale", "consent_rationale"}, {"--summary", "summary"},
};
// Flags that are true when given.
const std::vector<std::pair<const char*, const char*>> true_flags = {
    {"--resident", "resident"}, {"--vulnerable", "vulnerable"}, {"--professional-judgement", "professional_judgement"},
    {"--bame", "bame"},         {"--lgbt", "lgbt"},             {"--disability", "disability"},
};

struct ReferOptions {
  std::string file;
  bool skip_existing = false;
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::vector<std::string> categories;
};

void print(const ops::IntakeResult& result, Context& ctx)
{
  using render::Format;
  const auto format = ctx.format_or(Format::table, {Format::table, Format::csv, Format::json, Format::md});
  render::Table table{{{"reference", "REFERENCE"}, {"received", "RECEIVED"}, {"agency", "AGENCY"},
                       {"person", "PERSON"}, {"repeat_of", "REPEAT OF"}, {"possible_matches", "POSSIBLE MATCHES"},
                       {"criteria_met", "CRITERIA MET"}, {"meets_threshold", "THRESHOLD"}},
                      {}};
  for (const auto& item : result.recorded) {
    render::Cell threshold = item.meets_threshold;
    if (format == Format::table || format == Format::md)
      threshold = std::string(item.meets_threshold ? "MEETS" : "BELOW");
    table.rows.push_back({item.reference, item.received.iso(), item.agency, static_cast<std::int64_t>(item.person_id),
                          item.repeat_of.empty() ? render::Cell{} : render::Cell{item.repeat_of},
                          item.possible_matches, item.criteria_met, threshold});
  }
  render::write(ctx.out, table, format, ctx.style());
}

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
  if (!o.file.empty() && !fields.empty())
    throw usage_error("give the referral either with --file or with flags, not both");
  if (o.file.empty() && fields.empty())
    throw usage_error("nothing to record: give --file FILE or the referral's flags (see 'panel refer --help')");

  auto db = ctx.open_db();
  ops::IntakeResult result;
  if (o.file.empty()) {
    auto reader = input::referral_from_fields(std::move(fields));
    result = ops::record_referrals(db, *reader, "", {o.skip_existing}, ctx.actor());
  } else {
    const std::string source = o.file == "-" ? "<stdin>" : o.file;
    std::ifstream file;
    std::stringstream piped;
    std::istream* in = &file;
    if (o.file == "-") {
      piped << std::cin.rdbuf();  // standard input cannot be rewound after the first line
      in = &piped;
    } else {
      file.open(o.file, std::ios::binary);
      if (!file)
        input::read_file(o.file);  // throws, naming the file and the reason
    }
    // The first line tells CSV from YAML when the file name does not.
    std::string first;
    std::getline(*in, first);
    in->clear();
    in->seekg(0);
    auto reader = input::referral_reader(*in, source, input::guess_kind(o.file, first));
    result = ops::record_referrals(db, *reader, source, {o.skip_existing}, ctx.actor());
  }
  for (const auto& message : result.skipped)
    ctx.note(message);
  print(result, ctx);
  ctx.note(fmt::format("recorded {} referral{}", result.recorded.size(), result.recorded.size() == 1 ? "" : "s"));
  return 0;
}

} // namespace

void register_refer(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ReferOptions>();
  auto* sub = app.add_subcommand("refer", "Record referrals, from flags or in bulk from a YAML or CSV file");
  sub->add_option("--file", o->file, "YAML or CSV file of referrals (- for standard input)")->type_name("FILE");
  sub->add_flag("--skip-existing", o->skip_existing, "Skip referrals whose agency and --source-ref are recorded");
  for (const auto& [flag, field] : value_flags)
    sub->add_option(flag, o->values[field], fmt::format("The referral's {}", field))->group("Referral fields");
  for (const auto& [flag, field] : true_flags)
    sub->add_flag(flag, o->flags[field], fmt::format("The subject is {}", field))->group("Referral fields");
  sub->add_option("--category", o->categories, "Category code (repeat, or a comma list)")
      ->delimiter(',')
      ->group("Referral fields");
  sub->footer(R"(Each referral gets a reference PREFIX-YEAR-NNNN, is matched to a person (same name and date
of birth), marked as a repeat when that person's previous referral was received within the
profile's repeat window (365 days), and tested against the profile's criteria. A file with any
bad referral is refused whole, naming file, line and field; nothing is written.
Formats: table (default), csv, json, md. File formats: docs/formats/referral.md.

Examples:
  panel refer --received 2017-09-01 --agency POL --referrer "PC Jones" --name "Sam Smith" \
      --dob 1980-02-03 --category suicide,mental-health --vulnerable --incidents-12m 3 \
      --summary "Two attempts on the bridge in August" --source-ref CAD-4411
  panel refer --file referrals.yaml
  panel refer --file september.csv --skip-existing --format json | jq '.[] | select(.meets_threshold)')");
  sub->callback([o, sub, &ctx] {
    // Options the user did not type must not become empty fields.
    for (const auto& [flag, field] : value_flags)
      if (sub->count(flag) == 0)
        o->values.erase(field);
    ctx.select("refer", [o, &ctx] { return run_refer(*o, ctx); });
  });
}

} // namespace panel::cmd
