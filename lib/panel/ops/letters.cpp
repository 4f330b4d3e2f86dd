#include "panel/ops/letters.hpp"

#include "panel/core/error.hpp"
#include "panel/core/sha256.hpp"
#include "panel/core/text.hpp"
#include "panel/ops/documents.hpp"
#include "panel/ops/setup.hpp"
#include "panel/render/document.hpp"
#include "panel/render/pandoc.hpp"
#include "panel/render/template_check.hpp"
#include "panel/store/audit.hpp"
#include "panel/store/documents.hpp"
#include "panel/store/referrals.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace panel::ops {
namespace {

// Writes the file only if it is new (or `force`), with mode 0600: letters carry personal data.
void write_output(const std::string& path, const std::string& bytes, bool force)
{
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      throw refused(fmt::format("'{}' already exists; use --force to overwrite it", path));
    throw refused(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw refused(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
}

} // namespace

LetterResult write_letter(store::Db& db, const LetterRequest& q, const core::Actor& actor)
{
  const bool binary = q.format == "docx" || q.format == "pdf";
  if (binary && q.output.empty())
    throw usage_error(fmt::format("{} output needs a file: add -o FILE", q.format));
  store::Transaction txn(db, store::Transaction::Kind::write);
  const auto profile = load_profile(db);
  std::vector<std::string> problems;
  const auto templates = templates_in_use(templates_folder(q.templates, &db), problems);
  const auto t = find_template(templates, q.template_name, problems);
  if (const auto found = render::check_template(t); !found.empty())
    throw refused(core::join(found, "\npanel: error: ") +
                  fmt::format("\npanel: error: template '{}' has {} problem{}", t.name, found.size(),
                              found.size() == 1 ? "" : "s"));
  if (t.kind != "referral" && t.kind != "case")
    throw refused(fmt::format("template '{}' is for {}s, not for letters about a referral or case", t.name, t.kind));

  // A case letter is about the case; a referral letter about the referral (a case reference is
  // also the reference of the referral that opened it).
  std::optional<core::RecordedReferral> referral;
  std::optional<core::Case> kase;
  if (t.kind == "case") {
    kase = store::find_case(db, q.reference);
    if (!kase)
      throw refused(fmt::format("no case '{}' (template '{}' is for cases; see 'panel case list')", q.reference, t.name));
    referral = store::find_referral(db, kase->reference);
  } else {
    referral = store::find_referral(db, q.reference);
    if (!referral)
      throw refused(fmt::format("no referral '{}' (see 'panel triage' or 'panel case list')", q.reference));
  }
  if (!t.when.empty() && std::find(t.when.begin(), t.when.end(), referral->status) == t.when.end())
    throw refused(fmt::format("template '{}' is for referrals that are {}; {} is {}", t.name, core::join(t.when, " or "),
                              referral->reference, referral->status));
  // A case letter that may name the person is written to them; others to the referrer.
  const bool to_person = std::find(t.fields.begin(), t.fields.end(), "person.name") != t.fields.end() && t.kind == "case";
  const std::string recipient = !q.recipient.empty() ? q.recipient
                                : to_person          ? referral->referral.name
                                                     : referral->referral.referrer_name;
  core::Value context = base_context(profile, actor.today, recipient);
  add_referral_context(context, db, profile, *referral, actor.today);

  // DOCX and PDF are made from panel's own HTML, so they keep its line breaks and escaping.
  const auto doc = render::render_document(t, context, binary ? render::DocFormat::html : render::parse_doc_format(q.format));
  const std::string bytes = binary ? render::pandoc_convert(doc.body, "html", q.format, q.tmpdir) : doc.body;
  LetterResult result{q.output.empty() ? bytes : "", q.output, doc.subject, core::sha256_hex(bytes)};

  core::DocumentRecord record;
  record.template_name = t.name;
  record.template_source = t.source == "built-in" ? "built-in" : t.file;
  record.template_sha256 = core::sha256_hex(t.text);
  record.reference = kase ? kase->reference : referral->reference;
  if (kase)
    record.case_id = kase->id;
  else
    record.referral_id = referral->id;
  record.format = q.format;
  record.path = q.output;
  record.output_sha256 = result.output_sha256;
  record.created_at = actor.at;
  record.created_by = actor.user;
  store::insert_document(db, record);
  store::append_audit(db, actor, "export", "document", record.reference,
                      fmt::format("{} ({}){}", t.name, q.format, q.output.empty() ? "" : " to " + q.output));
  // The file is written last, inside the transaction: if it cannot be written nothing is recorded.
  if (!q.output.empty())
    write_output(q.output, bytes, q.force);
  txn.commit();
  return result;
}

} // namespace panel::ops
