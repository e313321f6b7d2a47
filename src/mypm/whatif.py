"""What a unit needs: points to the next grade and the next rank, and the fewest, smallest input
changes that close the gap, computed with the engine's own arithmetic. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from mypm.engine import Rounder, leaf_score
from mypm.results import FieldValue, InputValue, UnitInput, UnitResult
from mypm.rules.model import Count, Grade, Leaf, Percent, Points, RuleSet, Score, YesNo
from mypm.values import display

ZERO = Decimal(0)
STEPS = {Percent: Decimal("0.1"), Score: Decimal("0.1"), Points: Decimal("0.01")}
MAX_ALTERNATIVES = 3


@dataclass(frozen=True)
class Change:
    """One input changed: `label` from `before` to `after`, gaining `gain` points."""

    key: str
    label: str
    before: str
    after: str
    gain: Decimal
    value: InputValue
    effort: Decimal  # the share of the field's range the change uses (a 是/否 flip: all)


@dataclass(frozen=True)
class Goal:
    """A target above the unit: the next grade or the next rank, and how to get there.

    `plans` holds alternatives, each a list of changes that together close the gap; empty
    when the gap cannot be closed by the unit's own base inputs.
    """

    kind: Literal["grade", "rank"]
    name: str  # the grade, or the unit whose total is to be reached
    target: Decimal  # the total to reach
    needed: Decimal
    plans: tuple[tuple[Change, ...], ...]


def gaps(rules: RuleSet, result: UnitResult, ranked: Sequence[UnitResult]) -> list[Goal]:
    """The next grade and the next rank above `result`, without plans."""
    goals = []
    grade = next_grade(rules, result.total)
    if grade is not None:
        goals.append(Goal("grade", grade.name, grade.min, grade.min - result.total, ()))
    above = [r for r in ranked if r.total > result.total]
    if above:
        nearest = min(above, key=lambda r: r.total)
        goals.append(Goal("rank", nearest.unit, nearest.total, nearest.total - result.total, ()))
    return goals


def next_grade(rules: RuleSet, total: Decimal) -> Grade | None:
    """The lowest grade above `total`, if any."""
    higher = [g for g in rules.grades if g.min > total]
    return higher[-1] if higher else None


def rank_gaps(ranked: Sequence[UnitResult]) -> list[Decimal | None]:
    """For each unit of a ranking, the points to the nearest higher total (one pass)."""
    gaps_: list[Decimal | None] = []
    above: Decimal | None = None
    for i, result in enumerate(ranked):
        if i and ranked[i - 1].total > result.total:
            above = ranked[i - 1].total
        gaps_.append(None if above is None else above - result.total)
    return gaps_


def what_if(
    rules: RuleSet,
    unit: UnitInput,
    result: UnitResult,
    ranked: Sequence[UnitResult],
    *,
    derived_keys: frozenset[str] = frozenset(),
) -> list[Goal]:
    """The goals above the unit, each with the cheapest input changes that reach it.

    A tie shares a rank, so equalling the total above is enough. Derived fields are not the
    unit's own inputs and are never suggested.
    """
    rounder = Rounder(rules.rounding.places, rules.rounding.mode)
    effective = result.base + result.bonus - result.deductions  # before the floor at 0
    candidates = [
        (leaf, gain)
        for leaf in rules.leaves
        if leaf.section == "base" and leaf.key not in derived_keys
        for gain in [_max_gain(leaf, _current(unit, leaf), rounder)]
        if gain > 0
    ]
    candidates.sort(key=lambda c: -c[1])
    goals = []
    for goal in gaps(rules, result, ranked):
        needed = goal.target - effective
        goals.append(replace(goal, plans=_plans(unit, candidates, needed, rounder)))
    return goals


def apply_changes(unit: UnitInput, changes: Sequence[Change]) -> UnitInput:
    """The unit's inputs with `changes` made (to check a plan by scoring it)."""
    values = dict(unit.values)
    for change in changes:
        values[change.key] = FieldValue(change.value, None)
    return replace(unit, values=values)


def _current(unit: UnitInput, leaf: Leaf) -> InputValue | None:
    field = unit.values.get(leaf.key)
    return field.value if field else None


def _max_gain(leaf: Leaf, value: InputValue | None, rounder: Rounder) -> Decimal:
    best = _best_value(leaf)
    return leaf_score(leaf, best, rounder) - leaf_score(leaf, value, rounder)


def _best_value(leaf: Leaf) -> InputValue:
    m = leaf.measure
    if isinstance(m, YesNo):
        return m.award_if == "yes"
    if isinstance(m, Count):
        return Decimal(m.target)
    if isinstance(m, Percent):
        return Decimal(100)
    if isinstance(m, Score):
        return m.scale
    return leaf.points or ZERO


def _smallest_change(
    unit: UnitInput, leaf: Leaf, needed: Decimal, rounder: Rounder
) -> Change | None:
    """The smallest new value of `leaf` that gains at least `needed` points, if any."""
    value = _current(unit, leaf)
    now = leaf_score(leaf, value, rounder)
    best = _best_value(leaf)
    m = leaf.measure
    if isinstance(m, YesNo):
        new: InputValue = best
    elif isinstance(m, Count):
        first = int(value) + 1 if isinstance(value, Decimal) else 0
        tries = (Decimal(n) for n in range(first, m.target + 1))
        new = next((n for n in tries if leaf_score(leaf, n, rounder) - now >= needed), best)
    else:
        assert isinstance(best, Decimal)
        start = value if isinstance(value, Decimal) else ZERO
        new = _smallest_step(leaf, start, STEPS[type(m)], best, now + needed, rounder)
    gain = leaf_score(leaf, new, rounder) - now
    if gain < needed:
        return None
    if isinstance(new, bool):
        effort = Decimal(1)
    else:
        effort = (new - (value if isinstance(value, Decimal) else ZERO)) / (best or Decimal(1))
    before = display(value, leaf) or "空"
    return Change(leaf.key, leaf.label, before, display(new, leaf), gain, new, effort)


def _smallest_step(
    leaf: Leaf, start: Decimal, step: Decimal, best: Decimal, goal: Decimal, rounder: Rounder
) -> Decimal:
    """The least multiple of `step` above `start` whose rounded score reaches `goal`."""
    low, high = 0, int((best - start) / step) + 1  # counts of steps; binary search on them
    while low < high:
        middle = (low + high) // 2
        candidate = min(best, start + step * middle)
        if leaf_score(leaf, candidate, rounder) >= goal:
            high = middle
        else:
            low = middle + 1
    return min(best, start + step * low)


def _plans(
    unit: UnitInput, candidates: list[tuple[Leaf, Decimal]], needed: Decimal, rounder: Rounder
) -> tuple[tuple[Change, ...], ...]:
    """Alternatives of one change each when one field can close the gap, else one plan that
    fills the largest gains first and finishes with the smallest change that is enough."""
    if needed <= 0:
        return ((),)
    singles = [
        c
        for leaf, gain in candidates
        if gain >= needed
        for c in [_smallest_change(unit, leaf, needed, rounder)]
        if c
    ]
    if singles:
        singles.sort(key=lambda c: (c.effort, c.gain))
        return tuple((c,) for c in singles[:MAX_ALTERNATIVES])
    plan: list[Change] = []
    remaining = needed
    for leaf, gain in candidates:
        change = _smallest_change(unit, leaf, min(gain, remaining), rounder)
        if change is None:  # pragma: no cover - the best value always gains the full amount
            continue
        plan.append(change)
        remaining -= change.gain
        if remaining <= 0:
            return (tuple(plan),)
    return ()
