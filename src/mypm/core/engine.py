"""Pure scoring (SPEC §2.3, §4): rule set + merged values → a ranked trace of every unit.

Decimal throughout: each leaf is rounded once (half-up unless the rules say half-even), and every
subtotal is a sum of figures already rounded, so every figure shown adds up to those beside it.

The engine returns the trace (trace.py) and nothing else: issues and problems are `Msg` codes
with a location, said by whoever shows them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

from mypm.core.errors import Problem, WorkbookError
from mypm.core.messages import Msg
from mypm.core.results import Derivation, FieldLoss, FieldValue, InputValue, Issue, UnitInput
from mypm.core.rules.model import Leaf
from mypm.core.rules.ruleset import RuleSet
from mypm.core.trace import Capped, Figure, Goal, UnitTrace

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


@dataclass(frozen=True)
class Scoring:
    """Every assessed unit's trace in rank order, the issues found, and where points were lost
    across all units."""

    results: list[UnitTrace]
    issues: list[Issue]
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
    return Scoring(rank(rules, scored), issues, points_lost_by_field(rules, scored))


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
            message = Msg.of("engine.missing_zero")
            issues.append(Issue("warning", message, unit.name, leaf.key, source))
        elif source is None:
            no_column.setdefault(leaf.key, []).append(unit.name)
        else:
            message = Msg.of("engine.missing", unit=unit.name, field=leaf.label)
            certifier = rules.certifier_names(leaf)
            advice = Msg.of("engine.missing_advice", certifier=certifier)
            problems.append(source.problem(message, advice, certifier))
    # a column some file has: the units lacking it have no row there (a unit name mistyped)
    columns = {key for unit in units for key, value in unit.values.items() if value.source}
    for key, names in no_column.items():
        if key in misnamed:
            continue  # the unknown key's own problem names this field
        leaf = rules.leaf_by_key[key]
        message = Msg.of(
            "engine.missing_row" if key in columns else "engine.missing_column",
            field=leaf.label,
            key=key,
            count=len(names),
            units=tuple(names),
        )
        certifier = rules.certifier_names(leaf)
        advice = Msg.of(
            "engine.missing_row_advice" if key in columns else "engine.missing_column_advice",
            certifier=certifier,
        )
        problems.append(Problem("", message, advice, certifier))
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
                    "targets": tuple(present),
                    "peers": tuple(rule.mean_of),
                    "used": tuple(n for n, _ in values),
                }
                if allow_missing:
                    message = Msg.of("engine.derived_partial", **args)
                    issues.append(Issue("warning", message, name, rule.field, source))
                    continue
                certifier = rules.certifier_names(leaf)
                advice = Msg.of("engine.missing_advice", certifier=certifier)
                message = Msg.of("engine.derived_peer_missing", **args)
                if source is None:
                    problems.append(Problem(name, message, advice, certifier))
                else:
                    problems.append(source.problem(message, advice, certifier))
            if blank and not allow_missing:
                continue
        if not values:
            if allow_missing or rule.mean_of == "all":
                sources: Msg | tuple[str, ...] = (
                    tuple(rule.mean_of) if rule.mean_of != "all" else Msg.of("engine.all_units")
                )
                message = Msg.of(
                    "engine.derived_empty", field=leaf.label, units=tuple(present), sources=sources
                )
                problems.append(Problem("", message, certifier=rules.certifier_names(leaf)))
            continue
        mean = sum((v for _, v in values), ZERO) / len(values)
        derivation = Derivation(tuple(values), len(values), mean, rule.mean_of == "all")
        for name in present:
            unit = updated[name]
            old = unit.values.get(rule.field, NO_VALUE)
            if old.value is not None:
                typed = leaf.shown(old.value)
                message = Msg.of("engine.derived_replaced", typed=typed, basis=derivation.basis())
                issues.append(Issue("info", message, name, rule.field, old.source))
            values_now = dict(unit.values)
            values_now[rule.field] = FieldValue(mean, None, None, derivation)
            updated[name] = replace(unit, values=values_now)
    return [updated[u.name] for u in units], issues, problems


# --- one leaf --------------------------------------------------------------------------------


def leaf_score(leaf: Leaf, value: InputValue | None, rounder: Rounder) -> Decimal:
    """A leaf's rounded score for one input value (blank counts 0)."""
    return rounder(leaf.points_for(value))


# --- one unit --------------------------------------------------------------------------------


class Engine:
    """The scoring of one rule set, with everything that can be worked out once kept."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.leaves = rules.leaves
        self.rounder = Rounder(rules.rounding.places, rules.rounding.mode)
        self.category_leaves = {
            cat.id: tuple(i for i, leaf in enumerate(self.leaves) if leaf.group_id == cat.id)
            for cat in rules.categories
        }
        # each bonus item, then each deduction item: (section, the leaves it adds up, its cap)
        self.items: list[tuple[str, tuple[int, ...], Decimal | None]] = []
        for section in ("bonus", "deductions"):
            for item in rules.adjustments(section).items:
                key = f"{section}.{item.id}"
                parts = tuple(i for i, leaf in enumerate(self.leaves) if leaf.owner == key)
                self.items.append((section, parts, item.cap))
        # Many units share a value (是, 4 次, 93.1%): each leaf's figure is made once per value,
        # and each capped sum once per terms; at 100,000 units the shared sums keep the trace
        # some 110 MB smaller (most items are 0 for most units; measured with tracemalloc).
        self._figures: dict[tuple[int, type, InputValue | None], Figure] = {}
        self._sums: dict[tuple[tuple[Decimal, ...], Decimal | None], Capped] = {}

    def figure(self, index: int, value: InputValue | None) -> Figure:
        """The arithmetic of one leaf for one input."""
        key = (index, type(value), value)
        found = self._figures.get(key)
        if found is None:
            leaf = self.leaves[index]
            points = leaf.points_for(value)
            terms = (
                Msg.of("explain.blank") if value is None else leaf.measure.terms(value, leaf.points)
            )
            found = self._figures[key] = Figure(terms, points, self.rounder(points))
        return found

    def score(self, unit: UnitInput) -> UnitTrace:
        """The unit's trace: every leaf, category subtotals, base, items, sections, total."""
        rounder = self.rounder
        fields = tuple(unit.values.get(leaf.key, NO_VALUE) for leaf in self.leaves)
        figures = tuple(self.figure(i, field.value) for i, field in enumerate(fields))
        claimed = tuple(  # the claims certified values replaced, scored to show 核减/核增
            (i, self.figure(i, field.claim.value))
            for i, field in enumerate(fields)
            if field.claim is not None
        )
        index = self.rules.leaf_index
        decided = tuple(  # the values decided on the record, with the figure of the value before
            (index[d.decided.key], d, self.figure(index[d.decided.key], d.before.value))
            for d in unit.decided
        )
        scores = [figure.score for figure in figures]
        categories = {
            cat: rounder(sum((scores[i] for i in members), ZERO))
            for cat, members in self.category_leaves.items()
        }
        base = rounder(sum(categories.values(), ZERO))
        items = tuple(
            self._capped([scores[i] for i in leaves], cap) for _, leaves, cap in self.items
        )
        sums = {
            section: self._capped(
                [
                    item.score
                    for item, (s, _, _) in zip(items, self.items, strict=True)
                    if s == section
                ],
                self.rules.adjustments(section).cap,
            )
            for section in ("bonus", "deductions")
        }
        bonus, deductions = sums["bonus"], sums["deductions"]
        total = rounder(max(ZERO, base + bonus.score - deductions.score))
        return UnitTrace(
            self.rules,
            unit.name,
            unit.group,
            fields,
            figures,
            categories,
            items,
            bonus,
            deductions,
            base,
            total,
            claimed=claimed,
            decided=decided,
        )

    def _capped(self, terms: Sequence[Decimal], cap: Decimal | None) -> Capped:
        key = (tuple(terms), cap)
        found = self._sums.get(key)
        if found is None:
            total = sum(terms, ZERO)
            score = self.rounder(total if cap is None else min(total, cap))
            found = self._sums[key] = Capped(key[0], cap, score)
        return found


# --- across units ------------------------------------------------------------------------------


def rank(rules: RuleSet, results: Sequence[UnitTrace]) -> list[UnitTrace]:
    """Competition ranking (1, 2, 2, 4) overall and within each group; grades by `min`; the
    gaps to the next grade and to the nearest higher total."""
    ordered = sorted(results, key=lambda r: -r.total)  # stable: ties keep the input order
    ranked = []
    last_total: Decimal | None = None
    rank_now = 0
    groups: dict[str, tuple[int, Decimal, int]] = {}  # group → (seen, last total, its rank)
    above: UnitTrace | None = None  # the first unit of the nearest higher total
    first: UnitTrace | None = None  # the first unit of the current total
    for position, result in enumerate(ordered, start=1):
        if result.total != last_total:
            above, first = first, result
            rank_now, last_total = position, result.total
        seen, group_total, group_rank = groups.get(result.group, (0, ZERO, 0))
        seen += 1
        if seen == 1 or result.total != group_total:
            group_rank = seen
        groups[result.group] = (seen, result.total, group_rank)
        ranked.append(
            replace(
                result,
                rank=rank_now,
                group_rank=group_rank,
                grade=grade_of(rules, result.total),
                gaps=gaps(rules, result.total, above),
            )
        )
    return ranked


def gaps(rules: RuleSet, total: Decimal, above: UnitTrace | None) -> tuple[Goal, ...]:
    """The next grade above `total`, and the nearest higher total (a tie shares the rank, so
    equalling it is enough)."""
    found = []
    higher = [g for g in rules.grades if g.min > total]
    if higher:
        grade = higher[-1]
        found.append(Goal("grade", grade.name, grade.min, grade.min - total))
    if above is not None:
        found.append(Goal("rank", above.unit, above.total, above.total - total))
    return tuple(found)


def grade_of(rules: RuleSet, total: Decimal) -> str:
    """The first grade whose `min` ≤ total, or "" when none applies."""
    return next((g.name for g in rules.grades if g.min <= total), "")


def points_lost_by_field(rules: RuleSet, results: Sequence[UnitTrace]) -> list[FieldLoss]:
    """Every base field with the units that lost points there, biggest total loss first."""
    names = {c.id: c.name for c in rules.categories}
    rounder = Rounder(rules.rounding.places, rules.rounding.mode)
    rows = []
    for i, leaf in enumerate(rules.leaves):
        if leaf.section != "base" or leaf.points is None:
            continue
        scores = [r.figures[i].score for r in results]
        lost = [leaf.points - score for score in scores if score < leaf.points]
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
