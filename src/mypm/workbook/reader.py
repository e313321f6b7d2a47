"""Reading entry workbooks: find the key row, stream the rows, keep each value's cell.

Workbooks are read in openpyxl's read-only mode from bytes held in memory (the user's file is
closed at once), with our own row loop: the declared sheet size is never trusted, only columns
under known field keys are kept, and reading stops after a long run of blank rows.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from mypm import budget
from mypm.errors import InputFileError, Problem
from mypm.files import read_input_file
from mypm.i18n import t
from mypm.messages import Msg
from mypm.results import EntryRow, Issue, RawCell, Source
from mypm.values import NO_CACHED_VALUE, CellError, ValueProblem, is_blank, parse_name, shorten
from mypm.workbook import layout as L
from mypm.workbook.sniff import CUSTOM_PART, MAX_PART_BYTES, custom_properties, sniff

# openpyxl's notes on parts it does not support ("Data Validation extension is not supported")
# are not for our users, who cannot act on them.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_SHEETS = 100  # worksheets in one workbook (a template has three)
SHEETS = "xl/worksheets/"
MAX_COMPRESSION_RATIO = 200  # real sheets compress 5–50×; a bomb compresses about 1,000×
# What a damaged or hostile sheet raises while it is parsed: malformed or entity-laden XML
# (defusedxml's errors are ValueErrors), a bad shared-string index, a truncated zip member.
DAMAGED_FILE_ERRORS = (
    ValueError,
    SyntaxError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    RecursionError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
)
BLANK_ROWS_BEFORE_STOP = 10_000
_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def read_input_bytes(path: Path, *, scored: bool = False) -> bytes:
    """The file's bytes, after checking it really is an .xlsx (with `scored`, a scored
    workbook made by mypm); the file is closed at once."""
    if path.name.startswith("~$"):
        raise InputFileError([Problem(str(path), t("input.lock_file"))])
    data = read_input_file(path, MAX_FILE_BYTES)
    _check_container(path, data, scored=scored)
    return data


def _check_container(path: Path, data: bytes, *, scored: bool = False) -> None:
    """Name what the file really is (by its content, not its name), and refuse zip bombs,
    before openpyxl sees it."""

    def fail(key: str, **params: object) -> InputFileError:
        return InputFileError([Problem(str(path), t(key, **params))])

    def not_xlsx(kind: str) -> InputFileError:  # what it is, and how to save it as .xlsx
        return fail("input.save_as_xlsx", what=t(f"input.{kind}"))

    sniffed = sniff(data)
    if sniffed.kind == "empty":
        raise fail("input.empty")
    if sniffed.kind in ("ole", "text", "other"):
        raise not_xlsx(sniffed.kind)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise fail("input.corrupt") from exc
    if sniffed.kind in ("ods", "xlsb", "numbers", "zip"):
        raise not_xlsx(sniffed.kind)
    ratios = (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1 << 20)
    if len(members) > MAX_ZIP_MEMBERS or any(r > MAX_COMPRESSION_RATIO for r in ratios):
        raise fail("input.bomb")
    run = budget.current()
    whole = [m for m in members if not m.filename.startswith(SHEETS)]  # read whole: strings …
    try:
        run.spend_whole(sum(m.file_size for m in whole))
    except budget.BudgetSpent as exc:
        biggest = max(whole, key=lambda m: m.file_size).filename
        raise fail("input.budget_whole", part=biggest, limit=exc.limit // (1024 * 1024)) from exc
    try:
        run.spend_inflated(sum(m.file_size for m in members))
    except budget.BudgetSpent as exc:
        raise fail("input.budget_inflated", limit=exc.limit // (1024 * 1024)) from exc
    if sniffed.kind == "scored" and not scored:
        message = t("input.scored", created=sniffed.made)
        raise InputFileError([Problem(str(path), message)])


@dataclass(frozen=True)
class SheetPart:
    """A worksheet of an input: its name, its part in the zip, and whether it is hidden."""

    title: str
    part: str
    hidden: bool


@dataclass
class InputWorkbook:
    """An input workbook opened from memory: metadata, styles and strings read, sheets not yet.

    openpyxl's own read-only workbook would parse every sheet once just to learn its size (a
    whole extra pass when the file has no <dimension>, as write-only files do), so the parts
    are read here step by step and the sheets are left to our row loop.
    """

    path: Path
    sha256: str
    metadata: dict[str, str]
    reader: Any  # openpyxl's ExcelReader: archive, shared strings, styles
    sheets: list[SheetPart]

    def close(self) -> None:
        self.reader.archive.close()


def open_input(path: Path) -> InputWorkbook:
    """Check and open one input file; its custom properties tell which rules made it."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    data = read_input_bytes(path)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            SheetPart(sheet.name, rel.target, sheet.state != "visible")
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    except DAMAGED_FILE_ERRORS as exc:
        raise InputFileError([Problem(str(path), t("input.corrupt"))]) from exc
    if len(sheets) > MAX_SHEETS:
        message = t("input.too_many_sheets", count=len(sheets), limit=MAX_SHEETS)
        raise InputFileError([Problem(str(path), message)])
    metadata = _metadata(path, reader.archive)
    return InputWorkbook(path, hashlib.sha256(data).hexdigest(), metadata, reader, sheets)


def read_entries(
    book: InputWorkbook,
    known_keys: frozenset[str],
    problems: list[Problem],
    issues: list[Issue],
    misnamed: set[str],
) -> Iterator[EntryRow]:
    """Stream every unit row of every sheet that has a field-key row.

    Problems (bad rows, unknown keys, no key row anywhere) are added to `problems`, warnings
    to `issues`, and the known keys an unknown key was probably meant to be to `misnamed`; a
    sheet that cannot be parsed raises InputFileError.
    """
    percent_styles = _percent_style_ids(book.reader.wb)
    found = False
    try:
        for part in book.sheets:
            sheet = _SheetReader(book, part, known_keys, percent_styles, problems, issues, misnamed)
            yield from sheet.rows()
            if sheet.has_keys:
                found = True
                if part.hidden:
                    where = f"{book.path.name}!{part.title}"
                    issues.append(Issue("warning", t("read.hidden_sheet"), where=where))
    finally:
        book.close()
    if not found:
        path = book.path
        problems.append(Problem(str(path), Msg.of("read.no_key_row"), file=path.name))


def read_table(path: Path) -> list[list[object]]:
    """The first sheet's values as rows (for unit lists)."""
    from openpyxl import load_workbook

    data = read_input_bytes(path)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            cells = budget.current()
            rows = []
            for row in wb.worksheets[0].iter_rows(values_only=True):
                cells.spend_cells(len(row))  # a declared XFD1048576 pads every row
                rows.append(list(row))
            return rows
        finally:
            wb.close()
    except DAMAGED_FILE_ERRORS as exc:
        raise InputFileError([Problem(str(path), t("input.corrupt"))]) from exc
    except budget.BudgetSpent as exc:
        raise InputFileError(
            [Problem(str(path), t("input.budget_cells", limit=exc.limit))]
        ) from exc


def _metadata(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """mypm's custom properties; a damaged or hostile properties part is named as such."""
    if CUSTOM_PART not in archive.namelist():
        return {}
    problem = InputFileError([Problem(f"{path} › {CUSTOM_PART}", t("input.bad_metadata"))])
    if archive.getinfo(CUSTOM_PART).file_size > MAX_PART_BYTES:
        raise problem
    try:
        return custom_properties(archive.read(CUSTOM_PART))
    except DAMAGED_FILE_ERRORS as exc:
        raise problem from exc


def _percent_style_ids(wb: Any) -> frozenset[int]:
    """Style ids whose number format shows a percentage (a cell holding 0.95 means 95%)."""
    ids = set()
    for style_id, style in enumerate(wb._cell_styles):
        fmt_id = style.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            fmt = BUILTIN_FORMATS.get(fmt_id, "General")
        else:
            fmt = wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
        if "%" in re.sub(r'"[^"]*"|\\.', "", fmt):
            ids.add(style_id)
    return frozenset(ids)


class _CellParser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's parser, telling a formula without a saved result from an empty cell."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["data_type"] == "e":
            cell["value"] = CellError(cell["value"])
        elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = NO_CACHED_VALUE
        return cell


class _SheetReader:
    def __init__(
        self,
        book: InputWorkbook,
        part: SheetPart,
        known_keys: frozenset[str],
        percent_styles: frozenset[int],
        problems: list[Problem],
        issues: list[Issue],
        misnamed: set[str],
    ) -> None:
        self.book, self.part, self.known_keys = book, part, known_keys
        self.percent_styles = percent_styles
        self.problems, self.issues = problems, issues
        self.has_keys = False
        self.misnamed = misnamed
        self.file = book.path.name
        self.letters: dict[int, str] = {}

    def _letter(self, col: int) -> str:
        return self.letters.get(col) or self.letters.setdefault(col, get_column_letter(col))

    def _source(self, row: int, col: int) -> Source:
        return Source(self.file, self.part.title, f"{self._letter(col)}{row}")

    def _damaged(self) -> InputFileError:
        where = f"{self.book.path} › {self.part.title}"
        return InputFileError([Problem(where, t("input.corrupt"))])

    def _rows(self) -> Iterator[tuple[int, dict[int, dict[str, Any]], _CellParser]]:
        """openpyxl's parse of the sheet, row by row. Only what the parser raises means a
        damaged file; an error in mypm's own loop around it is a bug, and goes up as one."""
        reader = self.book.reader
        wb = reader.wb
        try:
            src = reader.archive.open(self.part.part)
        except DAMAGED_FILE_ERRORS as exc:
            raise self._damaged() from exc
        with src:
            parser = _CellParser(
                src,
                reader.shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            parsed = parser.parse()
            cells_left = budget.current()
            while True:
                try:
                    index, cells = next(parsed)
                except StopIteration:
                    return
                except DAMAGED_FILE_ERRORS as exc:
                    raise self._damaged() from exc
                try:
                    cells_left.spend_cells(len(cells))
                except budget.BudgetSpent as exc:
                    where = f"{self.book.path} › {self.part.title}"
                    message = t("input.budget_cells", limit=exc.limit)
                    raise InputFileError([Problem(where, message)]) from exc
                yield index, {c["column"]: c for c in cells}, parser

    def rows(self) -> Iterator[EntryRow]:
        """This sheet's unit rows, once its key row is found in the top rows."""
        columns: dict[int, str] | None = None
        key_row = 0
        blank_run = 0
        parser: _CellParser | None = None
        for index, cells, parser in self._rows():
            if columns is None:
                if index > L.KEY_ROW_SEARCH:
                    return
                columns = self._key_columns(index, cells)
                key_row = index if columns is not None else 0
                continue
            row = self._entry_row(index, cells, columns)
            if row is None:
                blank_run += 1
                if blank_run >= BLANK_ROWS_BEFORE_STOP:
                    break
                continue
            blank_run = 0
            if parser.row_dimensions.get(str(index), {}).get("hidden") in ("1", "true"):
                self.issues.append(
                    Issue("warning", t("read.hidden_row"), unit=row.unit, source=row.unit_source)
                )
            yield row
        if columns is None:
            return
        self.has_keys = True
        if parser is not None:
            self._check_merged(parser, key_row, columns)

    def _key_columns(self, index: int, cells: dict[int, dict[str, Any]]) -> dict[int, str] | None:
        texts = {col: c["value"].strip() for col, c in cells.items() if isinstance(c["value"], str)}
        if L.UNIT_KEY not in texts.values():
            return None
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        unknown: dict[int, str] = {}
        for col, text in sorted(texts.items()):
            if text in self.known_keys or text in (L.UNIT_KEY, L.GROUP_KEY):
                if text in seen:
                    first = self._source(index, seen[text]).cell
                    message = t("read.duplicate_column", key=text, first=first)
                    advice = t("read.duplicate_column_advice")
                    self.problems.append(self._source(index, col).problem(message, advice))
                    continue
                seen[text] = col
                columns[col] = text
            elif _FIELD_KEY.match(text):
                unknown[col] = text
        for col, text in unknown.items():  # nearest first among the keys this row lacks
            close = _closest(text, sorted(self.known_keys - seen.keys())) or _closest(
                text, sorted(self.known_keys)
            )
            if close:
                self.misnamed.add(close)
                message = t("read.unknown_key_close", key=shorten(text), close=close)
            else:
                message = t("read.unknown_key", key=shorten(text))
            advice = t("read.unknown_key_advice")
            self.problems.append(self._source(index, col).problem(message, advice))
        return columns

    def _entry_row(
        self,
        index: int,
        cells: dict[int, dict[str, Any]],
        columns: dict[int, str],
    ) -> EntryRow | None:
        unit, group, unit_col = "", "", 0
        values: dict[str, RawCell] = {}
        blanks: dict[str, str] = {}
        for col, key in columns.items():
            cell = cells.get(col)
            raw = cell["value"] if cell else None
            if key in (L.UNIT_KEY, L.GROUP_KEY):
                try:
                    name = parse_name(raw)
                except ValueProblem as exc:  # a formula with no result, #REF!, a date …
                    self.problems.append(self._source(index, col).problem(exc.message, exc.advice))
                    return None
                if key == L.UNIT_KEY:
                    unit, unit_col = name, col
                else:
                    group = name
            elif not is_blank(raw) or raw is NO_CACHED_VALUE:
                percent = cell is not None and cell["style_id"] in self.percent_styles
                values[key] = RawCell(raw, percent, self._source(index, col))
            else:
                blanks[key] = self._letter(col)
        if not unit:
            if values:
                first = next(iter(values.values()))
                message = t("read.no_unit", row=index)
                self.problems.append(first.source.problem(message, t("read.no_unit_advice")))
            return None
        return EntryRow(unit, group, self._source(index, unit_col), index, values, blanks)

    def _check_merged(self, parser: _CellParser, key_row: int, columns: dict[int, str]) -> None:
        """A merged range over input cells hides values in all but its first cell."""
        from openpyxl.worksheet.cell_range import CellRange

        merged = getattr(parser, "merged_cells", None)
        for entry in getattr(merged, "mergeCell", None) or []:
            try:
                rng = CellRange(entry.ref)
            except (ValueError, TypeError) as exc:  # a range that is no range: a damaged sheet
                raise self._damaged() from exc
            touches_inputs = any(rng.min_col <= col <= rng.max_col for col in columns)
            if rng.max_row > key_row and touches_inputs and rng.size != {"columns": 1, "rows": 1}:
                source = Source(self.file, self.part.title, entry.ref)
                self.problems.append(source.problem(t("read.merged")))


def _closest(text: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""
