"""The list of problems as a workbook (`--problems PATH`): one sheet per input file, so that the
office can send each certifier the list that is theirs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook

from mypm.core.errors import Problem, in_order
from mypm.render.workbook import tables
from mypm.render.workbook.save import save_verified
from mypm.text.catalogue import say, say_problem, t

_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
EXCEL_SHEET_NAME_CHARS = 31
WIDTHS = (12, 9, 60, 20, 60)
LINE_HEIGHT = 15


def write_problems(path: Path, problems: Sequence[Problem]) -> None:
    """Each file's problems on a sheet of its own, in cell order; the rest on a last sheet."""
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    by_file: dict[str, list[Problem]] = {}
    for problem in in_order(problems):
        by_file.setdefault(problem.file, []).append(problem)
    if not by_file:  # a run without problems: a sheet that says so (a workbook needs one)
        wb.create_sheet(t("problems.general")).append([t("problems.none")])
    used: set[str] = set()
    for file, listed in by_file.items():
        ws = wb.create_sheet(_sheet_title(file or t("problems.general"), used))
        headers = [
            t("problems.sheet"),
            t("problems.cell"),
            t("problems.problem"),
            t("problems.certifier"),
            t("problems.advice"),
        ]
        ws.append([t("problems.file", file=file) if file else t("problems.general_title")])
        ws.append(headers)
        for cell in ws[2]:
            tables.set_header(cell)
        for problem in listed:
            # the advice has a column of its own
            message = (
                say(problem.message) if problem.file else say_problem(replace(problem, advice=""))
            )
            row = [problem.sheet, problem.cell, message, problem.certifier, say(problem.advice)]
            ws.append([None] * len(row))
            for col, value in enumerate(row, start=1):
                cell = ws.cell(ws.max_row, col)
                tables.set_text(cell, value)
                cell.alignment = tables.WRAP_LEFT
            ws.row_dimensions[ws.max_row].height = row_height(row, WIDTHS)
        for col, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[chr(64 + col)].width = width
        ws.freeze_panes = "A3"
        ws.auto_filter.ref = f"A2:E{ws.max_row}"
        ws.print_title_rows = "2:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    save_verified(wb, path)


def row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """The height a row of wrapped texts needs: not every program works it out on opening."""
    lines = max(-(-_width(v) // int(w)) for v, w in zip(texts, widths, strict=True))
    return LINE_HEIGHT * max(lines, 1)


def _width(text: str) -> int:
    """Columns a text takes: a CJK or full-width character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet title from a file name (Excel: 31 characters, no []:*?/\\)."""
    base = _NOT_IN_SHEET_NAMES.sub("_", Path(name).stem or name)[:EXCEL_SHEET_NAME_CHARS]
    title, n = base, 1
    while title.lower() in used:
        n += 1
        suffix = f"({n})"
        title = base[: EXCEL_SHEET_NAME_CHARS - len(suffix)] + suffix
    used.add(title.lower())
    return title
