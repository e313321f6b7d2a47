"""The streamed 明细 rows read back exactly as openpyxl's own write-only cells would."""

from __future__ import annotations

import zipfile
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
    pairs = list(zip(TEXTS, NUMBERS * 2, strict=False))
    if streamed:
        rows: list[list[object]] = []
        ws = StreamedSheet.add_to(wb, "明细", iter(rows), len(pairs))
    else:
        ws = wb.create_sheet("明细")
    ws.append(["单位", "分值"])
    bold = _bold(ws)
    quoted = _quoted(ws, "=1+2")
    for text, figure in pairs:
        if streamed:
            quote = Styled(quoted.value, quoted.style_id)
            rows.append([text, figure, None, "", Styled("合计", bold.style_id), quote])
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
    with zipfile.ZipFile(tmp_path / "streamed.xlsx") as archive:  # Excel trims text without it
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<t xml:space="preserve"> leading and trailing </t>' in xml
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


def test_a_sheet_given_fewer_rows_than_promised_fails_instead_of_saving(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    StreamedSheet.add_to(wb, "明细", iter([["涪城区"]]), 2).append(["单位"])
    with pytest.raises(RuntimeError, match="明细: 1 rows, not 2"):
        wb.save(tmp_path / "out.xlsx")
