#!/usr/bin/env bash
# Renders every built-in document of one shipped profile in md, html, docx and pdf from a register
# whose data has missing optional fields and hostile characters, and checks each printed page as
# a reader would (tests/render/check_pdf.py): page count, the marking at the top and bottom of
# every page, nothing past the right margin. PNGs of every page are left in OUT for people to look at.
#
#   tests/render/render_check.sh PANEL PROFILE OUT
#
# A tool that is not installed skips its checks ("skipped: TOOL not installed"); when no check
# could run at all the script exits 77, which ctest reports as skipped.
set -uo pipefail
panel_bin=$(realpath "$1")
profile=$2
out=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
cd "$out" || exit 1
export PANEL_DB="$out/panel.db" PANEL_TODAY=2017-09-04 PANEL_USER=render-check HOME="$out"
panel() { "$panel_bin" "$@"; }

have() { command -v "$1" >/dev/null 2>&1; }
checked=0
failed=0
skipped=()
skip() { case " ${skipped[*]-} " in *" $1 "*) ;; *) echo "skipped: $1 not installed"; skipped+=("$1");; esac; }
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }

if ! have pdfinfo || ! have pdftotext || ! have pdftoppm; then
  echo "skipped: poppler-utils not installed (pdfinfo, pdftotext, pdftoppm)"
  exit 77
fi

# --- the register ------------------------------------------------------------------------------
panel -q init --profile "$profile" || { fail "init --profile $profile"; exit 1; }
marking=$(panel config get marking)
eval "$(panel config show --format json | python3 -c '
import json, shlex, sys
p = json.load(sys.stdin)
agencies = [a["code"] for a in p["agencies"]]
print("agencies=(" + " ".join(shlex.quote(a) for a in agencies) + ")")
print("categories=(" + " ".join(shlex.quote(c["code"]) for c in p["categories"]) + ")")
print("quorum=(" + " ".join(shlex.quote(q) for q in p["quorum"]) + ")")
')"
long_word=$(printf 'Unbroken%.0s' {1..30})   # 240 letters with no place to break
names=("Siobhán O'Brien-Ní Dhomhnaill" "Zoë | Pipe-Smith" "<script>alert(1)</script> Jones"
       "Jean-François Lefèvre" "Ann ${long_word:0:60}" "Ōkubo Tarō" "Mary \"Molly\" Malone" "Dafydd ap Gruffydd")
count=26
for i in $(seq 1 $count); do
  name="${names[$(( (i - 1) % ${#names[@]} ))]} $i"
  args=(--received "2017-08-$(printf %02d $(( (i % 28) + 1 )))" --agency "${agencies[$(( i % ${#agencies[@]} ))]}"
        --name "$name" --category "${categories[$(( i % ${#categories[@]} ))]}"
        --summary "Reports at flat 3|4 <b>not bold</b> & 'quoted'; see ${long_word} and https://example.org/$(printf 'a%.0s' {1..90}).
A second line, and an accent: café.")
  # Every third referral leaves the optional fields out: no date of birth, referrer or risk.
  if (( i % 3 != 0 )); then
    args+=(--dob "19$(( 50 + i ))-0$(( (i % 9) + 1 ))-1$(( i % 10 ))" --referrer "PC O'Neil" --vulnerable
           --incidents-12m 4 --agencies-involved 3)
  fi
  panel -q refer "${args[@]}" >/dev/null || fail "refer $i"
done
prefix=$(panel config get reference_prefix)
ref() { printf '%s-2017-%04d' "$prefix" "$1"; }
panel -q meeting add 2017-09-12 --time 14:00 --venue "Guildhall, O'Connor Room" || fail "meeting add"
panel -q triage "$(ref 1)" decline --reason "Below the threshold: <i>not</i> eligible" --signpost "Victim Support | 0808 168 9111" || fail decline
panel -q triage "$(ref 2)" redirect --to "Safeguarding Adults Board" --reason "Care & support needs" || fail redirect
panel -q triage "$(ref 3)" more-info --reason "Her date of birth" || fail more-info
for i in $(seq 4 $count); do
  # The referrals without the optional fields meet no criterion: accepted on the chair's judgement.
  panel -q triage "$(ref "$i")" accept --lead "${quorum[0]}" --meeting 2017-09-12 2>/dev/null ||
    panel -q triage "$(ref "$i")" accept --lead "${quorum[0]}" --meeting 2017-09-12 --override --reason "Chair's judgement" ||
    fail "accept $i"
done
{
  echo "held: true"
  echo "chair: \"Supt. J O'Connor\""
  echo "attendance:"
  for a in "${agencies[@]}"; do echo "  $a: present"; done
  echo "cases:"
  for i in $(seq 4 $count); do
    echo "  $(ref "$i"):"
    echo "    summary: \"Discussed: risk remains; agreed a visit | $long_word <script>x</script>\""
    echo "    outcome: keep-open"
    echo "    next_review: 2017-10-10"
    echo "    actions:"
    echo "      - {owner: ${quorum[0]}, description: \"Visit & report back (O'Neil)\", due: 2017-09-26}"
  done
  echo "action_updates: {}"
} >minutes.yaml
PANEL_TODAY=2017-09-12 panel -q minute 2017-09-12 --file minutes.yaml >/dev/null || fail "minute"

# --- the documents: NAME|COMMAND ARGS|PAGES ------------------------------------------------------
documents=()
for letter in $(panel template list --format csv | awk -F, '$2 == "case" || $2 == "referral" {print $1}'); do
  for i in 4 1 2 3; do
    if PANEL_TODAY=2017-09-12 panel letter "$letter" "$(ref "$i")" --format md >/dev/null 2>&1; then
      documents+=("letter-$letter|letter $letter $(ref "$i")|1:4")
      break
    fi
  done
done
documents+=("meeting-pack|agenda 2017-09-12 --pack|3:"
            "minutes|minute 2017-09-12 --render|3:"
            "research-list|agenda 2017-09-12 --research ${quorum[0]}|1:")
(( ${#documents[@]} >= 6 )) || fail "only ${#documents[@]} documents apply to $profile"

docx_pages=()
print_check() {  # PDF LABEL PAGES [MARKING]
  checked=$((checked + 1))
  python3 "$here/check_pdf.py" "$1" --label "$2" --pages "$3" --marking "${4-}" --png "${1%.pdf}" || failed=$((failed + 1))
}

for entry in "${documents[@]}"; do
  IFS='|' read -r name command pages <<<"$entry"
  read -ra words <<<"$command"
  run() { PANEL_TODAY=2017-09-12 panel "${words[@]}" "$@"; }
  run --format md -o "$name.md" || { fail "$name.md"; continue; }
  grep -qF "$marking" "$name.md" || fail "$name.md has no marking"
  run --format html -o "$name.html" || fail "$name.html"
  if grep -q '<script>' "$name.html"; then fail "$name.html has a raw <script>"; fi
  # On screen the body shows the marking (hidden in print, where the page margins carry it).
  grep -qF '<p class="marking">' "$name.html" || fail "$name.html does not show the marking on screen"
  if have chromium; then
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/$name.html.pdf" \
      "file://$out/$name.html" >/dev/null 2>&1 || fail "chromium could not print $name.html"
    [ -s "$name.html.pdf" ] && print_check "$name.html.pdf" "$name (html, chromium)" "$pages" "$marking"
  else
    skip chromium
  fi
  if have weasyprint; then
    if run --format pdf -o "$name.pdf"; then print_check "$name.pdf" "$name (pdf)" "$pages" "$marking"; else fail "$name.pdf"; fi
  else
    skip weasyprint
    run --format pdf -o "$name.pdf" 2>&1 | grep -q "PDF output needs weasyprint: apt-get install weasyprint" ||
      fail "$name.pdf without weasyprint is not refused with the install line"
  fi
  if have pandoc; then
    run --format docx -o "$name.docx" || { fail "$name.docx"; continue; }
    checked=$((checked + 1))
    python3 "$here/check_docx.py" "$name.docx" "$marking" || failed=$((failed + 1))
    if have soffice; then
      docx_pages+=("$name|$pages")  # printed together below: LibreOffice starts slowly
    elif have weasyprint; then
      # The body only: pandoc's HTML of the docx, printed with the same page size and margins.
      pandoc -f docx -t html5 -s --metadata pagetitle="$name" "$name.docx" -o "$name.docx.html" &&
        weasyprint -s "$here/docx-body.css" "$name.docx.html" "$name.docx.pdf" 2>/dev/null &&
        print_check "$name.docx.pdf" "$name (docx body through pandoc)" "1:"
      skip soffice
    fi
  else
    skip pandoc
  fi
done

if (( ${#docx_pages[@]} > 0 )); then
  files=()
  for entry in "${docx_pages[@]}"; do files+=("${entry%%|*}.docx"); done
  soffice --headless --norestore -env:UserInstallation="file://$out/soffice-profile" --convert-to pdf \
    --outdir "$out/soffice" "${files[@]}" >/dev/null 2>&1 || fail "LibreOffice could not print the DOCX files"
  for entry in "${docx_pages[@]}"; do
    IFS='|' read -r name pages <<<"$entry"
    if mv "soffice/$name.pdf" "$name.docx.pdf" 2>/dev/null; then
      print_check "$name.docx.pdf" "$name (docx, LibreOffice)" "$pages" "$marking"
    else
      fail "LibreOffice printed no $name.docx"
    fi
  done
fi

echo "$profile: $checked checks, $failed failed${skipped[*]+, skipped: ${skipped[*]}}"
(( failed > 0 )) && exit 1
(( checked == 0 )) && exit 77
exit 0
