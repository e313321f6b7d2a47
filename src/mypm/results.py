"""Frozen records that flow from the reader through the engine to the writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Source:
    """Where a value came from: file name, sheet and cell."""

    file: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.file}!{self.sheet}!{self.cell}"

    @property
    def where(self) -> str:
        """The form used in messages: `file › sheet › cell`."""
        return f"{self.file} › {self.sheet} › {self.cell}"


@dataclass(frozen=True)
class Issue:
    """A warning or note for the 问题 sheet: never silent, never fatal."""

    level: Level
    message: str
    unit: str = ""
    field: str = ""
    source: str = ""


@dataclass(frozen=True)
class RawCell:
    """A cell as stored: its value (cached for formulas), percent format, and location."""

    value: object
    percent: bool
    source: Source


@dataclass(frozen=True)
class EntryRow:
    """One unit row of an entry or reference sheet."""

    unit: str
    group: str
    unit_source: Source
    values: dict[str, RawCell]  # non-blank input cells
    blanks: dict[str, Source]  # blank input cells, to name them when a value is missing


@dataclass
class EntryWorkbook:
    """What one input workbook holds: its rows, its metadata, and warnings found on the way."""

    path: Path
    sha256: str
    metadata: dict[str, str]
    rows: list[EntryRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


InputValue = Decimal | bool


@dataclass(frozen=True)
class FieldValue:
    """One parsed input value and its cell (None: derived, or no column in any file)."""

    value: InputValue | None
    source: Source | None
    text: str  # the value as the 明细 sheet shows it


@dataclass(frozen=True)
class UnitInput:
    """Everything known about one unit after reading and merging."""

    name: str
    group: str
    role: Literal["assessed", "reference"]
    values: dict[str, FieldValue] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreLine:
    """One line of the explanation: a leaf, an item subtotal or a section total."""

    key: str
    label: str
    kind: Literal["leaf", "item", "section"]
    value: str  # the input as typed, or "" for subtotals
    score: Decimal
    maximum: Decimal | None
    certifier: str
    explanation: str
    source: str


@dataclass(frozen=True)
class UnitResult:
    """A scored unit; rank and group rank count from 1 with ties sharing a rank."""

    unit: str
    group: str
    lines: tuple[ScoreLine, ...]
    categories: dict[str, Decimal]
    base: Decimal
    bonus: Decimal
    deductions: Decimal
    total: Decimal
    rank: int
    group_rank: int
    grade: str


@dataclass(frozen=True)
class InputFile:
    path: str
    sha256: str


@dataclass(frozen=True)
class ScoreReport:
    """The whole result of `mypm score`: ranked units, issues, and provenance."""

    rules_id: str
    rules_title: str
    rules_document: str
    rules_path: str
    rules_sha256: str
    units: tuple[UnitResult, ...]
    issues: tuple[Issue, ...]
    inputs: tuple[InputFile, ...]
    created: str
    version: str
