"""What a unit needs: points to the next grade and the next rank, and the fewest, smallest input
changes that close the gap, computed with the engine's own arithmetic. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from mypm.core.engine import Rounder, leaf_score
from mypm.core.results import FieldValue, InputValue, UnitInput
from mypm.core.rules.model import Leaf
from mypm.core.rules.ruleset import RuleSet
from mypm.core.trace import Change, Goal, UnitTrace

ZERO = Decimal(0)
MAX_ALTERNATIVES = 3


def what_if(rules: RuleSet, result: UnitTrace) -> list[Goal]:
    """The gaps above the unit (next grade, next rank), each with the cheapest input changes
    that close it.

    A tie shares a rank, so equalling the total above is enough. Derived fields are not the
    unit's own inputs and are never suggested.
    """
    rounder = Rounder(rules.rounding.places, rules.rounding.mode)
    derived = {d.field for d in rules.derived if result.unit in d.units}
    unit = inputs_of(result)
    effective = result.base + result.bonus - result.deductions  # before the floor at 0
    candidates = [
        (leaf, gain)
        for leaf in rules.leaves
        if leaf.section == "base" and leaf.key not in derived
        for gain in [_max_gain(leaf, _current(unit, leaf), rounder)]
        if gain > 0
    ]
    candidates.sort(key=lambda c: -c[1])
    return [
        replace(gap, plans=_plans(unit, candidates, gap.target - effective, rounder))
        for gap in result.gaps
    ]


def inputs_of(result: UnitTrace) -> UnitInput:
    """The unit's inputs as the engine took them (to score a changed copy)."""
    values = dict(zip(result.rules.leaf_index, result.fields, strict=True))
    return UnitInput(result.unit, result.group, "assessed", values)


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
    best = leaf.measure.best(leaf.points)
    return leaf_score(leaf, best, rounder) - leaf_score(leaf, value, rounder)


def _smallest_change(
    unit: UnitInput, leaf: Leaf, needed: Decimal, rounder: Rounder
) -> Change | None:
    """The smallest new value of `leaf` that gains at least `needed` points, if any."""
    value = _current(unit, leaf)
    now = leaf_score(leaf, value, rounder)
    best = leaf.measure.best(leaf.points)
    step = leaf.measure.step
    new: InputValue = best
    if step is not None and isinstance(best, Decimal):
        start = value if isinstance(value, Decimal) else ZERO
        new = _smallest_step(leaf, start, step, best, now + needed, rounder)
    gain = leaf_score(leaf, new, rounder) - now
    if gain < needed:
        return None
    if isinstance(new, bool):
        effort = Decimal(1)
    else:
        effort = (new - (value if isinstance(value, Decimal) else ZERO)) / (best or Decimal(1))
    return Change(leaf.key, leaf.label, leaf.shown(value), leaf.shown(new), gain, new, effort)


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
