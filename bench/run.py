#!/usr/bin/python3
"""Runs the int3 performance workloads W1-W8 against int3-dap, lldb-vscode-16
and gdb in one go, alternating the debuggers (A B C A B C ...) within each
workload, and prints medians, ratios and a markdown table; writes JSON.

    python3 bench/run.py                      # full sizes, 3 repetitions
    python3 bench/run.py --quick              # small sizes, for development
    python3 bench/run.py --only W3,W7 --adapters int3,lldb --reps 5
    python3 bench/run.py --only W1R,W8        # cppcheck (built on first use) and 50 locals

Ratios are peer / int3 for times and memory and int3 / peer for rates, so a
ratio above 1 always means int3 did better. See bench/README.md.
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import time

import build
import cppcheck
import dap_workloads
import gdb_workloads
import machine
import plan
import report
from outcome import failed, not_measured, unsupported

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
ALL_ADAPTERS = ["int3", "lldb", "gdb"]
ALL_WORKLOADS = list(report.PRODUCES)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes (4-unit synthetic program, short loops)")
    p.add_argument("--reps", type=int, help="repetitions per workload and debugger (default 3, --quick 2)")
    p.add_argument("--only", help="comma-separated workloads, e.g. W1,W3,W1R,W8 (W6 runs with W1, W6R with W1R)")
    p.add_argument("--adapters", default=",".join(ALL_ADAPTERS), help="comma-separated subset of int3,lldb,gdb")
    p.add_argument("--json", help="where to write the JSON (default bench/out/results.json)")
    p.add_argument("--tus", type=int, help="override the synthetic program's translation units")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds for any single wait")
    return p.parse_args(argv)


# Metrics that come from another workload's run: --only accepts them too.
PART_OF = {"W6": "W1", "W6R": "W1R", "W5UI": "W5", "W7R": "W7", "W7ST": "W7", "W8R": "W8", "W8ST": "W8"}


def selected_workloads(only):
    if not only:
        return ALL_WORKLOADS
    chosen = []
    for w in only.upper().split(","):
        w = PART_OF.get(w.strip(), w.strip())
        if w not in report.PRODUCES:
            sys.exit(f"unknown workload {w!r}; choose from {', '.join(report.PRODUCES)}")
        if w not in chosen:
            chosen.append(w)
    return [w for w in ALL_WORKLOADS if w in chosen]


def adapter_commands(names):
    """name -> (argv, reason it cannot run or None)."""
    int3 = os.environ.get("INT3_DAP") or os.path.normpath(os.path.join(BENCH_DIR, "..", "build", "int3-dap"))
    found = {
        "int3": (int3, os.path.isfile(int3) and os.access(int3, os.X_OK)),
        "lldb": ("/usr/bin/lldb-vscode-16", os.access("/usr/bin/lldb-vscode-16", os.X_OK)),
        "gdb": (shutil.which("gdb") or "/usr/bin/gdb", shutil.which("gdb") is not None),
    }
    out = {}
    for n in names:
        if n not in found:
            sys.exit(f"unknown adapter {n!r}; choose from {', '.join(ALL_ADAPTERS)}")
        path, ok = found[n]
        hint = " (build it or set $INT3_DAP)" if n == "int3" else ""
        out[n] = ([path], None if ok else f"{path} not found{hint}")
    return out


def run_one(fn, env, name, argv, rep):
    """One workload run of one debugger: {metric: value or not_measured}."""
    try:
        return fn(env, (name, argv), rep)
    except unsupported as e:
        return not_measured("unsupported", str(e))
    except failed as e:
        return not_measured("failed", str(e))
    except Exception as e:  # noqa: BLE001 - a broken adapter is a result, not a crash
        return not_measured("failed", f"{type(e).__name__}: {e}")


def main(argv):
    args = parse_args(argv)
    sizes = plan.QUICK if args.quick else plan.FULL
    if args.tus:
        sizes = plan.sizes(**{**sizes.__dict__, "tus": args.tus})
    reps = args.reps or (2 if args.quick else 3)
    names = [a.strip() for a in args.adapters.split(",") if a.strip()]
    adapters = adapter_commands(names)
    workloads = selected_workloads(args.only)
    out_dir = os.path.join(BENCH_DIR, "out")
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    env = plan.bench_env(
        out_dir=out_dir,
        log_dir=os.path.join(out_dir, "logs", stamp),
        sizes=sizes,
        programs=build.build_programs(out_dir),
        timeout=args.timeout,
    )
    info = machine.describe({n: a[0] for n, a in adapters.items()}, REPO_DIR)
    print(f"# machine: {info['cpu']}, {info['nproc']} cpus, {info['kernel']}, load {info['loadavg_at_start']}")
    for n, (argv_, why) in adapters.items():
        print(f"# {n}: {' '.join(argv_)}" + (f"  [{why}]" if why else ""))

    synthetic_debug_bytes = None
    if "W1" in workloads:
        print(f"# building the synthetic program ({sizes.tus} units) ...", flush=True)
        t0 = time.perf_counter()
        env.synthetic = build.build_synthetic(out_dir, sizes.tus, seed=1)
        synthetic_debug_bytes = build.debug_section_bytes(env.synthetic[0])
        print(
            f"# synthetic: {env.synthetic[0]}, .debug_* {synthetic_debug_bytes / 1e6:.1f} MB"
            f" (ready in {time.perf_counter() - t0:.0f} s)"
        )

    real_debug_bytes = None
    if "W1R" in workloads:
        print("# building cppcheck 2.10 with g++ -g -O0 (first time: download, ~2 CPU-minutes) ...", flush=True)
        t0 = time.perf_counter()
        try:
            env.real = cppcheck.build(out_dir)
        except (OSError, RuntimeError, LookupError) as e:
            # No network or no build: W1R shows as failed, the other workloads still run.
            env.real_error = f"cppcheck not built: {e}"
            print(f"# {env.real_error}")
        else:
            real_debug_bytes = build.debug_section_bytes(env.real.binary)
            print(
                f"# cppcheck: {env.real.binary}, {cppcheck.translation_units(env.real.binary)} units,"
                f" .debug_* {real_debug_bytes / 1e6:.1f} MB, stop at {cppcheck.STOP_FILE}:{env.real.line}"
                f" (ready in {time.perf_counter() - t0:.0f} s)"
            )

    res = report.results()
    for w in workloads:
        for rep in range(reps):
            for name, (argv_, why) in adapters.items():
                runner = gdb_workloads if name == "gdb" else dap_workloads
                t0 = time.perf_counter()
                if why:
                    got = not_measured("failed", why)
                else:
                    got = run_one(runner.WORKLOADS[w], env, name, argv_, rep)
                for metric in report.PRODUCES[w]:
                    value = got if isinstance(got, not_measured) else got.get(metric)
                    if value is None:
                        value = not_measured("failed", f"{w} returned no {metric}")
                    res.add(metric, name, value)
                shown = str(got) if isinstance(got, not_measured) else ", ".join(
                    f"{k}={v if isinstance(v, not_measured) else report.fmt(v)}" for k, v in got.items()
                )
                print(f"{w} rep {rep + 1}/{reps} {name:5s} {shown}  [{time.perf_counter() - t0:.1f} s]", flush=True)

    print()
    print(res.markdown(list(adapters)))
    doc = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "command": " ".join(["bench/run.py", *argv]),
        "machine": info,
        "sizes": sizes.__dict__,
        "reps": reps,
        "adapters": {n: {"argv": a[0], "unavailable": a[1]} for n, a in adapters.items()},
        "synthetic_debug_bytes": synthetic_debug_bytes,
        "cppcheck_debug_bytes": real_debug_bytes,
        "logs": env.log_dir,
        "results": res.to_json(list(adapters)),
        "table": res.markdown(list(adapters)),
    }
    path = args.json or os.path.join(out_dir, "results.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
    print(f"\nJSON: {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
