"""Runs inside gdb (`gdb -batch -nx -x gdb_script.py --args PROGRAM ARGS`).

gdb 13 has no DAP interpreter, so the workloads are replayed through its
Python API with the timers inside gdb. Parameters arrive as JSON in
$BENCH_GDB_PARAMS; the script prints `BENCH_STOPPED` the moment the first
stop is reached (W1 is timed from outside, on that line) and ends with one
`BENCH_RESULT <json>` or `BENCH_ERROR <text>` line.
"""

import json
import os
import statistics
import sys
import time

import gdb

P = json.loads(os.environ["BENCH_GDB_PARAMS"])


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run(command):
    return gdb.execute(command, to_string=True)


def line_now():
    return gdb.selected_frame().find_sal().line


def expect_line(line, what):
    got = line_now()
    if got != line:
        raise RuntimeError(f"{what}: stopped at line {got}, expected {line}")


def vm_hwm_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return None


def start(lines):
    for line in lines:
        run(f"break {P['source']}:{line}")
    run("run")


def w1():
    start([P["w1"]])
    say("BENCH_STOPPED")
    expect_line(P["w1"], "W1")
    return {"W6": vm_hwm_mb()}


def w2():
    start([P["w2_start"], P["w2_end"]])
    expect_line(P["w2_start"], "W2 start")
    run(f"break {P['source']}:{P['w2_cond']} if i == -1")
    t0 = time.perf_counter()
    run("continue")
    elapsed = time.perf_counter() - t0
    got = line_now()
    if got != P["w2_end"]:
        raise RuntimeError(f"W2: stopped at line {got}, expected {P['w2_end']}")
    return {"W2": P["n"] / elapsed}


def w3():
    start([P["w3_hit"], P["w3_end"]])
    expect_line(P["w3_hit"], "W3 first hit")
    n = P["n"]
    t0 = time.perf_counter()
    for _ in range(n - 1):
        run("continue")
    elapsed = time.perf_counter() - t0
    run("continue")
    expect_line(P["w3_end"], f"W3 after {n} hits")
    return {"W3": elapsed / (n - 1) * 1e3}


def w4():
    start([P["w4_call"]])
    samples = []
    for k in range(P["calls"]):
        expect_line(P["w4_call"], f"W4 call line, call {k + 1}")
        t0 = time.perf_counter()
        run("next")
        samples.append((time.perf_counter() - t0) * 1e3)
        expect_line(P["w4_after"], f"W4 after next, call {k + 1}")
        if k + 1 < P["calls"]:
            run("continue")
    return {"W4_next": statistics.median(samples)}


def w5():
    start([P["w5_start"]])
    expect_line(P["w5_start"], "W5 start")
    steps = P["steps"]
    t0 = time.perf_counter()
    for _ in range(steps):
        run("next")
    per_step = (time.perf_counter() - t0) / steps * 1e3
    line = line_now()
    if not P["w5_start"] < line < P["w5_start"] + 13:
        raise RuntimeError(f"after {steps} `next`s gdb is at line {line}, outside the loop")
    return {"W5": per_step}


def stack_and_variables(stack_command, variable_commands):
    """Runs a stack command, then variable commands: (ms of the first, ms
    of all, the stack's text, the variables' text)."""
    t0 = time.perf_counter()
    stack = run(stack_command)
    t1 = time.perf_counter()
    variables = "".join(run(c) for c in variable_commands)
    return (t1 - t0) * 1e3, (time.perf_counter() - t0) * 1e3, stack, variables


def w7():
    start([P["w7_bottom"]])
    expect_line(P["w7_bottom"], "W7 bottom")
    stack_only, first, bt, _ = stack_and_variables("bt", ["info locals"])
    _, again, _, _ = stack_and_variables("bt", ["info locals"])
    frames = sum(1 for line in bt.splitlines() if line.startswith("#"))
    if frames < P["depth"] + 2:
        raise RuntimeError(f"bt printed {frames} frames, expected at least {P['depth'] + 2}")
    return {"W7st": stack_only, "W7": first, "W7r": again}


def w8():
    """gdb's nearest to a UI's stackTrace + scopes + variables: `bt 20`,
    `info args`, `info locals` (values printed in full by the libstdc++
    pretty printers, up to gdb's 200 elements each)."""
    start([P["w8_stop"]])
    expect_line(P["w8_stop"], "W8 stop")
    stack_only, first, _, text = stack_and_variables("bt 20", ["info args", "info locals"])
    _, again, _, _ = stack_and_variables("bt 20", ["info args", "info locals"])
    shown = {line.split(" = ")[0].strip() for line in text.splitlines() if " = " in line}
    missing = [n for n in P["names"] if n not in shown]
    if missing:
        raise RuntimeError(f"info args/locals lack {', '.join(missing)}")
    return {"W8": first, "W8r": again, "W8st": stack_only}


def main():
    run("set pagination off")
    run("set confirm off")
    run("set width 0")
    # The program's output would interleave with the BENCH_ lines.
    run("set inferior-tty /dev/null")
    try:
        result = {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w7": w7, "w8": w8}[P["workload"]]()
        say("BENCH_RESULT " + json.dumps(result))
    except Exception as e:  # noqa: BLE001 - any failure is the result
        say("BENCH_ERROR " + " ".join(str(e).split()))
    try:
        run("kill")
    except gdb.error:
        pass  # already exited


main()
