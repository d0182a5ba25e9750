#!/usr/bin/env bash
# Every check, in the order that fails fastest: types, lint and format,
# unit tests, then a production build and the browser tests against it.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npm run test:unit
npm run build
npm run test:e2e
