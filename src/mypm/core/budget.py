"""What one run may read in all, whatever the number of files: the bounds that keep any run on
hostile files under 10 s and 500 MB (see the README's limits).

Each limit on a single file (size, members, compression ratio) is checked where the file is
read; these hold for the whole run, across every part of every input file. `mypm` starts a
fresh budget for each command (`run_budget`), and so does a scoring call made outside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """What one run may read: inflated bytes, bytes of parts read whole, and cells."""

    inflated: int
    whole: int
    cells: int


# The default, sized to the office's real work: all parts of all input files inflated (~6 s to
# parse); parts that are read whole (shared strings, styles, workbook, properties), where
# each shared string costs some 50 µs and 3 MB hold about 170,000 of the smallest (11,000 unit
# names are about 0.6 MB); and cells parsed in all sheets, about 3,300 units of the county form
# (30 cells a row), since an inline-string cell costs some 0.1 ms to parse, far more than a number.
DEFAULT = Limits(inflated=48 * 1024 * 1024, whole=3 * 1024 * 1024, cells=100_000)
# `mypm --large`: inputs the office trusts, up to 100,000 units (3.2 million cells, about
# 0.3 GB of sheet XML). A hostile file may then cost minutes, as a real run of that size does.
LARGE = Limits(inflated=2 * 1024 * 1024 * 1024, whole=256 * 1024 * 1024, cells=5_000_000)


class BudgetSpent(Exception):
    """A run-wide limit was reached; `limit` is its value."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(limit)


@dataclass
class Budget:
    """What is left of a run's limits."""

    limits: Limits = field(default_factory=lambda: DEFAULT)
    inflated: int = field(init=False)
    whole: int = field(init=False)
    cells: int = field(init=False)

    def __post_init__(self) -> None:
        self.inflated, self.whole, self.cells = (
            self.limits.inflated,
            self.limits.whole,
            self.limits.cells,
        )

    def enlarge(self) -> None:
        """Lift the limits to LARGE, before anything is read (`mypm --large`)."""
        self.limits = LARGE
        self.__post_init__()

    def spend_inflated(self, size: int) -> None:
        self.inflated -= size
        if self.inflated < 0:
            raise BudgetSpent(self.limits.inflated)

    def spend_whole(self, size: int) -> None:
        self.whole -= size
        if self.whole < 0:
            raise BudgetSpent(self.limits.whole)

    def spend_cells(self, count: int) -> None:
        self.cells -= count
        if self.cells < 0:
            raise BudgetSpent(self.limits.cells)


_current: ContextVar[Budget | None] = ContextVar("mypm_budget", default=None)


def current() -> Budget:
    """The running command's budget, or a fresh one outside a command."""
    return _current.get() or Budget()


@contextmanager
def run_budget() -> Iterator[Budget]:
    """One budget for everything read inside: the running one if there is one, else a new one."""
    running = _current.get()
    if running is not None:
        yield running
        return
    budget = Budget()
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
