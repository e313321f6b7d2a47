"""Turning what a user typed into a cell into a checked value (SPEC §2.2). Pure: no openpyxl."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from mypm.i18n import t
from mypm.labels import number
from mypm.results import InputValue
from mypm.rules.model import CappedPoints, Count, Leaf, Percent, PerItem, Points, Score, YesNo

YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "✔"})
NO = frozenset({"否", "无", "n", "no", "false", "0", "×", "✗", "✘", "x"})
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


class NoCachedValue:
    """A formula cell whose result Excel never saved."""

    def __repr__(self) -> str:
        return "NoCachedValue"


NO_CACHED_VALUE = NoCachedValue()


class CellError(str):
    """An Excel error value such as #DIV/0! or #N/A."""


class ValueProblem(ValueError):
    """The cell's content cannot be read as this field's value: the message says why, and
    `advice` what to type instead."""

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(message)
        self.advice = advice


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel may run as a formula


MAX_COUNT = 1_000_000  # the most a count or per-item cell may hold (a bound of the README)
QUOTE_CHARS = 40  # an error line quotes at most this much of a cell


def shorten(text: object) -> str:
    """A cell's content as an error line quotes it: a 32,767-character cell is not repeated."""
    shown = str(text)
    return shown if len(shown) <= QUOTE_CHARS else shown[: QUOTE_CHARS - 1] + "…"


def looks_like_formula(text: str) -> bool:
    """Text Excel would take for a formula if written carelessly (OWASP CSV injection)."""
    return text.startswith(FORMULA_START)


def is_blank(raw: object) -> bool:
    # str.strip() already strips every space NFKC would make (U+3000, U+00A0, U+2000…)
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_text(text: str) -> str:
    """NFKC (full-width digits, ％ and U+3000 become ASCII), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_name(raw: object) -> str:
    """A unit or group name as text ("" when blank); numbers stay as typed (3, not 3.0).
    ValueProblem for what is no name: a formula without a result, an error value, a date or a
    logical value."""
    if isinstance(raw, NoCachedValue):
        raise ValueProblem(t("value.formula"))
    if isinstance(raw, CellError):
        raise ValueProblem(t("value.cell_error", error=raw))
    if isinstance(raw, bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        raise ValueProblem(t("value.not_name", text=shorten(raw)))
    if is_blank(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def parse_value(raw: object, leaf: Leaf, *, percent_format: bool = False) -> InputValue | None:
    """The checked value of one input cell, None when blank; ValueProblem when unreadable."""
    if isinstance(raw, NoCachedValue):
        raise ValueProblem(t("value.formula"))
    if isinstance(raw, CellError):
        raise ValueProblem(t("value.cell_error", error=raw), t("value.cell_error_advice"))
    if is_blank(raw):
        return None
    if isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise ValueProblem(t("value.date", text=shorten(raw)), t("value.date_advice"))
    if isinstance(leaf.measure, YesNo):
        return _yes_no(raw)
    value = _number(raw, leaf, percent_format=percent_format)
    _check_range(value, leaf)
    return value


def _yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = clean_text(str(raw)).lower() if not isinstance(raw, int | float) else _plain(raw)
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueProblem(t("value.yes_no", text=shorten(raw)), t("value.yes_no_advice"))


def _plain(raw: int | float) -> str:
    return number(Decimal(str(raw)))


def _number(raw: object, leaf: Leaf, *, percent_format: bool) -> Decimal:
    is_percent = isinstance(leaf.measure, Percent)
    if isinstance(raw, bool):
        raise ValueProblem(t("value.bool", text="TRUE" if raw else "FALSE"), t("value.type_number"))
    if isinstance(raw, int | float):
        value = Decimal(str(raw))  # the shortest repr, never the binary float's expansion
        if not value.is_finite():
            raise ValueProblem(t("value.number", text=shorten(raw)), t("value.type_number"))
        if is_percent and percent_format:
            if value > 1:  # 95 typed into a percent cell is stored as 95, shown as 9500%
                shown = number(value * 100)
                raise ValueProblem(
                    t("value.percent_stored", value=number(value), shown=shown),
                    t("value.percent_stored_advice", value=number(value)),
                )
            return value * 100
        if is_percent:
            _check_fraction(value)
        return value
    text = clean_text(str(raw))
    has_percent = text.endswith("%")
    if has_percent:
        if not is_percent:
            raise ValueProblem(
                t("value.percent_sign", text=shorten(raw)), t("value.percent_sign_advice")
            )
        text = text[:-1].strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(t("value.number", text=shorten(raw)), _number_advice(text))
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
        raise ValueProblem(t("value.number", text=shorten(raw))) from exc
    if is_percent and not has_percent:
        _check_fraction(value)
    return value


def _check_fraction(value: Decimal) -> None:
    """0.95 in a percent field, with no % sign or format, might mean 95% or 0.95%: ask."""
    if 0 < value < 1:
        hundred = number(value * 100)
        raise ValueProblem(
            t("value.percent_fraction", value=number(value), hundred=hundred),
            t("value.percent_fraction_advice", hundred=hundred),
        )


_NUMBER_AND_WORD = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*([^\d\s.,+-][^\d]*)")


def _number_advice(text: str) -> str:
    """What to type instead: `3` for "3次", `85` for "85分", else any number."""
    match = _NUMBER_AND_WORD.fullmatch(text)
    if match:
        return t("value.number_only", number=match.group(1), word=match.group(2))
    return t("value.type_number")


def _check_range(value: Decimal, leaf: Leaf) -> None:
    m = leaf.measure
    if value < 0:
        raise ValueProblem(
            t("value.negative", value=shorten(number(value))), t("value.negative_advice")
        )
    if isinstance(m, Count | PerItem):
        if value != value.to_integral_value():
            raise ValueProblem(
                t("value.whole", value=shorten(number(value))), t("value.whole_advice")
            )
        if value > MAX_COUNT:
            raise ValueProblem(t("value.too_high", value=shorten(number(value)), high=MAX_COUNT))
        return
    if isinstance(m, Percent):
        high = Decimal(100)
    elif isinstance(m, Score):
        high = m.scale
    elif isinstance(m, Points):
        high = leaf.points or Decimal(0)
    else:
        assert isinstance(m, CappedPoints)
        high = m.cap
    if value > high:
        raise ValueProblem(
            t("value.too_high", value=shorten(number(value)), high=number(high)),
            t("value.too_high_advice", high=number(high)),
        )


def display(value: InputValue | None, leaf: Leaf) -> str:
    """The input as the 明细 sheet shows it: 是/否, 95%, 3."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(leaf.measure, Percent):
        return f"{number(value)}%"
    return number(value)
