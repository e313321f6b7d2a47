"""The list of problems as a workbook (`--problems PATH`): one sheet per input file, so that the
office can send each certifier the list that is theirs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mypm.core.errors import Problem, in_order
from mypm.render.workbook.xlsx import (
    FONT,
    Book,
    list_header,
    list_row,
    set_up_page,
    sheet_name,
)
from mypm.text.catalogue import say, say_problem, t

WIDTHS = (10, 6, 40, 14, 40)  # sheet, cell, problem, certifier, what to do: A4's width


def write_problems(path: Path, problems: Sequence[Problem]) -> None:
    """Each file's problems on a sheet of its own, in cell order; the rest on a last sheet."""
    book = Book(path)
    by_file: dict[str, list[Problem]] = {}
    for problem in in_order(problems):
        by_file.setdefault(problem.file, []).append(problem)
    if not by_file:  # a run without problems: a sheet that says so (a workbook needs one)
        ws = book.add_sheet(t("problems.general"))
        book.text(ws, 0, 0, t("problems.none"), FONT)
        set_up_page(ws, paper="a4", header=t("problems.title"))
    used: set[str] = set()
    for file, listed in by_file.items():
        ws = book.add_sheet(sheet_name(Path(file).stem or file or t("problems.general"), used))
        title = t("problems.file", file=file) if file else t("problems.general_title")
        book.text(ws, 0, 0, title, FONT)
        headers = [
            t("problems.sheet"),
            t("problems.cell"),
            t("problems.problem"),
            t("problems.certifier"),
            t("problems.advice"),
        ]
        list_header(book, ws, headers, WIDTHS, header=title, row=1)
        for row, problem in enumerate(listed, start=2):
            # the advice has a column of its own
            message = (
                say(problem.message) if problem.file else say_problem(replace(problem, advice=""))
            )
            texts = [problem.sheet, problem.cell, message, problem.certifier, say(problem.advice)]
            list_row(book, ws, row, texts, WIDTHS)
        ws.autofilter(1, 0, len(listed) + 1, len(headers) - 1)
    book.set_metadata({}, title=t("problems.title"))
    book.close()
