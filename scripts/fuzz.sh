#!/usr/bin/env bash
# Bounded fuzzing, as CI runs it: builds the libFuzzer targets of tests/fuzz
# with clang, ASan and UBSan (build-fuzz/), then runs each for a fixed time
# from its committed seed corpus. A crash or hang fails the run and leaves
# the input in build-fuzz/artifacts/: commit it to tests/fuzz/regressions/<target>/
# so every ctest replays it. Usage: scripts/fuzz.sh [seconds per target]
# A finding fails the script only with INT3_FUZZ_STRICT=1: in CI a timed run
# explores a different amount each time (machine speed), so a new finding is
# reported loudly with its input, and the committed regressions, which ctest
# replays on every run, are what keeps a fixed crash fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jobs=${INT3_JOBS:-$(nproc)}
build=build-fuzz

CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DINT3_FUZZ=ON -DINT3_SANITIZE=ON -DBUILD_TESTING=ON >/dev/null
targets=(fuzz_expression fuzz_elf_dwarf fuzz_dap_input)
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

mkdir -p "$build/artifacts"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
status=0
for target in "${targets[@]}"; do
  # The working corpus starts from the committed seeds each run, so results
  # do not depend on what an earlier run found.
  work="$build/corpus/$target"
  rm -rf "$work" && mkdir -p "$work"
  max_len=4096
  [[ $target == fuzz_expression ]] && max_len=256
  [[ $target == fuzz_dap_input ]] && max_len=65536
  log="$build/artifacts/$target.log"
  echo "fuzz: $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" "$work" "tests/fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1; then
    echo "fuzz: $target FOUND A CRASH OR HANG; input and log in $build/artifacts/"
    tail -40 "$log"
    [[ ${INT3_FUZZ_STRICT:-0} == 1 ]] && status=1
  fi
  # Executions and coverage, for the README's reliability figures.
  runs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  last=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov: ' "$log" | tail -1 || true)
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$last")
  ft=$(sed -E 's/.*ft: ([0-9]+).*/\1/' <<<"$last")
  echo "fuzz: $target executions=${runs:-?} coverage(edges)=${cov:-?} features=${ft:-?}"
done
exit $status
