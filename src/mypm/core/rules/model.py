"""The rule-file schema: frozen pydantic models, one per YAML mapping (SPEC §2)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from mypm.core.measures import AnyMeasure, BaseMeasure, ItemMeasure
from mypm.core.messages import Msg
from mypm.core.results import InputValue, Shown
from mypm.core.values import CellError, NoCachedValue, ValueProblem, is_blank, shorten
from mypm.text.vocabulary import RULE_TEST_UNIT

_SPACE = re.compile(r"\s+")

Loc = tuple[str | int, ...]
ZERO = Decimal(0)
Section = Literal["base", "bonus", "deductions"]


# pydantic's Decimal already refuses booleans, so YAML `true` can never become 1 point.
Number = Annotated[Decimal, Field(allow_inf_nan=False)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", strict=True)]
Text = Annotated[str, Field(strict=True)]
# attribute → why it is a local choice (a value the guide does not fix)
Local = Annotated[
    dict[Annotated[str, Field(min_length=1)], Annotated[str, Field(min_length=1, strict=True)]],
    Field(description="attribute → reason: values the guide does not fix (本地取值)"),
]


class RuleProblems(ValueError):
    """Cross-checks that failed, each with the location of the offending key."""

    def __init__(self, problems: list[tuple[Loc, Msg]]) -> None:
        self.problems = problems
        super().__init__(*problems)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the rubric tree ---------------------------------------------------------------------------


class Part(Model):
    """A scored part of an indicator (e.g. 按时参会 of 按时参会并及时报送相关情况)."""

    id: Id
    name: Text
    points: Annotated[Number, Field(ge=0)]
    measure: BaseMeasure
    note: Text = ""
    local: Local = {}


# An indicator's and an item's certification precedence and reviewer, described once
Precedence = Annotated[
    list[list[Id]],
    Field(
        description="ranks of its certifiers, highest first: a value certified by a higher "
        "rank wins over a claim of a lower one (自查提交… / …核定); one rank's values must agree",
    ),
]
ReviewedBy = Annotated[
    Id | None,
    Field(
        description="who checks the unit's claim against its evidence where the guide names no "
        "certifying body (a certifier id, e.g. mslb): needed, and only allowed, where every "
        "certifier of the field is one of `claims`",
    ),
]


class Indicator(Model):
    """考核指标: one row of the guide, scored by its measure or by its parts."""

    id: Id
    name: Text
    points: Annotated[Number, Field(ge=0)]
    certified_by: Annotated[list[Id], Field(min_length=1, description="certifier ids (考核组织)")]
    criterion: Text = Field(description="结果认定, word for word from the guide")
    precedence: Precedence = []
    reviewed_by: ReviewedBy = None
    measure: BaseMeasure | None = None
    parts: list[Part] | None = None
    note: Text = Field("", description="free text for the guide sheet, e.g. which values are local")
    local: Local = {}

    @model_validator(mode="after")
    def _measure_or_parts(self) -> Indicator:
        _check_measure_or_parts(Msg.of("rules.what.indicator"), self.measure, self.parts)
        return self


def _check_measure_or_parts(what: Msg, measure: object, parts: list[Any] | None) -> None:
    if (measure is None) == (parts is None):
        raise RuleProblems([((), Msg.of("rules.measure_or_parts", what=what))])
    if parts is not None and not parts:
        raise RuleProblems([(("parts",), Msg.of("rules.parts_empty"))])


class Category(Model):
    """考核项目: a group of indicators whose points add up to the category's."""

    id: Id
    name: Text
    points: Annotated[Number, Field(ge=0)]
    indicators: Annotated[list[Indicator], Field(min_length=1)]


class ItemPart(Model):
    """A level of a bonus/deduction item, e.g. 国家级 / 省级 / 市级."""

    id: Id
    name: Text
    measure: ItemMeasure
    note: Text = ""
    local: Local = {}


class Item(Model):
    """其他加分/扣分 item, scored by its measure or by its parts (sum bounded by `cap`)."""

    id: Id
    name: Text
    certified_by: Annotated[list[Id], Field(min_length=1)]
    criterion: Text = ""
    precedence: Precedence = []
    reviewed_by: ReviewedBy = None
    measure: ItemMeasure | None = None
    parts: list[ItemPart] | None = None
    cap: Annotated[Number | None, Field(ge=0, description="bound on the sum of the parts")] = None
    note: Text = ""
    local: Local = {}

    @model_validator(mode="after")
    def _measure_or_parts(self) -> Item:
        _check_measure_or_parts(Msg.of("rules.what.item"), self.measure, self.parts)
        if self.measure is not None and self.cap is not None:
            raise RuleProblems([(("cap",), Msg.of("rules.item_cap"))])
        return self


class Adjustments(Model):
    """Bonus (其他加分) or deductions (其他扣分): items and a cap on their sum (null: none)."""

    cap: Annotated[Number | None, Field(ge=0)]
    items: list[Item] = []
    note: Text = ""


def canonical_unit(name: str) -> str:
    """The form two spellings of one unit share: NFKC, no spaces of any width (incl. U+3000)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


class Unit(Model):
    """An assessed unit, or a reference unit that only supplies values to derived rules."""

    name: Text = Field(min_length=1)
    group: Text = ""
    role: Literal["assessed", "reference"] = "assessed"
    former: list[Text] = Field(
        [], description="former names (曾用名): a workbook using one is read as this unit"
    )


def former_name_clashes(units: Sequence[Unit]) -> list[tuple[int, str]]:
    """(index, name) of each former name that is a current name, or another unit's former
    name: which unit a workbook means would be ambiguous."""
    current = {canonical_unit(u.name) for u in units}
    owner: dict[str, int] = {}
    clashes = []
    for index, unit in enumerate(units):
        for name in unit.former:
            canon = canonical_unit(name)
            if canon in current or owner.get(canon, index) != index:
                clashes.append((index, name))
            owner.setdefault(canon, index)
    return clashes


class Derived(Model):
    """A value computed from peers' raw values (the 备注 of 附件2)."""

    field: Text
    units: Annotated[list[Text], Field(min_length=1)]
    mean_of: Annotated[list[Text], Field(min_length=1)] | Literal["all"]
    note: Text = ""
    local: Local = {}


class Grade(Model):
    """等次: the first grade whose `min` ≤ total."""

    name: Text
    min: Number
    note: Text = ""


# A test value as YAML gives it; strict, so that 1 stays a number and never becomes True.
Scalar = Annotated[
    Annotated[str, Strict()] | Annotated[bool, Strict()] | Annotated[int, Strict()] | Decimal,
    Field(union_mode="left_to_right"),
]


class RuleTest(Model):
    """A worked example kept in the rule file (like an OpenL test table or a DMN scenario).

    Either `values` for one unit, with `expect` mapping figures to numbers, or `units` for
    several (for derived rules), with `expect` mapping unit → figure → number. A figure is a
    field key, an item key (bonus.publicity), a category id, or base / bonus / deductions / total.
    Fields not given are blank and count 0.
    """

    name: Text
    values: dict[str, Scalar] | None = None
    units: dict[str, dict[str, Scalar]] | None = None
    expect: dict[str, Number | dict[str, Number]]

    @model_validator(mode="after")
    def _one_shape(self) -> RuleTest:
        if (self.values is None) == (self.units is None):
            raise RuleProblems([((), Msg.of("rules.test_shape"))])
        nested = [isinstance(v, dict) for v in self.expect.values()]
        if self.units is not None and not all(nested):
            raise RuleProblems([(("expect",), Msg.of("rules.test_units_expect"))])
        if self.values is not None and any(nested):
            raise RuleProblems([(("expect",), Msg.of("rules.test_values_expect"))])
        return self

    def given(self) -> dict[str, tuple[Loc, dict[str, Scalar]]]:
        """Unit → (where its values are, its values); one unnamed unit for `values`."""
        if self.values is not None:
            return {RULE_TEST_UNIT: (("values",), self.values)}
        return {unit: (("units", unit), values) for unit, values in (self.units or {}).items()}

    def expected(self) -> dict[str, tuple[Loc, dict[str, Decimal]]]:
        """Unit → (where its expectations are, figure → number)."""
        if self.values is not None:
            flat = {k: v for k, v in self.expect.items() if isinstance(v, Decimal)}
            return {RULE_TEST_UNIT: (("expect",), flat)}
        return {
            unit: (("expect", unit), figures)
            for unit, figures in self.expect.items()
            if isinstance(figures, dict)
        }


class Rounding(Model):
    places: Annotated[int, Field(ge=0, le=10, strict=True)] = 2
    mode: Literal["half_up", "half_even"] = "half_up"


class LocalChoice(NamedTuple):
    """A value the guide does not fix (本地取值), and why it was chosen."""

    path: str  # a field or item key (progress.inspections, bonus.publicity); "" for rule-set-wide
    attribute: str  # points, measure, certified_by, …; rule-set-wide: units, grades, bonus.cap
    reason: str


@dataclass(frozen=True)
class Leaf:
    """One input field of the rubric and everything needed to score and label it."""

    key: str
    owner: str  # the key of its indicator or item: `key` itself, or `key` less the part's id
    section: Section
    group_id: str  # category id for base leaves, "bonus"/"deductions" otherwise
    name: str  # the indicator's or item's name
    part_name: str  # "" unless the leaf is a part
    points: Decimal | None  # a base leaf's points; None for bonus/deduction leaves
    measure: AnyMeasure
    certified_by: tuple[str, ...]
    criterion: str
    note: str
    loc: Loc  # where the leaf's measure sits in the rule file
    precedence: tuple[tuple[str, ...], ...] = ()  # its certifiers' ranks, highest first
    reviewed_by: str | None = None  # who checks the unit's claim where no body certifies it
    evidence_asked: tuple[str, ...] = ()  # what the guide asks the unit to submit (文件 …)

    def rank(self, certifier: str) -> int | None:
        """A certifier's rank for this field (0 highest); None when no precedence says."""
        return next((i for i, rank in enumerate(self.precedence) if certifier in rank), None)

    @cached_property  # every unit's every line asks
    def label(self) -> str:
        return f"{self.name}·{self.part_name}" if self.part_name else self.name

    @cached_property
    def maximum(self) -> Decimal | None:
        """The most points this leaf can give (None: unbounded per_item)."""
        return self.measure.maximum(self.points)

    def points_for(self, value: InputValue | None) -> Decimal:
        """The exact, unrounded points of an input (a blank counts 0)."""
        return ZERO if value is None else self.measure.points_for(value, self.points)

    def parse(self, raw: object, *, percent_format: bool = False) -> InputValue | None:
        """The checked value of one of this field's cells, None when blank; ValueProblem when
        unreadable."""
        if isinstance(raw, NoCachedValue):
            raise ValueProblem(Msg.of("value.formula"))
        if isinstance(raw, CellError):
            raise ValueProblem(
                Msg.of("value.cell_error", error=str(raw)), Msg.of("value.cell_error_advice")
            )
        if is_blank(raw):
            return None
        if isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
            raise ValueProblem(Msg.of("value.date", text=shorten(raw)), Msg.of("value.date_advice"))
        return self.measure.read(raw, percent_format=percent_format, points=self.points)

    def shown(self, value: InputValue | None) -> Shown:
        """The input as shown ("" when blank; see `Shown`)."""
        return "" if value is None else self.measure.shown(value)
