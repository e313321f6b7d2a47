"""What a cell's number format makes of its number (ECMA-376 Part 1, §18.8.30 and §18.8.31): a
percent, a date or time, an elapsed time, or a plain number; and a date's serial number as the
date Excel shows.

Written here, not taken from openpyxl's helpers, so that reading and scoring workbooks never
imports openpyxl: with what it loads (numpy, where it is installed) that costs a run of `mypm
score` about 0.2 s of its start here (docs/en/decisions/reading.md).
"""

from __future__ import annotations

import datetime as dt
import re

# The built-in formats that are not plain numbers (§18.8.30); a workbook names a built-in
# format by its id only. 0–8, 11–13 and 37–44 are numbers, 48 scientific, 49 text.
BUILTIN = {
    9: "0%",
    10: "0.00%",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
}
# The East Asian built-in formats are all dates and times (31 is yyyy"年"m"月"d"日"), with codes
# that depend on the locale, so Chinese Excel writes the id without a code.
EAST_ASIAN_DATES = frozenset(range(27, 37)) | frozenset(range(50, 59))
# What a code shows as it is: quoted text, an escaped character, a space as wide as a character
# (_x) and a fill character (*x).
_LITERAL = re.compile(r'"[^"]*"|\\.|[_*].', re.DOTALL)
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)  # hours, minutes, seconds elapsed
# A colour, a condition or a locale in brackets ([Red], [>=100], [$-804], [DBNum1]); not an
# elapsed time ([h], [mm], [ss]).
_BRACKETED = re.compile(rf"(?!{_ELAPSED.pattern})\[[^\]]*\]", re.IGNORECASE)
_DATE_PART = re.compile(r"[dmyhs]", re.IGNORECASE)  # day, month or minute, year, hour, second
_DURATION = re.compile(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")
_WINDOWS_EPOCH = dt.datetime(1899, 12, 30)  # day 0, so that day 1 is 1900-01-01 (see below)
_MAC_EPOCH = dt.datetime(1904, 1, 1)  # day 0 of the 1904 date system


def code_of(fmt_id: int, custom: dict[int, str]) -> str:
    """The code of the number format `fmt_id`: the workbook's own, or a built-in one ("" for
    a plain number)."""
    return custom.get(fmt_id) or BUILTIN.get(fmt_id, "")


def _first_section(code: str) -> str:
    """The section for positive numbers, without what it shows as written."""
    return _BRACKETED.sub("", _LITERAL.sub("", code)).split(";")[0]


def shows_percent(code: str) -> bool:
    """A % outside quotes multiplies the number by 100 (0.00%)."""
    return "%" in _LITERAL.sub("", code)


def shows_date(fmt_id: int, code: str) -> bool:
    """The number shows as a date, a time or an elapsed time."""
    return fmt_id in EAST_ASIAN_DATES or _DATE_PART.search(_first_section(code)) is not None


def shows_elapsed(code: str) -> bool:
    """The number shows as hours, minutes or seconds elapsed ([h]:mm), not as a time of day."""
    return _ELAPSED.search(_first_section(code)) is not None


def date_of(
    serial: float, *, date1904: bool, elapsed: bool
) -> dt.datetime | dt.time | dt.timedelta:
    """The date, time of day or elapsed time that a date format shows for `serial`, to the
    millisecond. OverflowError or ValueError for a serial beyond the dates there are."""
    if elapsed:
        return dt.timedelta(milliseconds=round(serial * 86_400_000))
    day, fraction = divmod(serial, 1)
    time = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and time.days == 0:  # a time of day, no date
        return (dt.datetime.min + time).time()
    if 0 < serial < 60 and not date1904:  # Excel counts 1900-02-29, a day that never was
        day += 1
    return (_MAC_EPOCH if date1904 else _WINDOWS_EPOCH) + dt.timedelta(days=day) + time


def iso_date(text: str) -> dt.date | dt.datetime | dt.time | dt.timedelta:
    """The ISO 8601 text of a date cell (t="d", which Excel's strict format writes) as the date,
    date and time, time of day or duration (PT36H) it names. Excel's dates are local, so a
    zone is not kept. ValueError for other text."""
    duration = _DURATION.fullmatch(text)
    if duration:
        hours, minutes, seconds = (float(part or 0) for part in duration.groups())
        return dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    text = text.removesuffix("Z")
    if text.startswith("T") or text[2:3] == ":":
        return dt.time.fromisoformat(text.removeprefix("T")).replace(tzinfo=None)
    if "T" not in text and " " not in text:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)
