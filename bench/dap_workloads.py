"""W1-W7 driven over DAP; the same code runs against every DAP adapter.

Each function takes (adapter argv, env, rep) and returns {metric: value}; a
value is a float or an outcome.not_measured. Timers bracket only the
requests a workload is about; checks that the debugger stopped where it
should are made outside them.
"""

import os
import statistics
import time

import build
import proc_tree
from dap import client
from outcome import failed, not_measured, unsupported
from plan import w4_native_ms


def _initialize(c, env, adapter_name):
    return c.request(
        "initialize",
        {
            "clientID": "int3-bench",
            "clientName": "int3 bench",
            "adapterID": adapter_name,
            "linesStartAt1": True,
            "columnsStartAt1": True,
            "pathFormat": "path",
            "supportsVariableType": True,
            "supportsRunInTerminalRequest": False,
        },
        timeout=env.timeout,
    )


def _set_breakpoints(c, env, source, specs):
    """specs: [{"line": n, "condition"?: str}]; returns the breakpoints, checked."""
    body = c.request("setBreakpoints", {"source": {"path": source}, "breakpoints": specs}, timeout=env.timeout)
    bps = body.get("breakpoints", [])
    if len(bps) != len(specs):
        raise failed(f"setBreakpoints answered {len(bps)} breakpoints for {len(specs)}")
    for spec, bp in zip(specs, bps):
        if not bp.get("verified", False):
            raise failed(f"breakpoint at line {spec['line']} not verified: {bp.get('message', 'no message')}")
    return bps


def _launch_to_stop(c, env, adapter_name, program, args, breakpoints):
    """initialize → launch → (initialized) → setBreakpoints → configurationDone
    → first `stopped`, the order VS Code uses. Returns (capabilities, event)."""
    caps = _initialize(c, env, adapter_name)
    launch_seq = c.send(
        "launch",
        {"program": program, "args": [str(a) for a in args], "cwd": os.path.dirname(program), "stopOnEntry": False},
    )
    c.wait_event("initialized", timeout=env.timeout)
    for source, specs in breakpoints.items():
        _set_breakpoints(c, env, source, specs)
    done_seq = c.send("configurationDone")
    c.wait_response(done_seq, timeout=env.timeout)
    stop = c.wait_stop(timeout=env.timeout, seq=launch_seq)
    return caps, stop


def _thread_id(c, env, stop):
    tid = (stop.get("body") or {}).get("threadId")
    if tid is None:
        threads = c.request("threads", timeout=env.timeout).get("threads", [])
        if not threads:
            raise failed("stopped with no threadId and no threads")
        tid = threads[0]["id"]
    return tid


def _top_line(c, env, tid):
    frames = c.request("stackTrace", {"threadId": tid, "startFrame": 0, "levels": 1}, timeout=env.timeout).get(
        "stackFrames", []
    )
    if not frames:
        raise failed("stackTrace returned no frames")
    return frames[0].get("line")


def _expect_line(c, env, tid, line, what):
    got = _top_line(c, env, tid)
    if got != line:
        raise failed(f"{what}: stopped at line {got}, expected {line}")


def _session(env, adapter, workload, rep):
    name, argv = adapter
    return client(argv, log_path=env.log_path(name, workload, rep))


def w1(env, adapter, rep):
    """Launch → first stop at main.cpp's marker in the synthetic program (W1),
    then the adapter's peak RSS at that stop (W6)."""
    binary, main_cpp = env.synthetic
    line = build.line_of(main_cpp, "w1")
    t0 = time.perf_counter()
    c = _session(env, adapter, "W1", rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, [], {main_cpp: [{"line": line}]})
        elapsed = time.perf_counter() - t0
        _expect_line(c, env, _thread_id(c, env, stop), line, "W1")
        mem = _peak_rss_mb(c.pid, binary)
        return {"W1": elapsed, "W6": mem}
    finally:
        c.close()


def _peak_rss_mb(adapter_pid, debuggee):
    """VmHWM of the adapter plus its helper processes (lldb-server), not the
    debuggee. A sum of peaks, so an upper bound if they peaked apart."""
    total_kb = proc_tree.status_kb(adapter_pid, "VmHWM") or 0
    real_debuggee = os.path.realpath(debuggee)
    for p in proc_tree.descendants(adapter_pid):
        if proc_tree.exe(p) == real_debuggee:
            continue
        total_kb += proc_tree.status_kb(p, "VmHWM") or 0
    return total_kb / 1024.0


def w2(env, adapter, rep):
    """Conditional breakpoint, condition never true: hits per second."""
    binary, source = env.programs["w2"]
    start, cond, end = (build.line_of(source, m) for m in ("w2_start", "w2_cond", "w2_end"))
    n = env.sizes.w2_iterations
    c = _session(env, adapter, "W2", rep)
    try:
        caps, stop = _launch_to_stop(c, env, adapter[0], binary, [n], {source: [{"line": start}, {"line": end}]})
        if not caps.get("supportsConditionalBreakpoints", False):
            raise unsupported("no supportsConditionalBreakpoints capability")
        tid = _thread_id(c, env, stop)
        _expect_line(c, env, tid, start, "W2 start")
        _set_breakpoints(c, env, source, [{"line": start}, {"line": cond, "condition": "i == -1"}, {"line": end}])
        t0 = time.perf_counter()
        stop = c.run_until_stop("continue", {"threadId": tid}, timeout=env.timeout * 10)
        elapsed = time.perf_counter() - t0
        got = _top_line(c, env, _thread_id(c, env, stop))
        if got == cond:
            raise failed("stopped on the conditional line although `i == -1` is never true")
        if got != end:
            raise failed(f"stopped at line {got}, expected {end}")
        return {"W2": n / elapsed}
    finally:
        c.close()


def w3(env, adapter, rep):
    """Unconditional breakpoint: one stopped → continue → stopped, per hit."""
    binary, source = env.programs["w3"]
    hit, end = build.line_of(source, "w3_hit"), build.line_of(source, "w3_end")
    n = env.sizes.w3_hits
    c = _session(env, adapter, "W3", rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, [n], {source: [{"line": hit}, {"line": end}]})
        tid = _thread_id(c, env, stop)
        _expect_line(c, env, tid, hit, "W3 first hit")
        t0 = time.perf_counter()
        for _ in range(n - 1):
            c.run_until_stop("continue", {"threadId": tid}, timeout=env.timeout)
        elapsed = time.perf_counter() - t0
        # One stop too many or too few would end elsewhere than the end line.
        c.run_until_stop("continue", {"threadId": tid}, timeout=env.timeout)
        _expect_line(c, env, tid, end, f"W3 after {n} hits")
        return {"W3": elapsed / (n - 1) * 1e3}
    finally:
        c.close()


def w4(env, adapter, rep):
    """`next` over a long call, minus the call's native time (measured right
    before, without a debugger): medians over w4_calls calls."""
    binary, source = env.programs["w4"]
    call, after = build.line_of(source, "w4_call"), build.line_of(source, "w4_after")
    calls = env.sizes.w4_calls
    native = w4_native_ms(env)
    c = _session(env, adapter, "W4", rep)
    try:
        _, stop = _launch_to_stop(
            c, env, adapter[0], binary, [env.sizes.w4_iterations, calls], {source: [{"line": call}]}
        )
        tid = _thread_id(c, env, stop)
        samples = []
        for k in range(calls):
            _expect_line(c, env, tid, call, f"W4 call line, call {k + 1}")
            t0 = time.perf_counter()
            c.run_until_stop("next", {"threadId": tid}, timeout=env.timeout * 10)
            samples.append((time.perf_counter() - t0) * 1e3)
            _expect_line(c, env, tid, after, f"W4 after next, call {k + 1}")
            if k + 1 < calls:
                c.run_until_stop("continue", {"threadId": tid}, timeout=env.timeout)
        return {"W4": statistics.median(samples) - native, "W4_native": native}
    finally:
        c.close()


def _refresh(c, env, tid):
    """What a UI asks for at each stop: threads, the top of the stack, the
    top frame's scopes and the variables of its first scope."""
    c.request("threads", timeout=env.timeout)
    frames = c.request("stackTrace", {"threadId": tid, "startFrame": 0, "levels": 20}, timeout=env.timeout)[
        "stackFrames"
    ]
    _top_variables(c, env, frames[0]["id"])


def _top_variables(c, env, frame_id):
    """scopes of a frame and the variables of its first scope (the locals,
    which a UI expands; lldb's Globals and Registers stay closed)."""
    scopes = c.request("scopes", {"frameId": frame_id}, timeout=env.timeout)["scopes"]
    if not scopes:
        raise unsupported("scopes returned no scope, so there are no variables to fetch")
    c.request("variables", {"variablesReference": scopes[0]["variablesReference"]}, timeout=env.timeout)


def w5(env, adapter, rep):
    """`next` over simple lines, per step; then again with a UI's refresh
    after each stop (W5ui). The second fails on its own if the adapter lacks
    one of the refresh requests."""
    binary, source = env.programs["w5"]
    start = build.line_of(source, "w5_start")
    steps = env.sizes.w5_steps
    # Ten body lines plus the `for` line per iteration; enough for both runs.
    iterations = 2 * steps // 10 + 10
    c = _session(env, adapter, "W5", rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, [iterations], {source: [{"line": start}]})
        tid = _thread_id(c, env, stop)
        _expect_line(c, env, tid, start, "W5 start")
        t0 = time.perf_counter()
        for _ in range(steps):
            c.run_until_stop("next", {"threadId": tid}, timeout=env.timeout)
        plain = (time.perf_counter() - t0) / steps * 1e3
        line = _top_line(c, env, tid)
        if line is None or not start < line < start + 13:
            raise failed(f"after {steps} `next`s the top frame is at line {line}, outside the loop")
        result = {"W5": plain}
        try:
            t0 = time.perf_counter()
            for _ in range(steps):
                c.run_until_stop("next", {"threadId": tid}, timeout=env.timeout)
                _refresh(c, env, tid)
            result["W5ui"] = (time.perf_counter() - t0) / steps * 1e3
        except unsupported as e:
            result["W5ui"] = not_measured("unsupported", str(e))
        except Exception as e:  # noqa: BLE001 - reported as this metric's failure
            result["W5ui"] = not_measured("failed", f"{type(e).__name__}: {e}")
        return result
    finally:
        c.close()


def _all_frames(c, env, tid, depth):
    """stackTrace of every frame, paging if the adapter returns fewer.
    Returns (frames, the first answer's totalFrames)."""
    body = c.request("stackTrace", {"threadId": tid, "startFrame": 0}, timeout=env.timeout)
    frames, total = body["stackFrames"], body.get("totalFrames")
    while len(frames) < depth + 2:
        more = c.request(
            "stackTrace", {"threadId": tid, "startFrame": len(frames), "levels": 1000}, timeout=env.timeout
        )["stackFrames"]
        if not more:
            break
        frames += more
    return frames, total


def w7(env, adapter, rep):
    """1000-deep recursion: all frames + scopes + variables of the top frame,
    the first time (W7) and once more at the same stop (W7r). W7st is the
    first stackTrace alone, so an adapter without variables still shows its
    unwinding speed."""
    binary, source = env.programs["w7"]
    bottom = build.line_of(source, "w7_bottom")
    depth = env.sizes.w7_depth
    c = _session(env, adapter, "W7", rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, [depth], {source: [{"line": bottom}]})
        tid = _thread_id(c, env, stop)
        t0 = time.perf_counter()
        frames, total = _all_frames(c, env, tid, depth)
        t1 = time.perf_counter()
        # descend() depth+1 times, main, and maybe libc's start frames.
        if len(frames) < depth + 2:
            raise failed(
                f"stackTrace gave {len(frames)} frames (totalFrames {total}), expected at least"
                f" {depth + 2}; it took {(t1 - t0) * 1e3:.1f} ms"
            )
        if frames[0].get("line") != bottom:
            raise failed(f"top frame at line {frames[0].get('line')}, expected {bottom}")
        result = {"W7st": (t1 - t0) * 1e3}
        try:
            _top_variables(c, env, frames[0]["id"])
            result["W7"] = (time.perf_counter() - t0) * 1e3
            t0 = time.perf_counter()
            _top_variables(c, env, _all_frames(c, env, tid, depth)[0][0]["id"])
            result["W7r"] = (time.perf_counter() - t0) * 1e3
        except unsupported as e:
            result["W7"] = result["W7r"] = not_measured("unsupported", str(e))
        return result
    finally:
        c.close()


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5, "W7": w7}
