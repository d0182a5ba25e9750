#!/usr/bin/env bash
# git-secrets joins patterns after splitting them on spaces: no pattern
# may hold a literal space (use [[:space:]]).
# Scans the whole git history with our own patterns (each ends on a word
# boundary), then proves the patterns bite by scanning a throwaway canary
# repository holding fake secrets of the same shapes.
set -uo pipefail
WORK="$1"
REPO=$(pwd)
PATTERNS=(
  'clr_[A-Za-z0-9_-]{40,}\b'
  'SECRET_KEY=[A-Za-z0-9+/=_-]{32,}\b'
  '-{5}BEGIN[[:space:]]([A-Z]+[[:space:]])?PRIVATE[[:space:]]KEY-{5}'
  'AKIA[0-9A-Z]{16}\b'
  'ghp_[A-Za-z0-9]{36}\b'
  'npm_[A-Za-z0-9]{36}\b'
  'xox[baprs]-[A-Za-z0-9-]{10,}\b'
  '[$]argon2id[$]v=19[$][^[:space:]"]{40,}'
  '(password|passwd)[[:space:]]*[:=][[:space:]]*["'"'"'][^"'"'"'[:space:]]{8,}["'"'"']'
)
# Test fixtures give throwaway users literal passwords; a value that says
# it is a test, an example or wrong is no credential. Matched against the
# whole "commit:path:line:text" line git-secrets prints.
# The allow-list table in docs/security.md quotes the shape of such a
# test password to explain this very rule; that row is allowed too.
ALLOWED=(
  '^[0-9a-f]{40}:docs/security[.]md:[0-9]+:[|][[:space:]]git-secrets[[:space:]]+[|][[:space:]]`password: '"'"'…test…'"'"'`'
  '^[0-9a-f]{40}:tests/[^:]+:[0-9]+:.*(password|passwd)[[:space:]]*[:=][[:space:]]*["'"'"'][^"'"'"']*(test|example|wrong|fixture)[^"'"'"']*["'"'"']'
)
# Patterns are passed as command-line configuration (GIT_CONFIG_COUNT),
# so no repository's config is changed, not even for a moment.
export GIT_CONFIG_COUNT=0
for pattern in "${PATTERNS[@]}"; do
  export "GIT_CONFIG_KEY_$GIT_CONFIG_COUNT=secrets.patterns" "GIT_CONFIG_VALUE_$GIT_CONFIG_COUNT=$pattern"
  GIT_CONFIG_COUNT=$((GIT_CONFIG_COUNT + 1))
done
for allowed in "${ALLOWED[@]}"; do
  export "GIT_CONFIG_KEY_$GIT_CONFIG_COUNT=secrets.allowed" "GIT_CONFIG_VALUE_$GIT_CONFIG_COUNT=$allowed"
  GIT_CONFIG_COUNT=$((GIT_CONFIG_COUNT + 1))
done

CANARY="$WORK/git-canary"
rm -rf "$CANARY" && mkdir -p "$CANARY"
git -C "$CANARY" init -q
git -C "$CANARY" -c user.email=canary@example.test -c user.name=canary commit -q --allow-empty -m start
# Fake values assembled at run time so this file itself stays clean.
DASHES=-----
printf 'API=%s%s\nSECRET_KEY=%s\n%sBEGIN RSA PRIVATE KEY%s\n' 'clr_' "$(printf 'x%.0s' {1..43})" \
  "$(printf 'k%.0s' {1..40})" "$DASHES" "$DASHES" >"$CANARY/config.txt"
git -C "$CANARY" add config.txt
git -C "$CANARY" -c user.email=canary@example.test -c user.name=canary commit -q -m leak
git -C "$CANARY" rm -q config.txt
git -C "$CANARY" -c user.email=canary@example.test -c user.name=canary commit -q -m "remove leak"
(cd "$CANARY" && git secrets --scan-history) >"$WORK/git-secrets-canary.log" 2>&1
echo "exit $?" >>"$WORK/git-secrets-canary.log"

# The project's own repository, every commit of its history.
(cd "$REPO" && git secrets --scan-history) >"$WORK/git-secrets-clearance.log" 2>&1
echo "exit $?" >>"$WORK/git-secrets-clearance.log"
