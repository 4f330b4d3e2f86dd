#!/usr/bin/env bash
# Writes one end-to-end case per built-in letter (md, txt and html of it) under cases/.
#   make_letter_cases.sh NAME REF [NAME REF ...]
set -euo pipefail
cd "$(dirname "$0")/cases"
while [ $# -ge 2 ]; do
  name=$1 ref=$2
  shift 2
  mkdir -p "letter-$name"
  cat > "letter-$name/cmd" <<CMD
# The built-in '$name' letter in each text format, from the letter fixture.
. "\$CASE_DIR/../../fixture-letters.sh"
for format in md txt html; do
  echo "----- \$format"
  panel letter $name $ref --format \$format
done
CMD
done
