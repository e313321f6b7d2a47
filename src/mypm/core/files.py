"""File handling shared by every command: safe output paths and atomic writes.

An output is written to a temporary file beside it, named `.mypm-tmp-…`, and moved into place
only when it is whole. Without --force the move is an exclusive link, so a file that appeared
at the output path during the run is never replaced. Temporary files are removed on any
failure, on Ctrl-C, SIGTERM and SIGHUP (see cli.main), and by a later run when a killed run
left them behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import BinaryIO, TypeVar

from mypm.core.errors import InputFileError, OutputError, Problem
from mypm.core.messages import Msg, Text

T = TypeVar("T")

REPLACE_RETRIES = 5
REPLACE_WAIT_SECONDS = 0.4
TEMP_PREFIX = ".mypm-tmp-"
RUN_STARTED = time.time()  # temporary files older than this run were left by a killed run


class NotRegularFile(OSError):
    """A pipe, a device, a folder or another special file where a file is to be read."""


class FileTooLarge(OSError):
    """A file over the size limit for what it is meant to be."""


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; a FIFO or a device is refused without waiting on it
    (a FIFO opened without O_NONBLOCK would wait for a writer for ever)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refused by its size before reading and never read past `limit`
    (the file may grow meanwhile)."""
    with open_regular(path) as file:
        if os.fstat(file.fileno()).st_size > limit:
            raise FileTooLarge(errno.EFBIG, "file too large", str(path))
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(errno.EFBIG, "file too large", str(path))
    return data


def read_input_file(path: Path, limit: int) -> bytes:
    """`read_bounded`, with each failure as a usage error that says what to do."""

    def fail(message: Text) -> InputFileError:
        return InputFileError([Problem(str(path), message)])

    try:
        return read_bounded(path, limit)
    except FileNotFoundError as exc:
        raise fail(Msg.of("input.missing")) from exc
    except PermissionError as exc:
        raise fail(Msg.of("input.locked")) from exc
    except NotRegularFile as exc:
        raise fail(Msg.of("input.not_regular")) from exc
    except FileTooLarge as exc:
        raise fail(Msg.of("input.too_big", limit=limit // (1024 * 1024))) from exc
    except OSError as exc:
        raise fail(Msg.of("input.unreadable", error=exc.strerror or str(exc))) from exc


def check_output_path(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output that is a file the command reads (under any spelling, symlink or hard
    link), or that exists when --force was not given."""
    if _is_any_of(path, inputs):
        raise OutputError([Problem(str(path), Msg.of("output.is_input"))])
    if path.exists() and not force:
        raise OutputError([Problem(str(path), Msg.of("output.exists"))])
    if not path.parent.is_dir():
        raise OutputError([Problem(str(path), Msg.of("output.no_folder", folder=str(path.parent)))])


def _is_any_of(path: Path, inputs: Iterable[Path]) -> bool:
    """True when `path` names the same file as one of `inputs` (same device and inode)."""
    try:
        target = path.stat()
    except OSError:  # nothing there yet (or a dangling link): it cannot be an input
        return False
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samestat(target, source.stat()):
                return True
    return False


def write_atomically(path: Path, write: Callable[[Path], T], *, force: bool) -> T:
    """Write to a temporary file beside `path`, then move it into place: never a half file.

    Without `force` the move refuses to replace a file that appeared meanwhile; with it, the
    replaced file's permissions are kept. A new file gets the permissions the umask allows.
    """
    remove_stale_temporaries(path.parent)
    # The name is chosen before the file is made, so that a signal at any moment finds it to
    # remove; with 64 random bits it is never anyone else's file.
    temporary = path.parent / f"{TEMP_PREFIX}{secrets.token_hex(8)}{path.suffix}"
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        result = write(temporary)
        _set_mode(temporary, path)
        if force:
            _replace(temporary, path)
        else:
            _move_exclusively(temporary, path)
    except OSError as exc:  # disk full, folder not writable, …
        _remove(temporary)
        raise OutputError([Problem(str(path), Msg.of("output.failed", error=str(exc)))]) from exc
    except BaseException:
        _remove(temporary)
        raise
    return result


def new_file_mode() -> int:
    """The permissions a new file gets from the user's umask (0644 under the usual 022)."""
    return 0o666 & ~_umask()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove mypm's own temporary files that an earlier, killed run left in `folder`."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < RUN_STARTED:
                        os.unlink(entry.path)


def _set_mode(temporary: Path, target: Path) -> None:
    """The replaced file's permissions, or those the umask gives a new file."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = new_file_mode()
    os.chmod(temporary, mode)


def _remove(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink()


def _move_exclusively(source: Path, target: Path) -> None:
    """Move `source` to `target` only if nothing is there: a hard link fails if `target` exists.

    On a file system without hard links, an exclusive create claims the name first.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise OutputError([Problem(str(target), Msg.of("output.exists"))]) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            raise OutputError([Problem(str(target), Msg.of("output.exists"))]) from None
        try:
            _replace(source, target)
        except BaseException:
            _remove(target)  # the empty file that claimed the name, never someone else's
            raise
        return
    _remove(source)


def _replace(source: Path, target: Path) -> None:
    # On Windows a target open in Excel is locked; it is often closed a moment later.
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES - 1:
                raise OutputError([Problem(str(target), Msg.of("output.locked"))]) from None
            time.sleep(REPLACE_WAIT_SECONDS)


def write_folder_atomically(path: Path, files: Mapping[str, str]) -> None:
    """Write `files` (relative path → text) into a new folder beside `path`, then move it into
    place; a folder already there is replaced only when it holds nothing but such files."""
    if path.exists():
        strangers = [p for p in path.rglob("*") if p.is_file() and p.suffix != ".html"]
        if not path.is_dir() or strangers:
            shown = str(strangers[0]) if strangers else str(path)
            raise OutputError([Problem(shown, Msg.of("output.folder_not_ours", folder=str(path)))])
    try:
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}-"))
    except OSError as exc:
        raise OutputError([Problem(str(path), Msg.of("output.failed", error=str(exc)))]) from exc
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
            raise OutputError(
                [Problem(str(path), Msg.of("output.failed", error=str(exc)))]
            ) from exc
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    """The user's umask (read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
