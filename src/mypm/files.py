"""File handling shared by every command: safe output paths and atomic writes."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
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
    return 0o666 & ~_umask()


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


def write_folder_atomically(path: Path, files: Mapping[str, str]) -> None:
    """Write `files` (relative path → text) into a new folder beside `path`, then move it into
    place; a folder already there is replaced only when it holds nothing but such files."""
    if path.exists():
        strangers = [p for p in path.rglob("*") if p.is_file() and p.suffix != ".html"]
        if not path.is_dir() or strangers:
            shown = str(strangers[0]) if strangers else str(path)
            raise OutputError([Problem(shown, t("output.folder_not_ours", folder=path))])
    try:
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}-"))
    except OSError as exc:
        raise OutputError([Problem(str(path), t("output.failed", error=exc))]) from exc
    old = temporary.with_name(f"{temporary.name}-old")
    try:
        temporary.chmod(0o777 & ~_umask())  # mkdtemp makes a private folder; publish a normal one
        for name, text in files.items():
            target = temporary / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if path.exists():  # a folder cannot be replaced in one step on Windows
            path.rename(old)
        temporary.rename(path)
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if old.exists() and not path.exists():
            old.rename(path)
        if isinstance(exc, OSError):
            raise OutputError([Problem(str(path), t("output.failed", error=exc))]) from exc
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    """The user's umask (read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
