# Sourced by security/inner.sh: the plan's reschedule form and the finding
# page's comment and due-date forms, which post with a CSRF token, as the
# security user. The token is the session's own and is not itself attacked
# (--skip=csrf); the other target files post the same way.
CSRF=$(prep p.security.csrf)
if curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" "$APP/assessments/$SLUG/plan" | grep -q 200; then
  step "sqlmap plan reschedule form (security, with CSRF token)"
  sqlmap_target plan-reschedule -u "$APP/assessments/$SLUG/plan" --cookie "$COOKIE" --skip=csrf \
    --data "csrf=$CSRF&intent=reschedule&startOn=2026-12-07"
  # The plan's other forms are in plan-gates.sh.
fi
if curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$APP/api/v1/assessments/$SLUG/readiness" | grep -q 200; then
  step "sqlmap readiness and plan API (bearer)"
  sqlmap_target api-readiness -u "$APP/api/v1/assessments/$SLUG*/readiness" -H "Authorization: Bearer $TOKEN"
  sqlmap_target api-plan -u "$APP/api/v1/assessments/$SLUG*/plan" -H "Authorization: Bearer $TOKEN"
fi
if curl -s -o /dev/null -w '%{http_code}' -b "$COOKIE" "$APP/assessments/$OTHER/findings/P2-011" | grep -q 200; then
  step "sqlmap finding page forms (security, with CSRF token)"
  sqlmap_target finding-comment -u "$APP/assessments/$OTHER/findings/P2-011" --cookie "$COOKIE" --skip=csrf \
    --data "csrf=$CSRF&intent=comment&version=1&body=Retested+today%2C+still+reproducible."
  sqlmap_target finding-due-date -u "$APP/assessments/$OTHER/findings/P2-012" --cookie "$COOKIE" --skip=csrf \
    --data "csrf=$CSRF&intent=set-due-date&version=1&dueOn=2026-12-31"
fi
