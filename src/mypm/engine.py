"""Pure scoring (SPEC §2.3, §4): rule set + merged values → ranked, explained results.

Decimal throughout: each leaf is rounded once (half-up unless the rules say half-even), and every
subtotal is a sum of figures already rounded, so every figure shown adds up to those beside it.

Scoring keeps only each unit's figures; the explanation lines (`93.1% × 75 → 69.83`) are made
by `Engine.lines` when they are written, from the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from mypm.errors import Problem, WorkbookError
from mypm.i18n import join, plural, t
from mypm.labels import certifier_names, number
from mypm.results import (
    FieldLoss,
    FieldValue,
    InputValue,
    Issue,
    ScoreLine,
    UnitInput,
    UnitResult,
)
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
from mypm.values import display

ZERO = Decimal(0)
# Rounding is the one operation that raises when a figure has more digits than the context
# holds. Within the bounds (rule numbers up to 10^6 with 6 decimals, counts up to 10^6, at most
# 10 places) a figure stays under 10^17 with 10 decimals: 27 digits. 50 leave a wide margin.
ARITHMETIC = Context(prec=50, rounding=ROUND_HALF_EVEN)
NO_VALUE = FieldValue(None, None)


class Rounder:
    """Rounds to the rule set's places with its mode (四舍五入 by default, like Excel's ROUND).

    Equal results are returned as one shared object, which keeps 100,000 units' figures small.
    """

    __slots__ = ("_quantum", "_rounding", "_shared")

    def __init__(self, places: int, mode: str) -> None:
        self._quantum = Decimal(1).scaleb(-places)
        self._rounding = ROUND_HALF_UP if mode == "half_up" else ROUND_HALF_EVEN
        self._shared: dict[Decimal, Decimal] = {}

    def __call__(self, value: Decimal) -> Decimal:
        rounded = value.quantize(self._quantum, rounding=self._rounding, context=ARITHMETIC)
        return self._shared.setdefault(rounded, rounded)

    def text(self, value: Decimal) -> str:
        return f"{self(value):f}"


@dataclass(frozen=True)
class Scoring:
    """Ranked results, the issues found, each assessed unit's final inputs, and where points
    were lost across all units."""

    results: list[UnitResult]
    issues: list[Issue]
    inputs: dict[str, UnitInput]
    losses: list[FieldLoss]


def score_all(
    rules: RuleSet, units: Sequence[UnitInput], *, allow_missing: bool = False
) -> Scoring:
    """Derive peer values, score every assessed unit, rank them; raise on missing inputs."""
    units, issues, problems = check_inputs(rules, units, allow_missing=allow_missing)
    if problems:
        raise WorkbookError(problems)
    return score_checked(rules, units, issues)


def score_checked(rules: RuleSet, units: Sequence[UnitInput], issues: list[Issue]) -> Scoring:
    """Score and rank the assessed units of inputs that `check_inputs` found complete."""
    assessed = [u for u in units if u.role == "assessed"]
    engine = Engine(rules)
    scored = [engine.score(unit) for unit in assessed]
    return Scoring(
        rank(rules, scored),
        issues,
        {unit.name: unit for unit in assessed},
        points_lost_by_field(rules, scored),
    )


def check_inputs(
    rules: RuleSet,
    units: Sequence[UnitInput],
    *,
    allow_missing: bool = False,
    unreadable: Collection[tuple[str, str]] = (),
    misnamed: Collection[str] = (),
) -> tuple[list[UnitInput], list[Issue], list[Problem]]:
    """Derive peer values and find every blank required input: the inputs, issues, problems.

    `unreadable` (unit, key) pairs already have a problem of their own, and so do the fields
    in `misnamed` (an unknown key in a workbook was probably meant to be them).
    """
    units, issues, problems = apply_derived(
        rules, units, allow_missing=allow_missing, unreadable=unreadable
    )
    base_leaves = [leaf for leaf in rules.leaves if leaf.section == "base"]
    # a derived value still blank here could not be derived, and the peers' cells are named
    derived = {(name, d.field) for d in rules.derived for name in d.units}
    missing = [
        (unit, leaf)
        for unit in units
        if unit.role == "assessed"
        for leaf in base_leaves
        if unit.values.get(leaf.key, NO_VALUE).value is None
        and (unit.name, leaf.key) not in unreadable
        and (unit.name, leaf.key) not in derived
    ]
    no_column: dict[str, list[str]] = {}
    for unit, leaf in missing:
        source = unit.values.get(leaf.key, NO_VALUE).source
        if allow_missing:
            issues.append(Issue("warning", t("engine.missing_zero"), unit.name, leaf.key, source))
        elif source is None:
            no_column.setdefault(leaf.key, []).append(unit.name)
        else:
            message = t("engine.missing", unit=unit.name, field=leaf.label)
            certifier = certifier_names(rules, leaf)
            advice = t("engine.missing_advice", certifier=certifier)
            problems.append(source.problem(message, advice, certifier))
    for key, names in no_column.items():
        if key in misnamed:
            continue  # the unknown key's own problem names this field
        leaf = rules.leaf_by_key[key]
        message = t(
            "engine.missing_column",
            field=leaf.label,
            key=key,
            count=len(names),
            s=plural(len(names)),
            units=join(names),
        )
        certifier = certifier_names(rules, leaf)
        problems.append(
            Problem("", message, t("engine.missing_column_advice", certifier=certifier), certifier)
        )
    return units, issues, problems


# --- derived values --------------------------------------------------------------------------


def apply_derived(
    rules: RuleSet,
    units: Sequence[UnitInput],
    *,
    allow_missing: bool = False,
    unreadable: Collection[tuple[str, str]] = (),
) -> tuple[list[UnitInput], list[Issue], list[Problem]]:
    """Replace each derived unit's value by the exact mean of its peers' raw values.

    A named peer's blank cell is a problem like any other blank required cell; with
    `allow_missing` the mean is taken over the peers that have a value, with a warning.
    """
    by_name = {u.name: u for u in units}
    targets = {(name, d.field) for d in rules.derived for name in d.units}
    issues: list[Issue] = []
    problems: list[Problem] = []
    updated = dict(by_name)
    for rule in rules.derived:
        present = [
            name for name in rule.units if name in by_name and by_name[name].role == "assessed"
        ]
        if not present:
            continue  # none of its units has data: nothing to derive
        leaf = rules.leaf_by_key[rule.field]
        if rule.mean_of == "all":
            peers = [
                u for u in units if u.role == "assessed" and (u.name, rule.field) not in targets
            ]
        else:
            peers = [by_name[name] for name in rule.mean_of if name in by_name]
        values = [
            (u.name, v)
            for u in peers
            if isinstance(v := u.values.get(rule.field, NO_VALUE).value, Decimal)
        ]
        if rule.mean_of != "all":
            blank = [
                name
                for name in rule.mean_of
                if name not in dict(values) and (name, rule.field) not in unreadable
            ]
            for name in blank:
                source = (
                    by_name[name].values.get(rule.field, NO_VALUE).source
                    if name in by_name
                    else None
                )
                args = {
                    "unit": name,
                    "field": leaf.label,
                    "targets": join(present),
                    "peers": join(rule.mean_of),
                    "used": join(n for n, _ in values),
                }
                if allow_missing:
                    issues.append(
                        Issue(
                            "warning", t("engine.derived_partial", **args), name, rule.field, source
                        )
                    )
                    continue
                certifier = certifier_names(rules, leaf)
                advice = t("engine.missing_advice", certifier=certifier)
                message = t("engine.derived_peer_missing", **args)
                if source is None:
                    problems.append(Problem(name, message, advice, certifier))
                else:
                    problems.append(source.problem(message, advice, certifier))
            if blank and not allow_missing:
                continue
        if not values:
            if allow_missing or rule.mean_of == "all":
                sources = join(rule.mean_of) if rule.mean_of != "all" else t("engine.all_units")
                message = t(
                    "engine.derived_empty",
                    field=leaf.label,
                    units=join(present),
                    sources=sources,
                )
                problems.append(Problem("", message, certifier=certifier_names(rules, leaf)))
            continue
        mean = sum((v for _, v in values), ZERO) / len(values)
        if rule.mean_of == "all":
            basis = t("engine.mean_all", count=len(values), mean=_short(mean))
        else:
            shown = ", ".join(f"{name} {number(v)}" for name, v in values)
            basis = t("engine.mean_of", values=shown, mean=_short(mean))
        for name in present:
            unit = updated[name]
            old = unit.values.get(rule.field, NO_VALUE)
            if old.value is not None:
                typed = display(old.value, leaf)
                message = t("engine.derived_replaced", typed=typed, basis=basis)
                issues.append(Issue("info", message, name, rule.field, old.source))
            values_now = dict(unit.values)
            values_now[rule.field] = FieldValue(mean, None, basis)
            updated[name] = replace(unit, values=values_now)
    return [updated[u.name] for u in units], issues, problems


def _short(value: Decimal) -> str:
    """An exact mean as text: exact when it is short, else to 4 places with ≈."""
    text = number(value)
    if "." in text and len(text.split(".")[1]) > 4:
        shown = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP, context=ARITHMETIC)
        return "≈" + number(shown)
    return text


# --- one leaf --------------------------------------------------------------------------------


def leaf_points(leaf: Leaf, value: InputValue | None) -> Decimal:
    """A leaf's exact, unrounded points for one input value (blank counts 0)."""
    m = leaf.measure
    if value is None:
        return ZERO
    if isinstance(m, YesNo):
        earned = value is (m.award_if == "yes")
        return leaf.points if earned and leaf.points is not None else ZERO
    assert isinstance(value, Decimal)
    p = leaf.points or ZERO
    if isinstance(m, Count):
        return p * min(value, Decimal(m.target)) / m.target
    if isinstance(m, Percent):
        return p * value / 100
    if isinstance(m, Score):
        return p * value / m.scale
    if isinstance(m, PerItem):
        raw = value * m.per
        return raw if m.cap is None else min(raw, m.cap)
    assert isinstance(m, Points | CappedPoints)
    return value


def leaf_score(leaf: Leaf, value: InputValue | None, rounder: Rounder) -> Decimal:
    """A leaf's rounded score."""
    return rounder(leaf_points(leaf, value))


def leaf_explanation(leaf: Leaf, value: InputValue | None, rounder: Rounder) -> str:
    """The arithmetic behind a leaf's score, e.g. `2/2 次 → 1.00` or `93.1% × 75 → 69.83`."""
    m = leaf.measure
    score = rounder.text(leaf_points(leaf, value))
    if value is None:
        return t("explain.blank", score=score)
    if isinstance(m, YesNo):
        rule = t("explain.award_if_no") if m.award_if == "no" else ""
        return t("explain.yes_no", answer="是" if value else "否", rule=rule, score=score)
    assert isinstance(value, Decimal)
    v, p = number(value), number(leaf.points or ZERO)
    if isinstance(m, Count):
        key = "explain.count_over" if value > m.target else "explain.count"
        return t(key, value=v, target=m.target, score=score)
    if isinstance(m, Percent):
        return t("explain.percent", value=v, points=p, score=score)
    if isinstance(m, Score):
        return t("explain.score", value=v, scale=number(m.scale), points=p, score=score)
    if isinstance(m, PerItem):
        raw = value * m.per
        if m.cap is not None and raw > m.cap:
            return t(
                "explain.per_item_cap",
                value=v,
                per=number(m.per),
                raw=number(raw),
                cap=number(m.cap),
                score=score,
            )
        return t("explain.per_item", value=v, per=number(m.per), score=score)
    return t("explain.points", value=v, score=score)


# --- one unit --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A bonus or deduction item: the leaves it adds up, and its cap."""

    key: str
    name: str
    leaves: tuple[int, ...]  # indexes into RuleSet.leaves
    cap: Decimal | None
    has_parts: bool


class Engine:
    """The scoring of one rule set, with everything that can be worked out once kept."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.leaves = rules.leaves
        self.rounder = Rounder(rules.rounding.places, rules.rounding.mode)
        index = {leaf.key: i for i, leaf in enumerate(self.leaves)}
        self.category_leaves = {
            cat.id: tuple(i for i, leaf in enumerate(self.leaves) if leaf.group_id == cat.id)
            for cat in rules.categories
        }
        self.sections: dict[str, tuple[Adjustments, tuple[_Item, ...]]] = {}
        for section in ("bonus", "deductions"):
            adjustments: Adjustments = getattr(rules, section)
            items = []
            for item in adjustments.items:
                key = f"{section}.{item.id}"
                parts = [f"{key}.{p.id}" for p in item.parts] if item.parts else [key]
                items.append(
                    _Item(
                        key,
                        item.name,
                        tuple(index[k] for k in parts),
                        item.cap,
                        item.parts is not None,
                    )
                )
            self.sections[section] = (adjustments, tuple(items))
        self.certifiers = tuple(certifier_names(rules, leaf) for leaf in self.leaves)
        # Many units share a value (是, 4 次, 93.1%), so each leaf's text is made once per value.
        self._explained: dict[tuple[int, type, InputValue | None], tuple[str, str]] = {}
        # What `lines` gives for every unit: the leaves, each item with parts, the two sections,
        # the total.
        capped = sum(item.has_parts for _, items in self.sections.values() for item in items)
        self.lines_per_unit = len(self.leaves) + capped + len(self.sections) + 1

    def score(self, unit: UnitInput) -> UnitResult:
        """The unit's figures: leaf scores, category subtotals, base, bonus, deductions, total."""
        rounder, values = self.rounder, unit.values
        scores = tuple(
            rounder(leaf_points(leaf, values.get(leaf.key, NO_VALUE).value)) for leaf in self.leaves
        )
        categories = {
            cat: rounder(sum((scores[i] for i in members), ZERO))
            for cat, members in self.category_leaves.items()
        }
        base = rounder(sum(categories.values(), ZERO))
        bonus = self._section_total("bonus", scores)
        deductions = self._section_total("deductions", scores)
        total = rounder(max(ZERO, base + bonus - deductions))
        return UnitResult(unit.name, unit.group, scores, categories, base, bonus, deductions, total)

    def _explain(self, index: int, leaf: Leaf, value: InputValue | None) -> tuple[str, str]:
        """The value as shown and the arithmetic, for one leaf and value."""
        key = (index, type(value), value)
        found = self._explained.get(key)
        if found is None:
            found = (display(value, leaf), leaf_explanation(leaf, value, self.rounder))
            self._explained[key] = found
        return found

    def _item_totals(self, section: str, scores: Sequence[Decimal]) -> list[Decimal]:
        _, items = self.sections[section]
        return [self.rounder(_capped([scores[i] for i in item.leaves], item.cap)) for item in items]

    def _section_total(self, section: str, scores: Sequence[Decimal]) -> Decimal:
        adjustments, _ = self.sections[section]
        return self.rounder(_capped(self._item_totals(section, scores), adjustments.cap))

    def lines(self, unit: UnitInput, result: UnitResult) -> list[ScoreLine]:
        """The explanation of `result`: every leaf, each capped item, the sections, the total."""
        rounder, scores = self.rounder, result.leaf_scores
        lines = []
        for i, leaf in enumerate(self.leaves):
            field = unit.values.get(leaf.key, NO_VALUE)
            if field.basis:  # derived: the mean it came from, then the points
                explanation = f"{field.basis} → {rounder.text(scores[i])}"
                shown = _short(field.value) if isinstance(field.value, Decimal) else ""
            else:
                shown, explanation = self._explain(i, leaf, field.value)
            lines.append(
                ScoreLine(
                    leaf.key,
                    leaf.label,
                    "leaf",
                    shown,
                    scores[i],
                    leaf.maximum,
                    self.certifiers[i],
                    explanation,
                    str(field.source) if field.source else "",
                )
            )
        for section in ("bonus", "deductions"):
            adjustments, items = self.sections[section]
            totals = self._item_totals(section, scores)
            for item, subtotal in zip(items, totals, strict=True):
                if item.has_parts:
                    parts = [scores[i] for i in item.leaves]
                    lines.append(
                        ScoreLine(
                            item.key,
                            item.name,
                            "item",
                            "",
                            subtotal,
                            item.cap,
                            "",
                            _sum_text(parts, item.cap, subtotal, rounder),
                            "",
                        )
                    )
            total = result.bonus if section == "bonus" else result.deductions
            lines.append(
                ScoreLine(
                    section,
                    t(f"section.{section}"),
                    "section",
                    "",
                    total,
                    adjustments.cap,
                    "",
                    _sum_text(totals, adjustments.cap, total, rounder),
                    "",
                )
            )
        effective = result.base + result.bonus - result.deductions
        key = "explain.total_floor" if effective < 0 else "explain.total"
        explanation = t(
            key,
            base=rounder.text(result.base),
            bonus=rounder.text(result.bonus),
            deductions=rounder.text(result.deductions),
            total=rounder.text(result.total),
        )
        lines.append(
            ScoreLine(
                "total", t("label.total"), "section", "", result.total, None, "", explanation, ""
            )
        )
        return lines


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


# --- across units ------------------------------------------------------------------------------


def rank(rules: RuleSet, results: Sequence[UnitResult]) -> list[UnitResult]:
    """Competition ranking (1, 2, 2, 4) overall and within each group; grades by `min`."""
    ordered = sorted(results, key=lambda r: -r.total)  # stable: ties keep the input order
    ranked = []
    last_total: Decimal | None = None
    rank_now = 0
    groups: dict[str, tuple[int, Decimal, int]] = {}  # group → (seen, last total, its rank)
    for position, result in enumerate(ordered, start=1):
        if result.total != last_total:
            rank_now, last_total = position, result.total
        seen, group_total, group_rank = groups.get(result.group, (0, ZERO, 0))
        seen += 1
        if seen == 1 or result.total != group_total:
            group_rank = seen
        groups[result.group] = (seen, result.total, group_rank)
        ranked.append(
            replace(
                result, rank=rank_now, group_rank=group_rank, grade=grade_of(rules, result.total)
            )
        )
    return ranked


def grade_of(rules: RuleSet, total: Decimal) -> str:
    """The first grade whose `min` ≤ total, or "" when none applies."""
    return next((g.name for g in rules.grades if g.min <= total), "")


def points_lost_by_field(rules: RuleSet, results: Sequence[UnitResult]) -> list[FieldLoss]:
    """Every base field with the units that lost points there, biggest total loss first."""
    names = {c.id: c.name for c in rules.categories}
    rounder = Rounder(rules.rounding.places, rules.rounding.mode)
    rows = []
    for i, leaf in enumerate(rules.leaves):
        if leaf.section != "base" or leaf.points is None:
            continue
        lost = [leaf.points - r.leaf_scores[i] for r in results if r.leaf_scores[i] < leaf.points]
        total_lost = sum(lost, ZERO)
        rows.append(
            FieldLoss(
                leaf.key,
                names[leaf.group_id],
                leaf.label,
                leaf.points,
                len(lost),
                total_lost,
                len(results),
                rounder(total_lost / len(results)) if results else ZERO,
            )
        )
    rows.sort(key=lambda row: -row.total_lost)
    return rows
