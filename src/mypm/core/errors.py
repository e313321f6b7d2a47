"""The few exception types mypm raises; cli.py turns them into messages and exit codes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mypm.core.messages import Msg, Text

_CELL = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True)
class Problem:
    """One located problem: in a workbook `file`, `sheet` and `cell` say where (and group the
    problems in cell order); elsewhere `where` does (`file:line:col`, `--kind`, a path).

    `message` and `advice` (what to do) are said in the user's language when shown, by
    `mypm.text.catalogue.say_problem`; `certifier` is who can do it (from the rules).
    """

    where: str
    message: Text
    advice: Text = ""
    certifier: str = ""
    file: str = ""
    sheet: str = ""
    cell: str = ""

    def order(self) -> tuple[bool, str, str, int, int, str]:
        """Workbook problems first, by file, sheet, then row and column; the rest after."""
        row, col = cell_order(self.cell)
        return (not self.file, self.file, self.sheet, row, col, self.where)


def cell_order(cell: str) -> tuple[int, int]:
    """(row, column) of `B12` or of the first cell of `B12:D12`; (0, 0) for none."""
    match = _CELL.match(cell)
    if not match:
        return (0, 0)
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return (int(match.group(2)), col)


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Grouped by file, then sheet, in cell order; each problem once."""
    return sorted(dict.fromkeys(problems), key=Problem.order)


class MypmError(Exception):
    """An error the user can fix; carries every problem found, not just the first.

    Its own str() is the problems as data: cli.py says them in the user's language.
    """

    exit_code = 1

    def __init__(self, problems: Sequence[Problem] | Text) -> None:
        if isinstance(problems, str | Msg):
            problems = [Problem("", problems)]
        self.problems = list(problems)
        self.listed_at: Path | None = None  # where --problems wrote them, if it did
        super().__init__(*self.problems)


class RulesError(MypmError):
    """A rule file is unreadable or invalid."""


class WorkbookError(MypmError):
    """A workbook holds bad, missing or conflicting data."""


class InputFileError(MypmError):
    """An input path is unusable: missing, locked, or not an .xlsx workbook (a usage error)."""

    exit_code = 2


class OutputError(MypmError):
    """The output cannot be written where asked (exists, is an input, is locked)."""

    exit_code = 2


class Incomplete(MypmError):
    """`mypm status` found something missing, conflicting or unreadable (already shown): exit 1."""


class OptionError(MypmError):
    """An option names something that does not exist (a kind, a certifier): a usage error."""

    exit_code = 2


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so temporary files are removed."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signum)
