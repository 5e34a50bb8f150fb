#!/usr/bin/env bash
# Builds, tests and packages the VS Code extension; registered as a ctest by the lead.
# The end-to-end tests run against $INT3_DAP and $INT3_FIXTURE (defaults: ../build/int3-dap and
# ../build/tests/fixtures/loop_gcc_O0_pie_d5); a missing adapter or fixture fails the run.
set -euo pipefail

# Paths given relative to the caller's directory must survive the cd below.
for var in INT3_DAP INT3_FIXTURE; do
  if [[ -n "${!var:-}" ]]; then
    export "$var=$(realpath -m -- "${!var}")"
  fi
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi
npm run compile
INT3_E2E=1 npm test
npm run package
