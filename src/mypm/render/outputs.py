"""The one seam for outputs: every kind of result mypm renders, and the formats each can take.

A command's `--format` choices, what the extension of `-o FILE` selects, the library's write
functions and the help text all read this registry, so a new output format is one renderer
module and one line here. A renderer is named `module:function` and imported only when it is
used, so that `mypm --help` loads none of them. Its function takes the result and returns
text (standard output or a text file), writes a file itself (a workbook, at a temporary path
that is moved into place when whole: `(result, path, progress) -> issues`), or shows the result
on the terminal.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mypm.core.errors import OptionError, Problem
from mypm.core.messages import Msg

How = Literal["text", "file", "terminal"]


@dataclass(frozen=True)
class Format:
    """One format a kind of result can be rendered in."""

    name: str  # what --format says
    how: How  # returned as text, written to a file by its renderer, or shown on the terminal
    renderer: str  # `module:function`
    suffix: str = ""  # a file in this format ends so (-o FILE chooses it); "": no file

    def function(self) -> Callable[..., Any]:
        module, _, name = self.renderer.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Formats:
    """The formats of one kind of result, and how a command picks one."""

    formats: tuple[Format, ...]
    default: str  # without --format, and without -o (or with an -o the default can be)
    by_option: bool = True  # --format may name a file format (status's names none)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.formats]

    def named(self, name: str) -> Format:
        """The format `--format NAME` chooses (an OptionError for any other name)."""
        for candidate in self.formats:
            if candidate.name == name:
                return candidate
        choices = tuple(self.names)
        message = Msg.of("output.format_choice", fmt=name, choices=choices)
        raise OptionError([Problem("--format", message)])

    def choose(self, output: Path | None, name: str | None) -> Format:
        """`--format`, else the output's extension, else the default. An OptionError for an
        extension that names none of these formats (unless `--format` names one for an
        unusual extension, as `-o results.txt --format csv`), for one that another format of
        mypm's ends in (`status -o x.json` is no workbook), and for `--format` naming a format
        that is shown on the terminal only."""
        chosen = None if name is None else self.named(name)
        if output is None:
            return chosen or self.named(self.default)
        suffix = output.suffix.lower()
        by_suffix = next((f for f in self.formats if f.suffix and f.suffix == suffix), None)
        if (chosen or by_suffix) is None or (chosen is not None and not chosen.suffix):
            choices = tuple(f.suffix for f in self.formats if f.suffix)
            key = "output.format_unknown_or_name" if self.by_option else "output.format_unknown"
            message = Msg.of(key, suffix=output.suffix, choices=choices)
            raise OptionError([Problem(str(output), message)])
        if chosen is not None and chosen is not by_suffix and (by_suffix or suffix in SUFFIXES):
            raise OptionError([Problem(str(output), Msg.of("output.format_disagree", fmt=name))])
        return chosen or by_suffix  # type: ignore[return-value]


SCORED = Formats(
    (
        Format("xlsx", "file", "mypm.render.workbook.scored:write_scored", ".xlsx"),
        Format("json", "text", "mypm.render.report:scored_json", ".json"),
        Format("csv", "text", "mypm.render.report:scored_csv", ".csv"),
    ),
    default="xlsx",
)
EXPLANATION = Formats(
    (
        Format("text", "terminal", "mypm.render.terminal:show_explanation"),
        Format("json", "text", "mypm.render.explain:explanation_json"),
    ),
    default="text",
)
COMPARISON = Formats(
    (
        Format("text", "terminal", "mypm.render.terminal:show_comparison"),
        Format("json", "text", "mypm.render.report:comparison_json", ".json"),
        Format("xlsx", "file", "mypm.render.workbook.compare:write_comparison_workbook", ".xlsx"),
    ),
    default="text",
)
RULE_DIFF = Formats(
    (
        Format("text", "terminal", "mypm.render.terminal:show_rule_diff"),
        Format("json", "text", "mypm.render.report:rule_diff_json"),
    ),
    default="text",
)
STATUS = Formats(
    (
        Format("text", "terminal", "mypm.render.terminal:show_status"),
        Format("xlsx", "file", "mypm.render.workbook.status:write_status_workbook", ".xlsx"),
    ),
    default="text",
    by_option=False,
)
# Every extension a file mypm writes ends in: one given to another format is refused.
SUFFIXES = frozenset(
    f.suffix
    for formats in (SCORED, EXPLANATION, COMPARISON, RULE_DIFF, STATUS)
    for f in formats.formats
    if f.suffix
)
