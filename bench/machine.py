"""The machine and tool versions a run was measured on, for the JSON."""

import os
import platform
import subprocess


def _first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else f"unavailable (exit code {out.returncode})"


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_gb():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _loadavg():
    try:
        return os.getloadavg()
    except OSError:
        return None


def describe(adapters, repo_dir):
    """adapters: name -> argv (argv[0] is the executable)."""
    versions = {"gcc": _first_line(["gcc", "--version"]), "python": platform.python_version()}
    if "gdb" in adapters:
        versions["gdb"] = _first_line([adapters["gdb"][0], "--version"])
    if "lldb" in adapters:
        versions["lldb-vscode"] = _first_line(["dpkg-query", "-W", "-f=${Package} ${Version}", "lldb-16"])
    if "int3" in adapters:
        versions["int3-dap"] = _first_line([adapters["int3"][0], "--version"])
        versions["int3 commit"] = _first_line(["git", "-C", repo_dir, "rev-parse", "--short", "HEAD"])
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "mem_gb": _mem_total_gb(),
        "kernel": platform.release(),
        "os": _first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "loadavg_at_start": _loadavg(),
        "versions": versions,
    }
