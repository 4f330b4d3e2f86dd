#include "panel/render/referral_detail.hpp"

#include "panel/core/referral.hpp"
#include "panel/core/text.hpp"
#include "panel/render/referral_item.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace panel::render {
namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

void write_json(std::ostream& out, const core::ReferralDetail& d)
{
  const auto& rec = d.item.referral;
  Json referral = referral_item_json(d.item);
  referral["case"] = text_or_null(rec.case_reference);
  // "voided" is in the referral's own block, as case show and person export give it.
  referral["void_reason"] = text_or_null(d.void_reason);
  referral["purged"] = rec.purged ? Json(rec.purged->iso()) : Json(nullptr);
  Json documents = Json::array();
  for (const auto& doc : d.documents)
    documents.push_back({{"template", doc.template_name}, {"format", doc.format}, {"path", text_or_null(doc.path)},
                         {"output_sha256", doc.output_sha256}, {"created_at", doc.created_at},
                         {"created_by", doc.created_by}});
  Json history = Json::array();
  for (const auto& h : d.history)
    history.push_back({{"at", h.at}, {"day", h.day}, {"user", h.user}, {"command", h.command}, {"field", h.field},
                       {"old", text_or_null(h.old_value)}, {"new", text_or_null(h.new_value)},
                       {"reason", text_or_null(h.reason)}});
  out << Json{{"referral", referral}, {"documents", documents}, {"history", history}}.dump(
             2, ' ', false, Json::error_handler_t::replace)
      << '\n';
}

// A changed value on one line (an address's lines joined with ", ").
std::string shown(const std::string& value)
{
  return value.empty() ? "(none)" : core::strip_controls(core::address_on_one_line(value));
}

void write_text(std::ostream& out, const core::ReferralDetail& d, bool markdown)
{
  const auto& rec = d.item.referral;
  auto line = [&](const std::string& label, const std::string& value) {
    if (value.empty())
      return;
    if (markdown)
      out << "- **" << label << ":** " << core::strip_controls(value) << '\n';
    else
      out << fmt::format("{:<19} ", label + ":") << core::strip_controls(value) << '\n';
  };
  const char* h1 = markdown ? "# " : "";
  const char* h2 = markdown ? "## " : "";
  out << h1 << "Referral " << rec.reference << (rec.voided ? " (VOIDED)" : "") << "\n\n";
  line("Void reason", d.void_reason);  // the day is in the block below ("Voided:")
  line("Status", rec.status + (rec.meets_threshold ? ", meets the threshold" : ", below the threshold"));
  line("Case", rec.case_reference);
  line("Purged", rec.purged ? rec.purged->iso() : "");
  // The block as `case show` writes it, without its own "Referral REF" heading (given above).
  std::ostringstream item;
  write_referral_item(item, d.item, markdown);
  const auto text = item.str();
  const auto heading_end = text.find('\n', 1);
  out << (heading_end == std::string::npos ? text : text.substr(heading_end + 1));
  if (!d.documents.empty()) {
    out << '\n' << h2 << "Documents\n";
    for (const auto& doc : d.documents)
      line(doc.created_at.substr(0, 10), fmt::format("{} ({}) by {}{}", doc.template_name, doc.format, doc.created_by,
                                                     doc.path.empty() ? "" : ", " + doc.path));
  }
  if (!d.history.empty()) {
    out << '\n' << h2 << "History\n";
    for (const auto& h : d.history)
      line(h.day, fmt::format("{}: {} -> {} by {}{}", h.field, shown(h.old_value), shown(h.new_value), h.user,
                              h.reason.empty() ? "" : " (" + h.reason + ")"));
  }
}

} // namespace

void write_referral(std::ostream& out, const core::ReferralDetail& detail, Format format)
{
  if (format == Format::json)
    write_json(out, detail);
  else
    write_text(out, detail, format == Format::md);
}

} // namespace panel::render
