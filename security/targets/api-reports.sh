# Sourced by security/inner.sh: the API's report and sign-off endpoints,
# whose only input is the assessment in the path (the import API is in
# imports.sh). The PDF report is left out: each request renders a PDF, and
# it finds the assessment as these do.
step "sqlmap report and sign-off API paths (bearer)"
sqlmap_target api-sign-off -u "$APP/api/v1/assessments/$SCAN*/sign-off" -H "Authorization: Bearer $TOKEN"
sqlmap_target api-report-json -u "$APP/api/v1/assessments/$SCAN*/report.json" -H "Authorization: Bearer $TOKEN"
sqlmap_target api-report-csv -u "$APP/api/v1/assessments/$SCAN*/report.csv" -H "Authorization: Bearer $TOKEN"
