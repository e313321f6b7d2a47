"""A whole rubric (one rule file) and the cross-checks over it that no single field can make;
every problem is collected."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mypm.core.measures import AnyMeasure
from mypm.core.messages import Msg
from mypm.core.rules.model import (
    Adjustments,
    Category,
    Derived,
    Grade,
    Id,
    Indicator,
    Item,
    ItemPart,
    Leaf,
    Loc,
    Local,
    LocalChoice,
    Number,
    Part,
    Rounding,
    RuleProblems,
    RuleTest,
    Section,
    Text,
    Unit,
    former_name_clashes,
)
from mypm.text.vocabulary import NAMES_SEPARATOR


class RuleSet(BaseModel):
    """A whole rubric: one rule file."""

    schema_: Literal[1] = Field(alias="schema", description="format version")
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", strict=True)]
    kind: Id = Field(description="what `--kind` selects, e.g. county or department")
    title: Text
    issuer: Text
    document: Text
    year: Annotated[int, Field(strict=True, ge=1900, le=2200)]
    self_check_deadline: dt.date | None = None
    base_points: Number
    rounding: Rounding = Rounding()
    certifiers: dict[Id, Text]
    claims: dict[Id, Text] = Field(
        {},
        description="the self-check certifiers (自查提交…), whose values are the unit's own claims "
        "(the unit fills their forms): certifier id → the evidence the guide asks the unit to "
        "submit with them (文件, 说明, 复印件, 条目)",
    )
    units: list[Unit] = []
    categories: Annotated[list[Category], Field(min_length=1)]
    bonus: Adjustments = Adjustments(cap=Decimal(0))
    deductions: Adjustments = Adjustments(cap=None)
    derived: list[Derived] = []
    grades: list[Grade] = []
    tests: list[RuleTest] = Field([], description="worked examples that `mypm validate` runs")
    local: Local = Field(
        {}, description="rule-set-wide local choices, e.g. units, grades, bonus.cap, rounding"
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _cross_check(self) -> RuleSet:
        problems = rule_set_problems(self)
        if problems:
            raise RuleProblems(problems)
        return self

    @cached_property
    def leaves(self) -> tuple[Leaf, ...]:
        """Every input field in rubric order: base indicators, then bonus, then deductions."""
        return tuple(self._iter_leaves())

    @cached_property
    def leaf_by_key(self) -> dict[str, Leaf]:
        return {leaf.key: leaf for leaf in self.leaves}

    @cached_property
    def leaf_index(self) -> dict[str, int]:
        """Each leaf's place in `leaves`."""
        return {leaf.key: i for i, leaf in enumerate(self.leaves)}

    def certifier_names(self, leaf: Leaf) -> str:
        """Who certifies a field, as the rules name them (市财政局核定、市民生办核定)."""
        return self._certifier_names[leaf.key]

    @cached_property
    def _certifier_names(self) -> dict[str, str]:
        return {
            leaf.key: NAMES_SEPARATOR.join(self.certifiers[c] for c in leaf.certified_by)
            for leaf in self.leaves
        }

    def claim_certifiers(self, leaf: Leaf) -> tuple[str, ...]:
        """The certifiers of a field whose values are the unit's own claims."""
        return tuple(c for c in leaf.certified_by if c in self.claims)

    def adjustments(self, section: Literal["bonus", "deductions"]) -> Adjustments:
        """The bonus or the deductions."""
        return self.bonus if section == "bonus" else self.deductions

    @property
    def assessed_units(self) -> list[Unit]:
        return [u for u in self.units if u.role == "assessed"]

    @property
    def reference_units(self) -> list[Unit]:
        return [u for u in self.units if u.role == "reference"]

    def local_choices(self) -> Iterator[LocalChoice]:
        """Every value the guide does not fix: rule-set-wide ones first, then in rubric order."""
        for _, path, _, local in self.local_marks():
            for attribute, reason in local.items():
                yield LocalChoice(path, attribute, reason)

    def local_marks(self) -> Iterator[tuple[Loc, str, BaseModel, dict[str, str]]]:
        """(where in the file, path, the marked model, its `local:`) for every marked model."""
        yield (), "", self, self.local
        owners: list[tuple[Loc, str, Indicator | Item]] = [
            (("categories", ci, "indicators", ii), f"{cat.id}.{ind.id}", ind)
            for ci, cat in enumerate(self.categories)
            for ii, ind in enumerate(cat.indicators)
        ]
        for section in ("bonus", "deductions"):
            adjustments: Adjustments = getattr(self, section)
            owners += [
                ((section, "items", ii), f"{section}.{item.id}", item)
                for ii, item in enumerate(adjustments.items)
            ]
        for loc, path, owner in owners:
            yield loc, path, owner, owner.local
            parts: Sequence[Part | ItemPart] = owner.parts or ()
            for pi, part in enumerate(parts):
                yield (*loc, "parts", pi), f"{path}.{part.id}", part, part.local
        for di, derived in enumerate(self.derived):  # several may derive one field: by number
            yield ("derived", di), f"derived.{di + 1}", derived, derived.local

    def _iter_leaves(self) -> Iterator[Leaf]:
        for ci, cat in enumerate(self.categories):
            for ii, ind in enumerate(cat.indicators):
                loc: Loc = ("categories", ci, "indicators", ii)
                key = f"{cat.id}.{ind.id}"
                yield from _owner_leaves(ind, key, "base", cat.id, loc, self.claims)
        for section in ("bonus", "deductions"):
            adjustments: Adjustments = getattr(self, section)
            for ii, item in enumerate(adjustments.items):
                loc = (section, "items", ii)
                key = f"{section}.{item.id}"
                yield from _owner_leaves(item, key, section, section, loc, self.claims)


def _owner_leaves(
    owner: Indicator | Item,
    key: str,
    section: Section,
    group_id: str,
    loc: Loc,
    claims: dict[str, str],
) -> Iterator[Leaf]:
    """The leaves of one indicator or item: itself, or each of its parts; `claims` says what
    evidence each claim certifier asks."""
    asked = tuple(claims[c] for c in owner.certified_by if c in claims)
    entries: list[tuple[str, str, Decimal | None, AnyMeasure, str, Loc]] = []
    if owner.measure is not None:
        points = owner.points if isinstance(owner, Indicator) else None
        entries.append((key, "", points, owner.measure, owner.note, (*loc, "measure")))
    parts: Sequence[Part | ItemPart] = owner.parts or ()
    for pi, part in enumerate(parts):
        points = part.points if isinstance(part, Part) else None
        part_loc: Loc = (*loc, "parts", pi, "measure")
        entries.append(
            (f"{key}.{part.id}", part.name, points, part.measure, part.note or owner.note, part_loc)
        )
    for leaf_key, part_name, leaf_points, measure, note, leaf_loc in entries:
        yield Leaf(
            key=leaf_key,
            owner=key,
            section=section,
            group_id=group_id,
            name=owner.name,
            part_name=part_name,
            points=leaf_points,
            measure=measure,
            certified_by=tuple(owner.certified_by),
            criterion=owner.criterion,
            note=note,
            loc=leaf_loc,
            precedence=tuple(tuple(rank) for rank in owner.precedence),
            reviewed_by=owner.reviewed_by,
            evidence_asked=asked,
        )


def rule_set_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    """Every cross-check that fails, each with the location of the key to fix."""
    problems: list[tuple[Loc, Msg]] = []
    problems += _sum_problems(rules)
    problems += _id_problems(rules)
    problems += _certifier_problems(rules)
    problems += _derived_problems(rules)
    problems += _test_problems(rules)
    problems += _local_problems(rules)
    for i, unit in _duplicates([(i, u.name) for i, u in enumerate(rules.units)]):
        problems.append((("units", i, "name"), Msg.of("rules.duplicate_unit", name=unit)))
    for i, name in former_name_clashes(rules.units):
        problems.append((("units", i, "former"), Msg.of("units.former_clash", name=name)))
    mins = [g.min for g in rules.grades]
    if any(a <= b for a, b in pairwise(mins)):
        problems.append((("grades",), Msg.of("rules.grades_order")))
    return problems


def _sum_mismatch(
    loc: Loc, what: Msg, points: Iterable[Decimal], expected: Decimal
) -> list[tuple[Loc, Msg]]:
    actual = sum(points, Decimal(0))
    if actual == expected:
        return []
    return [(loc, Msg.of("rules.sum", what=what, actual=actual, expected=expected))]


def _sum_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    cats = rules.categories
    problems = _sum_mismatch(
        ("base_points",),
        Msg.of("rules.sum.categories"),
        (c.points for c in cats),
        rules.base_points,
    )
    for ci, cat in enumerate(cats):
        problems += _sum_mismatch(
            ("categories", ci, "points"),
            Msg.of("rules.sum.indicators"),
            (i.points for i in cat.indicators),
            cat.points,
        )
        for ii, ind in enumerate(cat.indicators):
            if ind.parts is not None:
                problems += _sum_mismatch(
                    ("categories", ci, "indicators", ii, "points"),
                    Msg.of("rules.sum.parts"),
                    (p.points for p in ind.parts),
                    ind.points,
                )
    return problems


def _duplicates(entries: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (index, id) entries whose id appeared earlier in the list."""
    seen: Counter[str] = Counter()
    repeated = []
    for index, name in entries:
        if seen[name]:
            repeated.append((index, name))
        seen[name] += 1
    return repeated


def _id_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    problems: list[tuple[Loc, Msg]] = []

    def check(prefix: Loc, ids: list[str]) -> None:
        for i, dup in _duplicates(list(enumerate(ids))):
            problems.append(((*prefix, i, "id"), Msg.of("rules.duplicate_id", id=dup)))

    check(("categories",), [c.id for c in rules.categories])
    for ci, cat in enumerate(rules.categories):
        if cat.id in ("bonus", "deductions"):
            problems.append((("categories", ci, "id"), Msg.of("rules.reserved_id", id=cat.id)))
        check(("categories", ci, "indicators"), [i.id for i in cat.indicators])
        for ii, ind in enumerate(cat.indicators):
            check(("categories", ci, "indicators", ii, "parts"), [p.id for p in ind.parts or []])
    for section in ("bonus", "deductions"):
        items = getattr(rules, section).items
        check((section, "items"), [i.id for i in items])
        for ii, item in enumerate(items):
            check((section, "items", ii, "parts"), [p.id for p in item.parts or []])
    return problems


def _certifier_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    known = tuple(rules.certifiers)
    owners: list[tuple[Loc, Sequence[str]]] = []
    precedences: list[tuple[Loc, Indicator | Item]] = []
    for ci, cat in enumerate(rules.categories):
        for ii, ind in enumerate(cat.indicators):
            owners.append((("categories", ci, "indicators", ii), ind.certified_by))
            if ind.precedence:
                precedences.append((("categories", ci, "indicators", ii), ind))
    for section in ("bonus", "deductions"):
        for ii, item in enumerate(getattr(rules, section).items):
            owners.append(((section, "items", ii), item.certified_by))
            if item.precedence:
                precedences.append(((section, "items", ii), item))
    problems = [
        ((*loc, "certified_by", k), Msg.of("rules.unknown_certifier", id=cid, known=known))
        for loc, ids in owners
        for k, cid in enumerate(ids)
        if cid not in rules.certifiers
    ]
    for loc, owner in precedences:
        ranked = [cid for rank in owner.precedence for cid in rank]
        if sorted(ranked) != sorted(owner.certified_by):
            listed = tuple(owner.certified_by)
            problems.append(((*loc, "precedence"), Msg.of("rules.precedence", ids=listed)))
    problems += [
        (("claims", cid), Msg.of("rules.unknown_certifier", id=cid, known=known))
        for cid in rules.claims
        if cid not in rules.certifiers
    ]
    return problems + _review_problems(rules)


def _review_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    """A field only the unit's claims certify names who reviews them (`reviewed_by`, a
    certifier that is no claim); a field with a certifying body of its own names none."""
    problems: list[tuple[Loc, Msg]] = []
    owners: list[tuple[Loc, Indicator | Item]] = [
        (("categories", ci, "indicators", ii), ind)
        for ci, cat in enumerate(rules.categories)
        for ii, ind in enumerate(cat.indicators)
    ]
    for section in ("bonus", "deductions"):
        owners += [
            ((section, "items", ii), item)
            for ii, item in enumerate(rules.adjustments(section).items)
        ]
    for loc, owner in owners:
        claims_only = all(c in rules.claims for c in owner.certified_by)
        reviewer = owner.reviewed_by
        unknown = reviewer is not None and reviewer not in rules.certifiers
        if claims_only and reviewer is None:
            names = tuple(rules.certifiers.get(c, c) for c in owner.certified_by)
            problems.append(((*loc, "certified_by"), Msg.of("rules.review_needed", names=names)))
        elif reviewer is not None and not claims_only:
            problems.append(((*loc, "reviewed_by"), Msg.of("rules.review_not_needed")))
        elif reviewer is not None and (unknown or reviewer in rules.claims):
            known = tuple(c for c in rules.certifiers if c not in rules.claims)
            message = Msg.of("rules.reviewer", id=reviewer, known=known)
            problems.append(((*loc, "reviewed_by"), message))
    return problems


def _derived_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    problems: list[tuple[Loc, Msg]] = []
    base_keys = [leaf.key for leaf in rules.leaves if leaf.section == "base"]
    roles = {u.name: u.role for u in rules.units}
    targets: set[tuple[str, str]] = set()
    for di, rule in enumerate(rules.derived):
        loc: Loc = ("derived", di)
        if rule.field not in base_keys:
            known = tuple(base_keys)
            problems.append(
                ((*loc, "field"), Msg.of("rules.derived_field", field=rule.field, known=known))
            )
        for k, name in enumerate(rule.units):
            if name not in roles:
                problems.append(((*loc, "units", k), Msg.of("rules.derived_unit", name=name)))
            elif roles[name] == "reference":
                problems.append(
                    ((*loc, "units", k), Msg.of("rules.derived_target_reference", name=name))
                )
            if (name, rule.field) in targets:
                problems.append(
                    ((*loc, "units", k), Msg.of("rules.derived_twice", name=name, field=rule.field))
                )
            targets.add((name, rule.field))
        if rule.mean_of != "all":
            for k, name in enumerate(rule.mean_of):
                if name not in roles:
                    problems.append(((*loc, "mean_of", k), Msg.of("rules.derived_unit", name=name)))
    return problems


FIGURES = ("base", "bonus", "deductions", "total")


def figure_keys(rules: RuleSet) -> set[str]:
    """What a rule test may expect: leaves, items, categories, and the four totals."""
    items = {
        f"{section}.{item.id}"
        for section in ("bonus", "deductions")
        for item in getattr(rules, section).items
    }
    return {*rules.leaf_by_key, *items, *(c.id for c in rules.categories), *FIGURES}


def _test_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    problems: list[tuple[Loc, Msg]] = []
    figures = figure_keys(rules)
    for ti, test in enumerate(rules.tests):
        for where, values in test.given().values():
            for key in values:
                if key not in rules.leaf_by_key:
                    loc: Loc = ("tests", ti, *where, key)
                    problems.append((loc, Msg.of("ruletest.unknown_field", key=key)))
        for where, expected in test.expected().values():
            for key in expected:
                if key not in figures:
                    loc = ("tests", ti, *where, key)
                    problems.append((loc, Msg.of("ruletest.unknown_figure", key=key)))
    return problems


# What the engine does the same for every rule set and the guide does not say: a rule set's own
# `local:` may mark these too (ranks shared 1-2-2-4 and ranked again within groups, a total never
# below 0, each field rounded before the sums).
ENGINE_CHOICES = ("ranking", "floor", "field_rounding")


def _local_problems(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    """A `local:` key must name an attribute that is there, e.g. points, measure, bonus.cap (or,
    at the top, one of the engine's own choices)."""
    problems: list[tuple[Loc, Msg]] = []
    for loc, _, owner, local in rules.local_marks():
        engine = ENGINE_CHOICES if owner is rules else ()
        for attribute in local:
            if attribute not in engine and not _names_attribute(owner, attribute):
                known = (*(k for k in type(owner).model_fields if k != "local"), *engine)
                problems.append(
                    (
                        (*loc, "local", attribute),
                        Msg.of("rules.local_key", key=attribute, known=known),
                    )
                )
    return problems


def _names_attribute(owner: BaseModel, dotted: str) -> bool:
    value: object = owner
    for name in dotted.split("."):
        if (
            not isinstance(value, BaseModel)
            or name == "local"
            or name not in type(value).model_fields
        ):
            return False
        value = getattr(value, name)
    return True
