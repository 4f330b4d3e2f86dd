#pragma once
#include <string>
#include <vector>

namespace panel::mail {

// An RFC 5322 plain-text message (DESIGN §7).
struct Message {
  std::string from;             // "Community MARAC <cs@example.org>" or a bare address
  std::vector<std::string> to;  // addresses
  std::string subject;          // UTF-8; encoded on output when not ASCII
  std::string body;             // UTF-8 text
  std::string date;             // see rfc5322_date
  std::string message_id;       // "<...@domain>", see make_message_id
};

// "2017-09-04T09:00:00Z" -> "Mon, 04 Sep 2017 09:00:00 +0000"; Error(usage) for another shape.
std::string rfc5322_date(const std::string& utc_timestamp);

// A Message-ID unique to what is sent and when: "<panel.<hash>@<domain of from>>".
std::string make_message_id(const std::string& at, const Message& m);

// The address in a mailbox: "Name <a@b.org>" -> "a@b.org"; a bare address as it is.
std::string address_of(const std::string& mailbox);

// A header value as it goes on the wire: control characters and line breaks become spaces;
// text that is not ASCII becomes RFC 2047 encoded words; long values are folded.
std::string encode_header(const std::string& name, const std::string& value);

// The whole message: Date, From, To, Subject, Message-ID, MIME-Version and Content-Type
// (text/plain; charset=utf-8, 8bit), a blank line and the body, every line ending in `eol`
// ("\n" for sendmail, "\r\n" for .eml files) and no line longer than 998 octets.
std::string format_message(const Message& m, const std::string& eol = "\n");

} // namespace panel::mail
