"""The collection status as a workbook (`mypm status -o status.xlsx`): the matrix, one sheet
per certifier listing what is still missing from them, and the problems."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mypm.jobs.status import CollectionStatus
from mypm.render.terminal import certifier_name, status_cell
from mypm.render.workbook import tables
from mypm.render.workbook.problems import row_height
from mypm.render.workbook.save import save_verified
from mypm.text.catalogue import place, problem_place, say, t

STATE_FILLS = {
    "complete": PatternFill("solid", fgColor="C6EFCE"),
    "partial": PatternFill("solid", fgColor="FFEB9C"),
    "missing": PatternFill("solid", fgColor="FFC7CE"),
}
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31
PROBLEM_WIDTHS = (22, 40, 70, 50)  # kind, place, problem, what to do


def write_status_workbook(path: Path, status: CollectionStatus) -> None:
    wb = Workbook()
    matrix = wb.active
    matrix.title = t("status.sheet_matrix")
    names = [certifier_name(status, c) for c in status.certifiers]
    rules = status.rule_file.rules
    header = t("status.title", title=rules.title, files=status.files)
    _header(matrix, [t("label.unit"), *names], [18] + [14] * len(names), header)
    for row, unit in enumerate(status.units, start=2):
        tables.set_text(matrix.cell(row, 1), unit)
        for col, certifier in enumerate(status.certifiers, start=2):
            cell = status.matrix[(unit, certifier)]
            target = matrix.cell(row, col, status_cell(cell))
            target.alignment = tables.WRAP_CENTER
            if cell.state in STATE_FILLS:
                target.fill = STATE_FILLS[cell.state]
    matrix.freeze_panes = "B2"
    used = {matrix.title}
    for certifier, name in zip(status.certifiers, names, strict=True):
        ws = wb.create_sheet(_sheet_title(name, used))
        _header(
            ws,
            [t("label.unit"), t("label.item"), t("label.key"), t("label.cell")],
            [18, 40, 30, 50],
            header,
        )
        for row, item in enumerate(status.missing[certifier], start=2):
            where = place(item.where) if item.where else t("status.no_cell")
            for col, text in enumerate((item.unit, item.label, item.key, where), start=1):
                tables.set_text(ws.cell(row, col), text)
        if not status.missing[certifier]:  # a printed page says so, rather than bare headers
            tables.set_text(ws.cell(2, 1), t("status.nothing_missing"))
    problems = [
        (t(key, count=len(found)).rstrip("：:"), problem)
        for key, found in (
            ("status.conflicts", status.conflicts),
            ("status.unreadable", status.unreadable),
            ("status.unrecognised", status.unrecognised),
            ("status.problems", status.problems),
        )
        for problem in found
    ]
    if problems:
        ws = wb.create_sheet(_sheet_title(t("status.sheet_problems"), used))
        labels = [t("status.kind"), t("label.source"), t("label.message"), t("problems.advice")]
        _header(ws, labels, PROBLEM_WIDTHS, header)
        for row, (kind, problem) in enumerate(problems, start=2):
            texts = (kind, problem_place(problem), say(problem.message), say(problem.advice))
            for col, text in enumerate(texts, start=1):
                tables.set_text(ws.cell(row, col), text)
                ws.cell(row, col).alignment = tables.WRAP_LEFT  # a printed page shows all of it
            ws.row_dimensions[row].height = row_height(texts, PROBLEM_WIDTHS)
    save_verified(wb, path)


def _header(ws: Worksheet, labels: Sequence[str], widths: Sequence[float], header: str) -> None:
    for col, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(1, col)
        tables.set_text(cell, label)
        tables.set_header(cell)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.row_dimensions[1].height = 32
    tables.set_up_page(ws, paper="a4", header=header.replace("&", "&&"), fit_width=True)


def _sheet_title(name: str, used: set[str]) -> str:
    """A certifier's name as an Excel sheet name: no []:*?/\\, at most 31 characters, unique."""
    base = _NOT_IN_SHEET_NAMES.sub("_", name)[:MAX_SHEET_NAME] or "_"
    title, n = base, 2
    while title.casefold() in {u.casefold() for u in used}:
        suffix = f"({n})"
        title, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    used.add(title)
    return title
