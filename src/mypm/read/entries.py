"""Reading entry workbooks: find the key row, stream the rows, keep each value's cell.

Workbooks are read from bytes held in memory (the user's file is closed at once) through
`ooxml.Package`, our own parse of the package on public APIs: the declared sheet size is never
trusted, only columns under known field keys are kept, and reading stops after a long run of
blank rows.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mypm.core import budget
from mypm.core.errors import InputFileError, Problem
from mypm.core.files import read_input_file
from mypm.core.messages import Msg
from mypm.core.results import EntryRow, Issue, RawCell, Source
from mypm.core.values import NO_CACHED_VALUE, ValueProblem, is_blank, parse_name, shorten
from mypm.read import layout as L
from mypm.read.ooxml import (
    CONTENT_ERRORS,
    Cell,
    Damaged,
    Merged,
    Package,
    Row,
    SheetPart,
    column_letters,
)
from mypm.read.sniff import CUSTOM_PART, MAX_PART_BYTES, custom_properties, sniff

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_SHEETS = 100  # worksheets in one workbook (a template has three)
MAX_COMPRESSION_RATIO = 200  # real sheets compress 5–50×; a bomb compresses about 1,000×
BLANK_ROWS_BEFORE_STOP = 10_000
NOT_XLSX = {  # what a file that is no .xlsx is, by the kind sniff() tells
    "ole": Msg.of("input.ole"),
    "text": Msg.of("input.text"),
    "other": Msg.of("input.other"),
    "ods": Msg.of("input.ods"),
    "xlsb": Msg.of("input.xlsb"),
    "numbers": Msg.of("input.numbers"),
    "zip": Msg.of("input.zip"),
}
_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def read_input_bytes(path: Path, *, scored: bool = False) -> bytes:
    """The file's bytes, after checking it really is an .xlsx (with `scored`, a scored
    workbook made by mypm); the file is closed at once."""
    if path.name.startswith("~$"):
        raise InputFileError([Problem(str(path), Msg.of("input.lock_file"))])
    data = read_input_file(path, MAX_FILE_BYTES)
    _check_container(path, data, scored=scored)
    return data


def _check_container(path: Path, data: bytes, *, scored: bool = False) -> None:
    """Name what the file really is (by its content, not its name), and refuse zip bombs,
    before any part of it is parsed."""

    def fail(message: Msg) -> InputFileError:
        return InputFileError([Problem(str(path), message)])

    def not_xlsx(kind: str) -> InputFileError:  # what it is, and how to save it as .xlsx
        return fail(Msg.of("input.save_as_xlsx", what=NOT_XLSX[kind]))

    sniffed = sniff(data)
    if sniffed.kind == "empty":
        raise fail(Msg.of("input.empty"))
    if sniffed.kind in ("ole", "text", "other"):
        raise not_xlsx(sniffed.kind)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise fail(Msg.of("input.corrupt")) from exc
    if sniffed.kind in ("ods", "xlsb", "numbers", "zip"):
        raise not_xlsx(sniffed.kind)
    ratios = (m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1 << 20)
    if len(members) > MAX_ZIP_MEMBERS or any(r > MAX_COMPRESSION_RATIO for r in ratios):
        raise fail(Msg.of("input.bomb"))
    if sniffed.kind == "scored" and not scored:
        raise fail(Msg.of("input.scored", created=sniffed.made))


@dataclass
class InputWorkbook:
    """An input workbook opened from memory: metadata, strings and styles read, sheets not yet."""

    path: Path
    sha256: str
    metadata: dict[str, str]
    package: Package

    def close(self) -> None:
        self.package.close()


def open_package(path: Path, data: bytes) -> Package:
    """The package of a checked input (`read_input_bytes`); a zip, or a part read whole, that
    cannot be parsed makes the file damaged, and one that passes the run's budget is refused."""
    try:
        return Package(data)
    except (Damaged, budget.BudgetSpent) as exc:
        raise InputFileError([cannot_read(path, exc)]) from exc


def cannot_read(path: Path, exc: Damaged | budget.BudgetSpent, sheet: str = "") -> Problem:
    """Why a file (at `sheet`, if given) was not read: what is damaged, where, or which of the
    run's limits it passed."""
    where = f"{path} › {sheet}" if sheet else str(path)
    if isinstance(exc, budget.BudgetSpent):
        return Problem(where, _over_budget(exc))
    if exc.message is None:
        return Problem(where, Msg.of("input.corrupt"))
    advice = Msg.of("input.damaged_advice")
    if exc.cell:
        return Source(path.name, sheet, exc.cell).problem(exc.message, advice)
    return Problem(where, exc.message, advice)


def _over_budget(exc: budget.BudgetSpent) -> Msg:
    megabytes = exc.limit // (1024 * 1024)
    if exc.kind == "whole":
        return Msg.of("input.budget_whole", part=exc.part, limit=megabytes)
    if exc.kind == "inflated":
        return Msg.of("input.budget_inflated", limit=megabytes)
    if exc.kind == "elements":
        return Msg.of("input.budget_elements", limit=exc.limit)
    return Msg.of("input.budget_cells", limit=exc.limit)


def open_input(path: Path) -> InputWorkbook:
    """Check and open one input file; its custom properties tell which rules made it."""
    data = read_input_bytes(path)
    package = open_package(path, data)
    if len(package.sheets) > MAX_SHEETS:
        message = Msg.of("input.too_many_sheets", count=len(package.sheets), limit=MAX_SHEETS)
        raise InputFileError([Problem(str(path), message)])
    metadata = _metadata(path, package)
    return InputWorkbook(path, hashlib.sha256(data).hexdigest(), metadata, package)


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
    found = False
    try:
        for part in book.package.sheets:
            sheet = _SheetReader(book, part, known_keys, problems, issues, misnamed)
            yield from sheet.rows()
            if sheet.has_keys:
                found = True
                if part.hidden:
                    where = f"{book.path.name}!{part.title}"
                    issues.append(Issue("warning", Msg.of("read.hidden_sheet"), where=where))
    finally:
        book.close()
    if not found:
        path = book.path
        problems.append(Problem(str(path), Msg.of("read.no_key_row"), file=path.name))


def read_table(path: Path) -> list[tuple[int, list[object]]]:
    """The values of the first sheet's rows that hold any cell, each placed by its column,
    with the row's number (for unit lists)."""
    package = open_package(path, read_input_bytes(path))
    rows: list[tuple[int, list[object]]] = []
    try:
        first = package.sheets[:1]
        sheet = package.rows(first[0]) if first else ()
        for row in budgeted(sheet, path, first[0].title if first else "", cost=_width):
            if row.cells:
                values: list[object] = [None] * max(row.cells)
                for column, cell in row.cells.items():
                    values[column - 1] = cell.value
                rows.append((row.number, values))
    finally:
        package.close()
    return rows


def budgeted(
    rows: Iterable[Row], path: Path, sheet: str, *, cost: Callable[[dict[int, Cell]], int] = len
) -> Iterator[Row]:
    """A sheet's rows, each paid for from the run's cell budget (`cost` of its cells, by
    default how many it holds; a row costs at least one); a sheet that cannot be parsed or that
    costs more than the budget left is an InputFileError naming the file and `sheet`."""
    cells_left = budget.current()
    try:
        for row in rows:
            cells_left.spend_cells(max(cost(row.cells), 1))
            yield row
    except (Damaged, budget.BudgetSpent) as exc:
        raise InputFileError([cannot_read(path, exc, sheet)]) from exc


def _width(cells: dict[int, Cell]) -> int:
    """A row placed by its columns costs its width: a stray cell in XFD costs 16,384."""
    return max(cells, default=0)


def _metadata(path: Path, package: Package) -> dict[str, str]:
    """mypm's custom properties; a damaged or hostile properties part is named as such."""
    if not package.has(CUSTOM_PART):
        return {}
    problem = InputFileError([Problem(f"{path} › {CUSTOM_PART}", Msg.of("input.bad_metadata"))])
    if package.size(CUSTOM_PART) > MAX_PART_BYTES:
        raise problem
    try:
        with package.open(CUSTOM_PART) as part:
            return custom_properties(part.read())
    except budget.BudgetSpent as exc:
        raise InputFileError([cannot_read(path, exc)]) from exc
    except (Damaged, *CONTENT_ERRORS) as exc:
        raise problem from exc


class _SheetReader:
    def __init__(
        self,
        book: InputWorkbook,
        part: SheetPart,
        known_keys: frozenset[str],
        problems: list[Problem],
        issues: list[Issue],
        misnamed: set[str],
    ) -> None:
        self.book, self.part, self.known_keys = book, part, known_keys
        self.problems, self.issues = problems, issues
        self.has_keys = False
        self.misnamed = misnamed
        self.file = book.path.name
        self.letters: dict[int, str] = {}

    def _letter(self, col: int) -> str:
        return self.letters.get(col) or self.letters.setdefault(col, column_letters(col))

    def _source(self, row: int, col: int) -> Source:
        return Source(self.file, self.part.title, f"{self._letter(col)}{row}")

    def rows(self) -> Iterator[EntryRow]:
        """This sheet's unit rows, once its key row is found in the top rows (or, on one
        unit's form, its key column: `layout.FIELDS_MARK`)."""
        sheet = self.book.package.rows(self.part)
        rows = budgeted(sheet, self.book.path, self.part.title)
        for index, _hidden, cells in rows:
            if index > L.KEY_ROW_SEARCH:
                return
            unit_col = _unit_key_column(cells)
            if unit_col is None:
                continue
            if unit_col > 1 and not _has_other_keys(cells, unit_col):
                yield from self._unit_form(rows, index, cells, unit_col)
                self.has_keys = True
                self._check_merged(sheet.merged, index, [unit_col - 1])
                return
            columns = self._key_columns(index, cells)
            yield from self._wide_rows(rows, columns)
            self.has_keys = True
            self._check_merged(sheet.merged, index, list(columns))
            return

    def _wide_rows(self, rows: Iterator[Row], columns: dict[int, str]) -> Iterator[EntryRow]:
        """The unit rows under the key row, one a unit; stops after a long run of blank rows."""
        blank_run = 0
        for index, hidden, cells in rows:
            row = self._entry_row(index, cells, columns)
            if row is None:
                blank_run += 1
                if blank_run >= BLANK_ROWS_BEFORE_STOP:
                    break
                continue
            blank_run = 0
            if hidden:
                message = Msg.of("read.hidden_row")
                self.issues.append(Issue("warning", message, unit=row.unit, source=row.unit_source))
            yield row

    def _unit_form(
        self, rows: Iterator[Row], unit_row: int, cells: dict[int, Cell], key_col: int
    ) -> Iterator[EntryRow]:
        """One unit's form: the unit's name left of "unit" in the key column, and under it a
        row a field, the value left of its key. A value on a row with no key, a key typed over
        and a row taken out (`layout.fields_text`) are each named at their cell."""
        col = key_col - 1
        unit = ""
        values: dict[str, RawCell] = {}
        blanks: dict[str, str] = {}
        rows_of: dict[str, int] = {}  # key → its row
        listed: list[str] = []
        unknown_rows: set[int] = set()
        hidden_rows: list[int] = []
        blank_run = 0
        for index, hidden, row_cells in itertools.chain([Row(unit_row, False, cells)], rows):
            key_cell, cell = row_cells.get(key_col), row_cells.get(col)
            key = _text(key_cell) if key_cell else ""
            raw = cell.value if cell else None
            if not key and is_blank(raw) and raw is not NO_CACHED_VALUE:
                blank_run += 1
                if blank_run >= BLANK_ROWS_BEFORE_STOP:
                    break
                continue
            blank_run = 0
            source = self._source(index, col)
            if key == L.UNIT_KEY:
                try:
                    unit = parse_name(raw)
                except ValueProblem as exc:  # a formula with no result, #REF!, a date …
                    self.problems.append(source.problem(exc.message, exc.advice))
                    return
            elif (fields := L.fields_listed(key)) is not None:
                listed = fields
            elif key in self.known_keys and key in rows_of:
                earlier = self._source(rows_of[key], key_col).cell
                message = Msg.of("read.duplicate_row", key=key, first=earlier)
                advice = Msg.of("read.duplicate_row_advice")
                self.problems.append(self._source(index, key_col).problem(message, advice))
            elif key in self.known_keys:
                rows_of[key] = index
                if not is_blank(raw) or raw is NO_CACHED_VALUE:
                    values[key] = RawCell(raw, cell is not None and cell.percent, source)
                    if hidden:
                        hidden_rows.append(index)
                else:
                    blanks[key] = source.cell
            elif _FIELD_KEY.match(key):
                unknown_rows.add(index)
                self._unknown_key(index, key_col, key, set(rows_of), between=False)
            elif not key:
                advice = Msg.of("read.off_form_advice")
                self.problems.append(source.problem(Msg.of("read.off_form"), advice))
        self._rows_missing(listed, rows_of, unknown_rows, (unit_row, col))
        if not unit:
            if values:
                first = next(iter(values.values()))
                message = Msg.of("read.no_unit", row=unit_row)
                self.problems.append(first.source.problem(message, Msg.of("read.no_unit_advice")))
            return
        for index in hidden_rows:
            source = self._source(index, col)
            self.issues.append(
                Issue("warning", Msg.of("read.hidden_row"), unit=unit, source=source)
            )
        unit_source = self._source(unit_row, col)
        yield EntryRow(unit, "", unit_source, unit_row, values, blanks)  # its group: the list's

    def _rows_missing(
        self,
        listed: list[str],
        rows_of: dict[str, int],
        unknown_rows: set[int],
        unit_cell: tuple[int, int],
    ) -> None:
        """Each field the form lists whose row is gone, named where it belonged (after the
        row of the field before it, or the unit's row at `unit_cell`, whose column is the
        entry column); a row whose key was typed over has its own problem."""
        near, col = unit_cell
        for key in listed:
            if key in rows_of:
                near = rows_of[key]
                continue
            near += 1
            if near in unknown_rows or key not in self.known_keys:
                continue
            message = Msg.of("read.row_missing", key=key, row=near)
            advice = Msg.of("read.row_missing_advice")
            self.problems.append(self._source(near, col).problem(message, advice))

    def _key_columns(self, index: int, cells: dict[int, Cell]) -> dict[int, str]:
        """The wide form's key row: its known keys by column, the others named."""
        texts = {col: _text(c) for col, c in cells.items() if isinstance(c.value, str)}
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        unknown: dict[int, str] = {}
        for col, text in sorted(texts.items()):
            if text in self.known_keys or text in (L.UNIT_KEY, L.GROUP_KEY):
                if text in seen:
                    first = self._source(index, seen[text]).cell
                    message = Msg.of("read.duplicate_column", key=text, first=first)
                    advice = Msg.of("read.duplicate_column_advice")
                    self.problems.append(self._source(index, col).problem(message, advice))
                    continue
                seen[text] = col
                columns[col] = text
            elif _FIELD_KEY.match(text):
                unknown[col] = text
        for col, text in unknown.items():
            self._unknown_key(index, col, text, set(seen), between=True)
        return columns

    def _unknown_key(self, row: int, col: int, key: str, seen: set[str], *, between: bool) -> None:
        """A field-like key not in the rules at (row, col), with the known key it was
        probably meant to be (nearest first among the keys not yet seen); `between` for the
        wide form's key row (the key heads a column), else one unit's form (it heads a row)."""
        close = _closest(key, sorted(self.known_keys - seen)) or _closest(
            key, sorted(self.known_keys)
        )
        if close:
            self.misnamed.add(close)
        if between and close:
            message = Msg.of("read.unknown_key_close", key=shorten(key), close=close)
        elif between:
            message = Msg.of("read.unknown_key", key=shorten(key))
        elif close:
            message = Msg.of("read.unknown_row_key_close", key=shorten(key), close=close)
        else:
            message = Msg.of("read.unknown_row_key", key=shorten(key))
        advice = Msg.of("read.unknown_key_advice" if between else "read.unknown_row_key_advice")
        self.problems.append(self._source(row, col).problem(message, advice))

    def _entry_row(
        self,
        index: int,
        cells: dict[int, Cell],
        columns: dict[int, str],
    ) -> EntryRow | None:
        unit, group, unit_col = "", "", 0
        values: dict[str, RawCell] = {}
        blanks: dict[str, str] = {}
        for col, key in columns.items():
            cell = cells.get(col)
            raw = cell.value if cell else None
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
                percent = cell is not None and cell.percent
                values[key] = RawCell(raw, percent, self._source(index, col))
            else:
                blanks[key] = f"{self._letter(col)}{index}"
        if not unit:
            if values:
                first = next(iter(values.values()))
                message = Msg.of("read.no_unit", row=index)
                advice = Msg.of("read.no_unit_advice")
                self.problems.append(first.source.problem(message, advice))
            return None
        return EntryRow(unit, group, self._source(index, unit_col), index, values, blanks)

    def _check_merged(self, merged: list[Merged], key_row: int, columns: list[int]) -> None:
        """A merged range over input cells (in `columns`, below `key_row`) hides values in all
        but its first cell."""
        for rng in merged:
            touches_inputs = any(rng.min_col <= col <= rng.max_col for col in columns)
            single = (rng.min_col, rng.min_row) == (rng.max_col, rng.max_row)
            if rng.max_row > key_row and touches_inputs and not single:
                source = Source(self.file, self.part.title, rng.ref)
                self.problems.append(source.problem(Msg.of("read.merged")))


def _unit_key_column(cells: dict[int, Cell]) -> int | None:
    """The column of a row's "unit" key, if it has one."""
    return next((col for col, cell in cells.items() if _text(cell) == L.UNIT_KEY), None)


def _has_other_keys(cells: dict[int, Cell], unit_col: int) -> bool:
    """Whether the row of "unit" holds field keys too: the wide form's key row."""
    texts = (_text(cell) for col, cell in cells.items() if col != unit_col)
    return any(text == L.GROUP_KEY or _FIELD_KEY.match(text) for text in texts)


def _text(cell: Cell) -> str:
    return cell.value.strip() if isinstance(cell.value, str) else ""


def _closest(text: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""
