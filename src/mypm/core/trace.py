"""The trace of one scoring: for each unit an immutable tree of figures and arithmetic terms.

The engine makes it (engine.py) and nothing else computes a figure: every output — the scored
workbook, JSON, CSV, the terminal, `explain`, the rule tests, publish, compare — reads it and says
it in the user's language. It holds no sentences: arithmetic is a `Msg` of terms.

Per unit only the figures are stored (each leaf's input and, shared between units with the same
input, its arithmetic), so 100,000 units fit in a few hundred MB; the tree's nodes (`leaves`,
`categories_tree`, `sections`) are views made from them when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from mypm.core.messages import Msg, short_number
from mypm.core.results import (
    Attachment,
    Decided,
    Decision,
    FieldLoss,
    FieldValue,
    InputFile,
    InputValue,
    Issue,
    Shown,
    Source,
)

if TYPE_CHECKING:
    from mypm.core.appeals import Appeal
    from mypm.core.rules.model import Category, Leaf
    from mypm.core.rules.ruleset import RuleSet

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Figure:
    """One leaf's arithmetic for one input: the terms, the exact and the rounded points."""

    terms: Msg  # e.g. explain.percent(value=93.1, points=75); explain.blank for a blank
    points: Decimal  # unrounded
    score: Decimal  # rounded once


@dataclass(frozen=True, slots=True)
class Capped:
    """A sum bounded by a cap: an item's parts, or a section's items (bonus, deductions)."""

    terms: tuple[Decimal, ...]
    cap: Decimal | None
    score: Decimal  # rounded min(sum of terms, cap)

    @property
    def raw(self) -> Decimal:
        """The sum before the cap."""
        return sum(self.terms, ZERO)

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.raw > self.cap


@dataclass(frozen=True, slots=True)
class Change:
    """One input changed: `label` from `before` to `after`, gaining `gain` points."""

    key: str
    label: str
    before: Shown  # "" when blank
    after: Shown
    gain: Decimal
    value: InputValue
    effort: Decimal  # the share of the field's range the change uses (a 是/否 flip: all)


@dataclass(frozen=True, slots=True)
class Goal:
    """A target above the unit: the next grade (its `min`) or the next rank (the nearest higher
    total), the points still needed, and how to get there.

    The trace's gaps have no plans; the what-if search adds them: alternatives, each a list of
    changes that together close the gap, none when the unit's own base inputs cannot.
    """

    kind: Literal["grade", "rank"]
    name: str  # the grade, or the unit whose total is to be reached
    target: Decimal  # the total to reach
    needed: Decimal
    plans: tuple[tuple[Change, ...], ...] = ()


class Certification(NamedTuple):
    """A unit's claim the certified value replaced (certification precedence): both values,
    both cells, both figures; `change` is what the certification did to the field's score."""

    leaf: Leaf
    claim: FieldValue
    claimed: Figure
    certified: FieldValue
    figure: Figure

    @property
    def change(self) -> Decimal:
        """Negative for 核减, positive for 核增."""
        return self.figure.score - self.claimed.score

    @property
    def reduced(self) -> bool:
        return self.change < 0

    @property
    def claim_shown(self) -> Shown:
        return self.leaf.shown(self.claim.value)

    @property
    def shown(self) -> Shown:
        return self.leaf.shown(self.certified.value)


class Adjustment(NamedTuple):
    """A value decided on the record that replaced the field's value: an appeal's decision
    (复核调整: the value before → the decided value) or a review's correction of the claim;
    both values, both figures; `change` is what the decision did to the field's score."""

    leaf: Leaf
    decided: Decided
    before: FieldValue
    before_figure: Figure
    after: FieldValue
    figure: Figure

    @property
    def change(self) -> Decimal:
        return self.figure.score - self.before_figure.score

    @property
    def before_shown(self) -> Shown:
        return self.leaf.shown(self.before.value)

    @property
    def shown(self) -> Shown:
        return self.leaf.shown(self.after.value)


class LeafTrace(NamedTuple):  # a tuple: made afresh for each look at a unit's leaves
    """One input field of one unit: its cell, raw input, value, arithmetic and points; the
    claim's figure when a certified value replaced the unit's claim; and the last decision on
    the record that set its value, with the figure of the value before it."""

    leaf: Leaf
    field: FieldValue
    figure: Figure
    claimed: Figure | None = None
    decided: tuple[Decision, Figure] | None = None
    evidence: tuple[Attachment, ...] | None = None  # in a season: the unit's files for it

    @property
    def certification(self) -> Certification | None:
        """The claim and the certified value that replaced it, None when there was none."""
        claim = self.field.claim
        if claim is None or self.claimed is None:
            return None
        return Certification(self.leaf, claim, self.claimed, self.field, self.figure)

    @property
    def adjustment(self) -> Adjustment | None:
        """The decision on the record that set the value, None when there was none."""
        if self.decided is None:
            return None
        decision, before = self.decided
        return Adjustment(
            self.leaf, decision.decided, decision.before, before, self.field, self.figure
        )

    @property
    def key(self) -> str:
        return self.leaf.key

    @property
    def raw(self) -> object:
        """The cell's content as it was read (None when blank or derived)."""
        return self.field.raw

    @property
    def source(self) -> Source | None:
        """The cell the value came from (None when derived or when no file has the field)."""
        return self.field.source

    @property
    def value(self) -> InputValue | None:
        return self.field.value

    @property
    def shown(self) -> Shown:
        """The value as shown: 95%, 3, a yes/no answer; a derived mean exactly, or to 4 places
        with ≈."""
        value = self.field.value
        if self.field.derivation is not None and isinstance(value, Decimal):
            return short_number(value)
        return self.leaf.shown(value)

    @property
    def terms(self) -> Msg:
        return self.figure.terms

    @property
    def points(self) -> Decimal:
        """The exact points before rounding."""
        return self.figure.points

    @property
    def score(self) -> Decimal:
        return self.figure.score

    @property
    def maximum(self) -> Decimal | None:
        return self.leaf.maximum

    @property
    def loss(self) -> Decimal:
        """Points lost against the maximum; a bonus or deduction field loses nothing."""
        maximum = self.leaf.maximum
        if maximum is None or self.leaf.section != "base":
            return ZERO
        return maximum - self.figure.score


@dataclass(frozen=True, slots=True)
class IndicatorTrace:
    """An indicator of a category, or an item of bonus/deductions: its leaves (itself, or its
    parts) and its score (for an item with parts, their capped sum)."""

    key: str
    name: str
    maximum: Decimal | None  # an indicator's points; an item's cap
    leaves: tuple[LeafTrace, ...]
    score: Decimal
    sum: Capped | None  # an item: how its parts add up under its cap; None for an indicator

    @property
    def has_parts(self) -> bool:
        return len(self.leaves) > 1 or self.leaves[0].leaf.part_name != ""

    @property
    def loss(self) -> Decimal:
        """Points lost against the indicator's points; an item loses nothing."""
        if self.maximum is None or self.leaves[0].leaf.section != "base":
            return ZERO
        return self.maximum - self.score


@dataclass(frozen=True, slots=True)
class CategoryTrace:
    category: Category
    score: Decimal
    indicators: tuple[IndicatorTrace, ...]

    @property
    def loss(self) -> Decimal:
        return self.category.points - self.score


@dataclass(frozen=True, slots=True)
class SectionTrace:
    """Bonus or deductions: its items and their capped sum."""

    key: Literal["bonus", "deductions"]
    items: tuple[IndicatorTrace, ...]
    sum: Capped


@dataclass(frozen=True, slots=True)
class UnitTrace:
    """Everything about one scored unit. Rank and group rank count from 1, ties sharing a rank;
    they, the grade and the gaps are set when all units are scored."""

    rules: RuleSet
    unit: str
    group: str
    fields: tuple[FieldValue, ...]  # in the order of RuleSet.leaves
    figures: tuple[Figure, ...]  # the same order
    categories: dict[str, Decimal]  # category id → subtotal
    items: tuple[Capped, ...]  # every bonus item, then every deduction item, in rule order
    bonus_sum: Capped
    deductions_sum: Capped
    base: Decimal
    total: Decimal  # base + bonus − deductions, never below 0
    rank: int = 0
    group_rank: int = 0
    grade: str = ""
    gaps: tuple[Goal, ...] = ()
    # (leaf index, the claim's figure) for each field whose certified value replaced a claim
    claimed: tuple[tuple[int, Figure], ...] = ()
    # (leaf index, the decision, the figure of the value before it) for each value decided on
    # the record (a review's correction, an appeal's decision), in the order applied
    decided: tuple[tuple[int, Decision, Figure], ...] = ()
    # in a season, the evidence files the unit gave (None outside one, where none is asked)
    evidence: tuple[Attachment, ...] | None = None

    @property
    def bonus(self) -> Decimal:
        return self.bonus_sum.score

    @property
    def deductions(self) -> Decimal:
        return self.deductions_sum.score

    @property
    def floored(self) -> bool:
        """Whether the deductions took the total below 0, so it was set to 0."""
        return self.base + self.bonus - self.deductions < 0

    @property
    def leaf_scores(self) -> tuple[Decimal, ...]:
        return tuple(figure.score for figure in self.figures)

    @property
    def leaves(self) -> tuple[LeafTrace, ...]:
        """Every leaf, in the order of RuleSet.leaves."""
        claimed = dict(self.claimed)
        decided = self._decided()
        return tuple(
            LeafTrace(leaf, field, figure, claimed.get(i), decided.get(i), self._evidence(leaf))
            for i, (leaf, field, figure) in enumerate(
                zip(self.rules.leaves, self.fields, self.figures, strict=True)
            )
        )

    def leaf(self, key: str) -> LeafTrace:
        """One leaf by its key."""
        i = self.rules.leaf_index[key]
        claimed = dict(self.claimed).get(i)
        decided = self._decided().get(i)
        leaf = self.rules.leaves[i]
        evidence = self._evidence(leaf)
        return LeafTrace(leaf, self.fields[i], self.figures[i], claimed, decided, evidence)

    def _evidence(self, leaf: Leaf) -> tuple[Attachment, ...] | None:
        """The unit's evidence files for a field (or its indicator); None outside a season."""
        if self.evidence is None:
            return None
        return tuple(a for a in self.evidence if a.covers(leaf.key, leaf.owner))

    def _decided(self) -> dict[int, tuple[Decision, Figure]]:
        """The last decision on the record for each leaf that has one."""
        return {i: (decision, before) for i, decision, before in self.decided}

    def categories_tree(self) -> tuple[CategoryTrace, ...]:
        """Categories → indicators → leaves, in rule order."""
        by_owner = _by_owner(self.leaves)
        return tuple(
            CategoryTrace(
                cat,
                self.categories[cat.id],
                tuple(
                    _indicator(f"{cat.id}.{ind.id}", ind.name, ind.points, by_owner, None)
                    for ind in cat.indicators
                ),
            )
            for cat in self.rules.categories
        )

    def sections(self) -> tuple[SectionTrace, SectionTrace]:
        """Bonus and deductions, each with its items."""
        by_owner = _by_owner(self.leaves)
        sums = iter(self.items)

        def section(key: Literal["bonus", "deductions"], total: Capped) -> SectionTrace:
            items = tuple(
                _indicator(f"{key}.{item.id}", item.name, item.cap, by_owner, next(sums))
                for item in self.rules.adjustments(key).items
            )
            return SectionTrace(key, items, total)

        return section("bonus", self.bonus_sum), section("deductions", self.deductions_sum)

    def figure_of(self, key: str) -> Decimal | None:
        """A figure by its name in the rule tests: a field or item key, a category id, or base,
        bonus, deductions, total; None when there is no such figure."""
        if key in self.rules.leaf_index:
            return self.figures[self.rules.leaf_index[key]].score
        if key in self.categories:
            return self.categories[key]
        named = {
            "base": self.base,
            "bonus": self.bonus,
            "deductions": self.deductions,
            "total": self.total,
        }
        if key in named:
            return named[key]
        for section in self.sections():
            for item in section.items:
                if item.key == key:
                    return item.score
        return None


def _by_owner(leaves: tuple[LeafTrace, ...]) -> dict[str, list[LeafTrace]]:
    """Leaves by the key of the indicator or item they belong to."""
    owners: dict[str, list[LeafTrace]] = {}
    for leaf in leaves:
        owners.setdefault(leaf.leaf.owner, []).append(leaf)
    return owners


def _indicator(
    key: str,
    name: str,
    maximum: Decimal | None,
    by_owner: dict[str, list[LeafTrace]],
    total: Capped | None,
) -> IndicatorTrace:
    leaves = tuple(by_owner[key])
    score = total.score if total is not None else sum((leaf.score for leaf in leaves), ZERO)
    return IndicatorTrace(key, name, maximum, leaves, score, total)


@dataclass(frozen=True)
class ScoreReport:
    """The whole result of `mypm score`: each unit's trace in rank order, issues, provenance."""

    rules_id: str
    rules_title: str
    rules_document: str
    rules_path: str
    rules_sha256: str
    units: tuple[UnitTrace, ...]
    issues: tuple[Issue, ...]
    files: tuple[InputFile, ...]
    losses: tuple[FieldLoss, ...]
    created: str
    version: str
    self_check: bool = False  # scored from self-check forms alone: self-assessed scores
    timezone: str = "Asia/Shanghai"  # the zone `created` is given in
    ledger_head: str = ""  # in a season: the ledger's head hash when the run began
    appeals: tuple[Appeal, ...] = ()  # in a season: every appeal recorded, with its decisions
