"""Where a run may write: never over a file it reads, never over an existing file without
`--force`, never into a folder that does not exist. Checked before anything is read or
written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mypm.core.errors import OutputError, Problem
from mypm.core.files import check_output_path
from mypm.core.messages import Msg
from mypm.core.rules import bundled_rules_dir
from mypm.core.rules.loader import rule_files_in


def files_read(
    rules: Path | None, units: Path | None, workbooks: Sequence[Path] = ()
) -> list[Path]:
    """Every file a run reads: the workbooks (each file of a folder), the rule files (of
    `rules`, else the bundled ones) and the unit list. None of them may be an output."""
    found = [p for w in workbooks for p in (sorted(w.iterdir()) if w.is_dir() else [w])]
    found += rule_files_in(rules or bundled_rules_dir())
    return [*found, units] if units is not None else found


def check_outputs(
    outputs: Sequence[Path | None], *, force: bool, reads: Sequence[Path] = ()
) -> None:
    """Refuse an output that is one of the files read, that exists (without `force`), whose
    folder does not exist, or that another output of the run names too (OutputError)."""
    given = [output for output in outputs if output is not None]
    for number, output in enumerate(given):
        if any(_same(output, earlier) for earlier in given[:number]):
            raise OutputError([Problem(str(output), Msg.of("output.twice"))])
        check_output_path(output, force=force, inputs=reads)


def _same(a: Path, b: Path) -> bool:
    """Two spellings of one path (before either exists), or two names of one file."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.samefile(b)
    except OSError:
        return False
