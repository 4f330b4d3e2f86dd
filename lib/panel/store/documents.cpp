#include "panel/store/documents.hpp"

#include "panel/store/row.hpp"

namespace panel::store {

void insert_document(Db& db, const core::DocumentRecord& d)
{
  SQLite::Statement s(db.impl().sql,
                      "INSERT INTO document (template, template_source, template_sha256, reference, referral_id, "
                      "case_id, format, path, output_sha256, created_at, created_by, case_review_id) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, d.template_name);
  s.bind(2, d.template_source);
  s.bind(3, d.template_sha256);
  s.bind(4, d.reference);
  if (d.referral_id)
    s.bind(5, *d.referral_id);
  if (d.case_id)
    s.bind(6, *d.case_id);
  s.bind(7, d.format);
  s.bind(8, d.path);
  s.bind(9, d.output_sha256);
  s.bind(10, d.created_at);
  s.bind(11, d.created_by);
  bind_optional(s, 12, d.case_review_id);
  s.exec();
}

namespace {

std::vector<core::DocumentRecord> documents_where(Db& db, const char* where, std::int64_t id)
{
  SQLite::Statement s(db.impl().sql,
                      std::string("SELECT template, template_source, template_sha256, reference, referral_id, case_id, format, "
                                  "path, output_sha256, created_at, created_by, case_review_id FROM document WHERE ") +
                          where + " ORDER BY id");
  s.bind(1, id);
  std::vector<core::DocumentRecord> rows;
  while (s.executeStep()) {
    core::DocumentRecord d;
    d.template_name = s.getColumn(0).getString();
    d.template_source = s.getColumn(1).getString();
    d.template_sha256 = s.getColumn(2).getString();
    d.reference = s.getColumn(3).getString();
    if (!s.getColumn(4).isNull())
      d.referral_id = s.getColumn(4).getInt64();
    if (!s.getColumn(5).isNull())
      d.case_id = s.getColumn(5).getInt64();
    d.format = s.getColumn(6).getString();
    d.path = s.getColumn(7).getString();
    d.output_sha256 = s.getColumn(8).getString();
    d.created_at = s.getColumn(9).getString();
    d.created_by = s.getColumn(10).getString();
    if (!s.getColumn(11).isNull())
      d.case_review_id = s.getColumn(11).getInt64();
    rows.push_back(std::move(d));
  }
  return rows;
}

} // namespace

std::vector<core::DocumentRecord> case_documents(Db& db, std::int64_t case_id)
{
  return documents_where(db, "case_id = ?1 OR referral_id IN (SELECT id FROM referral WHERE case_id = ?1)", case_id);
}

std::vector<core::DocumentRecord> referral_documents(Db& db, std::int64_t referral_id)
{
  return documents_where(db, "referral_id = ?1", referral_id);
}

std::vector<core::DocumentRecord> case_review_documents(Db& db, std::int64_t case_review_id)
{
  return documents_where(db, "case_review_id = ?1", case_review_id);
}

} // namespace panel::store
