# Sourced by security/inner.sh: the sign-off page (its policy and the
# signature), the auditor share links of the reports page and the members
# page, as the security user, on the assessment kept for scans (p.scan).
# Policy and membership forms act on a throwaway engineer (p.scan.spare).
# Posted to `.data` addresses, as in plan-gates.sh: each signature and each
# link adds a row to its page.
SHARE_CSRF=$(prep p.security.csrf)
SPARE_ID=$(prep p.scan.spare.id)
ASSESSMENT="$APP/assessments/$SCAN"

step "sqlmap sign-off forms (security, with CSRF token)"
sqlmap_target sign-off-add-signer -u "$ASSESSMENT/sign-off.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=add-signer&userId=$SPARE_ID&capacity=Engineering+lead"
sqlmap_target sign-off-remove-signer -u "$ASSESSMENT/sign-off.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=remove-signer&userId=$SPARE_ID"
# The security user is a required signer here (scan-fixtures.ts); gates
# fail, so the signature carries an exception.
sqlmap_target sign-off-sign -u "$ASSESSMENT/sign-off.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=sign&statement=I+accept+the+remaining+risk+for+this+release&gateException=Two+gates+fail+and+are+accepted+until+the+retest"

step "sqlmap share link and members forms (security, with CSRF token)"
sqlmap_target share-link-create -u "$ASSESSMENT/reports.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=create-link&label=External+auditor&expiresOn=$(date -u -d '+30 days' +%F)"
sqlmap_target share-link-revoke -u "$ASSESSMENT/reports.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=revoke-link&linkId=$(prep p.scan.share.revocableId)"
sqlmap_target members-add -u "$ASSESSMENT/members.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=add-member&userId=$SPARE_ID"
sqlmap_target members-remove -u "$ASSESSMENT/members.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SHARE_CSRF&intent=remove-member&userId=$SPARE_ID"
