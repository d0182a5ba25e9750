#!/usr/bin/env bash
# `npm run test:security`: real scanners against a production build of
# Clearance and against a deliberately vulnerable canary, both inside a
# private network namespace; then the bad-input browser suite and the
# fault tests. Installs the scanners it needs when missing, prints a
# summary and exits non-zero on any failure. See docs/security.md.
#
# SECURITY_SUITES=skip runs the scanners only: the bad-input and fault
# suites are left out (and shown as SKIP in the summary). For iterating on
# scanner targets; they start servers on fixed loopback ports that other
# test runs on the same machine may hold. A run that skips them is not a
# full run.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)

need_apt=()
for pair in sqlmap:sqlmap wapiti:wapiti ffuf:ffuf whatweb:whatweb git-secrets:git-secrets; do
  command -v "${pair%%:*}" >/dev/null || need_apt+=("${pair##*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# Kept outside the repository so its files never meet tsc, eslint or git.
export OBSERVATORY_PREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/clearance-security-tools"
export OBSERVATORY_DIR="$OBSERVATORY_PREFIX/node_modules/@mdn/mdn-http-observatory"
if [ ! -d "$OBSERVATORY_DIR" ]; then
  echo "Installing @mdn/mdn-http-observatory (without its install scripts)..."
  mkdir -p "$OBSERVATORY_PREFIX"
  npm install --prefix "$OBSERVATORY_PREFIX" --ignore-scripts --no-audit --no-fund \
    @mdn/mdn-http-observatory@1.4 >/dev/null
fi

node scripts/build-if-needed.mjs

WORK=$(mktemp -d /tmp/clearance-security-XXXXXX)
chmod 700 "$WORK"
echo "Results in $WORK"
export SECRET_KEY
SECRET_KEY=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")
DATABASE_PATH="$WORK/clearance.db" LOG_LEVEL=silent node_modules/.bin/tsx \
  security/prepare.ts "$WORK/prepare.json" --scan-fixtures >/dev/null

# git-secrets needs no network: it runs here, over the whole history.
bash security/git-secrets.sh "$WORK"

unshare --net bash security/inner.sh "$WORK" 2>&1 | tee "$WORK/inner.log"

# The bad-input suite and the fault tests, outside the namespace (they
# start their own servers on loopback and need no scanner). Their exit
# codes and closing lines join the summary.
# A failing suite is recorded, not fatal: the summary must still be printed.
run_suite() { # name, then the command
  local name="$1"; shift
  local code=0
  echo "== suite $name ($(date -u +%T))"
  "$@" >"$WORK/suite-$name.log" 2>&1 || code=$?
  echo "$code" >"$WORK/suite-$name.exit"
}
if [ "${SECURITY_SUITES:-run}" = skip ]; then
  echo skipped >"$WORK/suite-bad-input.exit"
  echo skipped >"$WORK/suite-faults.exit"
else
  # The bad-input suite drives a browser: Debian's chromium, installed when
  # missing (as `npm run test:e2e` does).
  node scripts/ensure-browser.mjs
  run_suite bad-input env E2E_PORT=3231 node_modules/.bin/playwright test \
    tests/e2e/bad-input*.spec.ts tests/e2e/attacks.spec.ts
  run_suite faults npm run test:faults
fi

node security/report.mjs "$WORK" "$(($(date +%s) - START))"
