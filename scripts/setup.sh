#!/usr/bin/env bash
# First command of the README: install, build, and debug the example program
# through int3-dap over real DAP, printing what a user would see.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
echo
build/int3-demo
