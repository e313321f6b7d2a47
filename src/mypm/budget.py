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

MAX_RUN_INFLATED_BYTES = 48 * 1024 * 1024  # all parts of all input files, inflated (~6 s to parse)
# Parts that openpyxl reads whole into memory (shared strings, styles, workbook, properties):
# each shared string costs some 50 µs to read, and 3 MB hold about 170,000 of the smallest.
# A real workbook's are far smaller (11,000 unit names are about 0.6 MB).
MAX_RUN_WHOLE_PART_BYTES = 3 * 1024 * 1024
# Cells parsed in all sheets of all inputs: about 3,300 units of the county form (30 cells a
# row). An inline-string cell costs some 0.1 ms to parse, far more than a number.
MAX_RUN_CELLS = 100_000


class BudgetSpent(Exception):
    """A run-wide limit was reached; `limit` is its value."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(limit)


@dataclass
class Budget:
    inflated: int = field(default_factory=lambda: MAX_RUN_INFLATED_BYTES)
    whole: int = field(default_factory=lambda: MAX_RUN_WHOLE_PART_BYTES)
    cells: int = field(default_factory=lambda: MAX_RUN_CELLS)

    def spend_inflated(self, size: int) -> None:
        self.inflated -= size
        if self.inflated < 0:
            raise BudgetSpent(MAX_RUN_INFLATED_BYTES)

    def spend_whole(self, size: int) -> None:
        self.whole -= size
        if self.whole < 0:
            raise BudgetSpent(MAX_RUN_WHOLE_PART_BYTES)

    def spend_cells(self, count: int) -> None:
        self.cells -= count
        if self.cells < 0:
            raise BudgetSpent(MAX_RUN_CELLS)


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
