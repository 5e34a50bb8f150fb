"""Medians, ratios against int3, the markdown table and the JSON document."""

import statistics

from outcome import not_measured

# key, label, unit, which way is better (None: informational, no ratio)
METRICS = [
    ("W1", "W1 launch → first stop, synthetic program", "s", "lower"),
    ("W6", "W6 adapter peak RSS at that stop", "MB", "lower"),
    ("W1R", "W1R launch → first stop, cppcheck 2.10 -g -O0", "s", "lower"),
    ("W6R", "W6R adapter peak RSS at that stop", "MB", "lower"),
    ("W2", "W2 conditional breakpoint, never true", "hits/s", "higher"),
    ("W3", "W3 stopped → continue → stopped, per hit", "ms", "lower"),
    ("W4", "W4 `next` over a ~100M-instruction call, minus native", "ms", "lower"),
    ("W4_native", "W4 native time of that call (no debugger)", "ms", None),
    ("W5", "W5 `next` over simple lines, per step", "ms", "lower"),
    ("W5ui", "W5 `next` + threads, stackTrace, scopes, variables", "ms", "lower"),
    ("W7", "W7 1000 frames + scopes + variables of the top frame", "ms", "lower"),
    ("W7r", "W7 the same, repeated at the same stop", "ms", "lower"),
    ("W7st", "W7 part: stackTrace of all frames alone (first time)", "ms", "lower"),
    ("W8", "W8 50 locals: stackTrace + scopes + variables, first stop", "ms", "lower"),
    ("W8r", "W8 the same, repeated at the same stop", "ms", "lower"),
    ("W8st", "W8 part: the first stackTrace alone", "ms", "lower"),
]

# Which metrics each workload run produces.
PRODUCES = {
    "W1": ["W1", "W6"],
    "W1R": ["W1R", "W6R"],
    "W2": ["W2"],
    "W3": ["W3"],
    "W4": ["W4", "W4_native"],
    "W5": ["W5", "W5ui"],
    "W7": ["W7", "W7r", "W7st"],
    "W8": ["W8", "W8r", "W8st"],
}


class results:
    def __init__(self):
        # metric -> adapter -> {"samples": [...], "not_measured": [...]}
        self.cells = {}

    def add(self, metric, adapter, value):
        cell = self.cells.setdefault(metric, {}).setdefault(adapter, {"samples": [], "not_measured": []})
        if isinstance(value, not_measured):
            cell["not_measured"].append(value)
        else:
            cell["samples"].append(float(value))

    def median(self, metric, adapter):
        cell = self.cells.get(metric, {}).get(adapter)
        if not cell or not cell["samples"]:
            return None
        return statistics.median(cell["samples"])

    def ratio(self, metric, peer, better):
        """> 1 means int3 is better: peer/int3 for times and memory,
        int3/peer for rates. None when either side has no number."""
        mine, theirs = self.median(metric, "int3"), self.median(metric, peer)
        if better is None or mine is None or theirs is None or mine <= 0 or theirs <= 0:
            return None
        return theirs / mine if better == "lower" else mine / theirs

    def cell_text(self, metric, adapter):
        cell = self.cells.get(metric, {}).get(adapter)
        if not cell:
            return "—"
        misses = cell["not_measured"]
        if not cell["samples"]:
            return _short(str(misses[0])) if misses else "—"
        text = fmt(self.median(metric, adapter))
        if misses:
            text += f" ({len(misses)}/{len(misses) + len(cell['samples'])} {_short(str(misses[0]), 50)})"
        return text

    def to_json(self, adapters):
        out = {}
        for key, label, unit, better in METRICS:
            if key not in self.cells:
                continue
            entry = {"label": label, "unit": unit, "better": better, "adapters": {}, "ratios": {}}
            for a in adapters:
                cell = self.cells[key].get(a)
                if cell is None:
                    continue
                entry["adapters"][a] = {
                    "median": self.median(key, a),
                    "samples": cell["samples"],
                    "not_measured": [{"kind": m.kind, "reason": m.reason} for m in cell["not_measured"]],
                    "text": self.cell_text(key, a),
                }
            for peer in adapters:
                if peer != "int3" and "int3" in adapters:
                    entry["ratios"][f"{peer}/int3"] = self.ratio(key, peer, better)
            out[key] = entry
        return out

    def markdown(self, adapters):
        peers = [a for a in adapters if a != "int3"] if "int3" in adapters else []
        head = ["workload", "unit", *adapters, *(f"{p}/int3" for p in peers)]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for key, label, unit, better in METRICS:
            if key not in self.cells:
                continue
            cols = [label, unit, *(self.cell_text(key, a) for a in adapters)]
            for p in peers:
                r = self.ratio(key, p, better)
                cols.append("—" if r is None else f"{r:.2f}×")
            rows.append("| " + " | ".join(cols) + " |")
        return "\n".join(rows)


def fmt(x):
    a = abs(x)
    if a >= 1000:
        return f"{x:,.0f}"
    if a >= 100:
        return f"{x:.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _short(text, limit=80):
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= limit else text[: limit - 1] + "…"
