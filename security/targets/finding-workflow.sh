# Sourced by security/inner.sh: the new-finding form, every intent of the
# finding page and the findings list's bulk form, as the security user, on
# the assessment kept for scans (p.scan). The comment and due-date intents
# are in forms.sh. Each intent works on a finding of its own, so one
# form's changes (an archive, a status) never stand in another's way.
# Posted to `.data` addresses, as in plan-gates.sh: the finding page lists
# every event, and most of these requests add one.
FLOW_CSRF=$(prep p.security.csrf)
FINDINGS="$APP/assessments/$SCAN/findings"
finding_id() { prep "p.scan.findingIds['$1']"; }
in_days() { date -u -d "+$1 days" +%F; }

step "sqlmap new finding form (security, with CSRF token)"
sqlmap_target finding-new -u "$FINDINGS/new.data" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$FLOW_CSRF&title=Stored+XSS+in+comments&severity=high&reference=SC-1&description=Comment+bodies+are+rendered+unescaped&remediation=Escape+on+output&affected=%2Fapi%2Fcomments&cvssVector=CVSS%3A3.1%2FAV%3AN%2FAC%3AL%2FPR%3AL%2FUI%3AR%2FS%3AC%2FC%3AL%2FI%3AL%2FA%3AN&dueOn=2026-12-31"

step "sqlmap finding workflow forms (security, with CSRF token)"
finding_form() { # target name, finding reference, form fields after the version
  local name="$1" ref="$2" fields="$3"
  sqlmap_target "$name" -u "$FINDINGS/$ref.data" --cookie "$COOKIE" --skip=csrf \
    --eval "$(fresh_version findings "$(finding_id "$ref")")" \
    --data "csrf=$FLOW_CSRF&version=1&$fields"
}
# The status changes; marking fixed carries the evidence fields.
finding_form finding-mark-fixed P2-001 \
  "intent=mark-fixed&note=Escaped+all+output&commit=abcdef1&pullRequest=https%3A%2F%2Fgit.example.test%2Fpr%2F7&release=v1.2.3"
finding_form finding-false-positive P2-002 "intent=mark-false-positive&note=Not+reachable+from+outside"
finding_form finding-start-work P2-017 "intent=start-work&note=Picked+up+today"
# P2-018 is fixed and P2-019 verified by then (scan-fixtures.ts).
finding_form finding-verify P2-018 "intent=verify&note=Retested%2C+fixed"
finding_form finding-reopen P2-019 "intent=reopen&note=Came+back+in+v1.3"
finding_form finding-request-risk P2-003 \
  "intent=request-risk-acceptance&justification=Internal+only&compensatingControls=IP+allow-list&expiresOn=$(in_days 30)"
# P2-004 and P2-005 carry a pending request each (scan-fixtures.ts).
finding_form finding-approve-risk P2-004 "intent=approve-risk-acceptance&note=Accepted+until+the+fix"
finding_form finding-reject-risk P2-005 "intent=reject-risk-acceptance&note=Fix+it+instead"
finding_form finding-assign P2-006 "intent=assign&assigneeId=$(prep p.security.id)"
finding_form finding-ticket P2-007 "intent=set-ticket&ticket=SEC-123"
finding_form finding-severity P2-008 \
  "intent=change-severity&severity=medium&cvssVector=&justification=Needs+a+signed-in+user"
finding_form finding-edit P2-009 \
  "intent=edit-details&title=Rate+limit+missing+on+login&description=No+limit&impact=Password+guessing&remediation=Add+a+limit"
finding_form finding-archive P2-010 "intent=archive&reason=Duplicate+of+P2-011"
finding_form finding-evidence-link P2-011 "intent=add-evidence&url=https%3A%2F%2Fci.example.test%2Fbuild%2F42"

# The upload form is multipart (see multipart in inner.sh).
sqlmap_target finding-evidence-upload -u "$FINDINGS/P2-012/evidence.data" --cookie "$COOKIE" --skip=csrf \
  -H "Content-Type: multipart/form-data; boundary=$BOUNDARY" \
  --data "$(multipart "csrf=$FLOW_CSRF" intent=upload-evidence "file=@scan.txt:text/plain:GET /api/comments answered 200")"

step "sqlmap findings bulk form (security, with CSRF token)"
# `?index` sends the post to the list itself rather than its parent route.
sqlmap_target findings-bulk-assign -u "$FINDINGS.data?index" --cookie "$COOKIE" --skip=csrf,index \
  --data "csrf=$FLOW_CSRF&intent=bulk-assign&ids=$(finding_id P2-013)&assigneeId=$(prep p.security.id)&dueOn="
sqlmap_target findings-bulk-due-date -u "$FINDINGS.data?index" --cookie "$COOKIE" --skip=csrf,index \
  --data "csrf=$FLOW_CSRF&intent=bulk-due-date&ids=$(finding_id P2-014)&dueOn=2026-12-24"
