"""Pure scoring (SPEC §2.3, §4): rule set + merged values → ranked, explained results.

Decimal throughout: each leaf is rounded once (half-up unless the rules say half-even), and every
subtotal is a sum of figures already rounded, so every figure shown adds up to those beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from mypm.errors import Problem, WorkbookError
from mypm.i18n import t
from mypm.labels import number
from mypm.results import FieldValue, InputValue, Issue, ScoreLine, UnitInput, UnitResult
from mypm.rules.model import (
    Adjustments,
    CappedPoints,
    Count,
    Leaf,
    Percent,
    PerItem,
    Points,
    RuleSet,
    Score,
    YesNo,
)

ZERO = Decimal(0)


@dataclass(frozen=True)
class Rounder:
    """Rounds to the rule set's places with its mode (四舍五入 by default, like Excel's ROUND)."""

    places: int
    mode: str

    def __call__(self, value: Decimal) -> Decimal:
        rounding = ROUND_HALF_UP if self.mode == "half_up" else ROUND_HALF_EVEN
        return value.quantize(Decimal(1).scaleb(-self.places), rounding=rounding)

    def text(self, value: Decimal) -> str:
        return f"{self(value):f}"


@dataclass(frozen=True)
class Scoring:
    """Ranked results, the issues found, and each assessed unit's inputs after derivation."""

    results: list[UnitResult]
    issues: list[Issue]
    inputs: dict[str, UnitInput]


def score_all(
    rules: RuleSet, units: Sequence[UnitInput], *, allow_missing: bool = False
) -> Scoring:
    """Derive peer values, score every assessed unit, rank them; raise on missing inputs."""
    units, issues = apply_derived(rules, units)
    assessed = [u for u in units if u.role == "assessed"]
    missing = [
        (unit, leaf)
        for unit in assessed
        for leaf in rules.leaves
        if leaf.section == "base" and _value(unit, leaf.key).value is None
    ]
    if missing and not allow_missing:
        raise WorkbookError([_missing_problem(unit, leaf) for unit, leaf in missing])
    for unit, leaf in missing:
        source = _value(unit, leaf.key).source
        issues.append(
            Issue(
                "warning",
                t("engine.missing_zero"),
                unit.name,
                leaf.key,
                str(source) if source else "",
            )
        )
    scored = [score_unit(rules, unit) for unit in assessed]
    return Scoring(rank(rules, scored), issues, {unit.name: unit for unit in assessed})


def _value(unit: UnitInput, key: str) -> FieldValue:
    return unit.values.get(key) or FieldValue(None, None, "")


def _missing_problem(unit: UnitInput, leaf: Leaf) -> Problem:
    source = _value(unit, leaf.key).source
    if source is None:
        return Problem(unit.name, t("engine.missing_column", field=leaf.label, key=leaf.key))
    return Problem(source.where, t("engine.missing", unit=unit.name, field=leaf.label))


# --- derived values --------------------------------------------------------------------------


def apply_derived(
    rules: RuleSet, units: Sequence[UnitInput]
) -> tuple[list[UnitInput], list[Issue]]:
    """Replace each derived unit's value by the exact mean of its peers' raw values."""
    by_name = {u.name: u for u in units}
    targets = {(name, d.field) for d in rules.derived for name in d.units}
    issues: list[Issue] = []
    problems: list[Problem] = []
    updated = dict(by_name)
    for index, rule in enumerate(rules.derived, start=1):
        if not any(name in by_name for name in rule.units):
            continue  # none of its units has data: nothing to derive
        if rule.mean_of == "all":
            peers = [
                u for u in units if u.role == "assessed" and (u.name, rule.field) not in targets
            ]
        else:
            peers = [by_name[name] for name in rule.mean_of if name in by_name]
        pairs = [(u.name, _value(u, rule.field).value) for u in peers]
        values = [(name, v) for name, v in pairs if isinstance(v, Decimal)]
        if not values:
            sources = "、".join(rule.mean_of) if rule.mean_of != "all" else t("engine.all_units")
            problems.append(
                Problem(
                    f"derived[{index}]",
                    t(
                        "engine.derived_empty",
                        field=rule.field,
                        units="、".join(rule.units),
                        sources=sources,
                    ),
                )
            )
            continue
        mean = sum((v for _, v in values), ZERO) / len(values)
        if rule.mean_of == "all":
            basis = t("engine.mean_all", count=len(values), mean=_short(mean))
        else:
            shown = ", ".join(f"{name} {number(v)}" for name, v in values)
            basis = t("engine.mean_of", values=shown, mean=_short(mean))
        for name in rule.units:
            unit = updated.get(name)
            if unit is None:
                continue
            old = _value(unit, rule.field)
            if old.value is not None:
                issues.append(
                    Issue(
                        "info",
                        t("engine.derived_replaced", typed=old.text, basis=basis),
                        name,
                        rule.field,
                        str(old.source) if old.source else "",
                    )
                )
            values_now = dict(unit.values)
            values_now[rule.field] = FieldValue(mean, None, basis)
            updated[name] = replace(unit, values=values_now)
    if problems:
        raise WorkbookError(problems)
    return [updated[u.name] for u in units], issues


def _short(value: Decimal) -> str:
    """An exact mean as text: exact when it is short, else to 4 places with ≈."""
    text = number(value)
    if "." in text and len(text.split(".")[1]) > 4:
        return "≈" + number(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    return text


# --- one unit --------------------------------------------------------------------------------


def score_leaf(leaf: Leaf, value: InputValue | None, rounder: Rounder) -> tuple[Decimal, str]:
    """A leaf's rounded score and the arithmetic that gives it (`2/2 次 → 1.00`)."""
    m = leaf.measure
    if value is None:
        return rounder(ZERO), t("explain.blank", score=rounder.text(ZERO))
    if isinstance(m, YesNo):
        earned = value is (m.award_if == "yes")
        exact = leaf.points if earned and leaf.points is not None else ZERO
        rule = t("explain.award_if_no") if m.award_if == "no" else ""
        return rounder(exact), t(
            "explain.yes_no", answer="是" if value else "否", rule=rule, score=rounder.text(exact)
        )
    assert isinstance(value, Decimal)
    p = leaf.points or ZERO
    if isinstance(m, Count):
        target = Decimal(m.target)
        exact = p * min(value, target) / target
        key = "explain.count_over" if value > target else "explain.count"
        text = t(key, value=number(value), target=m.target, score=rounder.text(exact))
    elif isinstance(m, Percent):
        exact = p * value / 100
        text = t(
            "explain.percent", value=number(value), points=number(p), score=rounder.text(exact)
        )
    elif isinstance(m, Score):
        exact = p * value / m.scale
        text = t(
            "explain.score",
            value=number(value),
            scale=number(m.scale),
            points=number(p),
            score=rounder.text(exact),
        )
    elif isinstance(m, PerItem):
        raw = value * m.per
        exact = raw if m.cap is None else min(raw, m.cap)
        if m.cap is not None and raw > m.cap:
            text = t(
                "explain.per_item_cap",
                value=number(value),
                per=number(m.per),
                raw=number(raw),
                cap=number(m.cap),
                score=rounder.text(exact),
            )
        else:
            text = t(
                "explain.per_item",
                value=number(value),
                per=number(m.per),
                score=rounder.text(exact),
            )
    else:
        assert isinstance(m, Points | CappedPoints)
        exact = value
        text = t("explain.points", value=number(value), score=rounder.text(exact))
    return rounder(exact), text


def score_unit(rules: RuleSet, unit: UnitInput) -> UnitResult:
    """All of one unit's lines and subtotals; rank and group rank are filled in by `rank`."""
    rounder = Rounder(rules.rounding.places, rules.rounding.mode)
    lines: list[ScoreLine] = []
    leaf_scores: dict[str, Decimal] = {}
    for leaf in rules.leaves:
        field_value = _value(unit, leaf.key)
        score, explanation = score_leaf(leaf, field_value.value, rounder)
        if field_value.source is None and field_value.value is not None:  # derived
            explanation = f"{field_value.text} → {rounder.text(score)}"
        leaf_scores[leaf.key] = score
        lines.append(
            ScoreLine(
                key=leaf.key,
                label=leaf.label,
                kind="leaf",
                value=field_value.text,
                score=score,
                maximum=leaf.maximum,
                certifier="、".join(rules.certifiers[c] for c in leaf.certified_by),
                explanation=explanation,
                source=str(field_value.source or ""),
            )
        )
    categories = {
        cat.id: rounder(sum((s for k, s in leaf_scores.items() if k.split(".")[0] == cat.id), ZERO))
        for cat in rules.categories
    }
    base = rounder(sum(categories.values(), ZERO))
    bonus = _section("bonus", rules.bonus, leaf_scores, lines, rounder)
    deductions = _section("deductions", rules.deductions, leaf_scores, lines, rounder)
    total = rounder(max(ZERO, base + bonus - deductions))
    key = "explain.total_floor" if base + bonus - deductions < 0 else "explain.total"
    lines.append(
        ScoreLine(
            key="total",
            label=t("label.total"),
            kind="section",
            value="",
            score=total,
            maximum=None,
            certifier="",
            source="",
            explanation=t(
                key,
                base=rounder.text(base),
                bonus=rounder.text(bonus),
                deductions=rounder.text(deductions),
                total=rounder.text(total),
            ),
        )
    )
    return UnitResult(
        unit.name,
        unit.group,
        tuple(lines),
        categories,
        base,
        bonus,
        deductions,
        total,
        rank=0,
        group_rank=0,
        grade="",
    )


def _section(
    section: str,
    adjustments: Adjustments,
    leaf_scores: dict[str, Decimal],
    lines: list[ScoreLine],
    rounder: Rounder,
) -> Decimal:
    """Item subtotals (each within its cap), then the section total within the section cap."""
    item_totals = []
    for item in adjustments.items:
        key = f"{section}.{item.id}"
        if item.parts is None:
            item_totals.append(leaf_scores[key])
            continue
        parts = [leaf_scores[f"{key}.{p.id}"] for p in item.parts]
        subtotal = rounder(_capped(parts, item.cap))
        item_totals.append(subtotal)
        lines.append(
            ScoreLine(
                key=key,
                label=item.name,
                kind="item",
                value="",
                score=subtotal,
                maximum=item.cap,
                certifier="",
                source="",
                explanation=_sum_text(parts, item.cap, subtotal, rounder),
            )
        )
    total = rounder(_capped(item_totals, adjustments.cap))
    lines.append(
        ScoreLine(
            key=section,
            label=t(f"section.{section}"),
            kind="section",
            value="",
            score=total,
            maximum=adjustments.cap,
            certifier="",
            source="",
            explanation=_sum_text(item_totals, adjustments.cap, total, rounder),
        )
    )
    return total


def _capped(values: Sequence[Decimal], cap: Decimal | None) -> Decimal:
    total = sum(values, ZERO)
    return total if cap is None else min(total, cap)


def _sum_text(
    values: Sequence[Decimal], cap: Decimal | None, result: Decimal, rounder: Rounder
) -> str:
    raw = sum(values, ZERO)
    terms = " + ".join(number(v) for v in values) or "0"
    if cap is not None and raw > cap:
        return t(
            "explain.sum_cap",
            terms=terms,
            raw=number(raw),
            cap=number(cap),
            score=rounder.text(result),
        )
    return t("explain.sum", terms=terms, score=rounder.text(result))


# --- ranking ---------------------------------------------------------------------------------


def rank(rules: RuleSet, results: Sequence[UnitResult]) -> list[UnitResult]:
    """Competition ranking (1, 2, 2, 4) overall and within each group; grades by `min`."""
    ordered = sorted(results, key=lambda r: -r.total)  # stable: ties keep the input order
    overall = _competition_ranks([r.total for r in ordered])
    group_ranks: dict[int, int] = {}
    for group in dict.fromkeys(r.group for r in ordered):
        members = [i for i, r in enumerate(ordered) if r.group == group]
        for i, value in zip(
            members, _competition_ranks([ordered[i].total for i in members]), strict=True
        ):
            group_ranks[i] = value
    return [
        replace(r, rank=overall[i], group_rank=group_ranks[i], grade=grade_of(rules, r.total))
        for i, r in enumerate(ordered)
    ]


def _competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    ranks: list[int] = []
    for i, total in enumerate(totals):
        ranks.append(ranks[-1] if i and totals[i - 1] == total else i + 1)
    return ranks


def grade_of(rules: RuleSet, total: Decimal) -> str:
    """The first grade whose `min` ≤ total, or "" when none applies."""
    return next((g.name for g in rules.grades if g.min <= total), "")
