"""Builds what the workloads debug: the small C programs and the synthetic
C++ program, into bench/out/ (never committed). Also finds marker lines."""

import os
import re
import subprocess
import sys

import gen_synthetic

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
WORKLOAD_DIR = os.path.join(BENCH_DIR, "workloads")

# program name in out/ -> source under workloads/
PROGRAMS = {
    "w2": "w2_cond.c",
    "w3": "w3_hits.c",
    "w4": "w4_long_call.c",
    "w5": "w5_lines.c",
    "w7": "w7_recursion.c",
    "w8": "w8_locals.cpp",
}

# The C++ workloads need g++ (the standard library) and C++17 (std::optional).
COMPILERS = {".c": ["gcc"], ".cpp": ["g++", "-std=c++17"]}


def line_of(path, marker):
    """1-based line holding `BREAK: <marker>` (whole word), as tests/support/markers."""
    pattern = re.compile(r"BREAK: " + re.escape(marker) + r"\b")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if pattern.search(line):
                return n
    raise LookupError(f"no marker 'BREAK: {marker}' in {path}")


def _stale(target, sources):
    if not os.path.exists(target):
        return True
    t = os.path.getmtime(target)
    return any(os.path.getmtime(s) > t for s in sources)


def build_programs(out_dir):
    """gcc (g++) -g -O0 each workload; returns name -> (binary, source)."""
    os.makedirs(out_dir, exist_ok=True)
    built = {}
    for name, src in PROGRAMS.items():
        source = os.path.join(WORKLOAD_DIR, src)
        binary = os.path.join(out_dir, name)
        if _stale(binary, [source]):
            subprocess.run(
                [*COMPILERS[os.path.splitext(src)[1]], "-g", "-O0", "-fno-omit-frame-pointer", "-o", binary, source],
                check=True,
            )
        built[name] = (binary, source)
    return built


def build_synthetic(out_dir, tus, seed, log=sys.stderr):
    """Generates and builds the synthetic program; returns (binary, main.cpp)."""
    src_dir = os.path.join(out_dir, f"synthetic_t{tus}_s{seed}")
    gen_synthetic.generate(src_dir, tus, seed, classes=gen_synthetic.DEFAULT_CLASSES)
    binary = os.path.join(src_dir, "synthetic")
    # make decides what is stale; it prints nothing when all is up to date.
    result = subprocess.run(["make", "-s", "-C", src_dir, "-j2"], stdout=log, stderr=log)
    if result.returncode != 0:
        raise RuntimeError(f"building the synthetic program in {src_dir} failed")
    return binary, os.path.join(src_dir, "main.cpp")


def debug_section_bytes(binary):
    """Total size of the .debug_* sections, from `size -A`."""
    out = subprocess.run(["size", "-A", binary], check=True, capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith(".debug_") and parts[1].isdigit():
            total += int(parts[1])
    return total
