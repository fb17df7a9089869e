#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine, then runs every test:
# the type check, lint (ESLint, zero warnings) and the format check (Prettier), then unit and
# component tests, then the integration and terminal tests through a real pcscd.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
bash scripts/install.sh --dev
npx tsc --noEmit
npm run --silent lint
npm run --silent format:check
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-report.json "$@" || status=$?
# One plain closing line with the counts, whatever the reporter printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-report.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
# The Debian package, built, installed and run in a Debian 12 root (docs/packaging.md).
bash scripts/test-package.sh || status=$?
exit "$status"
