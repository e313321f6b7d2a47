"""How one input value becomes points: one class per measure type (SPEC §2.2, §4).

Each measure owns everything about its kind of field: how a cell's content is read and checked,
its bounds, its points, the best input and the step the what-if search takes, what a template
cell accepts, and the terms that describe its arithmetic. No other module asks which measure a
field has; sentences are `Msg` codes, said by the renderers.

`points` in the methods below is the field's own points (None for a bonus or deduction field).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from mypm.core.messages import Msg, number
from mypm.core.results import InputValue, Shown
from mypm.core.values import (
    MAX_COUNT,
    NumberForm,
    ValueProblem,
    read_number,
    read_yes_no,
    shorten,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)

Number = Annotated[Decimal, Field(allow_inf_nan=False)]


class Entry(NamedTuple):
    """What a template cell accepts: 是/否, a whole number ≥ 0, a percentage (a percent-formatted
    cell), or a decimal from 0 to `high`."""

    kind: Literal["yes_no", "whole", "percent", "decimal"]
    high: Decimal | None = None


class Measure(BaseModel):
    """What every measure answers; each type below answers it for its own kind of field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # The least change of input the what-if search tries; None: the only better input is the
    # best one (a 是/否 flip).
    step: ClassVar[Decimal | None] = None

    def read(self, raw: object, *, percent_format: bool, points: Decimal | None) -> InputValue:
        """The checked value of a cell that holds something (not blank, and no formula without a
        result, error value or date); ValueProblem when it cannot be this field's value."""
        raise NotImplementedError

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        """The exact, unrounded points a value earns."""
        raise NotImplementedError

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        """The arithmetic behind the points, as a code and its figures; whoever says it adds the
        rounded score."""
        raise NotImplementedError

    def best(self, points: Decimal | None) -> InputValue:
        """The input that earns the most points."""
        raise NotImplementedError

    def maximum(self, points: Decimal | None) -> Decimal | None:
        """The most points the field can give (None: no bound)."""
        return points

    def entry(self, points: Decimal | None) -> Entry:
        """What a template cell for this field accepts."""
        raise NotImplementedError

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        """How the field is scored, e.g. `是/否` or `次数，2次满分`."""
        raise NotImplementedError

    def fill(self, points: Decimal | None) -> Msg:
        """What to type in the field's cell."""
        raise NotImplementedError

    def shown(self, value: InputValue) -> Shown:
        """The value as shown: a number's text (95%, 3), a yes/no answer as it is."""
        return number(value) if isinstance(value, Decimal) else value


class YesNo(Measure):
    """是/否: the field's points when the answer is `award_if`, else 0."""

    type: Literal["yes_no"]
    award_if: Literal["yes", "no"] = Field("yes", description="which answer earns the points")

    def read(self, raw: object, *, percent_format: bool, points: Decimal | None) -> InputValue:
        return read_yes_no(raw)

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        earned = value is (self.award_if == "yes")
        return points if earned and points is not None else ZERO

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        rule = Msg.of("explain.award_if_no") if self.award_if == "no" else ""
        return Msg.of("explain.yes_no", answer=self.shown(value), rule=rule)

    def best(self, points: Decimal | None) -> InputValue:
        return self.award_if == "yes"

    def entry(self, points: Decimal | None) -> Entry:
        return Entry("yes_no")

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.yes_no_if_no" if self.award_if == "no" else "measure.yes_no")

    def fill(self, points: Decimal | None) -> Msg:
        return Msg.of("fill.yes_no")


class _Numeric(Measure):
    """A number from 0 up to `high`: points awarded, or a score on a scale."""

    step: ClassVar[Decimal | None] = Decimal("0.1")

    def read(self, raw: object, *, percent_format: bool, points: Decimal | None) -> InputValue:
        try:
            value, form = read_number(raw)
        except ValueProblem as problem:  # no number at all: say what this field takes
            if isinstance(problem.advice, Msg) and problem.advice.key == "value.type_number":
                problem.advice = self.number_advice()
            raise
        value = self._scaled(raw, value, form, percent_format=percent_format)
        if value < 0:
            raise ValueProblem(
                Msg.of("value.negative", value=shorten(number(value))),
                Msg.of("value.negative_advice"),
            )
        self._check(value, points)
        return value

    def _scaled(
        self, raw: object, value: Decimal, form: NumberForm, *, percent_format: bool
    ) -> Decimal:
        """The value in the field's own terms; a % sign or a percent format belongs only to
        percentages (85.50 % is stored as 0.855: read as a score it would be 0.855)."""
        if form == "text%":
            raise ValueProblem(
                Msg.of("value.percent_sign", text=shorten(raw)),
                Msg.of("value.percent_sign_advice"),
            )
        if form == "number" and percent_format:
            shown = shorten(number(value * 100))
            raise ValueProblem(
                Msg.of("value.percent_format", shown=shown, value=shorten(number(value))),
                Msg.of("value.percent_format_advice", shown=shown),
            )
        return value

    def _check(self, value: Decimal, points: Decimal | None) -> None:
        high = self.high(points)
        if value > high:
            raise ValueProblem(
                Msg.of("value.too_high", value=shorten(number(value)), high=number(high)),
                Msg.of("value.too_high_advice", high=number(high)),
            )

    def high(self, points: Decimal | None) -> Decimal:
        """The highest input the field accepts."""
        raise NotImplementedError

    def number_advice(self) -> Msg:
        """What to type where no number was typed."""
        return Msg.of("value.type_number")

    def best(self, points: Decimal | None) -> InputValue:
        return self.high(points)

    def entry(self, points: Decimal | None) -> Entry:
        return Entry("decimal", self.high(points))

    def fill(self, points: Decimal | None) -> Msg:
        return Msg.of("fill.points", high=number(self.high(points)))

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        return Msg.of("explain.points", value=number(_decimal(value)))


class _Counted(_Numeric):
    """A whole number of occurrences, from 0 to MAX_COUNT."""

    step: ClassVar[Decimal | None] = Decimal(1)

    def _check(self, value: Decimal, points: Decimal | None) -> None:
        if value != value.to_integral_value():
            raise ValueProblem(
                Msg.of("value.whole", value=shorten(number(value))), Msg.of("value.whole_advice")
            )
        if value > MAX_COUNT:
            raise ValueProblem(
                Msg.of("value.too_high", value=shorten(number(value)), high=MAX_COUNT)
            )

    def high(self, points: Decimal | None) -> Decimal:
        return Decimal(MAX_COUNT)

    def entry(self, points: Decimal | None) -> Entry:
        return Entry("whole")

    def fill(self, points: Decimal | None) -> Msg:
        return Msg.of("fill.whole")


class Count(_Counted):
    """A whole number of occurrences: points × min(v, target) / target."""

    type: Literal["count"]
    target: Annotated[int, Field(ge=1, strict=True, description="count that earns full points")]

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        return (points or ZERO) * min(_decimal(value), Decimal(self.target)) / self.target

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        v = _decimal(value)
        key = "explain.count_over" if v > self.target else "explain.count"
        return Msg.of(key, value=number(v), target=self.target)

    def best(self, points: Decimal | None) -> InputValue:
        return Decimal(self.target)

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.count", target=self.target)


class Percent(_Numeric):
    """A percentage 0–100: points × v / 100."""

    type: Literal["percent"]

    def _scaled(
        self, raw: object, value: Decimal, form: NumberForm, *, percent_format: bool
    ) -> Decimal:
        if form == "number" and percent_format:
            if value > 1:  # 95 typed into a percent cell is stored as 95, shown as 9500%
                raise ValueProblem(
                    Msg.of("value.percent_stored", value=number(value), shown=number(value * 100)),
                    Msg.of("value.percent_stored_advice", value=number(value)),
                )
            return value * 100
        if form != "text%" and 0 < value <= 1:  # 0.95 or 1 with no % sign or format: 95% or 0.95%?
            hundred = number(value * 100)
            raise ValueProblem(
                Msg.of("value.percent_fraction", value=number(value), hundred=hundred),
                Msg.of("value.percent_fraction_advice", hundred=hundred),
            )
        return value

    def high(self, points: Decimal | None) -> Decimal:
        return HUNDRED

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        return (points or ZERO) * _decimal(value) / 100

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        return Msg.of(
            "explain.percent", value=number(_decimal(value)), points=number(points or ZERO)
        )

    def entry(self, points: Decimal | None) -> Entry:
        return Entry("percent", HUNDRED)

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.percent")

    def fill(self, points: Decimal | None) -> Msg:
        return Msg.of("fill.percent")

    def number_advice(self) -> Msg:
        return Msg.of("fill.percent")

    def shown(self, value: InputValue) -> Shown:
        return f"{number(_decimal(value))}%"


class Score(_Numeric):
    """A score 0–scale from another assessment: points × v / scale."""

    type: Literal["score"]
    scale: Annotated[Number, Field(gt=0, description="the score that earns full points")]

    def high(self, points: Decimal | None) -> Decimal:
        return self.scale

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        return (points or ZERO) * _decimal(value) / self.scale

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        return Msg.of(
            "explain.score",
            value=number(_decimal(value)),
            scale=number(self.scale),
            points=number(points or ZERO),
        )

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.score", scale=number(self.scale))

    def fill(self, points: Decimal | None) -> Msg:
        return Msg.of("fill.score", scale=number(self.scale))


class Points(_Numeric):
    """Points 0–p awarded directly by the certifier."""

    type: Literal["points"]
    step: ClassVar[Decimal | None] = Decimal("0.01")

    def high(self, points: Decimal | None) -> Decimal:
        return points or ZERO

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        return _decimal(value)

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.points", points=number(points or ZERO))


class PerItem(_Counted):
    """Bonus/deduction per occurrence: min(v × per, cap)."""

    type: Literal["per_item"]
    per: Annotated[Number, Field(gt=0, description="points per occurrence")]
    cap: Annotated[Number | None, Field(ge=0, description="most points this leaf gives")] = None

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        raw = _decimal(value) * self.per
        return raw if self.cap is None else min(raw, self.cap)

    def terms(self, value: InputValue, points: Decimal | None) -> Msg:
        v = _decimal(value)
        raw = v * self.per
        if self.cap is not None and raw > self.cap:
            return Msg.of(
                "explain.per_item_cap",
                value=number(v),
                per=number(self.per),
                raw=number(raw),
                cap=number(self.cap),
            )
        return Msg.of("explain.per_item", value=number(v), per=number(self.per))

    def maximum(self, points: Decimal | None) -> Decimal | None:
        return self.cap

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        cap = Msg.of("measure.at_most", cap=number(self.cap)) if self.cap is not None else ""
        key = "measure.per_item_deduction" if deduction else "measure.per_item"
        return Msg.of(key, per=number(self.per), cap=cap)


class CappedPoints(_Numeric):
    """Bonus/deduction points 0–cap awarded directly."""

    type: Literal["points"]
    step: ClassVar[Decimal | None] = Decimal("0.01")
    cap: Annotated[Number, Field(ge=0, description="most points this leaf gives")]

    def high(self, points: Decimal | None) -> Decimal:
        return self.cap

    def points_for(self, value: InputValue, points: Decimal | None) -> Decimal:
        return _decimal(value)

    def maximum(self, points: Decimal | None) -> Decimal | None:
        return self.cap

    def describe(self, points: Decimal | None, *, deduction: bool) -> Msg:
        return Msg.of("measure.capped_points", cap=number(self.cap))


def _decimal(value: InputValue) -> Decimal:
    """A numeric measure's value; the reader gives it nothing else."""
    assert isinstance(value, Decimal)
    return value


BaseMeasure = Annotated[YesNo | Count | Percent | Score | Points, Field(discriminator="type")]
ItemMeasure = Annotated[PerItem | CappedPoints, Field(discriminator="type")]
AnyMeasure = YesNo | Count | Percent | Score | Points | PerItem | CappedPoints
