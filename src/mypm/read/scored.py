"""Reading mypm's own scored workbook back (for `mypm compare`): 汇总, 明细 and 规则.

The figures are read as `score` wrote them, into the shape of `score --format json`, so a
scored workbook and its JSON compare alike; text comes back as it was, control characters
included (the workbook holds them escaped, _x0007_, as Excel does). Sheets and columns are found
by their labels, in either language; a figure that is not a number is an error naming its cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from mypm.core.budget import BudgetSpent
from mypm.core.errors import InputFileError, Problem, WorkbookError
from mypm.core.messages import Msg, number
from mypm.core.results import Source
from mypm.core.values import is_blank
from mypm.read.entries import cannot_read, open_package, read_input_bytes
from mypm.read.ooxml import Cell, Damaged, Package, column_letters
from mypm.text.vocabulary import HEADINGS, SHEETS

MAX_ROWS = 2_000_000  # 100,000 units × their 明细 lines fit; a hostile sheet stops here


def _both(words: tuple[str, str]) -> frozenset[str]:
    """A sheet name or heading in either language: a workbook scored in English reads too."""
    return frozenset(words)


def read_scored_workbook(path: Path) -> dict[str, Any]:
    """The scores in a workbook that `mypm score` wrote, in the shape of its JSON."""
    package = open_package(path, read_input_bytes(path, scored=True))
    try:
        names = [sheet.title for sheet in package.sheets]
        summary = next((n for n in names if n in _both(SHEETS["summary"])), None)
        rules = next((n for n in names if n in _both(SHEETS["rules"])), None)
        details = [n for n in names if any(n.startswith(d) for d in _both(SHEETS["details"]))]
        if summary is None or rules is None or not details:
            raise WorkbookError([Problem(str(path), Msg.of("compare.not_scores"))])
        reader = _Reader(path, package)
        return reader.document(summary, details, rules)
    except (Damaged, BudgetSpent) as exc:  # raised only by the parse of a sheet
        raise InputFileError([cannot_read(path, exc)]) from exc
    finally:
        package.close()


class _Reader:
    def __init__(self, path: Path, package: Package) -> None:
        self.path, self.package = path, package
        self.sheets = {sheet.title: sheet for sheet in package.sheets}
        self.problems: list[Problem] = []

    def _cells(self, sheet: str) -> Iterator[tuple[int, list[Cell | None]]]:
        """The sheet's rows, each cell placed by its column."""
        for row in self.package.rows(self.sheets[sheet]):
            if row.number > MAX_ROWS:
                break
            cells: list[Cell | None] = [None] * max(row.cells, default=0)
            for column, cell in row.cells.items():
                cells[column - 1] = cell
            yield row.number, cells

    def _rows(self, sheet: str) -> Iterator[tuple[int, list[object]]]:
        for index, cells in self._cells(sheet):
            yield index, [None if cell is None else cell.value for cell in cells]

    def _number(self, sheet: str, row: int, col: int, raw: object) -> Decimal:
        try:
            if isinstance(raw, bool) or not isinstance(raw, int | float | str):
                raise InvalidOperation
            value = Decimal(str(raw).strip())
            if not value.is_finite():
                raise InvalidOperation
            return value
        except InvalidOperation:
            cell = Source(str(self.path), sheet, f"{column_letters(col + 1)}{row}")
            self.problems.append(cell.problem(Msg.of("compare.not_number")))
            return Decimal(0)

    def document(self, summary: str, details: list[str], rules: str) -> dict[str, Any]:
        units = self._summary(summary)
        self._details(details, units)
        document: dict[str, Any] = {"units": list(units.values())}
        for _, row in self._rows(rules):
            label, value = [*row, None, None][:2]
            if label in _both(HEADINGS["rules_id"]):
                document["rules"] = {"id": str(value)}
            elif label in _both(HEADINGS["self_check"]):
                document["self_check"] = value in _both(HEADINGS["yes"])
            elif label in _both(HEADINGS["ledger_head"]):
                document["ledger_head"] = str(value)
        if "rules" not in document:
            self.problems.append(Problem(f"{self.path} › {rules}", Msg.of("compare.not_scores")))
        if self.problems:
            raise WorkbookError(self.problems)
        return document

    def _summary(self, sheet: str) -> dict[str, dict[str, Any]]:
        wanted = {
            "rank": _both(HEADINGS["rank"]),
            "unit": _both(HEADINGS["unit"]),
            "group": _both(HEADINGS["group"]),
            "total": _both(HEADINGS["total"]),
            "grade": _both(HEADINGS["grade"]),
        }
        columns: dict[str, int] = {}
        units: dict[str, dict[str, Any]] = {}
        for index, row in self._rows(sheet):
            if not columns:
                found = {
                    name: next((i for i, v in enumerate(row) if v in labels), -1)
                    for name, labels in wanted.items()
                }
                if all(i >= 0 for i in found.values()):
                    columns = found
                continue
            unit = row[columns["unit"]] if columns["unit"] < len(row) else None
            if is_blank(unit):
                break
            units[str(unit)] = {
                "unit": str(unit),
                "group": "" if is_blank(row[columns["group"]]) else str(row[columns["group"]]),
                "rank": int(self._number(sheet, index, columns["rank"], row[columns["rank"]])),
                "total": self._number(sheet, index, columns["total"], row[columns["total"]]),
                "grade": "" if is_blank(row[columns["grade"]]) else str(row[columns["grade"]]),
            }
        if not columns:
            self.problems.append(Problem(f"{self.path} › {sheet}", Msg.of("compare.not_scores")))
        return units

    def _details(self, sheets: list[str], units: dict[str, dict[str, Any]]) -> None:
        """Each unit's 明细 lines, in order, as (label, field); `compare` knows each line's field
        from its label and the rule set. Columns are found by their labels; a workbook of an
        earlier mypm has a 字段键 column, and its fields are taken by key."""
        wanted = {
            "unit": _both(HEADINGS["unit"]),
            "label": _both(HEADINGS["item"]),
            "value": _both(HEADINGS["value"]),
            "score": _both(HEADINGS["score"]),
            "source": _both(HEADINGS["source"]),
        }
        key_labels = _both(HEADINGS["key"])  # an earlier mypm's 字段键 column
        for sheet in sheets:
            columns: dict[str, int] = {}
            key: int | None = None
            file = ""  # the file a unit's line names, its lines' places being `sheet › cell`
            for index, row_cells in self._cells(sheet):
                row = [None if cell is None else cell.value for cell in row_cells]
                if not columns:
                    columns = {
                        name: next((i for i, v in enumerate(row) if v in labels), -1)
                        for name, labels in wanted.items()
                    }
                    if min(columns.values()) < 0:
                        self.problems.append(
                            Problem(f"{self.path} › {sheet}", Msg.of("compare.not_scores"))
                        )
                        break
                    key = next((i for i, v in enumerate(row) if v in key_labels), None)
                    continue
                cells = [*row, *[None] * len(wanted)]
                unit = units.get(str(cells[columns["unit"]]))
                value, source = cells[columns["value"]], cells[columns["source"]]
                if unit is None or is_blank(cells[columns["score"]]):
                    # a unit's line (its total, rank, grade and file), or not a unit's
                    file = "" if is_blank(source) else str(source)
                    continue
                value_cell = (
                    row_cells[columns["value"]] if columns["value"] < len(row_cells) else None
                )
                percent = value_cell is not None and value_cell.percent
                field = {
                    "value": _shown(value, percent),
                    "score": self._number(sheet, index, columns["score"], cells[columns["score"]]),
                    "source": None if is_blank(source) else _machine_place(str(source), file),
                }
                if key is not None and not is_blank(cells[key]):
                    unit.setdefault("fields", {})[str(cells[key])] = field
                else:
                    unit.setdefault("lines", []).append((str(cells[columns["label"]]), field))


def _machine_place(shown: str, file: str) -> str:
    """明细 names a cell as people read it (`a.xlsx › 填报 › Q6`, or `>` in English; `填报 › Q6`
    under a unit's line that names `file`); the JSON, which a comparison matches it with, as
    `a.xlsx!填报!Q6`."""
    for separator in (" › ", " > "):
        parts = shown.rsplit(separator, 2)
        if len(parts) == 3:
            return "!".join(parts)
        if len(parts) == 2 and file:
            return "!".join([file, *parts])
    return shown


def _shown(value: object, percent: bool) -> str | None:
    """An input as the 明细 sheet shows it, and as score's JSON gives it: 3, 88.5, 93.1%, 是."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        figure = Decimal(str(value))
        if percent:
            return f"{number(figure.scaleb(2))}%"
        return number(figure)
    return str(value)
