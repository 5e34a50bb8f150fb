"""Process-tree queries through /proc (Linux only)."""

import os


def _stat_fields(pid):
    """/proc/<pid>/stat split after the command name (which may hold spaces)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return data[data.rfind(b")") + 2 :].split()


def parent(pid):
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def start_time(pid):
    """Start time in clock ticks: with the pid it names one process for sure."""
    fields = _stat_fields(pid)
    return int(fields[19]) if fields else None


def descendants(root):
    """Every live process below `root`, parents before children."""
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            pp = parent(int(name))
            if pp is not None:
                children.setdefault(pp, []).append(int(name))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def status_kb(pid, field):
    """A `kB` field of /proc/<pid>/status (VmHWM, VmRSS), or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def exe(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


def command_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return None
