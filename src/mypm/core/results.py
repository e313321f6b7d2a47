"""Frozen records that flow from the reader through the engine to the writers.

The records kept for every unit until the output is written (FieldValue, UnitInput,
UnitTrace) use __slots__ and share repeated values, so 100,000 units fit in a few hundred MB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from mypm.core.errors import Problem
from mypm.core.messages import Msg, Text, number, short_number

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
    blanks: dict[str, str]  # blank input cells ("D9"), to name a missing value

    def blank_source(self, key: str) -> Source:
        """Where the blank cell for `key` is."""
        return Source(self.unit_source.file, self.unit_source.sheet, self.blanks[key])


InputValue = Decimal | bool
# A value as shown: a number's text (95%, 3), "" for a blank, or a yes/no answer as it is, for
# the renderer to say (是/否, yes/no)
Shown = str | bool

# Told how far a long job has got: (phase, done so far, total or None when unknown).
Progress = Callable[[Literal["read", "write"], int, "int | None"], None]


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a derived value was worked out: the exact mean of its peers' values.

    `peers` names each peer and its value (`count` of them); `everyone`: the peers are every
    assessed unit with a value that is not itself derived (the 备注's `mean_of: all`).
    """

    peers: tuple[tuple[str, Decimal], ...]
    count: int
    mean: Decimal
    everyone: bool = False

    def basis(self) -> Msg:
        """`均值(水务集团 89.5, 燃气集团 90.2) = 89.85` as a message."""
        mean = short_number(self.mean)
        if self.everyone:
            return Msg.of("engine.mean_all", count=self.count, mean=mean)
        shown = ", ".join(f"{name} {number(value)}" for name, value in self.peers)
        return Msg.of("engine.mean_of", values=shown, mean=mean)


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One input: the parsed value, its cell, and the cell's content as it was read.

    `source` is None for derived values and for a field no file has a column for; `derivation`
    is set for a derived value; `claim` is the unit's own claim this certified value replaced
    (certification precedence: 核减 or 核增).
    """

    value: InputValue | None
    source: Source | None
    raw: object = None
    derivation: Derivation | None = None
    claim: FieldValue | None = None


@dataclass(frozen=True)
class Attachment:
    """An evidence file (佐证材料) a unit gave for a field, in a season: the field's key (or its
    indicator's, covering the parts), the file's own name, where the season keeps it, its hash."""

    unit: str
    field: str
    name: str
    file: str  # inside the season folder, with `/`
    sha256: str
    size: int

    def covers(self, key: str, owner: str) -> bool:
        """Whether it is evidence for the field `key` (whose indicator or item is `owner`)."""
        return self.field in (key, owner)


DecidedKind = Literal["review", "appeal"]


@dataclass(frozen=True)
class Decided:
    """A field's value decided on the record after the forms are merged (in a season, a ledger
    entry): the office's review correcting a unit's claim ("review"), or the decision on an
    appeal ("appeal"). `value` is as given (text, a number, a yes/no answer) and is parsed like
    an entry cell; `ref` names the decision to the user (the ledger entry, the appeal number)."""

    unit: str
    key: str
    value: object
    kind: DecidedKind
    reason: str
    by: str
    at: str
    ref: Text


@dataclass(frozen=True, slots=True)
class Decision:
    """A decided value as applied to a unit's field: the record, and the value it replaced."""

    decided: Decided
    before: FieldValue


@dataclass(frozen=True, slots=True)
class UnitInput:
    """Everything known about one unit after reading and merging; `decided` are the values
    decided on the record that replaced some of its fields, in the order they were applied."""

    name: str
    group: str
    role: Literal["assessed", "reference"]
    values: dict[str, FieldValue] = field(default_factory=dict)
    decided: tuple[Decision, ...] = ()


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
    late: bool = False  # in a season: received after its deadline
