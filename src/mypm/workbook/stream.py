"""A write-only sheet whose data rows mypm writes as XML itself, for the 明细 sheets.

openpyxl spends about 4 µs on every cell it writes (a cell object, type checks, one XML element
after another); the 明细 sheets of 100,000 units hold 34 million cells. `StreamedSheet` is still an
openpyxl write-only sheet, so column widths, panes, the header row, the filter and everything after
the rows are openpyxl's. Only the data rows are different: when openpyxl saves the sheet, they are
taken from an iterator and written as XML text where openpyxl closes `sheetData`, straight into
the file openpyxl then puts in the workbook. A data cell is text (written inline, as openpyxl
writes text), a number, or either with a style from the workbook's own style table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEET_DATA_END = b"</sheetData>"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class Styled(NamedTuple):
    """A value and the id of its style in the workbook's style table (a cell's `style_id`)."""

    value: str | Decimal | int
    style: int


Row = Sequence[str | Decimal | int | Styled | None]


class Tall(NamedTuple):
    """A row with its height in points: wrapped text needs one, as not every program works
    row heights out for itself when it opens a file."""

    cells: Row
    height: float


class StreamedSheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """Rows appended through openpyxl come first (the header); then `count` rows from `rows`."""

    def __init__(self, parent: Any, title: str, rows: Iterator[Row | Tall], count: int) -> None:
        super().__init__(parent, title)
        self._source = rows
        self._count = count
        self._above = 0  # rows appended through openpyxl

    @classmethod
    def add_to(cls, wb: Any, title: str, rows: Iterator[Row | Tall], count: int) -> StreamedSheet:
        sheet = cls(wb, title, rows, count)
        wb._add_sheet(sheet)
        return sheet

    def append(self, row: Any) -> None:
        super().append(row)
        self._above += 1

    def close(self) -> None:
        """openpyxl writes the sheet; the data rows then go in before its `</sheetData>`."""
        super().close()
        path = self._writer.out
        with open(path, "rb") as written:
            head, tail = written.read().split(SHEET_DATA_END)
        letters: list[str] = []
        with open(path, "wb", buffering=1 << 20) as out:
            out.write(head)
            number = self._above
            for values in self._source:
                number += 1
                height: float | None = None
                if isinstance(values, Tall):
                    values, height = values
                if len(letters) < len(values):
                    letters = [get_column_letter(col) for col in range(1, len(values) + 1)]
                out.write(row_xml(str(number), letters, values, height=height))
            out.write(SHEET_DATA_END + tail)
        if number - self._above != self._count:
            raise RuntimeError(f"{self.title}: {number - self._above} rows, not {self._count}")


def row_xml(row: str, letters: Sequence[str], values: Row, *, height: float | None = None) -> bytes:
    """`<row>` number `row`: text, numbers, styled values; None and "" leave the cell empty."""
    tall = f' ht="{height}" customHeight="1"' if height is not None else ""
    parts = [f'<row r="{row}"{tall}>']
    for letter, value in zip(letters, values, strict=False):
        if value is None or value == "":
            continue
        style = ""
        if isinstance(value, Styled):
            style = f' s="{value.style}"'
            value = value.value
        if isinstance(value, str):
            space = ' xml:space="preserve"' if value != value.strip() else ""
            text = value.translate(_ESCAPES)
            parts.append(
                f'<c r="{letter}{row}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
            )
        else:
            figure = format(value, "f") if isinstance(value, Decimal) else str(int(value))
            parts.append(f'<c r="{letter}{row}"{style} t="n"><v>{figure}</v></c>')
    parts.append("</row>")
    return "".join(parts).encode()
