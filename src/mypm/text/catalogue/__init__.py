"""The zh/en message catalogue and the language choice (default from LANG; Chinese otherwise).

The messages live in one module an area (rules, problems, labels, workbook, publish …); this
module puts them together and says them, in the run's language (`mypm.text.vocabulary` holds
the choice, one per thread: a library caller may score in Chinese and in English at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mypm.core.messages import Msg, Text
from mypm.text.catalogue import (
    appeals,
    compare,
    diff,
    evidence,
    explain,
    help,
    labels,
    problems,
    publish,
    rules,
    season,
    workbook,
)
from mypm.text.vocabulary import Lang as Lang  # the language API, from the bottom layer
from mypm.text.vocabulary import language as language
from mypm.text.vocabulary import set_language as set_language

if TYPE_CHECKING:
    from mypm.core.errors import Problem
    from mypm.core.results import Shown, Source


def join(items: Iterable[str]) -> str:
    """Names as a list in the current language: 甲、乙 or A, B."""
    return t("list.separator").join(items)


def aside(text: object, remark: object) -> str:
    """A name with a remark in brackets: 组织管理体系（4）, or 组织管理体系 (4) in English."""
    return t("label.aside", text=text, aside=remark)


def plural(count: int) -> str:
    """The English plural ending for `count` things ("" or "s"), as the `{s}` of a message."""
    return "" if count == 1 else "s"


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    zh, en = CATALOGUE[key]
    return (zh if language() == "zh" else en).format(**params)


def place(source: Source) -> str:
    """A cell as people read it: `file › sheet › cell` (`file > sheet > cell` in English)."""
    return t("problem.location", file=source.file, sheet=source.sheet, cell=source.cell)


# Parameters a problem names whole however long they are: where the user's files are, and what
# the system said. Every other text a problem quotes (a unit's name, a cell's content, a label)
# is cut to QUOTE_CHARS, so that a 32,767-character name is not repeated in an error line.
WHOLE = frozenset({"path", "file", "files", "folder", "rules", "sources", "where", "error"})


def say(text: Text, *, quoting: bool = False) -> str:
    """A message in the current language; text already localised is given back as it is.
    `quoting`: the message is a problem's, and quotes what the user typed at most
    QUOTE_CHARS long."""
    if isinstance(text, str):
        return text
    if text.key == "problem.unit":  # `unit · message`, unless the message begins with the unit
        unit = _said(text.param("unit"), quoting)
        message = say(text.param("message"), quoting=quoting)  # type: ignore[arg-type]
        if message.startswith(str(unit)):
            return message
    params = {name: _said(value, quoting and name not in WHOLE) for name, value in text.params}
    if "count" in params and isinstance(params["count"], int):
        params.setdefault("s", plural(params["count"]))
    return t(text.key, **params)


def say_value(value: Shown) -> str:
    """An input as shown, in the current language: a yes/no answer as 是/否 or yes/no."""
    if isinstance(value, bool):
        return t("label.yes" if value else "label.no")
    return value


def _said(value: object, quoting: bool = False) -> object:
    """A message's parameter as it goes into the sentence (`quoting`: cut to QUOTE_CHARS)."""
    from mypm.core.results import Source  # here, so that `mypm --help` does not load the records
    from mypm.core.values import shorten

    if isinstance(value, bool):  # a yes/no answer
        return say_value(value)
    if isinstance(value, Msg):
        return say(value, quoting=quoting)
    if isinstance(value, Source):  # every cell is named one way
        return place(value)
    if isinstance(value, tuple):
        return join(str(_said(v, quoting)) for v in value)
    return shorten(value) if quoting and isinstance(value, str) else value


def problem_place(problem: Problem) -> str:
    """Where a problem is, in the current language: its cell, or its `where` as given."""
    from mypm.core.results import Source

    if problem.where or not problem.cell:
        return problem.where
    return place(Source(problem.file, problem.sheet, problem.cell))


def say_problem(problem: Problem) -> str:
    """A problem as one line in the current language: where, what, then what to do.

    Every renderer that shows a problem whole (terminal, --problems list, status) uses this.
    """
    message = say(problem.message, quoting=True)
    if problem.advice:
        advice = say(problem.advice, quoting=True)
        message = t("problem.advice", message=message, advice=advice)
    where = problem_place(problem)
    return t("problem.where", where=where, message=message) if where else message


AREAS = (
    rules,
    problems,
    compare,
    diff,
    workbook,
    labels,
    explain,
    publish,
    help,
    season,
    evidence,
    appeals,
)
CATALOGUE: dict[str, tuple[str, str]] = {
    key: words for area in AREAS for key, words in area.MESSAGES.items()
}
