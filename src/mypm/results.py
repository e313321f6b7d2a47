"""Frozen records that flow from the reader through the engine to the writers.

The records kept for every unit until the output is written (FieldValue, UnitInput,
UnitResult) use __slots__ and share repeated values, so 100,000 units fit in a few hundred MB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from mypm.errors import Problem
from mypm.messages import Msg, Text

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value came from: file name, sheet and cell."""

    file: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.file}!{self.sheet}!{self.cell}"

    def problem(self, message: Text, advice: Text = "", certifier: str = "") -> Problem:
        """A problem at this cell."""
        return Problem("", message, advice, certifier, self.file, self.sheet, self.cell)


@dataclass(frozen=True)
class Issue:
    """A warning or note for the 问题 sheet: never silent, never fatal.

    `source` is the cell it concerns; `where` a place that is no cell (a file of a folder).
    """

    level: Level
    message: Text
    unit: str = ""
    field: str = ""
    source: Source | None = None
    where: str = ""

    def as_problem(self) -> Problem:
        """The issue as a problem (for --strict, the terminal and the --problems list)."""
        message = self.message
        if self.unit:  # said without the unit when the message begins with it already
            message = Msg.of("problem.unit", unit=self.unit, message=message)
        if self.source is not None:
            return self.source.problem(message)
        return Problem(self.where or self.unit, message)


@dataclass(frozen=True, slots=True)
class RawCell:
    """A cell as stored: its value (cached for formulas), percent format, and location."""

    value: object
    percent: bool
    source: Source


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One unit row of an entry or reference sheet, as the reader streams it."""

    unit: str
    group: str
    unit_source: Source
    row: int
    values: dict[str, RawCell]  # non-blank input cells
    blanks: dict[str, str]  # blank input cells' column letters, to name a missing value

    def blank_source(self, key: str) -> Source:
        """Where the blank cell for `key` is."""
        return Source(
            self.unit_source.file, self.unit_source.sheet, f"{self.blanks[key]}{self.row}"
        )


InputValue = Decimal | bool

# Told how far a long job has got: (phase, done so far, total or None when unknown).
Progress = Callable[[Literal["read", "write"], int, "int | None"], None]


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One parsed input value and its cell.

    `basis` is set for a derived value and says how it was derived (`均值(…) = 89.85`);
    `source` is None for derived values and for a field no file has a column for.
    """

    value: InputValue | None
    source: Source | None
    basis: str = ""


@dataclass(frozen=True, slots=True)
class UnitInput:
    """Everything known about one unit after reading and merging."""

    name: str
    group: str
    role: Literal["assessed", "reference"]
    values: dict[str, FieldValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """One line of the explanation: a leaf, an item subtotal or a section total."""

    key: str
    label: str
    kind: Literal["leaf", "item", "section"]
    value: str  # the input as the 明细 sheet shows it, or "" for subtotals
    score: Decimal
    maximum: Decimal | None
    certifier: str
    explanation: str
    source: str


@dataclass(frozen=True, slots=True)
class UnitResult:
    """A scored unit's figures; rank and group rank count from 1, ties sharing a rank.

    The explanation lines are not kept: `engine.unit_lines` makes them again from the inputs
    when they are written, so memory grows with the units only through these figures.
    """

    unit: str
    group: str
    leaf_scores: tuple[Decimal, ...]  # in the order of RuleSet.leaves
    categories: dict[str, Decimal]
    base: Decimal
    bonus: Decimal
    deductions: Decimal
    total: Decimal
    rank: int = 0
    group_rank: int = 0
    grade: str = ""


@dataclass(frozen=True)
class FieldLoss:
    """Where the whole city is weak: one base field's points lost across all units."""

    key: str
    category: str
    label: str
    maximum: Decimal
    units_losing: int
    total_lost: Decimal
    units: int
    mean_lost: Decimal  # rounded as the scores are, so that it is the figure shown


@dataclass(frozen=True)
class InputFile:
    path: str
    sha256: str


@dataclass(frozen=True)
class ScoreReport:
    """The whole result of `mypm score`: ranked units, issues, and provenance.

    `inputs` holds each assessed unit's final inputs (after derived values), from which the
    explanation lines are made again when they are written.
    """

    rules_id: str
    rules_title: str
    rules_document: str
    rules_path: str
    rules_sha256: str
    units: tuple[UnitResult, ...]
    issues: tuple[Issue, ...]
    files: tuple[InputFile, ...]
    losses: tuple[FieldLoss, ...]
    inputs: dict[str, UnitInput]
    created: str
    version: str
    self_check: bool = False  # scored from self-check forms alone: self-assessed scores
    timezone: str = "Asia/Shanghai"  # the zone `created` is given in
