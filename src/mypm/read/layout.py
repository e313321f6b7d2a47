"""What the template writes and the reader relies on: the key row, metadata names, styles."""

from __future__ import annotations

import re

UNIT_KEY = "unit"
GROUP_KEY = "group"
TITLE_ROW = 1  # the form's title and the signature block
FIRST_HEADER_ROW = 2
HEADER_ROWS = 3  # category, indicator, and per field its part, points and scoring
KEY_ROW = FIRST_HEADER_ROW + HEADER_ROWS  # the (hidden) row of field keys that mypm reads
FIRST_DATA_ROW = KEY_ROW + 1
KEY_ROW_SEARCH = 30  # the reader looks for the key row in this many top rows
# One unit's form (`template --per-unit`) is the wide form turned on its side: its fields go
# down the page, each row's field key in a hidden key column, the entry column just left of
# it. The key column's "unit" marks the header row, where the unit's name heads the entry
# column; it tells this layout from the wide form's key row, which has field keys beside
# "unit". Under the last field, the key column lists the form's fields ("fields: org.a
# org.b"), so that a row taken out is named.
FIELDS_MARK = "fields:"


def fields_text(keys: list[str]) -> str:
    """The key cell under one unit's form's last field: the keys of its fields, in order."""
    return " ".join([FIELDS_MARK, *keys])


def fields_listed(text: str) -> list[str] | None:
    """The keys a key cell lists (`fields_text`), or None for any other text."""
    words = text.split()
    return words[1:] if words[:1] == [FIELDS_MARK] else None


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
META_APPEALS = "mypm.appeals"  # "true" on a season's appeals workbook (申诉表)

# The appeals workbook (申诉表): a sheet per unit, its name in the hidden cell A1; one row per
# field from APPEAL_FIRST_ROW, its key in the hidden column A, the claim and reason typed in
APPEAL_HEADER_ROW = 3
APPEAL_FIRST_ROW = 4
APPEAL_KEY_COLUMN = 1  # A (columns from 1)
APPEAL_CLAIM_COLUMN = 5  # E
APPEAL_REASON_COLUMN = 6  # F
APPEAL_MATERIALS_COLUMN = 7  # G
META_REVIEW = "mypm.review"  # on a review form (审核表): the reviewing certifier's id

PERCENT_FORMAT = "0.00%"
SCORE_FORMAT = "0.00"
TEXT_FORMAT = "@"

# The colours of mypm's workbooks, whichever library writes them (RGB hex).
BORDER_COLOR = "A6A6A6"
HEADER_COLOR = "DDEBF7"
CATEGORY_COLOR = "BDD7EE"
KEY_COLOR = "EDEDED"
KEY_FONT_COLOR = "7F7F7F"


EXCEL_MAX_CELL_CHARS = 32_767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # and XML's non-characters
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # an undecodable byte of a file name on Linux


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
