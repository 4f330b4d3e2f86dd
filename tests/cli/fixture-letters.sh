# Sourced by the letter cases: a database with the example referrals and one of each decision.
panel -q init
panel -q meeting add 2017-09-12 --time 14:00 --venue "Guildhall"
panel -q refer --file "$CASE_DIR/../refer-file-yaml/files/referrals.yaml" >/dev/null
panel -q triage CCM-2017-0004 decline --reason "The incidents reported do not meet the panel's threshold" \
  --signpost "Victim Support hate crime service, 0808 168 9111"
panel -q triage CCM-2017-0002 redirect --to "Safeguarding Adults Board" --reason "Care and support needs"
panel -q triage CCM-2017-0006 more-info --reason "Her date of birth and where she is staying now"
panel -q triage CCM-2017-0003 accept --lead HSG --meeting 2017-09-12
panel -q triage CCM-2017-0001 accept --lead ASC --risk high --meeting 2017-09-12
