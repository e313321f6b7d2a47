"""The few exception types mypm raises; cli.py turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem: `where` is `file:line:col` or `file › sheet › cell`."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class MypmError(Exception):
    """An error the user can fix; carries every problem found, not just the first."""

    exit_code = 1

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
