# Sourced by security/inner.sh: every form of the plan and gates pages, as
# the security user, on the assessment kept for scans (p.scan). The
# reschedule form is in forms.sh.
#
# These forms post to the route's `.data` address, as Remix's own forms do
# when scripts run; it answers with the action's result alone. The HTML
# page lists every task and gate, so it grows with each request sqlmap
# makes to a create form: posted to the page, the create-task form hit its
# 420 s bound after 4 of its 10 fields (one took 143 s); through `.data`
# the whole form takes about 9 s.
SCAN_CSRF=$(prep p.security.csrf)
SECURITY_ID=$(prep p.security.id)
PHASE=$(prep p.scan.phaseId)
PLAN="$APP/assessments/$SCAN/plan.data"
GATES="$APP/assessments/$SCAN/gates.data"

step "sqlmap plan forms (security, with CSRF token)"
sqlmap_target plan-create-task -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=create-task&phaseId=$PHASE&title=Rotate+the+signing+keys&description=The+old+keys+were+in+git&ownerId=$SECURITY_ID&status=todo&dueOn=2026-12-20&isQuickWin=on&isOngoing=on"
task=$(prep p.scan.tasks.edit)
sqlmap_target plan-update-task -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --eval "$(fresh_version remediation_tasks "$task")" \
  --data "csrf=$SCAN_CSRF&intent=update-task&taskId=$task&version=1&phaseId=$PHASE&title=Rotate+the+signing+keys&description=&ownerId=&status=doing&dueOn=2026-12-21&isQuickWin=on"
sqlmap_target plan-move-task -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=move-task&taskId=$(prep p.scan.tasks.move)&direction=down"
sqlmap_target plan-link-finding -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=link-finding&taskId=$(prep p.scan.tasks.link)&findingId=$(prep "p.scan.findingIds['P2-015']")"
sqlmap_target plan-unlink-finding -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=unlink-finding&taskId=$(prep p.scan.linked.taskId)&findingId=$(prep p.scan.linked.findingId)"
# The task's owner changes its status; the security user owns this one.
task=$(prep p.scan.tasks.own)
sqlmap_target plan-own-status -u "$PLAN" --cookie "$COOKIE" --skip=csrf \
  --eval "$(fresh_version remediation_tasks "$task")" \
  --data "csrf=$SCAN_CSRF&intent=update-own-status&taskId=$task&version=1&status=doing"

step "sqlmap gates forms (security, with CSRF token)"
# A rule gate's fields depend on its kind: one form with a severity and
# statuses, one with a phase.
sqlmap_target gate-rule-severity -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=create-rule-gate&ruleKind=severity_resolved&name=High+findings+resolved&description=Before+go-live&severity=high&statuses=verified"
sqlmap_target gate-rule-phase -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=create-rule-gate&ruleKind=no_overdue_tasks&name=Week+1+on+time&description=&phaseId=$PHASE"
sqlmap_target gate-checklist -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=create-checklist-gate&name=Retest+done&description=By+the+assessor"
sqlmap_target gate-toggle -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=toggle-gate&gateId=$(prep p.scan.gates.rule)&enabled=false"
sqlmap_target gate-check -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=check-gate&gateId=$(prep p.scan.gates.checklist)&note=Checked+with+trufflehog"
sqlmap_target gate-uncheck -u "$GATES" --cookie "$COOKIE" --skip=csrf \
  --data "csrf=$SCAN_CSRF&intent=uncheck-gate&gateId=$(prep p.scan.gates.checklist)"
