"""What every workbook mypm writes shares (all are written with XlsxWriter): the options that
keep text as text, the formats, the page set-up with header and footer, a list's header row,
sheet names, protection, custom properties and a checked save. Only XlsxWriter's public API is
used.

A workbook is written straight to its path (in practice the temporary file that
`files.write_atomically` moves into place once `Book.close` has finished and checked it).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring
from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.utility import quote_sheetname, xl_range_abs

from mypm.__about__ import __version__
from mypm.core.values import looks_like_formula
from mypm.read import layout as L
from mypm.render.workbook import page

# Text stays text: a name like "=1+1", "0012" or "http://…" is never a formula, number or link.
OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}

Props = Mapping[str, Any]  # XlsxWriter format properties

FONT: Props = {"font_name": "Calibri", "font_size": page.BODY_SIZE}
BORDER: Props = {"border": 1, "border_color": f"#{L.BORDER_COLOR}"}
WRAP_CENTER: Props = {"align": "center", "valign": "vcenter", "text_wrap": True}
WRAP_LEFT: Props = {"align": "left", "valign": "top", "text_wrap": True}
WRAP_LEFT_CENTER: Props = {"align": "left", "valign": "vcenter", "text_wrap": True}
HEADER: Props = {**FONT, **BORDER, **WRAP_CENTER, "bold": True, "bg_color": f"#{L.HEADER_COLOR}"}
CATEGORY: Props = {**HEADER, "bg_color": f"#{L.CATEGORY_COLOR}"}
KEY: Props = {
    **BORDER,
    "font_name": "Calibri",
    "font_size": page.SMALL_SIZE,
    "italic": True,
    "font_color": f"#{L.KEY_FONT_COLOR}",
    "bg_color": f"#{L.KEY_COLOR}",
}
TITLE: Props = {"font_name": "Calibri", "font_size": page.TITLE_SIZE, "bold": True}
UNLOCKED: Props = {"locked": False}
TEXT: Props = {"num_format": L.TEXT_FORMAT}
PERCENT: Props = {"num_format": L.PERCENT_FORMAT}
SCORE: Props = {"num_format": L.SCORE_FORMAT}

# Excel's limits, in UTF-16 code units (a character outside the BMP counts twice); XlsxWriter
# warns and leaves out a header, validation title or message that exceeds them.
HEADER_FOOTER_MAX = 255
VALIDATION_TITLE_MAX = 32
VALIDATION_MESSAGE_MAX = 255
PROPERTY_MAX = 255
SHEET_NAME_MAX = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
LIST_HEADER_HEIGHT = 32  # points: a list's header row, two lines of labels
# XlsxWriter takes a column's width as Excel shows it and stores it with Excel's cell padding
# (5 pixels at 7 a unit); mypm's widths, which the page planning adds up, are the stored ones.
COLUMN_PADDING = 5 / 7


class Book:
    """An XlsxWriter workbook written to `path` with mypm's options; each format made once."""

    def __init__(
        self, path: Path, *, constant_memory: bool = False, tmpdir: str | None = None
    ) -> None:
        self.path = path
        # Rows streamed to temporary files (constant_memory; in `tmpdir`, a folder the caller
        # removes), or the whole file assembled in memory, so that a failed write leaves no
        # temporary part behind.
        memory: dict[str, object] = {
            "constant_memory": constant_memory,
            "in_memory": not constant_memory,
        }
        if tmpdir is not None:
            memory["tmpdir"] = tmpdir
        self.workbook = Workbook(str(path), {**OPTIONS, **memory})
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}

    def add_sheet(self, name: str) -> Any:
        """A new worksheet named `name` (a fixed name from the catalogue)."""
        return self.workbook.add_worksheet(name)

    def format(self, *parts: Props, **more: Any) -> Any:
        """The format with the properties of `parts` and then `more` (later ones win)."""
        props = {key: value for part in (*parts, more) for key, value in part.items()}
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def text(self, ws: Any, row: int, col: int, text: str, *parts: Props) -> bool:
        """Write text from an input or a rule file as text (`layout.clean_text`); one that looks
        like a formula gets the quote prefix, so Excel keeps it text when it is edited.
        Returns True when it was cut; "" leaves the cell blank (with the format)."""
        cleaned, cut = L.clean_text(text)
        quote: Props = {"quote_prefix": True} if looks_like_formula(cleaned) else {}
        if cleaned:
            ws.write_string(row, col, cleaned, self.format(*parts, quote))
        else:  # XlsxWriter would store an empty string, which is not a blank cell
            ws.write_blank(row, col, None, self.format(*parts))
        return cut

    def merged_text(
        self, ws: Any, cells: tuple[int, int, int, int], text: str, *parts: Props
    ) -> None:
        """`text` in the cells (first_row, first_col, last_row, last_col) merged; every cell
        gets the format, so a border goes all round."""
        if cells[:2] != cells[2:]:
            ws.merge_range(*cells, "", self.format(*parts))
        self.text(ws, cells[0], cells[1], text, *parts)

    def set_metadata(self, meta: Mapping[str, str], *, title: str) -> None:
        """mypm's custom document properties (read back by `sniff.custom_properties`), the
        title and mypm as the author."""
        for name, value in meta.items():
            self.workbook.set_custom_property(name, fit(L.clean_text(value)[0], PROPERTY_MAX))
        self.workbook.set_properties(
            {"title": L.clean_text(title)[0], "author": f"mypm {__version__}"}
        )

    def close(self) -> None:
        """Finish the file and check it (`check_saved`); OSError when it is not whole."""
        try:
            self.workbook.close()
        except FileCreateError as exc:  # XlsxWriter's wrapper of an OSError, e.g. a full disk
            raise OSError(str(exc)) from exc
        check_saved(self.path)


def check_saved(path: Path) -> None:
    """Check a saved workbook before anyone moves it into place; OSError when it is not whole.

    The check opens the saved zip (its directory is written last, so a cut-off file fails
    here), checks that every sheet the workbook names is in it, and parses the workbook part.
    Reloading it in openpyxl's normal mode would take gigabytes and minutes at 100,000 units.
    """
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = fromstring(archive.read("xl/workbook.xml"))
        sheets = [e for e in workbook.iter() if e.tag.endswith("}sheet")]
        if not sheets or not any(n.startswith("xl/worksheets/") for n in names):
            raise OSError(f"{path.name}: the saved workbook has no sheets")


def set_up_page(
    ws: Any, *, paper: page.Paper, header: str, fit_width: bool = False, portrait: bool = False
) -> None:
    """Landscape (or `portrait`) `paper` at 100 % (or `fit_width`: one page wide); the sheet's
    name and `header` at the top of every page, "第 N 页 共 M 页" at the bottom. Every sheet
    mypm writes is set up here."""
    ws.set_paper(page.PAPER_SIZES[paper])
    if portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    margins = page.MARGIN_INCHES
    ws.set_margins(margins["left"], margins["right"], margins["top"], margins["bottom"])
    if fit_width:
        ws.fit_to_pages(1, 0)
    size = f"&{page.SMALL_SIZE} "  # the space ends the size: the text may start with a digit
    # upright, a title centred runs into the sheet's name: it follows the name instead
    codes = f"&L{size}&A  " if portrait else f"&L{size}&A&C{size}"
    text = L.clean_text(header)[0]
    text = fit(text, HEADER_FOOTER_MAX - len(codes) - text.count("&"))  # room for "&&"
    ws.set_header(codes + text.replace("&", "&&"), {"margin": margins["header"]})
    ws.set_footer(f"&C{size}{page.page_numbers()}", {"margin": margins["footer"]})


def list_header(
    book: Book,
    ws: Any,
    labels: Sequence[str],
    widths: Sequence[float],
    *,
    header: str,
    row: int = 0,
    frozen_cols: int = 0,
) -> None:
    """The header row of a list (status, comparison, problems) at `row` (from 0): `labels` over
    columns `widths` wide. What is above it and it stay in view and print on every page of A4
    landscape, with `header` at the top. Columns that add up to at most
    `page.LANDSCAPE_WIDTH["a4"]` print at 100 %; wider ones are scaled to one page wide."""
    for col, (label, width) in enumerate(zip(labels, widths, strict=True)):
        book.text(ws, row, col, label, HEADER)
        set_width(ws, col, col, width)
    page.fit_row(ws, row, labels, widths, minimum=LIST_HEADER_HEIGHT)
    ws.freeze_panes(row + 1, frozen_cols)
    ws.repeat_rows(row)
    set_up_page(ws, paper="a4", header=header, fit_width=True)


def list_row(book: Book, ws: Any, row: int, texts: Sequence[str], widths: Sequence[float]) -> None:
    """A row of a list at `row` (from 0): each text as text (`Book.text`) wrapped in its column
    of `widths`, the row as tall as they need."""
    for col, text in enumerate(texts):
        book.text(ws, row, col, text, FONT, WRAP_LEFT)
    page.fit_row(ws, row, texts, widths)


def sheet_name(name: str, used: set[str]) -> str:
    """`name` (a certifier's, a file's) as a sheet's name Excel takes: without []:*?/\\, a
    control character or an apostrophe at either end, at most 31 characters and, whatever the
    case, not in `used`; "(2)", "(3)" … tell names apart. Adds it to `used`."""
    cleaned = NOT_IN_SHEET_NAMES.sub("_", L.clean_text(name)[0])
    base = cut(cleaned, SHEET_NAME_MAX).strip("'") or "_"
    taken = {u.casefold() for u in used}
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f"({n})"
        title, n = cut(base, SHEET_NAME_MAX - len(suffix)) + suffix, n + 1
    used.add(title)
    return title


def set_width(
    ws: Any,
    first_col: int,
    last_col: int,
    width: float,
    *,
    hidden: bool = False,
    cell_format: Any = None,
) -> None:
    """Columns `first_col` to `last_col` `width` units wide, as the file stores it; a cell of
    theirs with nothing written in it shows `cell_format`."""
    ws.set_column(first_col, last_col, width - COLUMN_PADDING, cell_format, {"hidden": hidden})


def set_print_areas(book: Book, ws: Any, areas: Sequence[tuple[int, int, int, int]]) -> None:
    """Print only these ranges (first_row, first_col, last_row, last_col), each from a new page.
    XlsxWriter's `print_area` takes one range; Excel's built-in print-area name takes several."""
    sheet = quote_sheetname(ws.get_name())
    ranges = ",".join(f"{sheet}!{xl_range_abs(*area)}" for area in areas)
    book.workbook.define_name(f"{sheet}!_xlnm.Print_Area", f"={ranges}")


def protect(ws: Any) -> None:
    """Lock every cell not written unlocked, without a password (审阅 › 撤销工作表保护 lifts it);
    column widths, row heights and comments may still change."""
    ws.protect(
        "", {"objects": True, "scenarios": True, "format_columns": True, "format_rows": True}
    )


def fit(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 code units, ending in "…" when cut."""
    if utf16_length(text) <= limit:
        return text
    return cut(text, limit - 1) + "…"


def cut(text: str, limit: int) -> str:
    """The longest start of `text` of at most `limit` UTF-16 code units."""
    kept, used = [], 0
    for char in text:
        used += utf16_length(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept)


def utf16_length(text: str) -> int:
    """The length Excel counts: characters outside the BMP count twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
