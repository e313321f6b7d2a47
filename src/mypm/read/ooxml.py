"""An .xlsx package read through public APIs only: `zipfile` for its parts, defusedxml's
ElementTree for their XML (no DTD entities, no external references), and `numfmt` for what a
number format means.

Parts are found as Office finds them: the workbook through the package's relationships
(`_rels/.rels`), part names compared without regard to case or to `\\` for `/`, and the
Strict namespaces read like the Transitional ones. The workbook, its relationships, shared
strings and styles are read when the package is opened; each sheet is streamed row by row when
asked for, so its declared size is never trusted. Whatever is parsed is paid for from the run's
budget (`core/budget.py`) each time it is parsed, and only then.

Only what parsing the file's content raises becomes `Damaged`: mypm's own code is never inside
these `except` clauses, so a bug in mypm is reported as a bug, never as a damaged file. What is
damaged in a way Excel would not write (a cell given twice, a number written with a digit
separator) is refused at its cell, never read as a guess.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from defusedxml.ElementTree import iterparse

from mypm.core import budget
from mypm.core.messages import Msg
from mypm.core.values import NO_CACHED_VALUE, CellError, shorten
from mypm.read import numfmt

# The spreadsheet namespace as Excel saves it (Transitional) and as its "Strict Open XML
# Spreadsheet" does; the relationship ids of the sheets likewise.
TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_IDS = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
ROOT_RELS = "_rels/.rels"
_TAG_NAMES = ("row", "c", "v", "f", "is", "t", "r", "mergeCell")  # the fields of Tags, in order
WORKBOOK = "xl/workbook.xml"  # where the workbook is when the package does not say
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # Excel's own limits
CHARGE_EVERY = 4096  # elements parsed between two charges to the run's budget
MAX_NAMES = 1000  # names of elements and attributes in one part (Excel's use fewer than 300)
MAX_TOKEN = 256 * 1024  # bytes from one "<" to the next (a cell's text is at most about 230 KB)
# What malformed, hostile or truncated content raises while it is parsed: XML that is not
# well-formed (ParseError is a SyntaxError), an entity or a DTD (defusedxml's errors are
# ValueErrors, as are numbers that are no numbers), a bad CRC or deflate stream, a cut member.
CONTENT_ERRORS = (SyntaxError, ValueError, zipfile.BadZipFile, zlib.error, EOFError)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes a control character in text
_DIGITS = "0123456789"
# A number as Excel writes one in <v>: ASCII digits, no digit separator (Python's int() and
# float() would read 7_1 and Arabic-Indic digits as 71).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_ROW = re.compile(r"[0-9]+(?:\.0*)?")  # some writers give row 7 as 7.0


class Damaged(Exception):
    """A part of the package cannot be parsed; `part` names it ("" for the zip itself).

    `message` says what is wrong where it is known (else the file is merely damaged), and
    `cell` the cell (C6) it concerns, if any."""

    def __init__(self, part: str, message: Msg | None = None, cell: str = "") -> None:
        super().__init__(part, cell)
        self.part, self.message, self.cell = part, message, cell


class _Refused(Exception):
    """A cell's content that Excel does not write: `message` says what."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message


class Tags(NamedTuple):
    """The tags of a spreadsheet namespace that the reader looks for."""

    row: str
    cell: str
    value: str
    formula: str
    inline: str
    text: str
    run: str
    merge: str


TAGS = {
    namespace: Tags(*(f"{{{namespace}}}{name}" for name in _TAG_NAMES))
    for namespace in (TRANSITIONAL, STRICT)
}


def _tags(*names: str) -> frozenset[str]:
    """`names` in either spreadsheet namespace."""
    return frozenset(f"{{{namespace}}}{name}" for namespace in TAGS for name in names)


def part_key(name: str) -> str:
    """A part's name as the package compares names: without regard to case, with `/` between
    folders (some writers put `\\`) and without a leading `/`."""
    return name.replace("\\", "/").lstrip("/").lower()


def part_names(names: Iterable[str]) -> dict[str, str]:
    """Each part's key (`part_key`) → its entry's name in the zip; Damaged when two entries
    have the same name (a reader would take one of them at random)."""
    found: dict[str, str] = {}
    for name in names:
        key = part_key(name)
        if key in found:
            raise Damaged(name, Msg.of("input.duplicate_member", part=shorten(name)))
        found[key] = name
    return found


def relationships(elements: Iterable[Any], source: str) -> dict[str, list[tuple[str, str]]]:
    """The relationships of part `source` ("" for the package) by kind (worksheet, styles …):
    (id, key of the target part) pairs; `elements` are its relationship part's elements."""
    found: dict[str, list[tuple[str, str]]] = {}
    folder = posixpath.dirname(source)
    for rel in elements:
        if rel.tag != RELATIONSHIP or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "").replace("\\", "/")
        part = posixpath.join("/", folder, target)  # an absolute target starts again at /
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        found.setdefault(kind, []).append((rel.get("Id", ""), part_key(posixpath.normpath(part))))
    return found


def relationships_part(part: str) -> str:
    """The key of the part holding `part`'s relationships: xl/_rels/workbook.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def workbook_part(package: dict[str, list[tuple[str, str]]]) -> str:
    """The key of the workbook part, as the package's relationships name it."""
    documents = package.get("officeDocument", [])
    return documents[0][1] if documents else WORKBOOK


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
    """A row of a sheet: its number, whether it is hidden, and its cells by column number."""

    number: int
    hidden: bool
    cells: dict[int, Cell]


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
    missing: str = ""  # the styles part a package lacks, when it lacks it


class Package:
    """An .xlsx held in memory: its sheets, shared strings and number formats read."""

    def __init__(self, data: bytes) -> None:
        """Damaged when the zip or a part read whole cannot be parsed; BudgetSpent when reading
        it passes the run's budget."""
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except CONTENT_ERRORS as exc:
            raise Damaged("") from exc
        self.parts = part_names(self.archive.namelist())
        workbook = workbook_part(self._relationships(""))
        related = self._relationships(workbook)
        self.sheets: list[SheetPart] = []
        self.date1904 = False
        self.tags = TAGS[TRANSITIONAL]
        self._read_workbook(workbook, dict(related.get("worksheet", [])))
        strings = [part for _, part in related.get("sharedStrings", [])]
        self.strings = self._read_strings(strings[0]) if strings else []
        styles = [part for _, part in related.get("styles", [])]
        folder = posixpath.dirname(workbook)
        self.styles = self._read_styles(
            styles[0] if styles else posixpath.join(folder, "styles.xml")
        )

    def close(self) -> None:
        self.archive.close()

    def rows(self, sheet: SheetPart) -> SheetRows:
        """The sheet's rows, streamed."""
        return SheetRows(self, sheet.part)

    def has(self, part: str) -> bool:
        return part_key(part) in self.parts

    def size(self, part: str) -> int:
        """The size a part declares, inflated (zipfile never inflates more)."""
        return self.archive.getinfo(self._name(part)).file_size

    def open(self, part: str) -> IO[bytes]:
        """A part's stream, inflated as it is read and paid for from the run's budget."""
        name = self._name(part)
        budget.current().spend_inflated(self.archive.getinfo(name).file_size, name)
        try:
            return self.archive.open(name)
        except (*CONTENT_ERRORS, RuntimeError) as exc:  # RuntimeError: an encrypted member
            raise Damaged(name) from exc

    def _name(self, part: str) -> str:
        """The zip entry of a part; a part the package lacks is damage."""
        name = self.parts.get(part_key(part))
        if name is None:
            raise Damaged(part)
        return name

    def _elements(self, part: str, tags: frozenset[str]) -> Iterator[Any]:
        """The elements of a part read whole whose tag is one of `tags`, each cleared after;
        the part's size and every element parsed are paid for."""
        name = self._name(part)
        budget.current().spend_whole(self.size(name), name)
        with self.open(name) as stream:
            try:
                for element in _parsed(stream, name):
                    if element.tag in tags:
                        yield element
                        element.clear()
            except CONTENT_ERRORS as exc:
                raise Damaged(name) from exc

    def _relationships(self, source: str) -> dict[str, list[tuple[str, str]]]:
        """The relationships of part `source` ("" for the package) by kind."""
        part = relationships_part(source) if source else ROOT_RELS
        if not self.has(part):
            return {}
        return relationships(self._elements(part, frozenset({RELATIONSHIP})), source)

    def _read_workbook(self, workbook: str, parts: dict[str, str]) -> None:
        """The worksheets in tab order (chart sheets and missing parts left out), the date
        system, and the namespace the workbook is written in."""
        for element in self._elements(workbook, _tags("sheet", "workbookPr")):
            namespace, _, name = element.tag[1:].partition("}")
            self.tags = TAGS[namespace]
            if name == "workbookPr":
                if element.get("date1904") in ("1", "true"):
                    self.date1904 = True
                continue
            rel_id = element.get(REL_IDS[0]) or element.get(REL_IDS[1], "")
            name = self.parts.get(parts.get(rel_id, ""))
            if name is not None:
                hidden = element.get("state", "visible") != "visible"
                self.sheets.append(SheetPart(element.get("name", ""), name, hidden))

    def _read_strings(self, part: str) -> list[str]:
        if not self.has(part):
            return []
        return [string_item(si, self.tags) for si in self._elements(part, _tags("si"))]

    def _read_styles(self, part: str) -> Styles:
        """Which cell styles show a percent, a date or a duration."""
        if not self.has(part):
            return Styles(missing=part)
        custom: dict[int, str] = {}
        formats: list[str | None] = []
        cell_formats: list[str | None] = []
        tags = _tags("numFmt", "xf", "cellStyleXfs", "cellXfs")
        for element in self._elements(part, tags):
            name = element.tag.rpartition("}")[2]
            if name == "numFmt":
                custom[_number(element.get("numFmtId"), part)] = element.get("formatCode", "")
            elif name == "xf":
                formats.append(element.get("numFmtId"))
            elif name == "cellXfs":  # the xf since the last list are the cells'
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
        package, part = self.package, self.part
        row_tag, cell_tag, merge_tag = package.tags.row, package.tags.cell, package.tags.merge
        styles = package.styles
        columns: dict[str, int] = {}  # column letters seen, and their numbers
        seen: set[int] = set()  # row numbers
        index = 0
        for element in _parsed(stream, part):
            tag = element.tag
            if tag == row_tag:
                number = element.get("r")
                index = _row_number(number) if number is not None else index + 1
                if index in seen:
                    raise Damaged(part, Msg.of("input.row_twice", row=index))
                seen.add(index)
                row_text = str(index)
                cells: dict[int, Cell] = {}
                column = 0
                for cell in element:
                    if cell.tag != cell_tag:
                        continue
                    ref = cell.get("r")
                    if ref is None:
                        column += 1
                        if column > MAX_COLUMN:
                            raise ValueError(column)
                    else:
                        letters = ref.rstrip(_DIGITS)
                        if ref[len(letters) :] != row_text:
                            message = Msg.of("input.cell_outside_row", ref=shorten(ref), row=index)
                            raise Damaged(part, message)
                        column = columns.get(letters) or columns.setdefault(
                            letters, _column_number(letters)
                        )
                    if column in cells:
                        raise Damaged(part, Msg.of("input.cell_twice"), _ref(column, row_text))
                    style = cell.get("s")
                    style_id = _integer(style) if style else 0
                    try:
                        if style_id and styles.missing:
                            raise _Refused(Msg.of("input.no_styles", part=styles.missing))
                        value = self._value(cell, style_id)
                    except _Refused as exc:
                        raise Damaged(part, exc.message, _ref(column, row_text)) from exc
                    cells[column] = Cell(value, style_id in styles.percent)
                yield Row(index, element.get("hidden") in ("1", "true"), cells)
                element.clear()
            elif tag == merge_tag:
                self.merged.append(_merged(element.get("ref", "")))

    def _value(self, cell: Any, style_id: int) -> object:
        """What Excel shows in the cell: a formula's saved result, a date for a number in a
        date format, NO_CACHED_VALUE for a formula whose result was never saved."""
        tags = self.package.tags
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(tags.inline)
            raw = None if inline is None else string_item(inline, tags)
        else:
            raw = cell.findtext(tags.value) or None
        if raw is None:
            return NO_CACHED_VALUE if cell.find(tags.formula) is not None else None
        if kind == "n":
            if not _NUMBER.fullmatch(raw):
                raise _Refused(Msg.of("input.bad_number", text=shorten(raw)))
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
            item = _integer(raw)
            if not 0 <= item < len(strings):
                raise Damaged(self.part)
            return strings[item]
        if kind == "inlineStr":  # unescaped with its runs
            return raw
        if kind == "str":
            return _unescape(raw)
        if kind == "b":
            return bool(_integer(raw))
        if kind == "e":
            return CellError(raw)
        if kind == "d":
            try:
                return numfmt.iso_date(raw)
            except ValueError:  # a date cell whose text names no date Excel has
                return CellError("#VALUE!")
        raise Damaged(self.part)  # a cell type that Excel does not have


def _parsed(stream: IO[bytes], part: str) -> Iterator[Any]:
    """Each element of a part as its end is parsed, paid for from the run's budget. A part of
    more names (of elements and attributes) than Excel writes is damaged: the parser keeps every
    name it meets, so a million made-up ones would cost hundreds of MB."""
    run = budget.current()
    names: set[str] = set()
    parsed = 0
    for _, element in iterparse(_Markup(stream, part)):
        if element.tag not in names or not names.issuperset(element.attrib):
            names.add(element.tag)
            names.update(element.attrib)
            if len(names) > MAX_NAMES:
                raise Damaged(part)
        parsed += 1
        if parsed == CHARGE_EVERY:
            run.spend_elements(parsed, part)
            parsed = 0
        yield element
    run.spend_elements(parsed, part)


class _Markup:
    """A part's stream that refuses more than MAX_TOKEN bytes without a `<`: the parser reads
    the whole of a tag before it makes an element of it, again at every read until it sees its
    end, so that one tag of a million attributes costs minutes. Text between tags is shorter
    too (a cell holds 32,767 characters). Parsers read in chunks far smaller than MAX_TOKEN,
    so only the run that crosses chunks needs counting."""

    def __init__(self, stream: IO[bytes], part: str) -> None:
        self.stream, self.part = stream, part
        self.since = 0  # bytes since the last "<"

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        first = chunk.find(b"<")
        if first < 0:
            self.since += len(chunk)
        elif self.since + first > MAX_TOKEN:
            raise Damaged(self.part)
        else:
            self.since = len(chunk) - chunk.rfind(b"<") - 1
        if self.since > MAX_TOKEN:
            raise Damaged(self.part)
        return chunk


def string_item(item: Any, tags: Tags) -> str:
    """The text of a string item (<si>, <is>): plain or in rich-text runs, without the
    phonetic guide (<rPh>) some East Asian files carry."""
    plain = item.find(tags.text)
    parts = [] if plain is None else [plain.text or ""]
    parts.extend(run.text or "" for run in item.iterfind(f"{tags.run}/{tags.text}"))
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
        return _integer(text or "")
    except ValueError as exc:
        raise Damaged(part) from exc


def _integer(text: str) -> int:
    """A whole number written in ASCII digits; ValueError for anything else (7_1, ٧١)."""
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    return int(text)


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
    """A row's number (7, or 7.0 as some writers give it); ValueError for what is none."""
    if not _ROW.fullmatch(text):
        raise ValueError(text)
    number = int(text.partition(".")[0])
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


def _ref(column: int, row: str) -> str:
    return f"{column_letters(column)}{row}"


def column_letters(number: int) -> str:
    """2 → B, 27 → AA: a column's letters, as a cell's reference has them."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
