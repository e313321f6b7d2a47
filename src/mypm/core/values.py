"""Turning what a user typed into a cell into a checked value (SPEC §2.2). Pure: no openpyxl."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Literal

from mypm.core.messages import Msg, Text, number
from mypm.text.vocabulary import NO, YES

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

    def __init__(self, message: Msg, advice: Text = "") -> None:
        super().__init__(message.key)
        self.message = message
        self.advice = advice


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel may run as a formula


MAX_COUNT = 1_000_000  # the most a count or per-item cell may hold (a bound of docs/en/limits.md)
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
        raise ValueProblem(Msg.of("value.formula"))
    if isinstance(raw, CellError):
        raise ValueProblem(Msg.of("value.cell_error", error=str(raw)))
    if isinstance(raw, bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        raise ValueProblem(Msg.of("value.not_name", text=shorten(raw)))
    if is_blank(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def read_yes_no(raw: object) -> bool:
    """是/否 and their usual spellings (y, yes, true, 1, √ …)."""
    if isinstance(raw, bool):
        return raw
    text = clean_text(str(raw)).lower() if not isinstance(raw, int | float) else _plain(raw)
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueProblem(Msg.of("value.yes_no", text=shorten(raw)), Msg.of("value.yes_no_advice"))


def _plain(raw: int | float) -> str:
    return number(Decimal(str(raw)))


# How a number came: a number cell, text, or text ending in a % sign.
NumberForm = Literal["number", "text", "text%"]


def read_number(raw: object) -> tuple[Decimal, NumberForm]:
    """A number cell or text as a Decimal (a float through its shortest repr, never its binary
    expansion), and the form it came in."""
    if isinstance(raw, bool):
        raise ValueProblem(
            Msg.of("value.bool", text="TRUE" if raw else "FALSE"), Msg.of("value.type_number")
        )
    if isinstance(raw, int | float):
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueProblem(
                Msg.of("value.number", text=shorten(raw)), Msg.of("value.type_number")
            )
        return value, "number"
    text = clean_text(str(raw))
    form: NumberForm = "text%" if text.endswith("%") else "text"
    if form == "text%":
        text = text[:-1].strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(Msg.of("value.number", text=shorten(raw)), _number_advice(text))
    return Decimal(text), form


_NUMBER_AND_WORD = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*([^\d\s.,+-][^\d]*)")


def _number_advice(text: str) -> Msg:
    """What to type instead: `3` for "3次", `85` for "85分", else any number."""
    match = _NUMBER_AND_WORD.fullmatch(text)
    if match:
        return Msg.of("value.number_only", number=match.group(1), word=match.group(2))
    return Msg.of("value.type_number")
