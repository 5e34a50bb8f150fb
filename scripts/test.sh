#!/usr/bin/env bash
# Second command of the README, and exactly what CI runs: install what is
# missing, build everything, run every test; then the whole suite again built
# with ASan+UBSan, then each fuzz target for a fixed budget from its committed
# seed corpus. Any failure fails the run.
#   INT3_CI_SANITIZE=0     skips the sanitizer stage (default 1)
#   INT3_FUZZ_SECONDS=N    seconds per fuzz target (default 60; 0 skips)
# A quick local run: INT3_CI_SANITIZE=0 INT3_FUZZ_SECONDS=0 scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

stage_start=$SECONDS
stage_done() {
  echo "int3: $1 took $(((SECONDS - stage_start) / 60)) min $(((SECONDS - stage_start) % 60)) s"
  stage_start=$SECONDS
}

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
stage_done "build and tests"

if [[ ${INT3_CI_SANITIZE:-1} == 1 ]]; then
  # The same tests with ASan+UBSan in int3-dap, the libraries and the tests.
  # The VS Code extension's test is left out: it only re-runs int3-dap
  # through node, which the e2e tests already do. Leak checking stays on:
  # forked children exec at once (or _exit), so they never run LSan.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DINT3_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE extension
  stage_done "sanitizer build and tests"
fi

fuzz_seconds=${INT3_FUZZ_SECONDS:-60}
if ((fuzz_seconds > 0)); then
  scripts/fuzz.sh "$fuzz_seconds"
  stage_done "fuzzing"
fi
