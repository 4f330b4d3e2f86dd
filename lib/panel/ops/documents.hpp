#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/case.hpp"
#include "panel/core/profile.hpp"
#include "panel/core/template.hpp"
#include "panel/core/value.hpp"
#include "panel/store/db.hpp"

#include <string>
#include <vector>

namespace panel::ops {

// The folder of templates overriding the built-ins: --templates / PANEL_TEMPLATES if given,
// else the profile's `templates` key when a database is open (db may be null), else "".
std::string templates_folder(const std::string& flag, store::Db* db);

// The templates in use, with problems of unreadable override files; see input::load_templates.
std::vector<core::Template> templates_in_use(const std::string& folder, std::vector<std::string>& problems);

// The template called `name`; Error(refused) with a suggestion, and the problems of template
// files that could not be read (the one wanted may be among them).
core::Template find_template(const std::vector<core::Template>& templates, const std::string& name,
                             const std::vector<std::string>& problems = {});

// What every document can use: panel, today, marking, confidentiality, recipient.
core::Value base_context(const core::Profile& profile, core::Date today, const std::string& recipient);
// Adds referral, person, case and meeting for one referral (docs/templates.md).
void add_referral_context(core::Value& context, store::Db& db, const core::Profile& profile,
                          const core::RecordedReferral& referral, core::Date today);

} // namespace panel::ops
