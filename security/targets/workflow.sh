# Sourced by security/inner.sh: the finding workflow's API,
# scanned when the server has it. JSON bodies are tested field by field.
FINDING_API="$APP/api/v1/assessments/$OTHER/findings/P2-010"
probe=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{}' "$FINDING_API/comments")
if [ "$probe" != "404" ]; then
  step "sqlmap finding workflow API (bearer)"
  sqlmap_target api-finding -u "$FINDING_API*" -H "Authorization: Bearer $TOKEN"
  sqlmap_target api-comment -u "$FINDING_API/comments" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data '{"body":"Retested on staging, still open."}'
  sqlmap_target api-status -u "$FINDING_API/status" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    --data '{"status":"fixed","version":1,"note":"Patched","evidence":{"commit":"abcdef1","release":"v1.2.3","note":"See PR"}}'
else
  echo "finding workflow API not present: not scanned" >>"$WORK/sqlmap-exits.txt"
fi
