"""What one run may read in all, whatever the number of files: the bounds that keep any run on
hostile files under 10 s and 500 MB (see docs/en/limits.md).

Each limit on a single file (size, members, compression ratio) is checked where the file is
read; these hold for the whole run, across every part of every input file. `mypm` starts a
fresh budget for each command (`run_budget`), and so does a scoring call made outside one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Limits:
    """What one run may read: inflated bytes, bytes of parts read whole, cells (a row costs at
    least one), and XML elements parsed."""

    inflated: int
    whole: int
    cells: int
    elements: int


# The default, sized to the office's real work. Each is charged for what is really parsed,
# every time it is parsed (a part that two sheets name is paid for twice), never for parts that
# are not read (themes, comments, drawings): parts inflated (~6 s to parse 48 MB); parts read
# whole (shared strings, styles, workbook, relationships), where each shared string costs some
# 50 µs and 3 MB hold about 170,000 of the smallest (11,000 unit names are about 0.6 MB); cells
# in all sheets, about 3,300 units of the county form (30 cells a row), since an inline-string
# cell costs some 0.1 ms to parse, far more than a number, and a row without cells costs one;
# and XML elements of any kind, some 2 µs each (a cell is two to four of them).
DEFAULT = Limits(
    inflated=48 * 1024 * 1024, whole=3 * 1024 * 1024, cells=100_000, elements=1_000_000
)
# `mypm --large`: inputs the office trusts, up to 100,000 units (3.2 million cells, about
# 0.3 GB of sheet XML). A hostile file may then cost minutes, as a real run of that size does.
LARGE = Limits(
    inflated=2 * 1024 * 1024 * 1024,
    whole=256 * 1024 * 1024,
    cells=5_000_000,
    elements=50_000_000,
)


Kind = Literal["inflated", "whole", "cells", "elements"]


class BudgetSpent(Exception):
    """A run-wide limit was reached: `kind` says which, `limit` is its value, and `part` the
    part of a file whose reading passed it, where one is to blame."""

    def __init__(self, kind: Kind, limit: int, part: str = "") -> None:
        self.kind, self.limit, self.part = kind, limit, part
        super().__init__(kind, limit, part)


@dataclass
class Budget:
    """What is left of a run's limits."""

    limits: Limits = field(default_factory=lambda: DEFAULT)
    inflated: int = field(init=False)
    whole: int = field(init=False)
    cells: int = field(init=False)
    elements: int = field(init=False)

    def __post_init__(self) -> None:
        self.inflated, self.whole, self.cells, self.elements = (
            self.limits.inflated,
            self.limits.whole,
            self.limits.cells,
            self.limits.elements,
        )

    def enlarge(self) -> None:
        """Lift the limits to LARGE, before anything is read (`mypm --large`)."""
        self.limits = LARGE
        self.__post_init__()

    def spend_inflated(self, size: int, part: str) -> None:
        self.inflated -= size
        if self.inflated < 0:
            raise BudgetSpent("inflated", self.limits.inflated, part)

    def spend_whole(self, size: int, part: str) -> None:
        self.whole -= size
        if self.whole < 0:
            raise BudgetSpent("whole", self.limits.whole, part)

    def spend_cells(self, count: int) -> None:
        self.cells -= count
        if self.cells < 0:
            raise BudgetSpent("cells", self.limits.cells)

    def spend_elements(self, count: int, part: str) -> None:
        self.elements -= count
        if self.elements < 0:
            raise BudgetSpent("elements", self.limits.elements, part)


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
