#!/usr/bin/env bash
# Fails when a subcommand (or a sub-subcommand such as `agency add`) has no end-to-end case.
#
#   check_coverage.sh PANEL_BINARY CASES_DIR
#
# A command X is covered by a case folder named X-*; a sub-subcommand "X Y" by a case whose
# cmd script runs "panel X Y".
set -u
panel=$1
cases=$2

subcommands() {  # the names listed under "Subcommands:" in a help text
  awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}'
}

missing=0
for cmd in $("$panel" --help | subcommands); do
  if ! compgen -G "$cases/$cmd-*" >/dev/null; then
    echo "no end-to-end case for 'panel $cmd' (add tests/cli/cases/$cmd-<scenario>)"
    missing=1
  fi
  for sub in $("$panel" "$cmd" --help | subcommands); do
    if ! grep -qE "panel( --?[a-z-]+( [^ -][^ ]*)?)* $cmd $sub\b" "$cases"/*/cmd; then
      echo "no end-to-end case runs 'panel $cmd $sub'"
      missing=1
    fi
  done
done
[ $missing = 0 ] && echo "every command has an end-to-end case"
exit $missing
