"""Each measure class on its own (SPEC §2.1, §2.2): what a cell may hold, the points a value
earns, its arithmetic terms, bounds, best input, what-if step and template entry.

Every expected figure is worked out by hand from SPEC §2.1's table (the arithmetic is in the
comment or the parameter id), never taken from mypm's output. These tests run in well under a
second, so they are the first that `mutmut run` uses against a mutant of measures.py.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from mypm.core.measures import (
    CappedPoints,
    Count,
    Entry,
    Measure,
    Percent,
    PerItem,
    Points,
    Score,
    YesNo,
)
from mypm.core.messages import Msg
from mypm.core.values import MAX_COUNT, ValueProblem

YES = YesNo(type="yes_no")
IF_NO = YesNo(type="yes_no", award_if="no")
COUNT4 = Count(type="count", target=4)
PERCENT = Percent(type="percent")
SCORE120 = Score(type="score", scale=D(120))
POINTS = Points(type="points")
PER_HALF_CAP2 = PerItem(type="per_item", per=D("0.5"), cap=D(2))
PER_03 = PerItem(type="per_item", per=D("0.3"))
CAPPED3 = CappedPoints(type="points", cap=D(3))


# --- points: SPEC §2.1's table, p = the field's points -------------------------------------------


@pytest.mark.parametrize(
    ("measure", "points", "value", "expected"),
    [
        pytest.param(YES, D(2), True, D(2), id="yes_no: 是 earns p = 2"),
        pytest.param(YES, D(2), False, D(0), id="yes_no: 否 earns 0"),
        pytest.param(IF_NO, D(2), False, D(2), id="award_if no: 否 earns p = 2"),
        pytest.param(IF_NO, D(2), True, D(0), id="award_if no: 是 earns 0"),
        pytest.param(YES, None, True, D(0), id="yes_no without points earns 0"),
        pytest.param(COUNT4, D("0.5"), D(1), D("0.125"), id="count: 0.5 × 1/4 = 0.125"),
        pytest.param(COUNT4, D("0.5"), D(3), D("0.375"), id="count: 0.5 × 3/4 = 0.375"),
        pytest.param(COUNT4, D("0.5"), D(4), D("0.5"), id="count: 0.5 × 4/4 = 0.5"),
        pytest.param(COUNT4, D("0.5"), D(7), D("0.5"), id="count: 0.5 × min(7, 4)/4 = 0.5"),
        pytest.param(COUNT4, D("0.5"), D(0), D(0), id="count: 0 of 4 earns 0"),
        pytest.param(COUNT4, None, D(4), D(0), id="count without points earns 0"),
        pytest.param(PERCENT, D(75), D("93.1"), D("69.825"), id="percent: 75 × 93.1/100"),
        pytest.param(PERCENT, D(75), D(100), D(75), id="percent: 75 × 100/100"),
        pytest.param(PERCENT, None, D(50), D(0), id="percent without points earns 0"),
        pytest.param(SCORE120, D(10), D(90), D("7.5"), id="score: 10 × 90/120 = 7.5"),
        pytest.param(SCORE120, D(10), D(120), D(10), id="score: 10 × 120/120"),
        pytest.param(SCORE120, None, D(60), D(0), id="score without points earns 0"),
        pytest.param(POINTS, D(2), D("1.37"), D("1.37"), id="points: v itself"),
        pytest.param(PER_HALF_CAP2, None, D(3), D("1.5"), id="per_item: 3 × 0.5 = 1.5 ≤ 2"),
        pytest.param(PER_HALF_CAP2, None, D(4), D(2), id="per_item: 4 × 0.5 = 2 = cap"),
        pytest.param(PER_HALF_CAP2, None, D(5), D(2), id="per_item: min(5 × 0.5, 2) = 2"),
        pytest.param(PER_03, None, D(7), D("2.1"), id="per_item, no cap: 7 × 0.3 = 2.1"),
        pytest.param(CAPPED3, None, D("2.5"), D("2.5"), id="capped points: v itself"),
    ],
)
def test_points_for(measure: Measure, points: D | None, value: object, expected: D) -> None:
    assert measure.points_for(value, points) == expected  # type: ignore[arg-type]


# --- reading a cell: bounds and the messages that name what is wrong -----------------------------


@pytest.mark.parametrize(
    ("measure", "points", "raw", "percent_format", "expected"),
    [
        pytest.param(YES, D(1), "是", False, True, id="是"),
        pytest.param(YES, D(1), "否", False, False, id="否"),
        pytest.param(PERCENT, D(75), "95%", False, D(95), id="text 95%"),
        pytest.param(PERCENT, D(75), "0.5%", False, D("0.5"), id="text 0.5% is not ambiguous"),
        pytest.param(PERCENT, D(75), 0.95, True, D(95), id="0.95 in a percent cell is 95"),
        pytest.param(PERCENT, D(75), 1, True, D(100), id="1 in a percent cell is 100"),
        pytest.param(PERCENT, D(75), 0, False, D(0), id="0 in a plain cell is 0"),
        pytest.param(PERCENT, D(75), 0, True, D(0), id="0 in a percent cell is 0"),
        pytest.param(PERCENT, D(75), "1.01", False, D("1.01"), id="just over 1 is a percent"),
        pytest.param(PERCENT, D(75), "1%", False, D(1), id="text 1% is 1 percent"),
        pytest.param(PERCENT, D(75), 100, False, D(100), id="100 is the highest percent"),
        pytest.param(SCORE120, D(10), 120, False, D(120), id="the scale is the highest score"),
        pytest.param(POINTS, D(2), "2", False, D(2), id="the field's points are the highest"),
        pytest.param(COUNT4, D(1), 9, False, D(9), id="a count may pass its target"),
        pytest.param(COUNT4, D(1), MAX_COUNT, False, D(MAX_COUNT), id="the highest count"),
        pytest.param(PER_HALF_CAP2, None, "0", False, D(0), id="no occurrence"),
        pytest.param(CAPPED3, None, 3, False, D(3), id="the cap is the highest"),
    ],
)
def test_read_accepts(
    measure: Measure, points: D | None, raw: object, percent_format: bool, expected: object
) -> None:
    value = measure.read(raw, percent_format=percent_format, points=points)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("measure", "points", "raw", "percent_format", "message", "advice"),
    [
        pytest.param(
            PERCENT, D(75), 95, True,
            Msg.of("value.percent_stored", value="95", shown="9500"),
            Msg.of("value.percent_stored_advice", value="95"),
            id="95 in a percent cell shows as 9500%",
        ),
        pytest.param(
            PERCENT, D(75), 1.5, True,
            Msg.of("value.percent_stored", value="1.5", shown="150"),
            Msg.of("value.percent_stored_advice", value="1.5"),
            id="1.5 in a percent cell shows as 150%",
        ),
        pytest.param(
            PERCENT, D(75), 0.5, False,
            Msg.of("value.percent_fraction", value="0.5", hundred="50"),
            Msg.of("value.percent_fraction_advice", hundred="50"),
            id="0.5 in a plain cell: 0.5% or 50%?",
        ),
        pytest.param(
            PERCENT, D(75), 1, False,
            Msg.of("value.percent_fraction", value="1", hundred="100"),
            Msg.of("value.percent_fraction_advice", hundred="100"),
            id="1 in a plain cell: 1% or 100%?",
        ),
        pytest.param(
            PERCENT, D(75), 1.0, False,
            Msg.of("value.percent_fraction", value="1", hundred="100"),
            Msg.of("value.percent_fraction_advice", hundred="100"),
            id="1.0 in a plain cell: 1% or 100%?",
        ),
        pytest.param(
            PERCENT, D(75), "1", False,
            Msg.of("value.percent_fraction", value="1", hundred="100"),
            Msg.of("value.percent_fraction_advice", hundred="100"),
            id="text 1: 1% or 100%?",
        ),
        pytest.param(
            SCORE120, D(10), 0.855, True,
            Msg.of("value.percent_format", shown="85.5", value="0.855"),
            Msg.of("value.percent_format_advice", shown="85.5"),
            id="a score typed as 85.50% is stored as 0.855",
        ),
        pytest.param(
            COUNT4, D(1), 3, True,
            Msg.of("value.percent_format", shown="300", value="3"),
            Msg.of("value.percent_format_advice", shown="300"),
            id="a count in a percent cell",
        ),
        pytest.param(
            POINTS, D(2), 0, True,
            Msg.of("value.percent_format", shown="0", value="0"),
            Msg.of("value.percent_format_advice", shown="0"),
            id="points in a percent cell, even 0",
        ),
        pytest.param(
            PERCENT, D(75), "100.5%", False,
            Msg.of("value.too_high", value="100.5", high="100"),
            Msg.of("value.too_high_advice", high="100"),
            id="over 100%",
        ),
        pytest.param(
            SCORE120, D(10), "120.1", False,
            Msg.of("value.too_high", value="120.1", high="120"),
            Msg.of("value.too_high_advice", high="120"),
            id="over the scale",
        ),
        pytest.param(
            SCORE120, D(10), "50%", False,
            Msg.of("value.percent_sign", text="50%"),
            Msg.of("value.percent_sign_advice"),
            id="a % sign on a score",
        ),
        pytest.param(
            POINTS, D(2), "2.01", False,
            Msg.of("value.too_high", value="2.01", high="2"),
            Msg.of("value.too_high_advice", high="2"),
            id="over the field's points",
        ),
        pytest.param(
            POINTS, D(2), -1, False,
            Msg.of("value.negative", value="-1"),
            Msg.of("value.negative_advice"),
            id="negative points",
        ),
        pytest.param(
            CAPPED3, None, "3.01", False,
            Msg.of("value.too_high", value="3.01", high="3"),
            Msg.of("value.too_high_advice", high="3"),
            id="over the cap",
        ),
        pytest.param(
            COUNT4, D(1), "2.5", False,
            Msg.of("value.whole", value="2.5"),
            Msg.of("value.whole_advice"),
            id="half a count",
        ),
        pytest.param(
            COUNT4, D(1), -3, False,
            Msg.of("value.negative", value="-3"),
            Msg.of("value.negative_advice"),
            id="negative count",
        ),
        pytest.param(
            PER_HALF_CAP2, None, MAX_COUNT + 1, False,
            Msg.of("value.too_high", value=str(MAX_COUNT + 1), high=MAX_COUNT),
            "",
            id="over the count bound",
        ),
        pytest.param(
            COUNT4, D(1), "1%", False,
            Msg.of("value.percent_sign", text="1%"),
            Msg.of("value.percent_sign_advice"),
            id="a % sign on a count",
        ),
    ],
)  # fmt: skip
def test_read_refuses(
    measure: Measure,
    points: D | None,
    raw: object,
    percent_format: bool,
    message: Msg,
    advice: Msg | str,
) -> None:
    with pytest.raises(ValueProblem) as caught:
        measure.read(raw, percent_format=percent_format, points=points)
    assert (caught.value.message, caught.value.advice) == (message, advice)


def test_a_long_cell_is_quoted_short() -> None:
    with pytest.raises(ValueProblem) as caught:
        SCORE120.read("1" * 60 + "%", percent_format=False, points=D(10))
    assert caught.value.message == Msg.of("value.percent_sign", text="1" * 39 + "…")


# --- the arithmetic as terms (the renderers add the rounded score) -----------------------------


@pytest.mark.parametrize(
    ("measure", "points", "value", "expected"),
    [
        pytest.param(YES, D(1), True, Msg.of("explain.yes_no", answer=True, rule=""), id="是"),
        pytest.param(YES, D(1), False, Msg.of("explain.yes_no", answer=False, rule=""), id="否"),
        pytest.param(
            IF_NO, D(1), False,
            Msg.of("explain.yes_no", answer=False, rule=Msg.of("explain.award_if_no")),
            id="award_if no",
        ),
        pytest.param(
            COUNT4, D("0.5"), D(3), Msg.of("explain.count", value="3", target=4), id="3 of 4"
        ),
        pytest.param(
            COUNT4, D("0.5"), D(4), Msg.of("explain.count", value="4", target=4), id="4 of 4"
        ),
        pytest.param(
            COUNT4, D("0.5"), D(5), Msg.of("explain.count_over", value="5", target=4),
            id="5 of 4 counts as 4",
        ),
        pytest.param(
            PERCENT, D(75), D("93.10"), Msg.of("explain.percent", value="93.1", points="75"),
            id="percent",
        ),
        pytest.param(
            PERCENT, None, D(50), Msg.of("explain.percent", value="50", points="0"),
            id="percent without points",
        ),
        pytest.param(
            SCORE120, D("10.0"), D(90),
            Msg.of("explain.score", value="90", scale="120", points="10"),
            id="score",
        ),
        pytest.param(
            SCORE120, None, D(90),
            Msg.of("explain.score", value="90", scale="120", points="0"),
            id="score without points",
        ),
        pytest.param(POINTS, D(2), D("1.50"), Msg.of("explain.points", value="1.5"), id="points"),
        pytest.param(
            CAPPED3, None, D("2.5"), Msg.of("explain.points", value="2.5"), id="capped points"
        ),
        pytest.param(
            PER_HALF_CAP2, None, D(4), Msg.of("explain.per_item", value="4", per="0.5"),
            id="per_item at its cap: 4 × 0.5 = 2",
        ),
        pytest.param(
            PER_HALF_CAP2, None, D(5),
            Msg.of("explain.per_item_cap", value="5", per="0.5", raw="2.5", cap="2"),
            id="per_item over its cap: 5 × 0.5 = 2.5 > 2",
        ),
        pytest.param(
            PER_03, None, D(7), Msg.of("explain.per_item", value="7", per="0.3"),
            id="per_item without cap",
        ),
    ],
)  # fmt: skip
def test_terms(measure: Measure, points: D | None, value: object, expected: Msg) -> None:
    assert measure.terms(value, points) == expected  # type: ignore[arg-type]


# --- bounds, best input, what-if step, the template cell, the guide's words ----------------------

ALL = [
    (YES, D(2)),
    (IF_NO, D(2)),
    (COUNT4, D("0.5")),
    (PERCENT, D(75)),
    (SCORE120, D(10)),
    (POINTS, D(2)),
    (PER_HALF_CAP2, None),
    (PER_03, None),
    (CAPPED3, None),
]
IDS = [
    "yes_no",
    "award_if_no",
    "count",
    "percent",
    "score",
    "points",
    "per_item",
    "per_nocap",
    "cap",
]


@pytest.mark.parametrize(
    ("measure", "points", "best", "maximum", "step", "entry"),
    [
        (YES, D(2), True, D(2), None, Entry("yes_no")),
        (IF_NO, D(2), False, D(2), None, Entry("yes_no")),
        (COUNT4, D("0.5"), D(4), D("0.5"), D(1), Entry("whole")),
        (PERCENT, D(75), D(100), D(75), D("0.1"), Entry("percent", D(100))),
        (SCORE120, D(10), D(120), D(10), D("0.1"), Entry("decimal", D(120))),
        (POINTS, D(2), D(2), D(2), D("0.01"), Entry("decimal", D(2))),
        (PER_HALF_CAP2, None, D(MAX_COUNT), D(2), D(1), Entry("whole")),
        (PER_03, None, D(MAX_COUNT), None, D(1), Entry("whole")),
        (CAPPED3, None, D(3), D(3), D("0.01"), Entry("decimal", D(3))),
    ],
    ids=IDS,
)
def test_bounds_best_step_and_entry(
    measure: Measure,
    points: D | None,
    best: object,
    maximum: D | None,
    step: D | None,
    entry: Entry,
) -> None:
    assert measure.best(points) == best
    assert type(measure.best(points)) is type(best)
    assert measure.maximum(points) == maximum
    assert measure.step == step
    assert measure.entry(points) == entry


@pytest.mark.parametrize(("measure", "points"), ALL, ids=IDS)
def test_the_best_input_earns_the_maximum(measure: Measure, points: D | None) -> None:
    """SPEC §2.1: p for a base field, the cap for a capped item; a per_item field with no cap
    has no maximum, and its best (the highest count) earns MAX_COUNT × per."""
    earned = measure.points_for(measure.best(points), points)
    assert earned == (measure.maximum(points) or D(MAX_COUNT) * D("0.3"))


def test_a_points_field_without_points_accepts_only_0() -> None:
    assert POINTS.best(None) == D(0)
    assert POINTS.read("0", percent_format=False, points=None) == D(0)
    with pytest.raises(ValueProblem):
        POINTS.read("0.01", percent_format=False, points=None)


@pytest.mark.parametrize(
    ("measure", "points", "deduction", "describe", "fill"),
    [
        (YES, D(2), False, Msg.of("measure.yes_no"), Msg.of("fill.yes_no")),
        (IF_NO, D(2), False, Msg.of("measure.yes_no_if_no"), Msg.of("fill.yes_no")),
        (COUNT4, D(1), False, Msg.of("measure.count", target=4), Msg.of("fill.whole")),
        (PERCENT, D(75), False, Msg.of("measure.percent"), Msg.of("fill.percent")),
        (
            SCORE120,
            D(10),
            False,
            Msg.of("measure.score", scale="120"),
            Msg.of("fill.score", scale="120"),
        ),
        (
            POINTS,
            D("2.0"),
            False,
            Msg.of("measure.points", points="2"),
            Msg.of("fill.points", high="2"),
        ),
        (
            PER_HALF_CAP2,
            None,
            False,
            Msg.of("measure.per_item", per="0.5", cap=Msg.of("measure.at_most", cap="2")),
            Msg.of("fill.whole"),
        ),
        (
            PER_03,
            None,
            True,
            Msg.of("measure.per_item_deduction", per="0.3", cap=""),
            Msg.of("fill.whole"),
        ),
        (
            CAPPED3,
            None,
            False,
            Msg.of("measure.capped_points", cap="3"),
            Msg.of("fill.points", high="3"),
        ),
    ],
    ids=IDS,
)
def test_what_the_guide_and_the_template_say(
    measure: Measure, points: D | None, deduction: bool, describe: Msg, fill: Msg
) -> None:
    assert measure.describe(points, deduction=deduction) == describe
    assert measure.fill(points) == fill


@pytest.mark.parametrize(
    ("measure", "value", "shown"),
    [
        (YES, True, True),  # a yes/no answer stays one: the renderer says it
        (YES, False, False),
        (IF_NO, False, False),
        (COUNT4, D(3), "3"),
        (POINTS, D("1.50"), "1.5"),
        (PERCENT, D("95.0"), "95%"),
        (SCORE120, D("82.70"), "82.7"),
    ],
)
def test_shown(measure: Measure, value: object, shown: str | bool) -> None:
    assert measure.shown(value) == shown  # type: ignore[arg-type]
    assert type(measure.shown(value)) is type(shown)  # type: ignore[arg-type]
