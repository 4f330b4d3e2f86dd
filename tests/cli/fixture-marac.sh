# Sourced by the research-list cases: a domestic-abuse MARAC with a meeting on 12 September 2017
# and four referrals accepted for it (tests/cli/marac-referrals.yaml): a visible-high-risk
# victim with a perpetrator and two children, a stalking case, one with no dates of birth, and a
# repeat of the first (the same perpetrator named again, one new party).
panel -q --db panel.db init --profile marac
panel -q meeting add 2017-09-12 --time 10:00 --venue "Civic Centre"
panel -q refer --file "$CASE_DIR/../../marac-referrals.yaml" >/dev/null
panel -q triage MARAC-2017-0001 accept --meeting 2017-09-12
panel -q triage MARAC-2017-0002 accept --meeting 2017-09-12
panel -q triage MARAC-2017-0003 accept --meeting 2017-09-12
panel -q triage MARAC-2017-0004 accept --meeting 2017-09-12
