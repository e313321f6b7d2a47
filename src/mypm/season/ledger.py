"""The ledger: an SQLite file in the season folder holding one hash chain of entries.

Every record (the season's making, receipts, withdrawals, restorations, extensions, runs, and
later reviews, evidence and appeals) is one row of `entries`, appended and never changed: the
table refuses UPDATE and DELETE. Each entry carries the hash of the one before it; its own hash
is the sha256 of a canonical JSON form of the entry (seq, kind, at, user, data, prev), not of the
table's layout, so a migration keeps the chain. A hand edit, a deleted entry or a cut-off end
is found by `check_chain` and by the head hash every output records.

The journal is SQLite's rollback journal (DELETE): when no command runs, the ledger is one file
and the season folder can be copied safely. A writing command holds the write lock for its whole
transaction; a second one waits LOCK_WAIT_SECONDS, then is refused (LedgerBusy, exit 75).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mypm.core.errors import MypmError, Problem
from mypm.core.messages import Msg

LOCK_WAIT_SECONDS = 5.0
GENESIS = "0" * 64  # the `prev` of the first entry

# The schema, one step a version: step n brings a ledger from version n-1 to n (PRAGMA
# user_version). A step only adds; it never rewrites an entry.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            data TEXT NOT NULL,
            prev TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX entries_kind ON entries (kind)",
        """CREATE TRIGGER entries_never_updated BEFORE UPDATE ON entries
            BEGIN SELECT RAISE(ABORT, 'mypm: ledger history is never rewritten'); END""",
        """CREATE TRIGGER entries_never_deleted BEFORE DELETE ON entries
            BEGIN SELECT RAISE(ABORT, 'mypm: ledger history is never deleted'); END""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class LedgerError(MypmError):
    """The ledger is missing, damaged, or made by a newer mypm: nothing can be recorded."""


class LedgerBusy(MypmError):
    """Another mypm run holds the ledger's write lock: try again when it has finished."""

    exit_code = 75  # EX_TEMPFAIL: nothing wrong with the input, try again


@dataclass(frozen=True)
class Entry:
    """One ledger entry: its place in the chain, what it records (`data`) and its hashes."""

    seq: int
    kind: str
    at: str  # ISO 8601 with the office's offset
    user: str  # the operating-system user who ran the command
    data: dict[str, Any]
    prev: str
    hash: str

    def canonical(self) -> bytes:
        """The bytes the hash is computed over: the entry as canonical JSON."""
        data = canonical_json(self.data).decode("utf-8")
        return canonical_entry(self.seq, self.kind, self.at, self.user, data, self.prev)

    def computed_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


def canonical_json(value: object) -> bytes:
    """JSON with sorted keys, no spaces, UTF-8 text as it is: one byte string per value."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def canonical_entry(seq: int, kind: str, at: str, user: str, data: str, prev: str) -> bytes:
    """canonical_json({seq, kind, at, user, data, prev}) made from `data` as stored (its own
    canonical JSON), so that the chain is checked without parsing every entry: the keys in
    sorted order, each string as canonical_json writes it. A stored `data` that is not the
    canonical JSON mypm wrote makes another hash: it was changed by hand."""

    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    return (
        f'{{"at":{quoted(at)},"data":{data},"kind":{quoted(kind)},"prev":{quoted(prev)},'
        f'"seq":{seq},"user":{quoted(user)}}}'
    ).encode()


def os_user() -> str:
    """The operating-system user running mypm (as the system knows them, else '?')."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"


@dataclass(frozen=True)
class Broken:
    """A place where the chain does not hold: the entry's seq and what is wrong there."""

    seq: int
    message: Msg


class Ledger:
    """An open ledger. Use `reading()` for a consistent view, `writing()` to append."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def create(cls, path: Path) -> Ledger:
        """A new, empty ledger at `path` (which must not exist)."""
        if path.exists():
            raise LedgerError([Problem(str(path), Msg.of("ledger.exists"))])
        ledger = cls(path, _connect(path))
        ledger.migrate()
        return ledger

    @classmethod
    def open(cls, path: Path) -> Ledger:
        """The season's ledger, brought to the current schema; a missing, damaged or newer
        ledger is a LedgerError saying what to do."""
        if not path.is_file():
            raise LedgerError([Problem(str(path), Msg.of("ledger.missing"))])
        ledger = cls(path, _connect(path))
        try:
            ledger.migrate()
        except BaseException:
            ledger.close()
            raise
        return ledger

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Check the ledger, then run every migration step after its version, in one
        transaction with the new version number. A ledger of a newer mypm is refused."""
        try:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if self._db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
        except sqlite3.OperationalError as exc:
            raise (_busy(self.path) if _locked(exc) else _damaged(self.path, exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise _damaged(self.path, exc) from exc
        if version > SCHEMA_VERSION:
            message = Msg.of("ledger.newer", version=version, known=SCHEMA_VERSION)
            raise LedgerError([Problem(str(self.path), message)])
        if version == SCHEMA_VERSION:
            return
        with self.writing():
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in step:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    @contextlib.contextmanager
    def writing(self) -> Iterator[Ledger]:
        """One write transaction holding the ledger's lock: all of it is recorded, or none."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise (_busy(self.path) if _locked(exc) else _damaged(self.path, exc)) from exc
        try:
            yield self
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._db.execute("ROLLBACK")
            raise (_busy(self.path) if _locked(exc) else _damaged(self.path, exc)) from exc

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[Ledger]:
        """Inside `writing()`: a part that is recorded whole or not at all, while the rest of the
        transaction goes on (one file of several received)."""
        self._db.execute("SAVEPOINT part")
        try:
            yield self
        except BaseException:
            self._db.execute("ROLLBACK TO part")
            self._db.execute("RELEASE part")
            raise
        self._db.execute("RELEASE part")

    @contextlib.contextmanager
    def reading(self) -> Iterator[Ledger]:
        """A consistent view: no writer's half-made transaction is ever seen."""
        if self._db.in_transaction:
            yield self
            return
        try:
            self._db.execute("BEGIN")
            self._db.execute("SELECT count(*) FROM entries").fetchone()  # takes the read lock
        except sqlite3.OperationalError as exc:
            raise (_busy(self.path) if _locked(exc) else _damaged(self.path, exc)) from exc
        try:
            yield self
        finally:
            self._db.execute("COMMIT")

    def append(self, kind: str, data: dict[str, Any], at: dt.datetime) -> Entry:
        """Add an entry at the end of the chain (inside `writing()`)."""
        assert self._db.in_transaction, "append only inside writing()"
        head = self.head()
        seq, prev = (head.seq + 1, head.hash) if head else (1, GENESIS)
        data = json.loads(canonical_json(data))  # what is stored is what is hashed
        entry = Entry(seq, kind, at.isoformat(timespec="seconds"), os_user(), data, prev, "")
        entry = replace(entry, hash=entry.computed_hash())
        self._db.execute(
            "INSERT INTO entries (seq, kind, at, user, data, prev, hash) VALUES (?,?,?,?,?,?,?)",
            (seq, kind, entry.at, entry.user, canonical_json(data).decode(), prev, entry.hash),
        )
        return entry

    def entries(self, *kinds: str) -> list[Entry]:
        """Every entry in order (of the kinds given, if any: only those are parsed)."""
        query = "SELECT seq, kind, at, user, data, prev, hash FROM entries"
        marks = ", ".join("?" * len(kinds))
        rows = (
            self._db.execute(f"{query} WHERE kind IN ({marks}) ORDER BY seq", kinds)
            if kinds
            else self._db.execute(f"{query} ORDER BY seq")
        )
        return [_entry(row) for row in rows]

    def head(self) -> Entry | None:
        """The last entry (None in an empty ledger)."""
        row = self._db.execute(
            "SELECT seq, kind, at, user, data, prev, hash FROM entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return _entry(row) if row else None

    def check_chain(self, present: Iterable[str] = ()) -> list[Broken]:
        """Every place the chain does not hold: an entry whose hash is not its own (edited), or
        whose `prev` is not the hash of the entry before (one removed or put in between), and
        last a file of the season (`present`, relative to it) that no entry names: entries were
        cut off the end. Hashed from the rows as stored, never parsed: 20,000 entries in a
        fraction of a second."""
        broken = []
        unnamed = sorted(set(present) - self.named_files())
        prev, expected_seq = GENESIS, 1
        rows = self._db.execute(
            "SELECT seq, kind, at, user, data, prev, hash FROM entries ORDER BY seq"
        )
        for seq, kind, at, user, data, prev_hash, hash_ in rows:
            if seq != expected_seq:
                broken.append(Broken(seq, Msg.of("ledger.gap", seq=expected_seq)))
            if prev_hash != prev:
                broken.append(Broken(seq, Msg.of("ledger.bad_link", seq=seq)))
            canonical = canonical_entry(
                seq, str(kind), str(at), str(user), str(data), str(prev_hash)
            )
            if hashlib.sha256(canonical).hexdigest() != hash_:
                broken.append(Broken(seq, Msg.of("ledger.edited", seq=seq)))
            prev, expected_seq = hash_, seq + 1
        if unnamed:
            last = expected_seq - 1
            message = Msg.of("ledger.cut", seq=last, file=unnamed[0], count=len(unnamed))
            broken.append(Broken(last, message))
        return broken

    def named_files(self) -> set[str]:
        """Every file an entry names (a `file` anywhere in its data): what a receipt, a review
        form or evidence kept, what a run wrote (a run's inputs aside: another entry kept them)."""
        rows = self._db.execute(
            "SELECT item.value FROM"
            " (SELECT data FROM entries WHERE kind <> 'run' AND json_valid(data)) AS entry,"
            " json_tree(entry.data) AS item WHERE item.key = 'file' AND item.type = 'text'"
            " UNION SELECT json_extract(output.value, '$.file') FROM"
            " (SELECT data FROM entries WHERE kind = 'run' AND json_valid(data)) AS entry,"
            " json_each(entry.data, '$.outputs') AS output"
        )
        return {str(name) for (name,) in rows}

    def check_intact(self, present: Iterable[str] = ()) -> None:
        """Refuse a ledger whose chain does not hold (LedgerError naming the first place, once):
        no command acts on a history changed behind mypm's back; `log` and `verify` list it.
        A file no entry names may be one a writer is receiving now: checked again holding the
        write lock before it is called a cut."""
        with self.reading():
            broken = self.check_chain(present)
        if broken and broken[-1].message.key == "ledger.cut":
            with self.writing():
                broken = self.check_chain(present)
        if broken:
            first = broken[0]
            message = Msg.of("ledger.broken", what=first.message, count=len(broken))
            raise LedgerError([Problem(str(self.path), message)])


def _connect(path: Path) -> sqlite3.Connection:
    """A connection that waits LOCK_WAIT_SECONDS for a lock, runs no implicit transactions and
    keeps the rollback journal (one file when idle)."""
    try:
        db = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as exc:
        raise (_busy(path) if _locked(exc) else _damaged(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    return db


def _entry(row: tuple[Any, ...]) -> Entry:
    seq, kind, at, user, data, prev, hash_ = row
    try:
        parsed = json.loads(data)
    except (TypeError, ValueError):
        parsed = {"unreadable": str(data)}
    return Entry(seq, kind, at, user, parsed, prev, hash_)


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _busy(path: Path) -> LedgerBusy:
    message = Msg.of("ledger.busy", seconds=int(LOCK_WAIT_SECONDS))
    return LedgerBusy([Problem(str(path), message)])


def _damaged(path: Path, exc: Exception) -> LedgerError:
    """What is wrong with the file, in the user's language (SQLite's words stay in brackets
    for whoever looks into it)."""
    error = str(exc)
    key = (
        "ledger.not_database"
        if error == "file is not a database"
        else "ledger.cannot_open"
        if error == "unable to open database file"
        else "ledger.malformed"
        if error in ("database disk image is malformed", "quick_check failed")
        else "ledger.sqlite_said"
    )
    reason = Msg.of(key, error=error)
    return LedgerError([Problem(str(path), Msg.of("ledger.damaged", error=reason))])
