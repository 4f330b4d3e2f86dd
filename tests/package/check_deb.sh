#!/usr/bin/env bash
# Builds the Debian package from a build folder and checks it as a council IT team would use it:
# its Depends and contents, then (as root) installs it with apt-get, runs panel from /usr/bin
# through a short cycle, reads a man page, completes a command line in bash, and removes it,
# checking that nothing is left behind.
#
#   tests/package/check_deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: check_deb.sh BUILD_DIR}" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -f "$build"/panel_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/panel_*_amd64.deb 2>/dev/null) || fail "cpack made no panel_<version>_amd64.deb in $build"
version=$("$build/panel" --version | sed -n 's/^panel //p')
[ "$(basename "$deb")" = "panel_${version}_amd64.deb" ] || fail "package is $(basename "$deb"), expected panel_${version}_amd64.deb"

depends=$(dpkg-deb --field "$deb" Depends)
for library in libfmt9 libyaml-cpp0.7 libsqlite3-0 libicu72 libstdc++6 libc6; do
  grep -q "\b$library\b" <<<"$depends" || fail "Depends lacks $library: $depends"
done
installed_files=(
  /usr/bin/panel
  /usr/share/man/man1/panel.1.gz
  /usr/share/man/man1/panel-refer.1.gz
  /usr/share/man/man1/panel-restore.1.gz
  /usr/share/bash-completion/completions/panel
  /usr/share/panel/templates/letters/warning-letter.yaml
  /usr/share/panel/profiles/ccm.yaml
  /usr/share/doc/panel/copyright
  /usr/share/doc/panel/cli/refer.md
  /usr/share/doc/panel/examples/referrals.yaml
)
contents=$(dpkg-deb --contents "$deb")
for file in "${installed_files[@]}"; do
  grep -q " \.$file$" <<<"$contents" || fail "the package does not hold $file"
done
if grep -E '^-[^ ]*w[^ ]* ' <<<"$contents" | grep -vE '^-rw-r--r-- |^-rwxr-xr-x ' >/dev/null; then
  fail "files writable by group or others in the package"
fi
echo "package: $(basename "$deb"), $(wc -l <<<"$contents") entries; Depends: $depends"

if [ "$(id -u)" != 0 ]; then
  echo "not root: installing and removing the package skipped" >&2
  exit 0
fi
if dpkg-query -W -f='${Status}' panel 2>/dev/null | grep -q "install ok installed"; then
  fail "a panel package is installed already; remove it first (apt-get remove panel)"
fi

export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if dpkg-query -W -f='${Status}' panel 2>/dev/null | grep -q "install ok"; then
    apt-get remove --purge -y -qq panel >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
apt-get install -y -qq "$deb" >/dev/null
[ "$(command -v panel)" = /usr/bin/panel ] || fail "panel is not /usr/bin/panel after installing"
panel --version | grep -qx "panel $version" || fail "/usr/bin/panel --version: $(panel --version)"

# A short cycle from /usr/bin with the installed examples.
cd "$work"
export PANEL_TODAY=2017-09-04 PANEL_USER=packager
panel -q init --profile ccm
panel -q meeting add 2017-09-12
panel -q refer --file /usr/share/doc/panel/examples/referrals.yaml >/dev/null
panel -q triage --accept-eligible >/dev/null
cases=$(panel case list --format csv | tail -n +2 | wc -l)
[ "$cases" -gt 0 ] || fail "no cases after triage"
panel agenda 2017-09-12 --format md | grep -q "CCM-2017-0001" || fail "the agenda does not list CCM-2017-0001"
panel -q letter referral-acknowledgement CCM-2017-0001 -o ack.md
grep -q "CCM-2017-0001" ack.md || fail "the letter does not name its referral"
panel -q check >/dev/null || fail "panel check found problems"
[ "$(stat -c %a panel.db)" = 600 ] || fail "the database is not mode 0600"

# Man pages through man, completion through bash-completion's loader.
[ "$(man -w panel-refer)" = /usr/share/man/man1/panel-refer.1.gz ] || fail "man -w panel-refer: $(man -w panel-refer 2>&1)"
MANWIDTH=80 man panel-restore 2>/dev/null | grep -q "panel restore" || fail "man panel-restore does not show the backup page"
completed=$(bash -c 'source /usr/share/bash-completion/bash_completion
  __load_completion panel || exit 1
  COMP_WORDS=(panel case show CCM-2017-000); COMP_CWORD=3; COMP_LINE="panel case show CCM-2017-000"
  COMP_POINT=${#COMP_LINE}; _panel; echo "${COMPREPLY[*]}"')
grep -q "CCM-2017-0001" <<<"$completed" || fail "bash completion of 'panel case show CCM-2017-000' gave '$completed'"

apt-get remove --purge -y -qq panel >/dev/null
for file in "${installed_files[@]}" /usr/share/panel /usr/share/doc/panel; do
  [ ! -e "$file" ] || fail "$file is left after removing the package"
done
! dpkg-query -W -f='${Status}' panel 2>/dev/null | grep -q "install ok" || fail "dpkg still lists panel"
echo "package: installed, ran a cycle from /usr/bin (init, refer, triage, agenda, letter, check), man and completion work, removed cleanly"
