#!/usr/bin/env bash
# A full disk, for real (issue #18, items 4, 9, 10, 11): a small ext4 with 1 KiB blocks,
# loop-mounted. Needs root (mount); skipped with a message otherwise. Checks that
#  - every command on a register whose disk is full says so and exits 3 (SQLite's sparse -shm
#    used to raise SIGBUS, exit 135 with no message);
#  - init on a full disk leaves no register and does not say "cannot rollback";
#  - letter -o, agenda --pack -o and backup onto a full disk leave no file, no 0-byte file and no
#    document row.
# Usage: full_disk.sh PANEL
set -u
panel=$(realpath "$1")
if [ "$(id -u)" != 0 ] || ! command -v mkfs.ext4 >/dev/null || ! command -v mount >/dev/null; then
  echo "skipped: needs root, mkfs.ext4 and mount for a loop-mounted ext4"
  exit 77
fi
work=$(mktemp -d /tmp/panel-full-disk.XXXXXX)
chmod 700 "$work"
mnt="$work/mnt"
cleanup() { mountpoint -q "$mnt" && umount "$mnt"; rm -rf "$work"; }
trap cleanup EXIT
cd "$work" || exit 1
truncate -s 3M disk.img
mkfs.ext4 -q -F -b 1024 disk.img || { echo "skipped: mkfs.ext4 failed"; exit 77; }
mkdir -m 700 "$mnt"
mount -o loop,nodelalloc disk.img "$mnt" 2>/dev/null || { echo "skipped: cannot loop-mount (no loop devices?)"; exit 77; }
chmod 700 "$mnt"
export PANEL_TODAY=2017-09-04 PANEL_USER=tester

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Fills the disk, leaving $1 KiB free.
fill() {
  rm -f "$mnt/filler"
  # Blocks the file system keeps back for delayed allocation come free after a sync: take them
  # too, until not one more KiB can be written.
  for _ in 1 2 3 4 5 6 7 8; do
    dd if=/dev/zero of="$mnt/filler" bs=1k oflag=append conv=notrunc 2>/dev/null
    sync
    dd if=/dev/zero of="$mnt/probe" bs=1k count=1 2>/dev/null && sync && [ -s "$mnt/probe" ] || break
    rm -f "$mnt/probe"
  done
  rm -f "$mnt/probe"
  sync
  truncate -s "-$1K" "$mnt/filler"
  sync
}

# 1. Commands on a register whose disk is full: exit 3 and a message, never a signal. 9 to 11
# KiB free is where SQLite's one-byte writes into each 4 KiB page of a new -shm succeed and the
# rest of the page cannot be had.
"$panel" --db "$mnt/panel.db" -q init || fail "init on the small disk"
for free in 0 4 8 9 10 11 12 16; do
  rm -f "$mnt/panel.db-wal" "$mnt/panel.db-shm"
  fill "$free"
  for command in "agency list" check; do
    # shellcheck disable=SC2086
    "$panel" --db "$mnt/panel.db" $command >out 2>err
    code=$?
    if [ "$code" -gt 3 ]; then
      fail "$command with $free KiB free: exit $code, stderr '$(cat err)'"
    elif grep -q SIGBUS err; then
      fail "$command with $free KiB free: SIGBUS caught by the last-resort handler: '$(cat err)'"
    elif [ "$code" = 3 ] && ! grep -q "full\|disk I/O" err; then
      fail "$command with $free KiB free: exit 3 without saying the disk is full: '$(cat err)'"
    fi
  done
done
rm -f "$mnt/filler"
"$panel" --db "$mnt/panel.db" check >/dev/null 2>&1 || fail "check after space was freed"

# 2. init on a full disk: no register, no -wal or -shm, and the real reason.
rm -f "$mnt"/panel.db*
for free in 0 20 100 200; do
  fill "$free"
  "$panel" --db "$mnt/new.db" init >out 2>err && fail "init with $free KiB free succeeded?"
  grep -q "cannot rollback" err && fail "init with $free KiB free: '$(cat err)'"
  ls -A "$mnt" | grep -v '^filler$\|^lost+found$' | grep -q . && fail "init with $free KiB free left: $(ls -A "$mnt")"
  rm -f "$mnt"/new.db*
done
rm -f "$mnt/filler"

# 3. Files onto a full disk, from a register elsewhere: no file, no 0-byte file, no row.
"$panel" --db reg.db -q init
"$panel" --db reg.db -q meeting add 2017-09-12
"$panel" --db reg.db -q refer --received 2017-09-02 --agency MH --name "Zoe OBrien" --dob 1990-05-21 \
  --category harassment --vulnerable --agencies-involved 2 --summary "$(head -c 15000 /dev/zero | tr '\0' x)" >/dev/null
"$panel" --db reg.db -q triage CCM-2017-0001 accept --meeting 2017-09-12
fill 0
"$panel" --db reg.db letter referral-acknowledgement CCM-2017-0001 -o "$mnt/letter.md" 2>err && fail "letter onto a full disk succeeded?"
grep -q "the disk is full" err || fail "letter: '$(cat err)'"
"$panel" --db reg.db agenda 2017-09-12 --pack -o "$mnt/pack.md" 2>err && fail "pack onto a full disk succeeded?"
"$panel" --db reg.db backup "$mnt/backup.db" 2>err && fail "backup onto a full disk succeeded?"
left=$(ls -A "$mnt" | grep -v '^filler$\|^lost+found$')
[ -z "$left" ] || fail "files left on the full disk: $left"
[ "$(sqlite3 reg.db 'select count(*) from documents')" = 0 ] || fail "a document row for a file not written"
rm -f "$mnt/filler"
"$panel" --db reg.db letter referral-acknowledgement CCM-2017-0001 -o "$mnt/letter.md" || fail "letter with room"

echo "full disk: $failures failures"
[ "$failures" = 0 ]
