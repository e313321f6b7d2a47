"""Reading a season's appeals workbook back (申诉表, mypm.render.workbook.appeals): every row
where a unit typed a claimed value or a reason, with its cells. What the cells mean is checked
by the season (mypm.season.appeals)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mypm.core.results import Source
from mypm.read import layout as L
from mypm.read.entries import InputWorkbook, budgeted
from mypm.read.ooxml import column_letters

CLAIM_LETTER = column_letters(L.APPEAL_CLAIM_COLUMN)  # the cell every problem of a row names


@dataclass(frozen=True)
class AppealRow:
    """One filled row: the sheet's unit, the row's field key, what was typed, and where."""

    unit: str
    key: str
    claim: object  # the cell's value as read (text, a number, a boolean), None when blank
    reason: str
    materials: str
    source: Source  # the claim's cell


def appeal_rows(book: InputWorkbook) -> Iterator[AppealRow]:
    """Every row of every sheet with a claim, a reason or materials typed in; a sheet that
    cannot be parsed raises InputFileError."""
    file = book.path.name
    try:
        for part in book.package.sheets:
            unit = ""
            for number, _, cells in budgeted(book.package.rows(part), book.path, part.title):
                if number == 1:
                    unit = _text(cells.get(L.APPEAL_KEY_COLUMN))
                if number < L.APPEAL_FIRST_ROW:
                    continue
                claim = cells.get(L.APPEAL_CLAIM_COLUMN)
                value = claim.value if claim is not None else None
                reason = _text(cells.get(L.APPEAL_REASON_COLUMN))
                materials = _text(cells.get(L.APPEAL_MATERIALS_COLUMN))
                if _blank(value) and not reason and not materials:
                    continue
                key = _text(cells.get(L.APPEAL_KEY_COLUMN))
                source = Source(file, part.title, f"{CLAIM_LETTER}{number}")
                yield AppealRow(unit, key, value, reason, materials, source)
    finally:
        book.close()


def _text(cell: object) -> str:
    value = getattr(cell, "value", None)
    return str(value).strip() if value is not None else ""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
