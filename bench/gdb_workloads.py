"""W1-W8 against gdb, through gdb_script.py run inside `gdb -batch`.

Same signature as dap_workloads: (env, adapter, rep) -> {metric: value}.
gdb has no DAP here, so the UI-refresh variant of W5 is "n/a".
"""

import json
import os
import select
import signal
import subprocess
import time

import build
import dap_workloads
from outcome import failed, not_measured
from plan import w4_native_ms

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gdb_script.py")


def _run_gdb(env, adapter, rep, workload, program, args, params, log_name=None):
    """Runs gdb over the script; returns (seconds from spawn to BENCH_STOPPED, result)."""
    name, argv = adapter
    environ = dict(os.environ, BENCH_GDB_PARAMS=json.dumps(dict(params, workload=workload)))
    cmd = [*argv, "-batch", "-nx", "-q", "-x", SCRIPT, "--args", program, *map(str, args)]
    with open(env.log_path(name, log_name or workload.upper(), rep), "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, env=environ, start_new_session=True
        )
        try:
            stopped_at, result = _read_result(proc, env.timeout * 10)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
    return (stopped_at - t0 if stopped_at else None), result


def _read_result(proc, timeout):
    deadline = time.perf_counter() + timeout
    fd = proc.stdout.fileno()
    buf = b""
    stopped_at = None
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise failed("timed out waiting for gdb")
        chunk = os.read(fd, 65536)
        now = time.perf_counter()
        if not chunk:
            raise failed(f"gdb ended without a result (exit code {proc.wait()})")
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            text = line.decode(errors="replace")
            if text.startswith("BENCH_STOPPED"):
                stopped_at = now
            elif text.startswith("BENCH_RESULT "):
                return stopped_at, json.loads(text[len("BENCH_RESULT ") :])
            elif text.startswith("BENCH_ERROR "):
                raise failed(text[len("BENCH_ERROR ") :])


def w1(env, adapter, rep):
    binary, main_cpp = env.synthetic
    params = {"source": main_cpp, "w1": build.line_of(main_cpp, "w1")}
    elapsed, result = _run_gdb(env, adapter, rep, "w1", binary, [], params)
    return {"W1": elapsed, "W6": result["W6"]}


def w1r(env, adapter, rep):
    """The script's w1 on cppcheck: the same stop, args and timing as over DAP."""
    p = env.real_program()
    elapsed, result = _run_gdb(env, adapter, rep, "w1", p.binary, p.args, {"source": p.source, "w1": p.line}, "W1R")
    return {"W1R": elapsed, "W6R": result["W6"]}


def _markers(source, *names):
    return {n: build.line_of(source, n) for n in names}


def w2(env, adapter, rep):
    binary, source = env.programs["w2"]
    n = env.sizes.w2_iterations
    params = {"source": source, "n": n, **_markers(source, "w2_start", "w2_cond", "w2_end")}
    return _run_gdb(env, adapter, rep, "w2", binary, [n], params)[1]


def w3(env, adapter, rep):
    binary, source = env.programs["w3"]
    n = env.sizes.w3_hits
    params = {"source": source, "n": n, **_markers(source, "w3_hit", "w3_end")}
    return _run_gdb(env, adapter, rep, "w3", binary, [n], params)[1]


def w4(env, adapter, rep):
    binary, source = env.programs["w4"]
    native = w4_native_ms(env)
    params = {"source": source, "calls": env.sizes.w4_calls, **_markers(source, "w4_call", "w4_after")}
    args = [env.sizes.w4_iterations, env.sizes.w4_calls]
    result = _run_gdb(env, adapter, rep, "w4", binary, args, params)[1]
    return {"W4": result["W4_next"] - native, "W4_native": native}


def w5(env, adapter, rep):
    binary, source = env.programs["w5"]
    steps = env.sizes.w5_steps
    params = {"source": source, "steps": steps, **_markers(source, "w5_start")}
    result = _run_gdb(env, adapter, rep, "w5", binary, [steps // 10 + 10], params)[1]
    return {"W5": result["W5"], "W5ui": not_measured("n/a", "no DAP in gdb 13")}


def w7(env, adapter, rep):
    binary, source = env.programs["w7"]
    depth = env.sizes.w7_depth
    params = {"source": source, "depth": depth, **_markers(source, "w7_bottom")}
    return _run_gdb(env, adapter, rep, "w7", binary, [depth], params)[1]


def w8(env, adapter, rep):
    binary, source = env.programs["w8"]
    params = {"source": source, "names": list(dap_workloads.W8_NAMES), **_markers(source, "w8_stop")}
    return _run_gdb(env, adapter, rep, "w8", binary, [env.sizes.w8_elements], params)[1]


WORKLOADS = {"W1": w1, "W1R": w1r, "W2": w2, "W3": w3, "W4": w4, "W5": w5, "W7": w7, "W8": w8}
