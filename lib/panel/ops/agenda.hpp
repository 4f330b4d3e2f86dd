#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agenda.hpp"
#include "panel/core/profile.hpp"
#include "panel/store/db.hpp"

#include <optional>

namespace panel::ops {

// The agenda of the meeting on `date`, or of the next open meeting on or after today. Names are
// personal data: the read is audited. With `issue`, the agenda is marked issued (audited).
// Error(refused) when there is no such meeting.
core::Agenda agenda(store::Db& db, std::optional<core::Date> date, bool issue, const core::Actor& actor);

// The meeting on `date`, or the next open one on or after `today`; Error(refused) when none.
core::Meeting agenda_meeting(store::Db& db, std::optional<core::Date> date, core::Date today);
// The agenda of a meeting, without auditing (callers inside their own transaction audit).
core::Agenda compute_agenda(store::Db& db, const core::Meeting& meeting, const core::Profile& profile);

} // namespace panel::ops
