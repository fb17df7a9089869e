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
#   3. The type check, lint (ESLint, zero warnings), the format check (Prettier) and the tiers
#      check (scripts/check-tiers.ts: every test file in exactly one tier, helpers in test/support).
#   4. The tiers that need no pcscd, each file of a tier in parallel, as this user: unit,
#      properties (fuzzing, fault walks), app (the screens, the command line as a child process).
#   5. The tiers that start their own pcscd, one file at a time, inside private mount and network
#      namespaces (scripts/pcscd-isolated.sh, as root): their pcscd and vpcd clash with no other
#      pcscd: system (integration), then terminal (the built tool in a pseudo-terminal).
#   6. The Debian package, built, installed and run in a Debian 12 root (docs/packaging.md).
# The tiers: docs/testing.md. Arguments are passed to every vitest run (a file name, -t PATTERN...);
# a tier with no file left to run passes. The last line says "tests: N passed, N failed, N skipped"
# over every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
bash scripts/install.sh --dev
npx tsc --noEmit
npm run --silent lint
npm run --silent format:check
npx tsx scripts/check-tiers.ts
mkdir -p .tmp
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo --preserve-env=PATH "$@"; fi; }
status=0
rm -f .tmp/vitest-*.json
tier() {
  local name=$1
  shift
  "$@" npx vitest run --project "$name" --passWithNoTests --reporter=default --reporter=json \
    --outputFile.json=".tmp/vitest-$name.json" "${ARGS[@]}" || status=$?
}
ARGS=("$@")
tier unit
tier properties
tier app
tier system as_root bash scripts/pcscd-isolated.sh
tier terminal as_root bash scripts/pcscd-isolated.sh
# The Debian package, built, installed and run in a Debian 12 root (docs/packaging.md).
bash scripts/test-package.sh || status=$?
# One plain closing line with the counts of every tier, whatever the reporters printed above.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const t of ["unit", "properties", "app", "system", "terminal"]) {
    const f = `.tmp/vitest-${t}.json`;
    if (!fs.existsSync(f)) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' || true
exit "$status"
