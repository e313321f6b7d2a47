"""An .xlsx package read through public APIs only: `zipfile` for its parts, defusedxml's
ElementTree for their XML (no DTD entities, no external references), and `numfmt` for what a
number format means.

The workbook, its relationships, shared strings and styles are read when the package is opened;
each sheet is streamed row by row when asked for, so its declared size is never trusted. Only
what parsing the file's content raises becomes `Damaged`: mypm's own code is never inside these
`except` clauses, so a bug in mypm is reported as a bug, never as a damaged file.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from defusedxml.ElementTree import iterparse

from mypm.core.values import NO_CACHED_VALUE, CellError
from mypm.read import numfmt

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
ROW, CELL, VALUE, FORMULA = f"{MAIN}row", f"{MAIN}c", f"{MAIN}v", f"{MAIN}f"
INLINE, TEXT, RUN, MERGE = f"{MAIN}is", f"{MAIN}t", f"{MAIN}r", f"{MAIN}mergeCell"
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # Excel's own limits
# What malformed, hostile or truncated content raises while it is parsed: XML that is not
# well-formed (ParseError is a SyntaxError), an entity or a DTD (defusedxml's errors are
# ValueErrors, as are numbers that are no numbers), a bad CRC or deflate stream, a cut member.
CONTENT_ERRORS = (SyntaxError, ValueError, zipfile.BadZipFile, zlib.error, EOFError)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes a control character in text
_DIGITS = "0123456789"


class Damaged(Exception):
    """A part of the package cannot be parsed; `part` names it ("" for the zip itself)."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


@dataclass(frozen=True)
class SheetPart:
    """A worksheet: its name, its part in the zip, and whether it is hidden."""

    title: str
    part: str
    hidden: bool


class Cell(NamedTuple):
    """A cell's value as Excel shows it (cached for a formula) and whether it shows a percent."""

    value: object
    percent: bool


class Row(NamedTuple):
    """A row of a sheet: its number, whether it is hidden, its cells by column number, and
    how many cells it held (a column given twice counts twice)."""

    number: int
    hidden: bool
    cells: dict[int, Cell]
    size: int


class Merged(NamedTuple):
    """A merged range: as written (C6:D6), and its first and last column and row."""

    ref: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass
class Styles:
    """Cell style ids (an index into cellXfs) by what their number format shows."""

    percent: frozenset[int] = frozenset()
    dates: frozenset[int] = frozenset()
    timedeltas: frozenset[int] = frozenset()


class Package:
    """An .xlsx held in memory: its sheets, shared strings and number formats read."""

    def __init__(self, data: bytes) -> None:
        """Damaged when the zip or a part read whole cannot be parsed."""
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except CONTENT_ERRORS as exc:
            raise Damaged("") from exc
        self.names = frozenset(self.archive.namelist())
        related = self._relationships()
        self.sheets: list[SheetPart] = []
        self.date1904 = False
        self._read_workbook(dict(related.get("worksheet", [])))
        strings = [part for _, part in related.get("sharedStrings", [])]
        self.strings = self._read_strings(strings[0]) if strings else []
        styles = [part for _, part in related.get("styles", [])]
        self.styles = self._read_styles(styles[0]) if styles else Styles()

    def close(self) -> None:
        self.archive.close()

    def rows(self, sheet: SheetPart) -> SheetRows:
        """The sheet's rows, streamed."""
        return SheetRows(self, sheet.part)

    def open(self, part: str) -> IO[bytes]:
        """A part's stream, inflated as it is read; a part the package lacks is damage."""
        if part not in self.names:
            raise Damaged(part)
        try:
            return self.archive.open(part)
        except (*CONTENT_ERRORS, RuntimeError) as exc:  # RuntimeError: an encrypted member
            raise Damaged(part) from exc

    def _elements(self, part: str, tags: frozenset[str]) -> Iterator[Any]:
        """The elements of a part read whole whose tag is one of `tags`, each cleared after."""
        with self.open(part) as stream:
            try:
                for _, element in iterparse(stream):
                    if element.tag in tags:
                        yield element
                        element.clear()
            except CONTENT_ERRORS as exc:
                raise Damaged(part) from exc

    def _relationships(self) -> dict[str, list[tuple[str, str]]]:
        """The workbook's relationships by kind (worksheet, styles …): (id, part) pairs."""
        found: dict[str, list[tuple[str, str]]] = {}
        if WORKBOOK_RELS not in self.names:
            return found
        for rel in self._elements(WORKBOOK_RELS, frozenset({RELATIONSHIP})):
            target = rel.get("Target", "")
            part = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            found.setdefault(kind, []).append((rel.get("Id", ""), posixpath.normpath(part)))
        return found

    def _read_workbook(self, parts: dict[str, str]) -> None:
        """The worksheets in tab order (chart sheets and missing parts left out), the date
        system."""
        tags = frozenset({f"{MAIN}sheet", f"{MAIN}workbookPr"})
        for element in self._elements(WORKBOOK, tags):
            if element.tag == f"{MAIN}workbookPr":
                if element.get("date1904") in ("1", "true"):
                    self.date1904 = True
            elif parts.get(element.get(REL_ID, "")) in self.names:
                hidden = element.get("state", "visible") != "visible"
                part = parts[element.get(REL_ID, "")]
                self.sheets.append(SheetPart(element.get("name", ""), part, hidden))

    def _read_strings(self, part: str) -> list[str]:
        if part not in self.names:
            return []
        return [string_item(si) for si in self._elements(part, frozenset({f"{MAIN}si"}))]

    def _read_styles(self, part: str) -> Styles:
        """Which cell styles show a percent, a date or a duration."""
        if part not in self.names:
            return Styles()
        custom: dict[int, str] = {}
        formats: list[str | None] = []
        cell_formats: list[str | None] = []
        tags = frozenset({f"{MAIN}numFmt", f"{MAIN}xf", f"{MAIN}cellStyleXfs", f"{MAIN}cellXfs"})
        for element in self._elements(part, tags):
            if element.tag == f"{MAIN}numFmt":
                custom[_number(element.get("numFmtId"), part)] = element.get("formatCode", "")
            elif element.tag == f"{MAIN}xf":
                formats.append(element.get("numFmtId"))
            elif element.tag == f"{MAIN}cellXfs":  # the xf since the last list are the cells'
                cell_formats, formats = formats, []
            else:  # the named styles' xf: not what a cell's s attribute counts
                formats = []
        percent, dates, timedeltas = set(), set(), set()
        for style, fmt in enumerate(cell_formats):
            fmt_id = _number(fmt or "0", part)
            code = numfmt.code_of(fmt_id, custom)
            if numfmt.shows_percent(code):
                percent.add(style)
            if numfmt.shows_date(fmt_id, code):
                dates.add(style)
            if numfmt.shows_elapsed(code):
                timedeltas.add(style)
        return Styles(frozenset(percent), frozenset(dates), frozenset(timedeltas))


@dataclass
class SheetRows:
    """A sheet's rows, parsed as they are read; its merged ranges are known once all are read."""

    package: Package
    part: str
    merged: list[Merged] = field(default_factory=list)

    def __iter__(self) -> Iterator[Row]:
        with self.package.open(self.part) as stream:
            try:
                yield from self._parse(stream)
            except CONTENT_ERRORS as exc:
                raise Damaged(self.part) from exc

    def _parse(self, stream: IO[bytes]) -> Iterator[Row]:
        percent = self.package.styles.percent
        columns: dict[str, int] = {}  # column letters seen, and their numbers
        index = 0
        for _, element in iterparse(stream):
            tag = element.tag
            if tag == ROW:
                number = element.get("r")
                index = _row_number(number) if number else index + 1
                cells: dict[int, Cell] = {}
                size = column = 0
                for cell in element:
                    if cell.tag != CELL:
                        continue
                    size += 1
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip(_DIGITS)
                        column = columns.get(letters) or columns.setdefault(
                            letters, _column_number(letters)
                        )
                    else:
                        column += 1
                    style = cell.get("s")
                    style_id = int(style) if style else 0
                    cells[column] = Cell(self._value(cell, style_id), style_id in percent)
                yield Row(index, element.get("hidden") in ("1", "true"), cells, size)
                element.clear()
            elif tag == MERGE:
                self.merged.append(_merged(element.get("ref", "")))

    def _value(self, cell: Any, style_id: int) -> object:
        """What Excel shows in the cell: a formula's saved result, a date for a number in a
        date format, NO_CACHED_VALUE for a formula whose result was never saved."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(INLINE)
            raw = None if inline is None else string_item(inline)
        else:
            raw = cell.findtext(VALUE) or None
        if raw is None:
            return NO_CACHED_VALUE if cell.find(FORMULA) is not None else None
        if kind == "n":
            number = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
            if style_id not in self.package.styles.dates:
                return number
            try:
                return numfmt.date_of(
                    number,
                    date1904=self.package.date1904,
                    elapsed=style_id in self.package.styles.timedeltas,
                )
            except (OverflowError, ValueError):  # a serial beyond the dates Excel can show
                return CellError("#VALUE!")
        if kind == "s":
            strings = self.package.strings
            item = int(raw)
            if not 0 <= item < len(strings):
                raise Damaged(self.part)
            return strings[item]
        if kind in ("inlineStr", "str"):
            return _unescape(raw)
        if kind == "b":
            return bool(int(raw))
        if kind == "e":
            return CellError(raw)
        if kind == "d":
            try:
                return numfmt.iso_date(raw)
            except ValueError:  # a date cell whose text names no date Excel has
                return CellError("#VALUE!")
        raise Damaged(self.part)  # a cell type that Excel does not have


def string_item(item: Any) -> str:
    """The text of a string item (<si>, <is>): plain or in rich-text runs, without the
    phonetic guide (<rPh>) some East Asian files carry."""
    plain = item.find(TEXT)
    parts = [] if plain is None else [plain.text or ""]
    parts.extend(run.text or "" for run in item.iterfind(f"{RUN}/{TEXT}"))
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    """OOXML writes a control character as _x0001_ (and a literal "_x" as _x005F_x). Escaped
    UTF-16 halves that pair up are the one character they make; a lone half, which no text can
    hold (nor any workbook or terminal show), is U+FFFD."""
    if "_x" not in text:
        return text
    text = _ESCAPED.sub(lambda match: chr(int(match[1], 16)), text)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _number(text: str | None, part: str) -> int:
    try:
        return int(text or "")
    except ValueError as exc:
        raise Damaged(part) from exc


def _merged(ref: str) -> Merged:
    """C6:D6 (or C6) as a range; ValueError for what is no range of cells."""
    corners = []
    for corner in ref.split(":"):
        letters = corner.rstrip(_DIGITS)
        corners.append((_column_number(letters), _row_number(corner[len(letters) :])))
    if len(corners) not in (1, 2):
        raise ValueError(ref)
    (col1, row1), (col2, row2) = corners[0], corners[-1]
    return Merged(ref, min(col1, col2), min(row1, row2), max(col1, col2), max(row1, row2))


def _row_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        value = float(text)  # some writers give 7.0
        if not value.is_integer():
            raise
        number = int(value)
    if not 1 <= number <= MAX_ROW:
        raise ValueError(text)
    return number


def _column_number(letters: str) -> int:
    """B → 2; ValueError for what is no column of Excel's."""
    if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        raise ValueError(letters)
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    if number > MAX_COLUMN:
        raise ValueError(letters)
    return number


def column_letters(number: int) -> str:
    """2 → B, 27 → AA: a column's letters, as a cell's reference has them."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
