"""The look of the workbooks mypm writes with openpyxl (the problems list, the collection status
and the comparison): their header cells, their text cells and their A4 page. The templates and
the scored workbook are written with XlsxWriter (`xlsx.py`); both take mypm's colours from
`layout` and its page measures from `page`. Kept apart from those, so that scoring, which
writes with XlsxWriter only, never imports openpyxl."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.page import PageMargins

from mypm.core.values import looks_like_formula
from mypm.read import layout as L
from mypm.render.workbook import page

HEADER_FILL = PatternFill("solid", fgColor=L.HEADER_COLOR)
HEADER_FONT = Font(name="Calibri", bold=True, size=10)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


def set_up_page(ws: Any, *, paper: page.Paper, header: str, fit_width: bool = False) -> None:
    """Landscape `paper` at 100 %; the sheet's name and `header` at the top of every page, and
    "第 N 页 共 M 页" at the bottom.

    `fit_width` scales a sheet down to one page wide (for sheets whose columns are chosen to fit
    anyway, so that a different font does not push one column onto a page of its own).
    """
    setup = ws.page_setup
    setup.paperSize = page.PAPER_SIZES[paper]
    setup.orientation = "landscape"
    ws.page_margins = PageMargins(**page.MARGIN_INCHES)
    if fit_width:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        setup.scale = 100
    ws.oddHeader.left.text, ws.oddHeader.left.size = "&A", page.SMALL_SIZE  # the sheet's name
    ws.oddHeader.center.text, ws.oddHeader.center.size = header, page.SMALL_SIZE
    ws.oddFooter.center.text = page.page_numbers()
    ws.oddFooter.center.size = page.SMALL_SIZE


def set_header(cell: Any) -> None:
    """A header cell: bold on mypm's header colour, centred and wrapped."""
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP_CENTER


def set_text(cell: Any, text: str) -> bool:
    """Put text copied from an input into a cell as text, never as a formula
    (`layout.clean_text`); returns True when it was cut, so the caller can warn."""
    cleaned, cut = L.clean_text(text)
    cell.value = cleaned
    cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    if looks_like_formula(cleaned):
        cell.quotePrefix = True  # Excel shows it as typed and keeps it text when edited
    return cut
