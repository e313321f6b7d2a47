"""Appeals (申诉/复核): what a unit appealed against, and each decision on it, as records. Pure:
the season keeps them in its ledger (`mypm.season.appeals`); scoring applies the value of an
accepted or partly accepted appeal (`Appeal.decided`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mypm.core.messages import Msg
from mypm.core.results import Decided, Source

Outcome = Literal["uphold", "accept", "partial"]  # 维持, 采纳, 部分采纳
State = Literal["pending", "uphold", "accept", "partial"]
OUTCOMES: tuple[Outcome, ...] = ("uphold", "accept", "partial")


@dataclass(frozen=True)
class Ruling:
    """One decision on an appeal: the outcome, the value decided ("" when upheld; the claim
    when accepted), why, who, when, and its ledger entry."""

    outcome: Outcome
    value: str
    reason: str
    by: str
    at: str  # ISO 8601 with the office's offset
    seq: int


@dataclass(frozen=True)
class Appeal:
    """One appeal: its number, the unit and field, the value the unit claims, why, when it came
    (late: after the reply deadline), who recorded it, its files, where it was written (a cell
    of the appeals workbook as the season keeps it; None from the command line), and every
    decision on it, the earliest first (a revision adds one; the earlier stay)."""

    number: int
    unit: str
    key: str
    claim: str
    reason: str
    received_at: str
    late: bool
    by: str
    files: tuple[str, ...] = ()
    source: Source | None = None
    materials: str = ""  # the documents the appeals workbook's row names
    rulings: tuple[Ruling, ...] = ()

    @property
    def ruling(self) -> Ruling | None:
        """The decision that counts: the latest."""
        return self.rulings[-1] if self.rulings else None

    @property
    def state(self) -> State:
        ruling = self.ruling
        return "pending" if ruling is None else ruling.outcome

    @property
    def ref(self) -> Msg:
        """How the appeal is named to the user: 申诉 3."""
        return Msg.of("appeals.ref", number=self.number)

    def decided(self) -> Decided | None:
        """The field's value as decided, when the appeal was accepted in whole or part."""
        ruling = self.ruling
        if ruling is None or ruling.outcome == "uphold":
            return None
        return Decided(
            self.unit,
            self.key,
            ruling.value,
            "appeal",
            ruling.reason,
            ruling.by,
            ruling.at,
            self.ref,
        )


def last_decided(appeals: tuple[Appeal, ...] | list[Appeal]) -> str:
    """When the last decision on any appeal was made ("" when none was)."""
    return max((r.at for a in appeals for r in a.rulings), default="")
