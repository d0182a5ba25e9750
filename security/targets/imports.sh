# Sourced by security/inner.sh: the import forms (into an assessment and
# as a new assessment), the import API and the report verification form,
# as the security user. Findings are imported into the assessment kept for
# scans (p.scan).
#
# The preview forms are multipart uploads (see multipart in inner.sh): each
# field and the file's content are attacked. The CSV names the reference
# last, so payloads appended to the file land in the field an import
# matches existing findings on. The confirm forms carry only the id of a
# preview the server holds in memory (never in SQL); every id sqlmap sends
# is unknown, so each answers 410, which counts as an ordinary answer here.
IMPORT_CSRF=$(prep p.security.csrf)
IMPORT_CSV=$'title,severity,reference\nOpen redirect on /login,low,P2-019'
UPLOAD=(-H "Content-Type: multipart/form-data; boundary=$BOUNDARY")

step "sqlmap import forms (security, with CSRF token)"
sqlmap_target import-preview -u "$APP/assessments/$SCAN/import.data" --cookie "$COOKIE" --skip=csrf "${UPLOAD[@]}" \
  --data "$(multipart "csrf=$IMPORT_CSRF" format=csv "file=@findings.csv:text/csv:$IMPORT_CSV")"
sqlmap_target import-confirm -u "$APP/assessments/$SCAN/import.data" --cookie "$COOKIE" --skip=csrf \
  --ignore-code=400,401,403,404,409,410,413,415,422,429 \
  --data "csrf=$IMPORT_CSRF&pendingId=6Qm0sQ3dZ4yK1xW8vT2rP9nB"
sqlmap_target import-new-preview -u "$APP/assessments/new/import.data" --cookie "$COOKIE" --skip=csrf "${UPLOAD[@]}" \
  --data "$(multipart "csrf=$IMPORT_CSRF" "name=Payments+API+assessment" "slug=payments-api-$(date +%s)" \
    "targetService=Payments API" "assessor=External assessor" assessedOn=2026-11-30 format=csv \
    "file=@findings.csv:text/csv:$IMPORT_CSV")"
sqlmap_target import-new-confirm -u "$APP/assessments/new/import.data" --cookie "$COOKIE" --skip=csrf \
  --ignore-code=400,401,403,404,409,410,413,415,422,429 \
  --data "csrf=$IMPORT_CSRF&pendingId=6Qm0sQ3dZ4yK1xW8vT2rP9nB"

step "sqlmap import API (bearer)"
# A dry run: the preview's code path, with nothing written.
sqlmap_target api-import -u "$APP/api/v1/assessments/$SCAN/import" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  --data '{"format":"csv","content":"title,severity,reference\nOpen redirect on /login,low,P2-019","dryRun":true}'

step "sqlmap verify form (security, with CSRF token)"
# Either a digest or a file; the file part is sent empty, so payloads
# appended to it become a file to hash.
sqlmap_target verify -u "$APP/verify.data" --cookie "$COOKIE" --skip=csrf "${UPLOAD[@]}" \
  --data "$(multipart "csrf=$IMPORT_CSRF" "digest=$(printf 'report' | sha256sum | cut -d' ' -f1)" \
    "file=@:application/octet-stream:")"
