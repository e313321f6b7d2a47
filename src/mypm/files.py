"""File handling shared by every command: safe output paths and atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from mypm.errors import OutputError, Problem
from mypm.i18n import t

T = TypeVar("T")

REPLACE_RETRIES = 5
REPLACE_WAIT_SECONDS = 0.4


def check_output_path(path: Path, *, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Refuse an output that is one of the inputs, or that exists when --force was not given."""
    resolved = path.resolve()
    if any(resolved == p.resolve() for p in inputs):
        raise OutputError([Problem(str(path), t("output.is_input"))])
    if path.exists() and not force:
        raise OutputError([Problem(str(path), t("output.exists"))])
    if not path.parent.is_dir():
        raise OutputError([Problem(str(path), t("output.no_folder", folder=path.parent))])


def write_atomically(path: Path, write: Callable[[Path], T]) -> T:
    """Write to a temporary file beside `path`, then move it into place: never a half file."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    except OSError as exc:
        raise OutputError([Problem(str(path), t("output.failed", error=exc))]) from exc
    os.close(fd)
    temporary = Path(name)
    try:
        result = write(temporary)
        os.chmod(temporary, new_file_mode())  # mkstemp makes 0600: colleagues could not open it
        _replace(temporary, path)
    except OSError as exc:  # disk full, folder not writable, …
        _remove(temporary)
        raise OutputError([Problem(str(path), t("output.failed", error=exc))]) from exc
    except BaseException:
        _remove(temporary)
        raise
    return result


def new_file_mode() -> int:
    """The permissions a new file gets from the user's umask (0644 under the usual 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


def _replace(source: Path, target: Path) -> None:
    # On Windows a target open in Excel is locked; it is often closed a moment later.
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES - 1:
                raise OutputError([Problem(str(target), t("output.locked"))]) from None
            time.sleep(REPLACE_WAIT_SECONDS)
