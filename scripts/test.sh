#!/usr/bin/env bash
# Every check, in the order that fails fastest: types, lint and format,
# unit tests, then a production build, the browser tests (including the
# bad-input suite), the fault tests (crash, concurrency, disk, backup) and a
# small benchmark smoke run that keeps the benchmark working (no timings are
# asserted). The scanner run (`npm run test:security`) is separate: it
# installs Debian scanners and takes about 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npm run test:unit
npm run build
npm run test:e2e
npm run test:faults
npm run bench:smoke
