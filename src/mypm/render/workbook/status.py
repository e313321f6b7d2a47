"""The collection status as a workbook (`mypm status -o status.xlsx`): the matrix with a line
for the certifiers who sent nothing and those who owe nothing, one sheet per certifier who
returned forms with cells still blank, the problems, and in a season what it still waits for
beyond the forms: the evidence each unit owes (缺佐证) and the claims not yet reviewed (待审核)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mypm.jobs.status import CollectionStatus
from mypm.render.labels import certifier_name, missing_place, status_cell
from mypm.render.workbook import page
from mypm.render.workbook.xlsx import (
    FONT,
    WRAP_CENTER,
    WRAP_LEFT_CENTER,
    Book,
    list_header,
    list_row,
    sheet_name,
)
from mypm.text.catalogue import join, place, problem_place, say, t

if TYPE_CHECKING:
    from mypm.season.review import Outstanding

STATE_FILLS = {"complete": "#C6EFCE", "partial": "#FFEB9C", "missing": "#FFC7CE"}
# Columns that add up to A4's width (`page.LANDSCAPE_WIDTH`), so that the lists print at 100 %
UNIT_WIDTH = 16
MISSING_WIDTHS = (UNIT_WIDTH, 56, 38)  # unit, item, cell
PROBLEM_WIDTHS = (16, 28, 36, 30)  # kind, place, problem, what to do
UNPROVEN_WIDTHS = (UNIT_WIDTH, 44, 22, 28)  # unit, item, what the guide asks, where it goes
PENDING_WIDTHS = (UNIT_WIDTH, 44, 12, 38)  # unit, item, the claim, its cell


def write_status_workbook(
    path: Path, status: CollectionStatus, owed: Outstanding | None = None
) -> None:
    book = Book(path)
    names = [certifier_name(status, c) for c in status.certifiers]
    rules = status.rule_file.rules
    header = t("status.title", title=rules.title, files=status.files)
    used: set[str] = set()
    matrix = book.add_sheet(sheet_name(t("status.sheet_matrix"), used))
    labels = [t("label.unit"), *names]
    # a certifier's column: A4's width shared, 14 at the most
    share = (page.LANDSCAPE_WIDTH["a4"] - UNIT_WIDTH) / max(len(names), 1)
    widths = [UNIT_WIDTH] + [min(14.0, share)] * len(names)
    list_header(book, matrix, labels, widths, header=header, frozen_cols=1)
    for row, unit in enumerate(status.units, start=1):
        book.text(matrix, row, 0, unit, FONT, WRAP_LEFT_CENTER)
        texts = [unit]
        for col, certifier in enumerate(status.certifiers, start=1):
            cell = status.matrix[(unit, certifier)]
            fill = {"bg_color": STATE_FILLS[cell.state]} if cell.state in STATE_FILLS else {}
            texts.append(status_cell(cell))
            book.text(matrix, row, col, texts[-1], FONT, WRAP_CENTER, fill)
        page.fit_row(matrix, row, texts, widths)
    # a certifier who sent nothing is 未交 and one who owes nothing 无缺项, each on a line under
    # the matrix; the others get a sheet of the cells still blank in the forms they returned
    sent_nothing, owing = status.sent_nothing, status.owing
    done = [c for c in status.certifiers if c not in sent_nothing and c not in owing]
    row = len(status.units) + 2
    for key, which in (("status.sent_nothing", sent_nothing), ("status.owe_nothing", done)):
        if which:
            names_of = [certifier_name(status, c) for c in which]
            book.text(matrix, row, 0, t(key, names=join(names_of)), FONT)
            row += 1
    for certifier in owing:
        ws = book.add_sheet(sheet_name(certifier_name(status, certifier), used))
        labels = [t("label.unit"), t("label.item"), t("label.cell")]
        list_header(book, ws, labels, MISSING_WIDTHS, header=header)
        for row, item in enumerate(status.missing[certifier], start=1):
            where = missing_place(item, t("status.no_cell"))
            list_row(book, ws, row, [item.unit, item.label, where], MISSING_WIDTHS)
    if owed is not None and owed.unproven:  # chased from the units like a blank cell
        ws = book.add_sheet(sheet_name(t("status.sheet_unproven"), used))
        labels = [t("label.unit"), t("label.item"), t("label.asked"), t("label.deliver_to")]
        list_header(book, ws, labels, UNPROVEN_WIDTHS, header=header)
        for row, owes in enumerate(owed.unproven, start=1):
            asked = t("status.unproven_asked", asked=join(owes.asked))
            texts = [owes.unit, owes.label, asked, owes.folder]
            list_row(book, ws, row, texts, UNPROVEN_WIDTHS)
    if owed is not None and owed.pending:
        ws = book.add_sheet(sheet_name(t("status.sheet_pending"), used))
        labels = [t("label.unit"), t("label.item"), t("label.claim"), t("label.cell")]
        list_header(book, ws, labels, PENDING_WIDTHS, header=header)
        for row, claim in enumerate(owed.pending, start=1):
            where = place(claim.source) if claim.source else ""
            texts = [claim.unit, claim.leaf.label, claim.shown, where]
            list_row(book, ws, row, texts, PENDING_WIDTHS)
    problems = [
        (t(key, count=len(found)).rstrip(t("label.colon")), problem)
        for key, found in (
            ("status.conflicts", status.conflicts),
            ("status.unreadable", status.unreadable),
            ("status.unrecognised", status.unrecognised),
            ("status.problems", status.problems),
            ("status.notes", [note.as_problem() for note in status.notes]),
        )
        for problem in found
    ]
    if problems:
        ws = book.add_sheet(sheet_name(t("status.sheet_problems"), used))
        labels = [t("status.kind"), t("label.source"), t("label.message"), t("problems.advice")]
        list_header(book, ws, labels, PROBLEM_WIDTHS, header=header)
        for row, (kind, problem) in enumerate(problems, start=1):
            texts = [kind, problem_place(problem), say(problem.message), say(problem.advice)]
            list_row(book, ws, row, texts, PROBLEM_WIDTHS)
    book.set_metadata({}, title=header)
    book.close()
