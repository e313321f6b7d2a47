"""Typing values into an entry workbook, as a person would (for the examples, tests, benchmark)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.packaging.custom import StringProperty

from mypm.read import layout as L


def fill_entry_workbook(
    path: Path, data: Mapping[str, Mapping[str, object]], *, sample: bool = False
) -> None:
    """Write `data` (unit → field key → value) into the matching rows and key columns (on one
    unit's form, the rows of its key column: the entry cell is left of the key)."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        keys = {c.value: c.column for c in ws[L.KEY_ROW] if isinstance(c.value, str)}
        if L.UNIT_KEY not in keys:
            _fill_unit_form(ws, data)
            continue
        for row in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            unit = ws.cell(row, keys[L.UNIT_KEY]).value
            for key, value in data.get(str(unit), {}).items():
                if key in keys:
                    ws.cell(row, keys[key], value)
    if sample:
        wb.custom_doc_props.append(StringProperty(name=L.META_SAMPLE, value="true"))
    wb.save(path)


def _fill_unit_form(ws, data: Mapping[str, Mapping[str, object]]) -> None:
    """One unit's form: the key column holds "unit" (the unit's name left of it) and, below,
    a key a row."""
    marks = [c for row in ws.iter_rows(max_row=L.KEY_ROW_SEARCH) for c in row]
    unit_key = next((c for c in marks if c.value == L.UNIT_KEY), None)
    if unit_key is None:
        return
    col = unit_key.column
    values = data.get(str(ws.cell(unit_key.row, col - 1).value), {})
    for row in range(unit_key.row, ws.max_row + 1):
        key = ws.cell(row, col).value
        if key in values:
            ws.cell(row, col - 1, values[key])
