#!/usr/bin/env bash
# Runs every test of cps-audit. What it does to this machine, in order:
#   1. As root (directly, or through sudo): installs the system packages the tests use, with
#      apt-get, when they are missing (scripts/install-test-deps.sh: pcscd, libpcsclite-dev,
#      vsmartcard-vpcd, opensc, pcsc-tools, tmux, iproute2, the compiler chain of node-gyp...).
#      The system's own pcscd is left running: it is never stopped.
#   2. Installs the tool from this checkout with its development dependencies
#      (scripts/install.sh --dev): npm dependencies in node_modules, the bundle in dist/, and the
#      `cps-audit` launcher in /usr/local/bin (CPS_AUDIT_PREFIX to put it elsewhere), with its
#      manual page and bash completion; `bash scripts/install.sh --uninstall` removes them.
#   3. The type check, lint (ESLint, zero warnings) and the format check (Prettier).
#   4. The unit and component tests (vitest project `unit`), in parallel, as this user.
#   5. The tests that start their own pcscd (vitest project `system`: integration, and the built
#      tool in a pseudo-terminal) inside private mount and network namespaces
#      (scripts/pcscd-isolated.sh, as root): their pcscd and vpcd clash with no other pcscd.
# Arguments are passed to both vitest runs (a file name, -t PATTERN...). The last line says
# "tests: N passed, N failed, N skipped" over both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
bash scripts/install.sh --dev
npx tsc --noEmit
npm run --silent lint
npm run --silent format:check
mkdir -p .tmp
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo --preserve-env=PATH "$@"; fi; }
status=0
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.tmp/vitest-unit.json "$@" || status=$?
as_root bash scripts/pcscd-isolated.sh npx vitest run --project system --reporter=default --reporter=json \
  --outputFile.json=.tmp/vitest-system.json "$@" || status=$?
# One plain closing line with the counts of both runs, whatever the reporters printed above.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of [".tmp/vitest-unit.json", ".tmp/vitest-system.json"]) {
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' || true
# The Debian package, built, installed and run in a Debian 12 root (docs/packaging.md).
bash scripts/test-package.sh || status=$?
exit "$status"
