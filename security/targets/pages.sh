# Sourced by security/inner.sh: the query parameters of the assessments
# list, the portfolio dashboard, the audit log and the plan, and what the
# addresses of the auditor's share link, an evidence file and a report
# download carry. Signed out, the list pages send the visitor to sign in
# with the address (payload included) as the way back.
LIST_QUERY="q=payments&stage=active&attention=critical&sort=name&page=1"

step "sqlmap assessments list and dashboard (signed out and as security)"
sqlmap_target assessments-anon -u "$APP/assessments?$LIST_QUERY"
sqlmap_target assessments -u "$APP/assessments?$LIST_QUERY" --cookie "$COOKIE"
sqlmap_target dashboard-anon -u "$APP/dashboard?$LIST_QUERY"
sqlmap_target dashboard -u "$APP/dashboard?$LIST_QUERY" --cookie "$COOKIE"
# Security users may read the audit log, not only admins.
sqlmap_target audit-log -u "$APP/admin/audit?page=2" --cookie "$COOKIE"
# The plan opens one task's edit form by its id in the address; on the
# seeded assessment, whose plan does not grow during the run as the
# scanned one's does (plan-gates.sh adds a task a request).
sqlmap_target plan-edit-query -u "$APP/assessments/$SLUG/plan?edit=1" --cookie "$COOKIE"

step "sqlmap auditor share link (signed out)"
sqlmap_target shared-path -u "$APP/shared/$(prep p.scan.share.token)*"

step "sqlmap evidence file and report download paths (security)"
sqlmap_target evidence-path -u "$APP/assessments/$SCAN/evidence/$(prep p.scan.evidenceId)*" --cookie "$COOKIE"
# The CSV: the PDF is rendered anew for each request.
sqlmap_target report-format-path -u "$APP/assessments/$SCAN/reports/csv*" --cookie "$COOKIE"
