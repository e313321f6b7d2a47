"""What the template writes and the reader relies on: the key row, metadata names, styles."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from mypm.i18n import t
from mypm.values import looks_like_formula

UNIT_KEY = "unit"
GROUP_KEY = "group"
TITLE_ROW = 1  # the form's title and the signature block
FIRST_HEADER_ROW = 2
HEADER_ROWS = 3  # category, indicator, and per field its part, points and scoring
KEY_ROW = FIRST_HEADER_ROW + HEADER_ROWS  # the (hidden) row of field keys that mypm reads
FIRST_DATA_ROW = KEY_ROW + 1
KEY_ROW_SEARCH = 30  # the reader looks for the key row in this many top rows

# Custom document properties (Excel: 文件 › 属性 › 自定义) that tie a workbook to its rules.
META_PREFIX = "mypm."
META_RULES_ID = "mypm.rules_id"
META_KIND = "mypm.kind"
META_YEAR = "mypm.year"
META_RULES_SHA256 = "mypm.rules_sha256"
META_VERSION = "mypm.version"
META_CERTIFIER = "mypm.certifier"
META_SAMPLE = "mypm.sample_data"
META_SCORED = "mypm.scored"  # on a scored workbook: when it was made
META_SELF_CHECK = "mypm.self_check"  # "true" on a unit's self-check form (自查表)
META_UNIT = "mypm.unit"  # on one unit's own form: the unit

PERCENT_FORMAT = "0.00%"
SCORE_FORMAT = "0.00"
TEXT_FORMAT = "@"

# The colours of mypm's workbooks, whichever library writes them (RGB hex).
BORDER_COLOR = "A6A6A6"
HEADER_COLOR = "DDEBF7"
CATEGORY_COLOR = "BDD7EE"
KEY_COLOR = "EDEDED"
KEY_FONT_COLOR = "7F7F7F"

THIN = Side(style="thin", color=BORDER_COLOR)
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor=HEADER_COLOR)
CATEGORY_FILL = PatternFill("solid", fgColor=CATEGORY_COLOR)
KEY_FILL = PatternFill("solid", fgColor=KEY_COLOR)
HEADER_FONT = Font(name="Calibri", bold=True, size=10)
BODY_FONT = Font(name="Calibri", size=10)
KEY_FONT = Font(name="Calibri", italic=True, color=KEY_FONT_COLOR, size=9)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
WRAP_LEFT_CENTER = Alignment(horizontal="left", vertical="center", wrap_text=True)


def sheet_name(which: str) -> str:
    """A fixed sheet name in the current language (`entry` → 填报 / Entry)."""
    return t(f"sheet.{which}")


EXCEL_MAX_CELL_CHARS = 32_767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # and XML's non-characters
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # an undecodable byte of a file name on Linux
_UNWRITABLE = re.compile(f"{_CONTROL.pattern}|{_SURROGATE.pattern}")


def is_plain_text(text: str) -> bool:
    """Text openpyxl can write as it is: no formula start, no control characters, not too long."""
    return (
        not looks_like_formula(text)
        and len(text) <= EXCEL_MAX_CELL_CHARS
        and _UNWRITABLE.search(text) is None
    )


def clean_text(text: str) -> tuple[str, bool]:
    """Text as Excel can store it, and whether it had to be cut.

    Control characters (which Excel cannot store) are removed, what is left of an undecodable
    byte becomes U+FFFD, and text over Excel's 32,767-character limit is cut.
    """
    cleaned = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    cut = len(cleaned) > EXCEL_MAX_CELL_CHARS
    if cut:
        cleaned = cleaned[: EXCEL_MAX_CELL_CHARS - 1] + "…"
    return cleaned, cut


def set_text(cell: Any, text: str) -> bool:
    """Put text copied from an input into a cell as text, never as a formula (`clean_text`);
    returns True when it was cut, so the caller can warn."""
    cleaned, cut = clean_text(text)
    cell.value = cleaned
    cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    if looks_like_formula(cleaned):
        cell.quotePrefix = True  # Excel shows it as typed and keeps it text when edited
    return cut
