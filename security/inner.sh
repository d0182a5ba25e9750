#!/usr/bin/env bash
# Runs INSIDE a private network namespace (started by security/run.sh with
# `unshare --net`): only loopback exists, so no scanner can reach anything
# but Clearance and the canary on 127.0.0.1. Results go to $WORK.
set -uo pipefail
WORK="$1"
cd "$(dirname "$0")/.."
ip link set lo up

APP=http://127.0.0.1:3000
CANARY=http://127.0.0.1:3299
prep() { node -e "const p=require('$WORK/prepare.json'); console.log($1)"; }
SLUG=$(prep p.slug)
OTHER=$(prep p.otherSlug)
COOKIE="$(prep p.cookieName)=$(prep p.security.session)"
# wapiti takes cookies as a JSON jar keyed by host and path.
prep "JSON.stringify({'127.0.0.1': {'/': {[p.cookieName]: {value: p.security.session, expires: null, secure: false, port: null, version: 0}}}})" >"$WORK/wapiti-cookie.json"
TOKEN=$(prep p.security.token)
# The assessment and people that the state-changing forms act on
# (security/scan-fixtures.ts).
SCAN=$(prep p.scan.slug)

NODE_ENV=production HOST=127.0.0.1 PORT=3000 DATABASE_PATH="$WORK/clearance.db" \
  LOG_LEVEL=warn LOGIN_LIMIT_PER_ACCOUNT=100000 LOGIN_LIMIT_PER_IP=100000 \
  API_LIMIT_PER_MINUTE=100000 node --import tsx server/index.ts \
  >"$WORK/clearance.log" 2>&1 &
APP_PID=$!
node security/canary/server.mjs 3299 >"$WORK/canary.log" 2>&1 &
CANARY_PID=$!
trap 'kill $APP_PID $CANARY_PID 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  curl -fs "$APP/healthz" >/dev/null && curl -fs "$CANARY/" >/dev/null && break
  sleep 0.5
done
curl -fs "$APP/healthz" >/dev/null || { echo "Clearance did not start"; cat "$WORK/clearance.log"; exit 1; }

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%T)"; }

# ---- sqlmap: every form and query parameter, signed out and signed in.
# The back end is known (SQLite), so only its payloads are sent; pages
# carry a fresh CSP nonce each time, so pages are compared by text only.
SQLMAP=(timeout 420 sqlmap --batch --risk=1 --level=2 --timeout=10 --retries=1
  --threads=4 --disable-coloring --flush-session --dbms=SQLite --text-only
  --ignore-code=400,401,403,404,409,413,415,422,429)
sqlmap_target() { # name, then sqlmap arguments
  local name="$1"; shift
  "${SQLMAP[@]}" --output-dir="$WORK/sqlmap-$name" "$@" >"$WORK/sqlmap-$name.log" 2>&1
  echo "sqlmap $name: exit $?" >>"$WORK/sqlmap-exits.txt"
}
# Forms that change a finding or task carry its version, which every
# accepted request raises. Before each request sqlmap reads the current one
# from the database (read-only), as a browser reads it from the page, so
# the payloads reach the change itself and not a version conflict. A
# version that is itself the payload is left as it is.
fresh_version() { # table, row id: prints code for sqlmap's --eval
  printf "import sqlite3; version = str(sqlite3.connect('file:%s?mode=ro', uri=True).execute('select version from %s where id = %d').fetchone()[0]) if version.isdigit() else version" \
    "$WORK/clearance.db" "$1" "$2"
}
# Upload forms are multipart: sqlmap finds each part in such a body and
# appends its payloads to the part's value, a file's content included.
BOUNDARY=ClearanceScanBoundary
multipart() { # name=value pairs; a value @file:type:content is a file part
  local pair name value file type content
  for pair in "$@"; do
    name="${pair%%=*}"
    value="${pair#*=}"
    printf -- '--%s\r\n' "$BOUNDARY"
    if [[ "$value" == @* ]]; then
      file="${value#@}" && content="${file#*:}" && file="${file%%:*}"
      type="${content%%:*}" && content="${content#*:}"
      printf 'Content-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n%s\r\n' \
        "$name" "$file" "$type" "$content"
    else
      printf 'Content-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' "$name" "$value"
    fi
  done
  # No line break after the closing boundary: the shell would drop it from
  # $(...) and leave a lone carriage return, which no browser sends.
  printf -- '--%s--' "$BOUNDARY"
}
FILTERS="severity=critical&status=open&owasp=A03&blocker=true&overdue=false&assignee=me&q=token&sort=cvss&dir=desc&page=1&pageSize=50"
# The files of security/targets/ are shared out between the two sqlmap
# lanes, one each in turn, so that neither lane waits long on the other.
target_files() { # lane 0 or 1: prints that lane's share of the files
  local index=0 file
  for file in security/targets/*.sh; do
    [ $((index++ % 2)) -eq "$1" ] && echo "$file"
  done
}
lane_pages() {
  step "sqlmap canary"
  # Boolean, error and union techniques find the canary in seconds.
  sqlmap_target canary -u "$CANARY/item?id=1" --technique=BEU
  step "sqlmap findings (signed out and as security)"
  sqlmap_target findings-anon -u "$APP/assessments/$SLUG/findings?severity=high&q=token&sort=due"
  sqlmap_target findings -u "$APP/assessments/$SLUG/findings?$FILTERS" --cookie "$COOKIE"
  sqlmap_target finding-path -u "$APP/assessments/$SLUG*/findings/P2-001*" --cookie "$COOKIE"
  for extra in $(target_files 0); do source "$extra"; done
}
lane_forms() {
  step "sqlmap login and setup (signed out)"
  sqlmap_target login -u "$APP/login" --data "email=someone%40example.test&password=correct-horse-battery&redirectTo=%2Fassessments"
  sqlmap_target login-query -u "$APP/login?redirectTo=%2Fassessments"
  # sqlmap skips parameters named like tokens unless told to test them.
  sqlmap_target setup -p token,name,email,password,confirm -u "$APP/setup" --data "token=abcdefghijklmnop&name=Ada+Admin&email=ada%40example.test&password=a-long-passphrase-9&confirm=a-long-passphrase-9"
  sqlmap_target setup-query -p token -u "$APP/setup?token=abcdefghijklmnop"
  step "sqlmap API (bearer)"
  sqlmap_target api-findings -u "$APP/api/v1/assessments/$SLUG/findings?$FILTERS" -H "Authorization: Bearer $TOKEN"
  sqlmap_target api-path -u "$APP/api/v1/assessments/$OTHER*/findings" -H "Authorization: Bearer $TOKEN"
  # Endpoints that landed later, each file a few more sqlmap_target lines.
  for extra in $(target_files 1); do source "$extra"; done
}

# ---- wapiti: crawl and attack, loopback only, never ssrf/xxe/wapp.
MODULES=xss,permanentxss,csrf,crlf,http_headers,cookieflags,csp,redirect,exec,file,methods
WAPITI=(timeout 480 wapiti --no-bugreport --scope folder -m "$MODULES" --max-scan-time 150
  --max-attack-time 30 --timeout 10 -d 3 --max-links-per-page 40 -f json
  --flush-session)
lane_wapiti() {
  step "wapiti canary"
  "${WAPITI[@]}" -u "$CANARY/" -o "$WORK/wapiti-canary.json" >"$WORK/wapiti-canary.log" 2>&1
  step "wapiti clearance (signed out)"
  "${WAPITI[@]}" -u "$APP/" -s "$APP/login?redirectTo=%2Fassessments" -s "$APP/setup?token=abcdefghijklmnop" \
    -s "$APP/assessments/$SLUG/findings?q=token" -o "$WORK/wapiti-anon.json" >"$WORK/wapiti-anon.log" 2>&1
  step "wapiti clearance (security)"
  # Scoped to /assessments/ so the crawl never signs itself out (wapiti
  # 3.0.4's --exclude is broken on Python 3.11).
  # Its crawler follows few links in Clearance's pages, so every page that
  # exists is named as a start, with realistic query values to attack.
  "${WAPITI[@]}" -u "$APP/assessments/" -c "$WORK/wapiti-cookie.json" \
    -s "$APP/assessments/$SLUG" -s "$APP/assessments/$SLUG/findings?$FILTERS" \
    -s "$APP/assessments/$SLUG/findings/P2-001" -s "$APP/assessments/$SLUG/findings/P2-007" \
    -s "$APP/assessments/$OTHER/findings?q=token" \
    -o "$WORK/wapiti-security.json" >"$WORK/wapiti-security.log" 2>&1
}

# Three lanes at once keep the whole run within its time budget.
lane_pages & PAGES=$!
lane_forms & FORMS=$!
lane_wapiti & WAPITI_LANE=$!
wait $PAGES $FORMS $WAPITI_LANE

# ---- ffuf: exposed files, with our own word list.
step "ffuf"
for target in "$APP" "$CANARY"; do
  name=$([ "$target" = "$APP" ] && echo clearance || echo canary)
  timeout 60 ffuf -s -u "$target/FUZZ" -w security/wordlist.txt -mc 200,206 \
    -of json -o "$WORK/ffuf-$name.json" >/dev/null 2>"$WORK/ffuf-$name.log"
done

# ---- whatweb: version banners.
step "whatweb"
timeout 60 whatweb --no-errors -a 1 --log-json="$WORK/whatweb-clearance.json" "$APP/login" >/dev/null 2>&1
timeout 60 whatweb --no-errors -a 1 --log-json="$WORK/whatweb-canary.json" "$CANARY/" >/dev/null 2>&1

# ---- MDN HTTP Observatory, through the port-aware wrapper.
step "observatory"
timeout 60 node security/observatory.mjs "$APP/login" >"$WORK/observatory-clearance.json" 2>"$WORK/observatory-clearance.log"
timeout 60 node security/observatory.mjs "$CANARY/" >"$WORK/observatory-canary.json" 2>"$WORK/observatory-canary.log"

# A digest to show the scans changed nothing they should not have.
curl -s -o /dev/null -w '%{http_code}\n' "$APP/healthz" >"$WORK/healthz-after.txt"
step "done"
