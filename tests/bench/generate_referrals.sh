#!/usr/bin/env bash
# Writes N synthetic referrals as CSV (the `panel refer --file` format) to stdout, for the CCM
# profile: received dates spread over YEARS years from 2014 (default 4), about one referral in
# four about someone referred before (a repeat or, without a date of birth, a possible match).
#
#   generate_referrals.sh N [SEED] [YEARS]
set -euo pipefail
n=${1:?usage: generate_referrals.sh N [SEED]}
seed=${2:-42}
years=${3:-4}
awk -v n="$n" -v seed="$seed" -v years="$years" 'BEGIN {
  srand(seed)
  split("POL CST ASC CSC MH HSG NOISE VS RSO LAS", agency, " ")
  split("suicide rough-sleeping mental-health dementia burglary assault harassment aggressive-behaviour neighbour-dispute hate-crime drunk-disorderly sexual-assault drug-use drug-dealing", category, " ")
  split("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Okafor Nowak Singh Murphy Kelly", surname, " ")
  split("Sam Alex Jo Chris Pat Ali Maria Daniel Zoe Lewis Ruth Kevin Priya Tom Anna", forename, " ")
  print "received,agency,source_ref,referrer,name,dob,gender,postcode,resident,role,category,vulnerable,risk_level,incidents_12m,agencies_involved,professional_judgement,consent,summary"
  people = 0
  for (i = 1; i <= n; i++) {
    # Dates in increasing order over the years, as a register grows.
    day = int((i - 1) * 365 * years / n)
    y = 2014; d = day
    while (d >= 365) { d -= 365; y++ }
    m = int(d / 31) + 1; if (m > 12) m = 12
    dd = d % 28 + 1
    received = sprintf("%04d-%02d-%02d", y, m, dd)
    if (people > 0 && rand() < 0.25) {
      p = int(rand() * people) + 1           # someone referred before
    } else {
      p = ++people
    }
    name = forename[p % 15 + 1] " " surname[int(p / 15) % 15 + 1] " " p
    dob = (p % 10 == 0) ? "" : sprintf("%04d-%02d-%02d", 1940 + p % 60, p % 12 + 1, p % 28 + 1)
    c1 = category[int(rand() * 14) + 1]; c2 = category[int(rand() * 14) + 1]
    cats = (c1 == c2) ? c1 : c1 ";" c2
    printf "%s,%s,SRC-%d,Officer %d,%s,%s,%s,EC%dA %dBB,%s,%s,%s,%s,%s,%d,%d,%s,%s,\"Referral %d: concerns raised, details in the agency record.\"\n", \
      received, agency[i % 10 + 1], i, i % 97, name, dob, (p % 2 ? "female" : "male"), p % 4 + 1, p % 9, \
      (p % 3 ? "true" : "false"), (i % 4 == 0 ? "perpetrator" : "victim"), cats, (i % 5 == 0 ? "true" : "false"), \
      (i % 7 == 0 ? "high" : "medium"), i % 6, i % 4, (i % 11 == 0 ? "true" : ""), "given", i
  }
}'
