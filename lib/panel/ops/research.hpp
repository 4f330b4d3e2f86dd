#pragma once
#include "panel/core/actor.hpp"
#include "panel/core/agenda.hpp"
#include "panel/core/research.hpp"
#include "panel/render/table.hpp"
#include "panel/store/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

// Whose other parties a new or repeat item brings: its referral's (the meeting pack describes the
// referral), or also those of the case's earlier live referrals (a research list searches for
// everyone of the case). A review always brings every live referral of the case.
enum class ItemReferrals { the_item, case_so_far };
// The people of one agenda item: its subject first (role, date of birth and postcode the latest
// known across the case's live referrals up to the item), then every other party the referrals
// name, each once. Reads inside the caller's transaction.
std::vector<core::ResearchPerson> item_people(store::Db& db, const core::AgendaItem& item,
                                              ItemReferrals referrals = ItemReferrals::the_item);
// Everyone on the agenda's research lists: item_people of every item, each person once per case.
core::ResearchList research_people(store::Db& db, const core::Agenda& agenda);

// Audits the read of everyone on a list (`what`: "research list for POL", "meeting pack") by the
// references of their items, with how many people: the audit log holds no names.
void audit_people_read(store::Db& db, const core::ResearchList& list, const std::string& what, const core::Actor& actor);

struct ResearchRequest {
  std::optional<core::Date> date;  // the meeting; none: the next open one
  std::string agency;              // one agency's list; "" for every agency's
  std::string format;              // md | txt | html | docx | pdf (template research-list) | table | csv | json
  std::string output;              // a file, or a folder for one file per agency; "" for the text
  bool force = false;              // overwrite files that exist
  std::string tmpdir, templates;
  render::Style style;             // for table and CSV
};

struct ResearchResult {
  std::string text;                 // the lists, when not written to files
  std::vector<std::string> written; // files written, one per agency
  size_t people = 0;
};

// One agency's research list, or every agency's: each list is recorded as a document about the
// meeting (template research-list) and audited as an export, and the referrals whose people it
// names are audited as read. Files are written 0600 after everything is recorded and before the
// transaction commits; if one cannot be written, those written already are removed and nothing
// is recorded. Error(refused) for an unknown agency or meeting, or an output that is not usable.
ResearchResult research_lists(store::Db& db, const ResearchRequest& request, const core::Actor& actor);

// "MARAC-2017-09-12-research-POL.md": the name of an agency's list in a folder.
std::string research_file_name(const std::string& panel_short, core::Date meeting, const std::string& agency,
                               const std::string& extension);

} // namespace panel::ops
