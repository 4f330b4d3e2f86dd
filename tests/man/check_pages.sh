#!/usr/bin/env bash
# Checks the man pages made at build time against the binary they document:
#   - panel(1) and a page for every command `panel --help` lists (restore shares backup's);
#   - each renders with man, and has NAME, SYNOPSIS and EXAMPLES sections;
#   - every option that `panel COMMAND [SUBCOMMAND] --help` offers appears in the command's page,
#     so --help and the docs cannot drift apart.
#
#   check_pages.sh PANEL_BINARY MAN_DIR
set -uo pipefail
panel=$1
man_dir=$2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The commands and subcommands listed under "Subcommands:" in a help text.
subcommands() { "$panel" "$@" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'; }

page_text() { zcat "$1" | sed 's/\\-/-/g'; }

check_options() {  # page text, then the command words
  local text=$1 names option found
  shift
  while read -r names; do
    found=no
    for option in ${names//,/ }; do
      grep -qF -- "$option" <<<"$text" && found=yes
    done
    [ $found = yes ] || fail "panel $* offers $names, which its man page does not mention"
  done < <("$panel" "$@" --help | grep -oE '^ +(-[a-zA-Z],)?--[a-z][a-z0-9-]*' | tr -d ' ' |
           grep -vxE -- '-h,--help|--(db|today|as|format|templates|no-color|marking|version)|-q,--quiet')
}

[ -f "$man_dir/panel.1.gz" ] || fail "no panel(1) in $man_dir"
commands=$(subcommands)
[ -n "$commands" ] || fail "'panel --help' lists no commands"
for command in $commands; do
  page="$man_dir/panel-$command.1.gz"
  if [ "$command" = restore ]; then
    zcat "$page" | grep -qx '.so man1/panel-backup.1' || fail "panel-restore(1) does not point to panel-backup(1)"
    page="$man_dir/panel-backup.1.gz"
  fi
  [ -f "$page" ] || { fail "panel $command has no man page ($page)"; continue; }
  rendered=$(MANWIDTH=100 man -l "$page" 2>/dev/null) || fail "man cannot render $page"
  for section in NAME SYNOPSIS EXAMPLES; do
    grep -qx "$section" <<<"$rendered" || fail "$page has no $section section"
  done
  grep -qE "^ *panel-$command +- +[A-Za-z]" <<<"$rendered" || [ "$command" = restore ] ||
    fail "$page: NAME is not 'panel-$command - description'"
  text=$(page_text "$page")
  check_options "$text" "$command"
  for sub in $(subcommands "$command"); do
    check_options "$text" "$command" "$sub"
    for subsub in $(subcommands "$command" "$sub"); do
      check_options "$text" "$command" "$sub" "$subsub"
    done
  done
done
# No page for a command that no longer exists.
for page in "$man_dir"/panel-*.1.gz; do
  command=$(basename "$page" .1.gz)
  command=${command#panel-}
  grep -qx "$command" <<<"$commands" || fail "$page documents '$command', which panel does not have"
done

if [ $failures -gt 0 ]; then
  echo "$failures problem(s) with the man pages" >&2
  exit 1
fi
echo "man pages: $(wc -w <<<"$commands") commands, each with a page that renders and names every option"
