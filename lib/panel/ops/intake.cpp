#include "panel/ops/intake.hpp"

#include "panel/core/text.hpp"
#include "panel/core/vocabulary.hpp"
#include "panel/input/values.hpp"
#include "panel/ops/setup.hpp"
#include "panel/rules/criteria.hpp"
#include "panel/rules/dupes.hpp"
#include "panel/rules/names.hpp"
#include "panel/rules/referral_check.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/cases.hpp"
#include "panel/store/intake.hpp"
#include "panel/store/people.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <fmt/format.h>

namespace panel::ops {
namespace {

constexpr size_t max_problems = 20;

class Intake {
public:
  Intake(store::Db& db, const core::Profile& profile, const core::Actor& actor)
      : m_db(db), m_profile(profile), m_actor(actor), m_writer(db), m_audit(db)
  {
  }

  // Records one checked referral and returns what was found.
  IntakeItem record(const core::Referral& r, long line)
  {
    IntakeItem item{"", r.received, r.agency, 0, "", {}, {}, false, line, r.name, ""};
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
    if (!new_person) {
      store::refresh_person_dob(m_db, item.person_id);  // a later referral may give a date of birth anew
      recheck_next(item.person_id, r.received, id);
      if (const auto open = store::open_case_for_person(m_db, item.person_id))
        item.open_case = open->reference;
    }
    return item;
  }

  store::IntakeWriter& writer() { return m_writer; }

private:
  // The person this referral is about: the explicit id, or the same normalised name and date of
  // birth (the oldest such person), or a new person (`created`). Same name without that date of
  // birth, or an alike name with it (rules::name_likeness), is only a possible match.
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
    std::vector<std::int64_t> others;
    for (const auto& other : namesakes)
      others.push_back(other.id);
    // A name typed a little differently with the same date of birth (Sara / Sarah Lewis) is a
    // possible match too: agencies misspell names, and a repeat must not be missed for it.
    if (r.dob)
      for (const auto& other : born_on(*r.dob))
        if (rules::name_likeness(key, other.name_key))
          others.push_back(other.id);
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    for (const auto other : others) {
      if (person && other == *person)
        continue;
      if (const auto latest = m_writer.latest_referral(other)) {
        match_ids.push_back(latest->id);
        match_refs.push_back(latest->reference);
      }
    }
    if (person)
      return *person;
    created = true;
    const auto id = m_writer.insert_person(r.name, key, r.dob, m_actor.at);
    if (r.dob && m_born)
      (*m_born)[*r.dob].push_back({id, *r.dob, key});
    return id;
  }

  // Everyone on the register born on `day`, read once per intake and kept up to date as people
  // are added.
  const std::vector<store::Born>& born_on(core::Date day)
  {
    if (!m_born) {
      m_born.emplace();
      for (auto& b : m_writer.persons_born())
        (*m_born)[b.dob].push_back(std::move(b));
    }
    static const std::vector<store::Born> nobody;
    const auto found = m_born->find(day);
    return found == m_born->end() ? nobody : found->second;
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

  store::Db& m_db;
  const core::Profile& m_profile;
  const core::Actor& m_actor;
  store::IntakeWriter m_writer;
  store::AuditTrail m_audit;  // every audit row of the intake's transaction goes through it
  std::optional<std::map<core::Date, std::vector<store::Born>>> m_born;  // born_on, once read
};

} // namespace

namespace {

// Whether a problem the profile checks found is about a field that could not be read at all (a
// bad date is not also "missing").
bool unreadable(const std::string& field, const std::vector<input::ReferralRecord::Problem>& problems)
{
  return std::any_of(problems.begin(), problems.end(), [&](const auto& p) {
    return field == p.field || field.rfind(p.field + "[", 0) == 0 || field.rfind(p.field + ".", 0) == 0;
  });
}

} // namespace

IntakeResult record_referrals(store::Db& db, input::ReferralReader& reader, const std::string& source,
                              const IntakeOptions& options, const core::Actor& actor, const IntakeSink& sink)
{
  store::Transaction txn(db, store::Transaction::Kind::write);
  const core::Profile profile = load_profile(db);
  Intake intake(db, profile, actor);
  reader.configure({options.date_order.value_or(profile.input.date_order), options.strict, true});
  IntakeResult result;
  std::vector<std::string> problems;
  std::map<std::string, long> in_file;  // agency + source_ref -> line, to catch a file repeating itself
  std::set<std::string> absent_reported;  // required columns the header lacks, reported once
  size_t count = 0;

  input::ReferralRecord record;
  while (problems.size() < max_problems) {
    try {
      if (!reader.next(record))
        break;
    } catch (const input::RecordProblem& e) {
      // A row that cannot be read as a referral (or a bad header): report it and go on.
      problems.insert(problems.end(), e.messages().begin(), e.messages().end());
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
    auto at = [&](const std::string& field) { return input::where(source, record.line_of(field), field); };
    std::vector<std::pair<long, std::string>> found;  // this referral's problems, by line
    for (const auto& p : record.problems)
      found.emplace_back(p.line, p.message);
    for (const auto& p : rules::check_referral(r, profile, actor.today)) {
      if (unreadable(p.field, record.problems))
        continue;
      // A required column the header lacks is one problem for the file, not one for every row.
      if (const auto absent = reader.absent_column(p.field); absent && p.message.ends_with("required")) {
        if (absent_reported.insert(p.field).second)
          found.emplace_back(0, *absent);
        continue;
      }
      found.emplace_back(record.line_of(p.field), fmt::format("{}: {}", at(p.field), p.message));
    }
    if (r.person_id && !intake.writer().person_exists(*r.person_id))
      found.emplace_back(record.line_of("person"), fmt::format("{}: no person with id {}", at("person"), *r.person_id));
    else if (const auto into = r.person_id ? intake.writer().merged_into(*r.person_id) : std::nullopt)
      found.emplace_back(record.line_of("person"), fmt::format("{}: person {} was merged into person {}: give person {} "
                                                               "instead", at("person"), *r.person_id, *into, *into));
    bool skip = false;
    std::string voided_before;  // what the void of this agency reference was, when one was voided
    if (!r.source_ref.empty()) {
      const auto [earlier, fresh] = in_file.emplace(r.agency + "\n" + r.source_ref, record.line);
      if (!fresh)
        found.emplace_back(record.line_of("source_ref"),
                           fmt::format("{}: '{}' from {} appears twice in the file (first at line {})", at("source_ref"),
                                       r.source_ref, r.agency, earlier->second));
      else if (const auto existing = intake.writer().reference_for_source(r.agency, r.source_ref)) {
        const auto what = fmt::format("{}: '{}' from {} is already recorded as {}", at("source_ref"), r.source_ref,
                                      r.agency, *existing);
        skip = options.skip_existing;
        if (skip)
          result.skipped.push_back(what + "; skipped");
        else
          found.emplace_back(record.line_of("source_ref"),
                             what + " (use --skip-existing to skip referrals already recorded)");
      } else if (const auto voided = intake.writer().voided_source(r.agency, r.source_ref)) {
        // A cumulative export brings back what was voided as recorded in error: --skip-existing
        // (the mode for such exports) leaves it out; a file given without it is taken as meant.
        voided_before = fmt::format("{}: '{}' from {} was voided on {} ({}: {})", at("source_ref"), r.source_ref,
                                    r.agency, voided->voided.iso(), voided->reference, voided->reason);
        skip = options.skip_existing;
        if (skip) {
          result.skipped.push_back(voided_before + "; skipped (to record it again, refer it without --skip-existing)");
          ++result.skipped_voided;
        }
      }
    }
    // Reported in the order they appear in the file.
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [line, message] : found)
      problems.push_back(std::move(message));
    if (!r.postcode.empty() && !input::tidy_postcode(r.postcode))
      result.warnings.push_back(fmt::format("{}: '{}' is not a UK postcode; kept as written", at("postcode"),
                                            core::strip_controls(r.postcode)));
    if (!problems.empty() || skip)
      continue;  // keep checking the rest of the file, but write nothing more
    const auto item = intake.record(r, record.line);
    if (!voided_before.empty())
      result.warnings.push_back(fmt::format("{}; {} again as {}", voided_before,
                                            options.check ? "would be recorded" : "recorded", item.reference));
    sink(item);
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
      message += fmt::format("\npanel: error: {}: {}; nothing was recorded", source,
                             core::plural(static_cast<long long>(problems.size()), "problem", "problems"));
    throw refused(message);
  }
  intake.writer().flush();
  if (!options.check)
    txn.commit();  // a check rolls back when `txn` goes: not even an audit row is left
  return result;
}

} // namespace panel::ops
