"""A write-only sheet whose data rows mypm writes as XML itself, for the 明细 sheets.

openpyxl spends about 4 µs on every cell it writes (a cell object, type checks, one XML element
after another); the 明细 sheets of 100,000 units hold 34 million cells. `StreamedSheet` is still an
openpyxl write-only sheet, so column widths, panes, the header row, the filter and everything after
the rows are openpyxl's. Only the data rows are different: they go as text into a temporary file
and are spliced in where openpyxl closes `sheetData` when the workbook is saved. A data cell is
text (written inline, as openpyxl writes text), a number, or either with a style from the
workbook's own style table.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEET_DATA_END = b"</sheetData>"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class Styled(NamedTuple):
    """A value and the id of its style in the workbook's style table (`StreamedSheet.style_id`)."""

    value: str | Decimal | int
    style: int


class StreamedSheet(WriteOnlyWorksheet):  # type: ignore[misc]
    """Rows appended through openpyxl come first (the header); `write_row` adds the data rows."""

    def __init__(self, parent: Any, title: str) -> None:
        super().__init__(parent, title)
        self._data = tempfile.TemporaryFile()  # noqa: SIM115 - open until the sheet is saved
        self._letters: list[str] = []

    @classmethod
    def add_to(cls, wb: Any, title: str) -> StreamedSheet:
        sheet = cls(wb, title)
        wb._add_sheet(sheet)
        return sheet

    def append(self, row: Any) -> None:
        if self._data.tell():
            raise RuntimeError("openpyxl rows must come before the streamed rows")
        super().append(row)

    def write_row(self, number: int, values: Sequence[str | Decimal | int | Styled | None]) -> None:
        """Data row `number` (counting the openpyxl rows above it): text, numbers, styled values;
        None and "" leave the cell empty."""
        row = str(number)
        if len(self._letters) < len(values):
            self._letters = [get_column_letter(col) for col in range(1, len(values) + 1)]
        parts = [f'<row r="{row}">']
        for letter, value in zip(self._letters, values, strict=False):
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
        self._data.write("".join(parts).encode())

    def close(self) -> None:
        """openpyxl writes the sheet; the data rows then go in before its `</sheetData>`."""
        super().close()
        path = self._writer.out
        with open(path, "rb") as written:
            head, tail = written.read().split(SHEET_DATA_END)
        with open(path, "wb") as out:
            out.write(head)
            self._data.seek(0)
            shutil.copyfileobj(self._data, out, 1 << 20)
            out.write(SHEET_DATA_END + tail)
        self._data.close()
