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
import hashlib
import itertools
import os
import re
import secrets
import shutil
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO, TypeVar

from mypm.core.errors import InputFileError, OutputError, Problem
from mypm.core.messages import Msg, Text

T = TypeVar("T")
_written: ContextVar[list[Path] | None] = ContextVar("mypm_written", default=None)

REPLACE_RETRIES = 5
REPLACE_WAIT_SECONDS = 0.4
TEMP_PREFIX = ".mypm-tmp-"  # then the writing process's id and a random token
RUN_STARTED = time.time()  # temporary files older than this run were left by a killed run
STALE_SECONDS = 3600  # … or by a run still writing, unless its process is gone or it is this old
REPLACED = "old"  # in a set's temporary folder: the files a --force run replaced, kept aside


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


def file_sha256(path: Path) -> str:
    """The sha256 of a regular file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open_regular(path) as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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


@contextlib.contextmanager
def outputs_recorded() -> Iterator[list[Path]]:
    """Within it, every output written whole (file, folder or set of files) is added to the list
    it gives: what a run that fails later did write after all."""
    paths: list[Path] = []
    token = _written.set(paths)
    try:
        yield paths
    finally:
        _written.reset(token)


def _record(path: Path) -> None:
    recorded = _written.get()
    if recorded is not None:
        recorded.append(path)


def write_atomically(path: Path, write: Callable[[Path], T], *, force: bool) -> T:
    """Write to a temporary file beside `path`, then move it into place: never a half file.

    Without `force` the move refuses to replace a file that appeared meanwhile; with it, the
    replaced file's permissions are kept. A new file gets the permissions the umask allows.
    """
    remove_stale_temporaries(path.parent)
    temporary = path.parent / f"{_temporary_name()}{path.suffix}"
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
        raise _failed(path, exc) from exc
    except BaseException:
        _remove(temporary)
        raise
    _record(path)
    return result


def new_file_mode() -> int:
    """The permissions a new file gets from the user's umask (0644 under the usual 022)."""
    return 0o666 & ~_umask()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove mypm's own temporary files and folders that an earlier, killed run left in
    `folder`: made before this run started, by a process that is gone (or, where that cannot be
    told, over STALE_SECONDS ago), so that another run's work in progress is never touched. A
    folder holding files a run replaced (`old`) is kept: they are the office's earlier files.
    A link is never followed."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(TEMP_PREFIX) or entry.is_symlink():
                continue
            with contextlib.suppress(OSError):
                if not _stale(entry.name, entry.stat(follow_symlinks=False).st_mtime):
                    continue
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)
                elif not entry.name.endswith(f"-{REPLACED}") and not os.path.isdir(
                    os.path.join(entry.path, REPLACED)
                ):
                    shutil.rmtree(entry.path)


def _temporary_name() -> str:
    """A temporary's name: chosen before it is made, so that a signal at any moment finds it to
    remove; with 64 random bits it is never anyone else's."""
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"


def _stale(name: str, modified: float) -> bool:
    if modified >= RUN_STARTED:
        return False
    pid, _, _ = name.removeprefix(TEMP_PREFIX).partition("-")
    if pid.isdigit() and os.name == "posix" and int(pid) != os.getpid():
        try:
            os.kill(int(pid), 0)  # signal 0 asks whether the process is there; it sends nothing
        except ProcessLookupError:
            return True
        except PermissionError:  # another user's live process
            return False
        else:
            return False
    return modified < time.time() - STALE_SECONDS


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


MARKER = ".mypm-written"  # in a folder mypm wrote whole: every file it wrote there, one a line
MAX_NAME_CHARS = 100  # a file name mypm chooses: Windows paths are at most 260 characters
MAX_NAME_BYTES = 255  # and Linux names 255 bytes of UTF-8 (85 Chinese characters)


def unique_file_names(stems: Sequence[str], suffix: str) -> list[str]:
    """File names for `stems`, in order: characters Windows refuses replaced, at most
    MAX_NAME_CHARS characters and MAX_NAME_BYTES bytes long with the suffix, and no two the same
    once case and Unicode forms are folded (as Windows and macOS compare them): a repeated name
    gets -2, -3, … ."""
    names: list[str] = []
    taken: set[str] = set()
    for stem in stems:
        clean = _NOT_IN_FILE_NAMES.sub("_", stem).strip(" .") or "_"
        head, dot, tail = clean.partition(".")
        if head.upper() in _RESERVED_ON_WINDOWS:  # CON, AUX, COM1 … name devices on Windows,
            clean = f"{head}_{dot}{tail}"  # with any extension
        for number in itertools.count(1):
            tail = f"-{number}{suffix}" if number > 1 else suffix
            name = _shortened(clean, tail)
            if _folded(name) not in taken:
                break
        taken.add(_folded(name))
        names.append(name)
    return names


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _shortened(stem: str, tail: str) -> str:
    """`stem` cut so that it and `tail` fit MAX_NAME_CHARS characters and MAX_NAME_BYTES
    bytes of UTF-8, then `tail`."""
    stem = stem[: MAX_NAME_CHARS - len(tail)]
    room = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    while len(stem.encode("utf-8")) > room:
        stem = stem[:-1]
    return stem.rstrip(" .") + tail


_RESERVED_ON_WINDOWS = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def write_folder_atomically(
    path: Path, files: Mapping[str, str], *, force: bool, inputs: Sequence[Path] = ()
) -> None:
    """Write `files` (relative path → text) as the folder `path`, whole or not at all.

    The folder is written beside `path` under a temporary name and renamed into place, with a
    marker listing its files. Without `force` nothing may be at `path` (a folder another run put
    there meanwhile is not replaced); with it, only a folder that mypm wrote whole (its marker
    lists every file in it) is replaced, and never one that holds an input.
    """
    if path.exists() or path.is_symlink():
        _check_replaceable(path, force=force, inputs=inputs)
    remove_stale_temporaries(path.parent)
    temporary = path.parent / _temporary_name()
    old = temporary.with_name(f"{temporary.name}-{REPLACED}")
    try:
        temporary.mkdir()
        for name, text in files.items():
            target = temporary / name
            for folder in reversed(target.relative_to(temporary).parents[:-1]):
                (temporary / folder).mkdir(exist_ok=True)  # never the temporary itself again
            target.write_text(text, encoding="utf-8", newline="\n")
        (temporary / MARKER).write_text("".join(f"{n}\n" for n in sorted(files)), "utf-8")
        if force and path.exists():  # a folder cannot be replaced in one step on Windows
            _check_replaceable(path, force=force, inputs=inputs)
            path.rename(old)
        _rename_into_place(temporary, path)
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if old.exists() and not path.exists():
            old.rename(path)
        if isinstance(exc, OSError):
            raise _failed(path, exc) from exc
        raise
    shutil.rmtree(old, ignore_errors=True)
    _record(path)


def write_files_atomically(
    folder: Path, writers: Mapping[str, Callable[[Path], object]], *, force: bool
) -> None:
    """Write a set of files into `folder`, all of them or none.

    Each file is written into a temporary folder first. A folder that does not exist yet is
    then made by renaming that folder (one step). Into an existing folder the files are moved
    one by one, the files they replace (with `force`) kept aside in the temporary folder's `old`
    until the last is in place, so that a failure or an interruption (Ctrl-C, SIGTERM, SIGHUP)
    undoes every move. A run killed outright (SIGKILL, a power cut) can leave part of a set in
    an existing folder; the files it replaced are then still in `.mypm-tmp-…/old`, which no
    later run deletes.
    """
    fresh = not folder.exists()
    base = folder.parent if fresh else folder
    remove_stale_temporaries(base)
    temporary = base / _temporary_name()
    backup = temporary / REPLACED
    moved: list[Path] = []
    kept: list[str] = []
    try:
        temporary.mkdir()
        for name, write in writers.items():
            write(temporary / name)
            os.chmod(temporary / name, new_file_mode())
        if fresh:
            _rename_into_place(temporary, folder)
            _record(folder)
            return
        backup.mkdir()
        for name in writers:
            target = folder / name
            if target.exists() or target.is_symlink():
                if not force:
                    raise OutputError([Problem(str(target), Msg.of("output.exists"))])
                os.replace(target, backup / name)
                kept.append(name)
            _move_exclusively(temporary / name, target)
            moved.append(target)
    except BaseException as exc:
        for target in moved:
            _remove(target)
        for name in kept:
            with contextlib.suppress(OSError):
                os.replace(backup / name, folder / name)
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _failed(folder, exc) from exc
        raise
    shutil.rmtree(temporary, ignore_errors=True)
    _record(folder)


def _failed(path: Path, exc: OSError) -> OutputError:
    """An output that could not be written: disk full, folder not writable, …"""
    return OutputError([Problem(str(path), Msg.of("output.failed", error=str(exc)))])


def _rename_into_place(temporary: Path, path: Path) -> None:
    """Rename a finished folder to `path`; a folder that appeared there meanwhile (another run)
    is never replaced: the rename fails on a folder that holds anything, and on Windows always."""
    try:
        os.rename(temporary, path)
    except OSError as exc:
        if path.exists():
            raise OutputError([Problem(str(path), Msg.of("output.exists"))]) from exc
        raise


def _check_replaceable(path: Path, *, force: bool, inputs: Sequence[Path]) -> None:
    """A folder at `path` may be replaced only with `force`, when mypm wrote all of it (its
    marker lists every file there) and none of it is an input."""
    if not force:
        raise OutputError([Problem(str(path), Msg.of("output.exists"))])
    not_ours = OutputError([Problem(str(path), Msg.of("output.folder_not_ours", folder=str(path)))])
    if path.is_symlink() or not path.is_dir():
        raise not_ours
    try:
        listed = set((path / MARKER).read_text("utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        raise not_ours from None
    for entry in path.rglob("*"):
        name = entry.relative_to(path).as_posix()
        if entry.is_file() and _is_any_of(entry, inputs):
            raise OutputError([Problem(str(entry), Msg.of("output.is_input"))])
        if entry.is_symlink() or (entry.is_file() and name not in listed and name != MARKER):
            problem = Problem(str(entry), Msg.of("output.folder_not_ours", folder=str(path)))
            raise OutputError([problem])


def _umask() -> int:
    """The user's umask (read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
