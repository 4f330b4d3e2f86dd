#pragma once
#include "panel/core/actor.hpp"
#include "panel/store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace panel::ops {

struct LetterRequest {
  std::string template_name;
  std::string reference;  // a referral, or a case (by its reference or any of its referrals')
  std::string format;     // md | txt | html | docx | pdf
  std::string output;     // file to write, or "" for the text itself (md, txt, html only)
  std::string recipient;  // --to; default: the referrer's name
  std::string address;    // --address: the recipient's address as typed ("Flat 2, 14 Mill Lane, Skegness")
  std::string templates;  // --templates / PANEL_TEMPLATES
  std::string tmpdir;
  bool force = false;     // overwrite an existing output file
  std::optional<std::int64_t> intervention;  // --intervention: the intervention a CPW, ABC... is about
};

struct LetterResult {
  std::string text;  // the document, when no output file was asked for
  std::string path;
  std::string subject;
  std::string output_sha256;
  std::vector<std::string> warnings;  // "no address recorded for CCM-2017-0003; ..."
};

// Renders a letter for a referral or case, writes it to the output file (refusing to overwrite
// one unless `force`), and records the document (template, its hash, reference, who, when, hash
// of the output) with an audit row, all or nothing.
LetterResult write_letter(store::Db& db, const LetterRequest& request, const core::Actor& actor);

} // namespace panel::ops
