"""Reading a review form (审核表) back: each row the office decided on, with the cell it is in.
Columns are found by their position (the form's own, REVIEW_COLUMNS); the decision is 接受 or
更正 (or accept/correct); a row without a decision is still pending and is passed over."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mypm.core.errors import InputFileError, Problem, WorkbookError
from mypm.core.messages import Msg, number
from mypm.core.results import Source
from mypm.core.values import is_blank
from mypm.read.entries import InputWorkbook
from mypm.read.ooxml import column_letters
from mypm.text.vocabulary import REVIEW_COLUMNS, REVIEW_VERDICTS, SHEETS

MAX_ROWS = 100_000  # a unit a field: far more than any season has


@dataclass(frozen=True)
class ReviewRow:
    unit: str
    key: str
    verdict: str  # accept or correct
    value: str | None  # the corrected value as typed; None when blank
    reason: str
    source: Source  # the decision's cell


def read_review_form(book: InputWorkbook) -> list[ReviewRow]:
    """The decided rows of a review form; a decision that is neither 接受 nor 更正 is a
    WorkbookError naming its cell (every one at once)."""
    sheet = next((s for s in book.package.sheets if s.title in SHEETS["review"]), None)
    if sheet is None:
        raise InputFileError([Problem(str(book.path), Msg.of("review.form_not_a_form"))])
    column = {name: i + 1 for i, name in enumerate(REVIEW_COLUMNS)}
    words = {w.casefold(): v for v, both in REVIEW_VERDICTS.items() for w in both}
    found, problems = [], []
    for row in book.package.rows(sheet):
        if row.number == 1 or row.number > MAX_ROWS:
            continue
        cells = {c: _text(cell.value) for c, cell in row.cells.items()}
        verdict = cells.get(column["verdict"], "")
        if not verdict:
            continue
        cell = f"{column_letters(column['verdict'])}{row.number}"
        where = Source(book.path.name, sheet.title, cell)
        if verdict.casefold() not in words:
            problems.append(where.problem(Msg.of("review.form_verdict", text=verdict)))
            continue
        value = cells.get(column["value"], "")
        found.append(
            ReviewRow(
                cells.get(column["unit"], ""),
                cells.get(column["key"], ""),
                words[verdict.casefold()],
                value or None,
                cells.get(column["reason"], ""),
                where,
            )
        )
    if problems:
        raise WorkbookError(problems)
    return found


def _text(value: object) -> str:
    """A cell as the text a command line would give: numbers without a trailing .0."""
    if is_blank(value):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(Decimal(str(value)))
    return str(value).strip()
