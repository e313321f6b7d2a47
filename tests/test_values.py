"""What a cell's content becomes (core/values.py, SPEC §2.2), checked directly: each value, and
each refusal with its message and its advice, worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from conftest import REPO
from mypm.core.messages import Msg
from mypm.core.rules import load_rule_file
from mypm.core.values import (
    NO_CACHED_VALUE,
    CellError,
    ValueProblem,
    is_blank,
    parse_name,
    read_number,
    read_yes_no,
    shorten,
)

RULES = load_rule_file(REPO / "rules" / "county.yaml").rules
COUNT = RULES.leaf_by_key["progress.inspections"]
YES_NO = RULES.leaf_by_key["org.leading_group"]


def ONLY(**figures: str) -> Msg:
    return Msg.of("value.number_only", **figures)


def refusal(call, *args, **kwargs) -> tuple[Msg, Msg | str]:
    with pytest.raises(ValueProblem) as caught:
        call(*args, **kwargs)
    assert str(caught.value) == caught.value.message.key
    return caught.value.message, caught.value.advice


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3, (D(3), "number")),
        (0.1, (D("0.1"), "number")),  # the shortest repr, not 0.1000000000000000055…
        ("1,234.5", (D("1234.5"), "text")),
        ("１２", (D(12), "text")),  # full-width digits
        (" 85 ％", (D(85), "text%")),
        ("-.5", (D("-0.5"), "text")),
        ("+7.", (D(7), "text")),
    ],
)
def test_read_number(raw: object, expected: tuple[D, str]) -> None:
    assert read_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message", "advice"),
    [
        (True, Msg.of("value.bool", text="TRUE"), Msg.of("value.type_number")),
        (False, Msg.of("value.bool", text="FALSE"), Msg.of("value.type_number")),
        (float("inf"), Msg.of("value.number", text="inf"), Msg.of("value.type_number")),
        (float("nan"), Msg.of("value.number", text="nan"), Msg.of("value.type_number")),
        ("1,23", Msg.of("value.number", text="1,23"), Msg.of("value.type_number")),
        ("3次", Msg.of("value.number", text="3次"), ONLY(number="3", word="次")),
        ("85 分", Msg.of("value.number", text="85 分"), ONLY(number="85", word="分")),
        ("-2.5 项", Msg.of("value.number", text="-2.5 项"), ONLY(number="-2.5", word="项")),
        ("三", Msg.of("value.number", text="三"), Msg.of("value.type_number")),
        ("3,5次", Msg.of("value.number", text="3,5次"), Msg.of("value.type_number")),
        ("%", Msg.of("value.number", text="%"), Msg.of("value.type_number")),
        ("x" * 41, Msg.of("value.number", text="x" * 39 + "…"), Msg.of("value.type_number")),
    ],
)  # fmt: skip
def test_read_number_refuses(raw: object, message: Msg, advice: Msg) -> None:
    assert refusal(read_number, raw) == (message, advice)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True), (" YES ", True), ("Ｙ", True), ("√", True), (1, True), (1.0, True),
        (True, True), ("否", False), ("No", False), ("×", False), (0, False), (False, False),
    ],
)  # fmt: skip
def test_read_yes_no(raw: object, expected: bool) -> None:
    assert read_yes_no(raw) is expected


@pytest.mark.parametrize("raw", ["也许", 2, 0.5, "TRUE1"])
def test_read_yes_no_refuses(raw: object) -> None:
    assert refusal(read_yes_no, raw) == (
        Msg.of("value.yes_no", text=str(raw)),
        Msg.of("value.yes_no_advice"),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  ", ""),
        ("\u3000", ""),
        (" 涪城区 ", "涪城区"),
        (3.0, "3"),
        (3.5, "3.5"),
        (7, "7"),
    ],
)
def test_parse_name(raw: object, expected: str) -> None:
    assert parse_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (NO_CACHED_VALUE, Msg.of("value.formula")),
        (CellError("#REF!"), Msg.of("value.cell_error", error="#REF!")),
        (True, Msg.of("value.not_name", text="True")),
        (dt.date(2013, 1, 2), Msg.of("value.not_name", text="2013-01-02")),
        (dt.time(9, 30), Msg.of("value.not_name", text="09:30:00")),
        (dt.timedelta(hours=1), Msg.of("value.not_name", text="1:00:00")),
    ],
)
def test_parse_name_refuses(raw: object, message: Msg) -> None:
    assert refusal(parse_name, raw) == (message, "")


def test_a_fields_cell() -> None:
    assert COUNT.parse(None) is None
    assert COUNT.parse(" ") is None
    assert COUNT.parse("2") == D(2)
    assert YES_NO.parse("是") is True
    assert refusal(COUNT.parse, NO_CACHED_VALUE) == (Msg.of("value.formula"), "")
    assert refusal(COUNT.parse, CellError("#DIV/0!")) == (
        Msg.of("value.cell_error", error="#DIV/0!"),
        Msg.of("value.cell_error_advice"),
    )
    assert refusal(COUNT.parse, dt.datetime(2013, 12, 31)) == (
        Msg.of("value.date", text="2013-12-31 00:00:00"),
        Msg.of("value.date_advice"),
    )
    assert refusal(COUNT.parse, 2, percent_format=True)[0].key == "value.percent_format"


def test_shorten_and_is_blank() -> None:
    assert shorten("x" * 40) == "x" * 40
    assert shorten("x" * 41) == "x" * 39 + "…"
    assert shorten(12) == "12"
    assert [is_blank(v) for v in (None, "", " \u3000", "a", 0, False)] == [
        True, True, True, False, False, False,
    ]  # fmt: skip
    assert repr(NO_CACHED_VALUE) == "NoCachedValue"
