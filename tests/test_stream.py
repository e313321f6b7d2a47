"""The streamed 明细 rows read back exactly as openpyxl's own write-only cells would."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mypm.workbook.stream import StreamedSheet, Styled

TEXTS = [
    "涪城区",
    " leading and trailing ",
    "a & b < c > d",
    "line\r\nbreak\ttab",
    "=1+2",
    "→ 1.00",
]
NUMBERS = [Decimal("69.83"), Decimal("0.00"), Decimal("100"), Decimal("1E+1"), 7]


def _bold(ws: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, "")
    cell.font = Font(bold=True)
    return cell


def _quoted(ws: object, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _write(path: Path, *, streamed: bool) -> None:
    """The same header and rows, through openpyxl's cells or through StreamedSheet."""
    wb = Workbook(write_only=True)
    ws = StreamedSheet.add_to(wb, "明细") if streamed else wb.create_sheet("明细")
    ws.append(["单位", "分值"])
    bold = _bold(ws)
    quoted = _quoted(ws, "=1+2")
    for number, (text, figure) in enumerate(zip(TEXTS, NUMBERS * 2, strict=False), start=2):
        if streamed:
            row: list[object] = [text, figure, None, "", Styled("合计", bold.style_id)]
            row.append(Styled(quoted.value, quoted.style_id))
            ws.write_row(number, row)
        else:
            cell = WriteOnlyCell(ws, text)
            cell.data_type = "s"
            total = WriteOnlyCell(ws, "合计")
            total.font = Font(bold=True)
            ws.append([cell, figure, None, None, total, _quoted(ws, "=1+2")])
    wb.save(path)


def _cells(path: Path) -> list[list[tuple[object, ...]]]:
    ws = load_workbook(path)["明细"]
    return [
        [(c.value, c.data_type, c.font.b, c.quotePrefix) for c in row]
        for row in ws.iter_rows(max_col=6)
    ]


def test_streamed_rows_read_back_like_openpyxl_cells(tmp_path: Path) -> None:
    _write(tmp_path / "openpyxl.xlsx", streamed=False)
    _write(tmp_path / "streamed.xlsx", streamed=True)
    streamed = _cells(tmp_path / "streamed.xlsx")
    assert streamed == _cells(tmp_path / "openpyxl.xlsx")
    # and what that is, spelled out for the rows that could go wrong
    assert streamed[0][:2] == [("单位", "s", False, False), ("分值", "s", False, False)]
    assert streamed[2][0] == (" leading and trailing ", "s", False, False)
    assert streamed[3][0] == ("a & b < c > d", "s", False, False)
    assert streamed[4][0] == ("line\r\nbreak\ttab", "s", False, False)
    assert streamed[4][1] == (10, "n", False, False)
    assert streamed[1][1:] == [
        (69.83, "n", False, False),
        (None, "n", False, False),
        (None, "n", False, False),
        ("合计", "s", True, False),
        ("=1+2", "s", False, True),
    ]


def test_openpyxl_rows_cannot_follow_streamed_rows(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = StreamedSheet.add_to(wb, "明细")
    ws.append(["单位"])
    ws.write_row(2, ["涪城区"])
    with pytest.raises(RuntimeError):
        ws.append(["三台县"])
    wb.save(tmp_path / "out.xlsx")
    assert [r for r in load_workbook(tmp_path / "out.xlsx")["明细"].values] == [
        ("单位",),
        ("涪城区",),
    ]
