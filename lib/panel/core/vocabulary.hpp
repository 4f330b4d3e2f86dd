#pragma once
// The fixed vocabularies of the register: statuses, decisions, outcomes, attendance and the like.
// Each is an enum class with one table of its words, the text stored in the database and typed on
// the command line. store/schema.cpp repeats the stored ones in CHECK constraints, and
// tests/unit/store/test_schema_vocabulary.cpp fails when a CHECK and its enum disagree.
#include "panel/core/error.hpp"
#include "panel/core/words.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace panel::core {

// A vocabulary's table: `noun` names the value in messages ("unknown status 'x'"), `words` pairs
// each value with its text, in the order messages and completion list them.
template <class E>
struct Vocabulary;

template <class E>
concept VocabularyEnum = requires { Vocabulary<E>::words; };

enum class ReferralStatus { pending, awaiting_information, accepted, declined, redirected };
template <>
struct Vocabulary<ReferralStatus> {
  static constexpr std::string_view noun = "status";
  static constexpr std::array<std::pair<ReferralStatus, std::string_view>, 5> words{{
      {ReferralStatus::pending, "pending"},
      {ReferralStatus::awaiting_information, "awaiting-information"},
      {ReferralStatus::accepted, "accepted"},
      {ReferralStatus::declined, "declined"},
      {ReferralStatus::redirected, "redirected"},
  }};
};

enum class TriageDecision { accept, decline, redirect, more_info, reopen };
template <>
struct Vocabulary<TriageDecision> {
  static constexpr std::string_view noun = "decision";
  static constexpr std::array<std::pair<TriageDecision, std::string_view>, 5> words{{
      {TriageDecision::accept, "accept"},
      {TriageDecision::decline, "decline"},
      {TriageDecision::redirect, "redirect"},
      {TriageDecision::more_info, "more-info"},
      {TriageDecision::reopen, "reopen"},
  }};
};

enum class CaseStatus { open, closed };
template <>
struct Vocabulary<CaseStatus> {
  static constexpr std::string_view noun = "status";
  static constexpr std::array<std::pair<CaseStatus, std::string_view>, 2> words{{
      {CaseStatus::open, "open"},
      {CaseStatus::closed, "closed"},
  }};
};

enum class MeetingStatus { scheduled, agenda_issued, held, cancelled };
template <>
struct Vocabulary<MeetingStatus> {
  static constexpr std::string_view noun = "status";
  static constexpr std::array<std::pair<MeetingStatus, std::string_view>, 4> words{{
      {MeetingStatus::scheduled, "scheduled"},
      {MeetingStatus::agenda_issued, "agenda-issued"},
      {MeetingStatus::held, "held"},
      {MeetingStatus::cancelled, "cancelled"},
  }};
};

enum class Attendance { present, apologies, absent };
template <>
struct Vocabulary<Attendance> {
  static constexpr std::string_view noun = "attendance";
  static constexpr std::array<std::pair<Attendance, std::string_view>, 3> words{{
      {Attendance::present, "present"},
      {Attendance::apologies, "apologies"},
      {Attendance::absent, "absent"},
  }};
};

// What the panel decided about a case at a meeting (a discussion's outcome).
enum class MinutesOutcome { keep_open, close, refer_elsewhere };
template <>
struct Vocabulary<MinutesOutcome> {
  static constexpr std::string_view noun = "outcome";
  static constexpr std::array<std::pair<MinutesOutcome, std::string_view>, 3> words{{
      {MinutesOutcome::keep_open, "keep-open"},
      {MinutesOutcome::close, "close"},
      {MinutesOutcome::refer_elsewhere, "refer-elsewhere"},
  }};
};

// The SafeLives classification of outstanding actions.
enum class ActionStatus { open, done, not_possible, not_done, cancelled };
template <>
struct Vocabulary<ActionStatus> {
  static constexpr std::string_view noun = "status";
  static constexpr std::array<std::pair<ActionStatus, std::string_view>, 5> words{{
      {ActionStatus::open, "open"},
      {ActionStatus::done, "done"},
      {ActionStatus::not_possible, "not-possible"},
      {ActionStatus::not_done, "not-done"},
      {ActionStatus::cancelled, "cancelled"},
  }};
};

// What an audit row records was done to a record. (`delete` and `export` are C++ keywords.)
enum class AuditAction { create, read, update, delete_, export_ };
template <>
struct Vocabulary<AuditAction> {
  static constexpr std::string_view noun = "action";
  static constexpr std::array<std::pair<AuditAction, std::string_view>, 5> words{{
      {AuditAction::create, "create"},
      {AuditAction::read, "read"},
      {AuditAction::update, "update"},
      {AuditAction::delete_, "delete"},
      {AuditAction::export_, "export"},
  }};
};

// What a reminder row was about.
enum class ReminderItem {
  action, escalation, case_review, intervention_review, intervention_expiry, trigger_step, case_attention,
  minutes_overdue
};
template <>
struct Vocabulary<ReminderItem> {
  static constexpr std::string_view noun = "item";
  static constexpr std::array<std::pair<ReminderItem, std::string_view>, 8> words{{
      {ReminderItem::action, "action"},
      {ReminderItem::escalation, "escalation"},
      {ReminderItem::case_review, "case-review"},
      {ReminderItem::intervention_review, "intervention-review"},
      {ReminderItem::intervention_expiry, "intervention-expiry"},
      {ReminderItem::trigger_step, "trigger-step"},
      {ReminderItem::case_attention, "case-attention"},
      {ReminderItem::minutes_overdue, "minutes-overdue"},
  }};
};

// How a reminder left: piped to sendmail, or written to the outbox folder.
enum class Delivery { sendmail, outbox };
template <>
struct Vocabulary<Delivery> {
  static constexpr std::string_view noun = "delivery";
  static constexpr std::array<std::pair<Delivery, std::string_view>, 2> words{{
      {Delivery::sendmail, "sendmail"},
      {Delivery::outbox, "outbox"},
  }};
};

// A step in an ASB case review (Community Trigger).
enum class CaseReviewStep { apply, complaint, acknowledge, decide, review, outcome, appeal };
template <>
struct Vocabulary<CaseReviewStep> {
  static constexpr std::string_view noun = "step";
  static constexpr std::array<std::pair<CaseReviewStep, std::string_view>, 7> words{{
      {CaseReviewStep::apply, "apply"},
      {CaseReviewStep::complaint, "complaint"},
      {CaseReviewStep::acknowledge, "acknowledge"},
      {CaseReviewStep::decide, "decide"},
      {CaseReviewStep::review, "review"},
      {CaseReviewStep::outcome, "outcome"},
      {CaseReviewStep::appeal, "appeal"},
  }};
};

// What a history row (a correction: field, old value, new value, reason) is about. `case` and
// `delete` are C++ keywords, hence the underscores.
enum class HistoryEntity { referral, case_, meeting, person };
template <>
struct Vocabulary<HistoryEntity> {
  static constexpr std::string_view noun = "record kind";
  static constexpr std::array<std::pair<HistoryEntity, std::string_view>, 4> words{{
      {HistoryEntity::referral, "referral"},
      {HistoryEntity::case_, "case"},
      {HistoryEntity::meeting, "meeting"},
      {HistoryEntity::person, "person"},
  }};
};

// Why a case is on a meeting's agenda: a new or repeat referral, a review, an ASB case review.
// Worked out by queries, not stored, so it has no CHECK. (`new` is a C++ keyword.)
enum class AgendaItemKind { new_, repeat, review, case_review };
template <>
struct Vocabulary<AgendaItemKind> {
  static constexpr std::string_view noun = "item";
  static constexpr std::array<std::pair<AgendaItemKind, std::string_view>, 4> words{{
      {AgendaItemKind::new_, "new"},
      {AgendaItemKind::repeat, "repeat"},
      {AgendaItemKind::review, "review"},
      {AgendaItemKind::case_review, "case-review"},
  }};
};

// The stored text of a value: to_string(CaseStatus::closed) == "closed".
template <VocabularyEnum E>
std::string to_string(E value)
{
  for (const auto& [v, text] : Vocabulary<E>::words)
    if (v == value)
      return std::string(text);
  return {};  // unreachable while every value has a row, which test_vocabulary checks
}

// The value a text names, ignoring ASCII case (`Keep-Open` is keep-open, as core::same_word);
// nothing when it names none.
template <VocabularyEnum E>
constexpr std::optional<E> parse(std::string_view text)
{
  for (const auto& [v, word] : Vocabulary<E>::words)
    if (same_word(word, text))
      return v;
  return std::nullopt;
}

// Whether a stored text is this value: is(row.status, CaseStatus::closed).
template <VocabularyEnum E>
bool is(std::string_view text, E value)
{
  return parse<E>(text) == value;
}

// Every word, in the table's order.
template <VocabularyEnum E>
std::vector<std::string> known_values()
{
  std::vector<std::string> out;
  for (const auto& entry : Vocabulary<E>::words)
    out.emplace_back(entry.second);
  return out;
}

// The words joined for a message: "open, closed".
template <VocabularyEnum E>
std::string known_list()
{
  std::string out;
  for (const auto& entry : Vocabulary<E>::words)
    out += (out.empty() ? "" : ", ") + std::string(entry.second);
  return out;
}

// "unknown status 'clsoed' (known: open, closed); did you mean 'closed'?", the message for a
// text that names no value (core::unknown_word_message).
template <VocabularyEnum E>
std::string unknown_message(std::string_view text)
{
  return unknown_word_message(text, known_values<E>(), Vocabulary<E>::noun);
}

// The value a text names, ignoring case and surrounding spaces (core::canonical_word); Error(code)
// with unknown_message, after `prefix` ("--status: "), when it names none.
template <VocabularyEnum E>
E parse_or_throw(std::string_view text, Exit code = Exit::refused, std::string_view prefix = {})
{
  return *parse<E>(canonical_word(text, known_values<E>(), Vocabulary<E>::noun, code, prefix));
}

// The value of a text read from the database, where a CHECK constraint keeps it in the
// vocabulary; Error(database) if one did not (a file changed behind panel's back).
template <VocabularyEnum E>
E stored(std::string_view text)
{
  return parse_or_throw<E>(text, Exit::database, "the database holds an ");
}

} // namespace panel::core
