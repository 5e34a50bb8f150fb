"""What a workload run yields when it yields no number."""

from dataclasses import dataclass


@dataclass(frozen=True)
class not_measured:
    kind: str  # "failed", "unsupported" or "n/a"
    reason: str

    def __str__(self):
        return f"{self.kind}: {self.reason}" if self.reason else self.kind


class unsupported(Exception):
    """Raised by a workload when the adapter lacks what it needs (by its own
    capabilities or answer), as opposed to failing at it."""


class failed(Exception):
    """Raised by a workload when the adapter answered but got it wrong."""
