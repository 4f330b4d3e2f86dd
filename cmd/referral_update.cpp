#include "cmd/cli.hpp"
#include "cmd/referral_flags.hpp"

#include "panel/input/file.hpp"
#include "panel/ops/referral_update.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <memory>

namespace panel::cmd {
namespace {

struct UpdateOptions {
  std::string reference, file, reason;
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::vector<std::string> categories, parties;
};

int run_update(const UpdateOptions& o, const CLI::App& sub, Context& ctx)
{
  ops::ReferralPatch patch;
  // Only what was typed, in the order of the flags' table: an option left out changes nothing.
  for (const auto& f : value_flags)
    if (sub.count(f.flag))
      patch.fields.emplace_back(f.field, o.values.at(f.field));
  for (const auto& f : true_flags)
    if (sub.count(f.flag))
      patch.fields.emplace_back(f.field, "yes");
  for (const auto& c : o.categories)
    patch.fields.emplace_back("category", c);
  for (const auto& p : o.parties)
    patch.fields.emplace_back("other_parties", p);
  if (!o.file.empty()) {
    patch.source = o.file == "-" ? "<stdin>" : o.file;
    patch.yaml = input::read_file(o.file, ctx.in, input::referral_file_mb);
  }
  patch.reason = o.reason;
  auto db = ctx.open_db();
  const auto outcome = ops::update_referral(db, o.reference, patch, ctx.actor());
  for (const auto& change : outcome.changes)
    ctx.out << change << '\n';
  return 0;
}

} // namespace

void register_referral_update(CLI::App& referral, Context& ctx)
{
  auto o = std::make_shared<UpdateOptions>();
  auto* sub = referral.add_subcommand("update", "Correct a referral's fields, with the same flags and checks as refer");
  sub->add_option("REF", o->reference, "The referral reference")->required();
  sub->add_option("--file", o->file, "A YAML mapping of the fields to change (- for standard input)")->type_name("FILE");
  sub->add_option("--reason", o->reason, "Why (required once the referral is decided; kept in its history)");
  for (const auto& f : value_flags)
    sub->add_option(f.flag, o->values[f.field], f.help)->type_name(f.type)->group("Referral fields");
  for (const auto& f : true_flags)
    sub->add_flag(f.flag, o->flags[f.field], f.help)->group("Referral fields");
  sub->add_option("--category", o->categories, "Category code (repeat, or a comma list): replaces the categories")
      ->delimiter(',')
      ->group("Referral fields");
  sub->add_option("--party", o->parties, "Another person named: NAME|DOB|ROLE|RELATIONSHIP: replaces the other parties")
      ->type_name("TEXT")
      ->group("Referral fields");
  sub->footer(R"(Only the fields given change; each keeps a history row (old, new, who, when, why) shown by
'referral show'. Values are checked as 'refer' checks them. A pending referral takes any
correction; once decided (accepted, declined, redirected) every correction needs --reason.
Repeat and criteria are worked out again and the output says what changed. A referral is not
moved to another person (--person is refused): use 'person merge'. To set a yes/no field to
no, use --file (resident: no).

Examples:
  panel referral update CCM-2017-0018 --postcode "EC2Y 8DT"
  panel referral update CCM-2017-0001 --incidents-12m 4 --reason "Police count corrected"
  panel referral update CCM-2017-0004 --file fix.yaml --reason "Referrer's corrections")");
  sub->callback([o, sub, &ctx] { ctx.select("referral update", [o, sub, &ctx] { return run_update(*o, *sub, ctx); }); });
}

} // namespace panel::cmd
