#!/usr/bin/env bash
# Installs the Debian packages panel needs to build (and, with --test, to run its tests).
# As root it runs apt-get; otherwise it prints the command to run and stops.
#
#   tests/install-deps.sh          build dependencies
#   tests/install-deps.sh --test   build and test dependencies
set -euo pipefail

# pandoc makes the man pages at build time; dpkg-dev (dpkg-shlibdeps) works out the package's Depends;
# libzip puts the marking into Word files' headers and footers (found with pkg-config).
packages=(cmake g++ make pkg-config libcli11-dev libsqlitecpp-dev libsqlite3-dev libfmt-dev libyaml-cpp-dev
          doctest-dev libkainjow-mustache-dev nlohmann-json3-dev libicu-dev libzip-dev sqlite3 pandoc dpkg-dev)
if [ "${1:-}" = "--test" ]; then
  # sqlite3 compares database dumps; setpriv (util-linux) runs a case as an unprivileged user;
  # pandoc makes and reads back DOCX letters; msmtp and python3-aiosmtpd deliver reminders to a
  # real SMTP server on loopback; clang and its runtime build the libFuzzer targets; man-db and
  # bash-completion read the installed package's man pages and completion script; cron's
  # `crontab -n` checks the crontabs printed in the docs (tests/docs/snippets.py).
  packages+=(util-linux msmtp python3 python3-aiosmtpd clang libclang-rt-14-dev man-db bash-completion cron)
  # The render checks (tests/render): weasyprint prints PDFs, chromium prints the HTML, poppler-utils
  # counts pages, reads each page's text and draws PNGs, LibreOffice prints the DOCX; Liberation
  # Sans has Arial's metrics.
  packages+=(weasyprint poppler-utils chromium libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "panel needs these Debian packages; install them as root with:" >&2
  echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
