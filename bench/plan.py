"""Workload sizes and the environment every workload run receives."""

import os
import re
import statistics
import subprocess
from dataclasses import dataclass, field

from outcome import failed


@dataclass(frozen=True)
class sizes:
    tus: int  # translation units of the synthetic program (W1, W6)
    w2_iterations: int  # loop iterations, each one conditional breakpoint hit
    w3_hits: int  # unconditional breakpoint hits
    w4_iterations: int  # 8 instructions each at -O0 (loop of spin())
    w4_calls: int  # calls (so `next`s) per run; the median is taken
    w5_steps: int  # `next` requests per run (each of W5 and W5 with UI refresh)
    w7_depth: int  # recursion depth at the breakpoint
    w8_elements: int  # elements in each container of W8's frame


FULL = sizes(
    tus=100,
    # 40,000: lldb-vscode manages ~1,000 conditional hits/s here, and its three
    # runs were two thirds of a full run at 100,000.
    w2_iterations=40_000,
    w3_hits=2000,
    w4_iterations=12_500_000,
    w4_calls=5,
    w5_steps=1000,
    w7_depth=1000,
    w8_elements=100,
)
QUICK = sizes(
    tus=4,
    w2_iterations=2000,
    w3_hits=200,
    w4_iterations=1_250_000,
    w4_calls=5,
    w5_steps=100,
    w7_depth=1000,
    w8_elements=100,
)


@dataclass
class bench_env:
    out_dir: str
    log_dir: str
    sizes: sizes
    programs: dict  # name -> (binary, source)
    synthetic: tuple = None  # (binary, main.cpp) once built
    real: object = None  # cppcheck.program once built (W1R)
    real_error: str = "cppcheck was not built"  # why `real` is None
    timeout: float = 120.0  # seconds for any single wait
    run_counter: dict = field(default_factory=dict)

    def real_program(self):
        """The cppcheck build for W1R; a W1R run fails if there is none."""
        if self.real is None:
            raise failed(self.real_error)
        return self.real

    def log_path(self, adapter, workload, rep):
        os.makedirs(self.log_dir, exist_ok=True)
        return os.path.join(self.log_dir, f"{workload}_{adapter}_{rep}.log")


def w4_native_ms(env):
    """Median duration of w4's call without a debugger, as the program
    reports it, over the same number of calls a debugger run makes."""
    binary, _ = env.programs["w4"]
    result = subprocess.run(
        [binary, str(env.sizes.w4_iterations), str(env.sizes.w4_calls)],
        capture_output=True,
        text=True,
        timeout=env.timeout,
        check=True,
    )
    samples = [int(ns) / 1e6 for ns in re.findall(r"W4_NATIVE_NS=(\d+)", result.stderr)]
    if len(samples) != env.sizes.w4_calls:
        raise RuntimeError(f"w4 printed {len(samples)} W4_NATIVE_NS lines: {result.stderr!r}")
    return statistics.median(samples)
