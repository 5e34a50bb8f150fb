"""W1-W8 driven over DAP; the same code runs against every DAP adapter.

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


def _first_stop(env, adapter, rep, workload, binary, args, source, line):
    """Launch → first stop at source:line: (seconds from spawning the adapter
    to the `stopped` event, the adapter's peak RSS at that stop in MB)."""
    t0 = time.perf_counter()
    c = _session(env, adapter, workload, rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, args, {source: [{"line": line}]})
        elapsed = time.perf_counter() - t0
        _expect_line(c, env, _thread_id(c, env, stop), line, workload)
        return elapsed, _peak_rss_mb(c.pid, binary)
    finally:
        c.close()


def w1(env, adapter, rep):
    """Launch → first stop at main.cpp's marker in the synthetic program (W1),
    then the adapter's peak RSS at that stop (W6)."""
    binary, main_cpp = env.synthetic
    elapsed, mem = _first_stop(env, adapter, rep, "W1", binary, [], main_cpp, build.line_of(main_cpp, "w1"))
    return {"W1": elapsed, "W6": mem}


def w1r(env, adapter, rep):
    """W1 and W6 on a real C++ program: cppcheck built -g -O0 (cppcheck.py)."""
    p = env.real_program()
    elapsed, mem = _first_stop(env, adapter, rep, "W1R", p.binary, p.args, p.source, p.line)
    return {"W1R": elapsed, "W6R": mem}


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


# Names W8 must show (locals and both arguments of inspect()): a reply
# without them did less work than a UI needs, so it does not count.
W8_NAMES = ("ints", "words", "by_name", "cache", "window", "order", "text", "trip", "nested_map", "index", "n", "tag")


def _frame_view(c, env, tid):
    """What a UI asks for at a stop: the top 20 frames, the top frame's
    scopes, the variables of every scope not marked expensive (lldb's
    Globals and Registers included when it does not mark them).
    Returns (frames, {scope name: variables}, ms the stackTrace took)."""
    t0 = time.perf_counter()
    frames = c.request("stackTrace", {"threadId": tid, "startFrame": 0, "levels": 20}, timeout=env.timeout)[
        "stackFrames"
    ]
    stack_ms = (time.perf_counter() - t0) * 1e3
    if not frames:
        raise failed("stackTrace returned no frames")
    scopes = c.request("scopes", {"frameId": frames[0]["id"]}, timeout=env.timeout)["scopes"]
    if not scopes:
        raise unsupported("scopes returned no scope")
    shown = {}
    for scope in scopes:
        if not scope.get("expensive", False):
            shown[scope["name"]] = c.request(
                "variables", {"variablesReference": scope["variablesReference"]}, timeout=env.timeout
            )["variables"]
    return frames, shown, stack_ms


def _check_frame_view(frames, shown, line, elements):
    if frames[0].get("line") != line:
        raise failed(f"top frame at line {frames[0].get('line')}, expected {line}")
    if len(frames) < 4:
        raise failed(f"stackTrace gave {len(frames)} frames, expected inspect, middle, outer, main")
    by_name = {v["name"]: v for variables in shown.values() for v in variables}
    missing = [n for n in W8_NAMES if n not in by_name]
    if missing:
        raise failed(f"scopes {list(shown)} lack {', '.join(missing)}")
    # A container must be summarised (its size), not shown as raw members.
    if str(elements) not in by_name["ints"].get("value", ""):
        raise failed(f"ints shows {by_name['ints'].get('value')!r}, without its size {elements}")


def w8(env, adapter, rep):
    """A stop in a frame with 50 locals (standard containers among them):
    stackTrace + scopes + variables of every non-expensive scope, at the
    first stop (W8) and again at the same stop (W8r); W8st is the first
    stackTrace alone."""
    binary, source = env.programs["w8"]
    line = build.line_of(source, "w8_stop")
    n = env.sizes.w8_elements
    c = _session(env, adapter, "W8", rep)
    try:
        _, stop = _launch_to_stop(c, env, adapter[0], binary, [n], {source: [{"line": line}]})
        tid = _thread_id(c, env, stop)
        result = {}
        for metric in ("W8", "W8r"):
            t0 = time.perf_counter()
            frames, shown, stack_ms = _frame_view(c, env, tid)
            result[metric] = (time.perf_counter() - t0) * 1e3
            result.setdefault("W8st", stack_ms)
            _check_frame_view(frames, shown, line, n)
        return result
    finally:
        c.close()


WORKLOADS = {"W1": w1, "W1R": w1r, "W2": w2, "W3": w3, "W4": w4, "W5": w5, "W7": w7, "W8": w8}
