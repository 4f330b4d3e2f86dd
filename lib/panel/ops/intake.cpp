#include "panel/ops/intake.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/values.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/criteria.hpp"
#include "panel/rules/names.hpp"
#include "panel/rules/referral_check.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/intake.hpp"

#include <algorithm>
#include <map>
#include <fmt/format.h>

namespace panel::ops {
namespace {

constexpr size_t max_problems = 20;

class Intake {
public:
  Intake(store::Db& db, const core::Profile& profile, const core::Actor& actor)
      : m_profile(profile), m_actor(actor), m_writer(db), m_audit(db)
  {
  }

  // Records one checked referral and returns what was found.
  IntakeItem record(const core::Referral& r)
  {
    IntakeItem item{"", r.received, r.agency, 0, "", {}, {}, false};
    std::vector<std::int64_t> match_ids;
    bool new_person = false;
    item.person_id = person_for(r, item.possible_matches, match_ids, new_person);

    // A person created just now has no referrals yet: nothing to be a repeat of, nothing to recheck.
    const auto previous = new_person ? std::nullopt : m_writer.previous_referral(item.person_id, r.received);
    std::optional<std::int64_t> repeat_of;
    if (previous && rules::within_repeat_window(previous->received, r.received, m_profile.repeat_window)) {
      repeat_of = previous->id;
      item.repeat_of = previous->reference;
    }
    item.criteria_met = rules::criteria_met(m_profile.criteria, r, repeat_of.has_value());
    item.meets_threshold = !item.criteria_met.empty();

    const int year = r.received.year();
    const int seq = m_writer.next_sequence("referral", year);
    item.reference = fmt::format("{}-{}-{:04}", m_profile.reference_prefix, year, seq);
    const std::int64_t id = m_writer.insert_referral({&r, item.reference, year, seq, item.person_id, repeat_of,
                                                      match_ids, core::join(item.criteria_met, ","),
                                                      item.meets_threshold, m_actor.at, m_actor.user});
    m_audit.append(m_actor, core::AuditAction::create, "referral", item.reference);
    if (!new_person)
      recheck_next(item.person_id, r.received, id);
    return item;
  }

  store::IntakeWriter& writer() { return m_writer; }

private:
  // The person this referral is about: the explicit id, or the same normalised name and date of
  // birth (the oldest such person), or a new person (`created`). Same name without that date of
  // birth is only a possible match.
  std::int64_t person_for(const core::Referral& r, std::vector<std::string>& match_refs,
                          std::vector<std::int64_t>& match_ids, bool& created)
  {
    if (r.person_id)
      return *r.person_id;
    const std::string key = rules::normalise_name(r.name);
    const auto namesakes = m_writer.persons_named(key);
    std::optional<std::int64_t> person;
    if (r.dob)
      for (const auto& other : namesakes)
        if (other.dob == r.dob) {
          person = other.id;
          break;
        }
    for (size_t i = 0; i < namesakes.size(); ++i) {
      const auto& other = namesakes[i];
      // Skip the person found, and a person listed twice (by their name and by an alias).
      if ((person && other.id == *person) || (i > 0 && namesakes[i - 1].id == other.id))
        continue;
      if (const auto latest = m_writer.latest_referral(other.id)) {
        match_ids.push_back(latest->id);
        match_refs.push_back(latest->reference);
      }
    }
    if (person)
      return *person;
    created = true;
    return m_writer.insert_person(r.name, key, r.dob, m_actor.at);
  }

  // A referral recorded out of date order can make the person's next referral a repeat (or stop
  // it being one): work that one out again while it still awaits a decision.
  void recheck_next(std::int64_t person_id, core::Date received, std::int64_t id)
  {
    const auto next = m_writer.next_referral(person_id, received);
    if (!next || (!core::is(next->status, core::ReferralStatus::pending) &&
                  !core::is(next->status, core::ReferralStatus::awaiting_information)))
      return;
    const bool repeat = rules::within_repeat_window(received, next->received, m_profile.repeat_window);
    const auto criteria = rules::criteria_met(m_profile.criteria, m_writer.load_referral(next->id), repeat);
    m_writer.update_repeat(next->id, repeat ? std::optional<std::int64_t>(id) : std::nullopt,
                           core::join(criteria, ","), !criteria.empty());
    m_audit.append(m_actor, core::AuditAction::update, "referral", next->reference,
                        fmt::format("repeat and criteria worked out again after an earlier referral was recorded{}",
                                    criteria.empty() ? "" : ": " + core::join(criteria, ", ")));
  }

  const core::Profile& m_profile;
  const core::Actor& m_actor;
  store::IntakeWriter m_writer;
  store::AuditTrail m_audit;  // every audit row of the intake's transaction goes through it
};

} // namespace

IntakeResult record_referrals(store::Db& db, input::ReferralReader& reader, const std::string& source,
                              const IntakeOptions& options, const core::Actor& actor, const IntakeSink& sink)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const core::Profile profile = load_profile(db);
  Intake intake(db, profile, actor);
  IntakeResult result;
  std::vector<std::string> problems;
  std::map<std::string, long> in_file;  // agency + source_ref -> line, to catch a file repeating itself
  size_t count = 0;

  input::ReferralRecord record;
  while (problems.size() < max_problems) {
    try {
      if (!reader.next(record))
        break;
    } catch (const input::RecordProblem& e) {
      // A bad value: report it and go on checking the rest of the file.
      problems.push_back(e.what());
      ++count;
      continue;
    } catch (const Error& e) {
      // A syntax error ends the file: nothing after it can be read reliably.
      problems.push_back(e.what());
      break;
    }
    ++count;
    record.referral = rules::canonical_referral(std::move(record.referral), profile);  // `pol` is POL
    const auto& r = record.referral;
    auto found = rules::check_referral(r, profile, actor.today);
    // Reported in the order they appear in the file.
    std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      return record.line_of(a.field) < record.line_of(b.field);
    });
    for (const auto& p : found)
      problems.push_back(fmt::format("{}: {}", input::where(source, record.line_of(p.field), p.field), p.message));
    if (r.person_id && !intake.writer().person_exists(*r.person_id))
      problems.push_back(fmt::format("{}: no person with id {}", input::where(source, record.line_of("person"), "person"), *r.person_id));
    else if (const auto into = r.person_id ? intake.writer().merged_into(*r.person_id) : std::nullopt)
      problems.push_back(fmt::format("{}: person {} was merged into person {}: give person {} instead",
                                     input::where(source, record.line_of("person"), "person"), *r.person_id, *into, *into));
    if (!r.source_ref.empty()) {
      const auto [earlier, fresh] = in_file.emplace(r.agency + "\n" + r.source_ref, record.line);
      if (!fresh)
        problems.push_back(fmt::format("{}: '{}' from {} appears twice in the file (first at line {})",
                                       input::where(source, record.line_of("source_ref"), "source_ref"),
                                       r.source_ref, r.agency, earlier->second));
    }
    if (!problems.empty())
      continue;  // keep checking the rest of the file, but write nothing more
    if (!r.source_ref.empty()) {
      if (const auto existing = intake.writer().reference_for_source(r.agency, r.source_ref)) {
        const auto what = fmt::format("{}: '{}' from {} is already recorded as {}",
                                      input::where(source, record.line_of("source_ref"), "source_ref"), r.source_ref,
                                      r.agency, *existing);
        if (options.skip_existing)
          result.skipped.push_back(what + "; skipped");
        else
          problems.push_back(what + " (use --skip-existing to skip referrals already recorded)");
        continue;
      }
    }
    sink(intake.record(r));
    ++result.recorded;
  }
  if (count == 0 && problems.empty())
    problems.push_back(fmt::format("{}: no referrals in the file", source));
  const std::string label = source.empty() ? "the referral" : source;
  if (!problems.empty()) {
    std::string message = core::join(problems, "\npanel: error: ");
    if (problems.size() >= max_problems)
      message += fmt::format("\npanel: error: {}: stopped after {} problems", label, max_problems);
    if (!source.empty())
      message += fmt::format("\npanel: error: {}: nothing was recorded", source);
    throw refused(message);
  }
  intake.writer().flush();
  txn.commit();
  return result;
}

} // namespace panel::ops
