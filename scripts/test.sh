#!/usr/bin/env bash
# Second command of the README, and exactly what CI runs: install what is
# missing, build everything, run every test. Two further stages, meant to be
# on in CI once each has had a first clean run (see the reliability report):
# INT3_CI_SANITIZE=1 runs the whole suite again built with ASan+UBSan, and
# INT3_FUZZ_SECONDS=N runs each fuzz target for N seconds (30 is the plan).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

if [[ ${INT3_CI_SANITIZE:-0} == 1 ]]; then
  # The same tests with ASan+UBSan in int3-dap, the libraries and the tests.
  # The VS Code extension's test is left out: it only re-runs int3-dap
  # through node, which the e2e tests already do. Leak checking stays on:
  # forked children exec at once (or _exit), so they never run LSan.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DINT3_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE extension
fi

fuzz_seconds=${INT3_FUZZ_SECONDS:-0}
if ((fuzz_seconds > 0)); then
  scripts/fuzz.sh "$fuzz_seconds"
fi
