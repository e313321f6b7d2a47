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
    """Write `data` (unit → field key → value) into the matching rows and key columns."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        keys = {c.value: c.column for c in ws[L.KEY_ROW] if isinstance(c.value, str)}
        if L.UNIT_KEY not in keys:
            continue
        for row in range(L.FIRST_DATA_ROW, ws.max_row + 1):
            unit = ws.cell(row, keys[L.UNIT_KEY]).value
            for key, value in data.get(str(unit), {}).items():
                if key in keys:
                    ws.cell(row, keys[key], value)
    if sample:
        wb.custom_doc_props.append(StringProperty(name=L.META_SAMPLE, value="true"))
    wb.save(path)
