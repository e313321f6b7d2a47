"""Evidence (佐证材料): the files a unit sends to prove a field, kept in the season and recorded
in the ledger (`mypm receive --evidence`).

A file is checked before anything is kept: a regular, non-empty file (never a folder, a link or
a device), at most the season's limit a file and in all. Its type is told by its first bytes
alone (`mypm.read.sniff.file_type`); it is never opened as what it is, run or parsed. It is kept
as `佐证材料/<unit>/<field key>/<its name>`, the same layout a delivery folder has, so the season's
evidence folder is itself a delivery another season can receive. Every file of a command is
kept and recorded, or none: one ledger transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Literal

from mypm.core.errors import InputFileError, MypmError, Problem
from mypm.core.files import NotRegularFile, open_regular, unique_file_names, write_atomically
from mypm.core.messages import Msg
from mypm.core.results import Attachment, FieldValue
from mypm.core.rules.model import Leaf, canonical_unit
from mypm.read.sniff import MAGIC_BYTES, file_type
from mypm.season.folder import Season
from mypm.season.ledger import Entry, Ledger
from mypm.season.names import FieldTarget, field_named, unit_named

MB = 1024 * 1024
CHUNK = MB  # bytes read at a time while hashing and copying
KIND = "evidence"  # the ledger entry of one evidence file


@dataclass(frozen=True)
class Kept:
    """A file kept in the season: where, what it was called, its hash, size and type."""

    file: str  # inside the season, with `/`: 佐证材料/涪城区/org.leading_group/会议纪要.pdf
    original: str
    sha256: str
    size: int
    type: str  # a `mypm.read.sniff.file_type`: pdf, jpeg, ole, zip, text, other …


@dataclass(frozen=True)
class Evidence(Kept):
    """One evidence file as the ledger records it: whose, for which field, when, by whom."""

    unit: str = ""
    field: str = ""  # a leaf's key, or an indicator's or item's key covering its parts
    received_at: str = ""  # ISO 8601 with the office's offset
    user: str = ""  # the operating-system user who received it
    seq: int = 0

    def covers(self, leaf: Leaf) -> bool:
        """Whether this file is evidence for `leaf` (given for it, or for its indicator)."""
        return self.field in (leaf.key, leaf.owner)


def evidence_in(entries: Sequence[Entry]) -> list[Evidence]:
    """Every evidence file the ledger records, in order: received as evidence, or with an
    appeal (`mypm appeal add UNIT FIELD FILE...`: its files are the field's evidence too)."""
    found = []
    for e in entries:
        if e.kind == KIND:
            files, field = [e.data], e.data["field"]
        elif e.data.get("files") and "key" in e.data:  # an appeal's files
            files, field = e.data["files"], e.data["key"]
        else:
            continue
        found += [
            Evidence(
                **{k: one[k] for k in ("file", "original", "sha256", "size", "type")},
                unit=e.data["unit"],
                field=field,
                received_at=e.data["received_at"],
                user=e.user,
                seq=e.seq,
            )
            for one in files
        ]
    return found


def attachments(entries: Sequence[Entry]) -> tuple[Attachment, ...]:
    """Every evidence file the ledger records, as scoring carries them."""
    return tuple(
        Attachment(e.unit, e.field, e.original, e.file, e.sha256, e.size)
        for e in evidence_in(entries)
    )


@dataclass(frozen=True)
class Unproven:
    """A field whose 考核组织 asks a unit for a document (自查提交文件 …) that has none (缺佐证):
    a field's key, or an indicator's or item's for all its parts."""

    unit: str
    key: str
    label: str
    asked: tuple[str, ...]  # what the guide asks for (文件, 条目 …)
    folder: str  # where a delivery puts it, inside the season: 佐证材料/<unit>/<key>


def missing_evidence(
    season: Season,
    values: dict[tuple[str, str], FieldValue],
    evidence: Sequence[Attachment],
    returned: set[tuple[str, str]],
) -> list[Unproven]:
    """Per unit (in the season's order) the fields whose 考核组织 asks for a document and that
    have none, an indicator or item with parts once: where the unit claimed 是 or a number
    above 0 on its own form. `values` are the merged values of the current files and
    `returned` the (unit, certifier) pairs whose form came back, by canonical unit name."""
    rules = season.rule_file.rules
    found = []
    for unit in season.units():
        canon = canonical_unit(unit.name)
        mine = [a for a in evidence if canonical_unit(a.unit) == canon]
        owners: dict[str, list[Leaf]] = {}
        for leaf in rules.leaves:
            given = any(a.covers(leaf.key, leaf.owner) for a in mine)
            value = values.get((canon, leaf.key))
            own = any((canon, c) in returned for c in rules.claim_certifiers(leaf))
            if leaf.evidence_asked and not given and _claimed(value, own):
                owners.setdefault(leaf.owner, []).append(leaf)
        for owner, leaves in owners.items():
            folder = season.evidence.joinpath(*unique_file_names([unit.name, owner], ""))
            first = leaves[0]
            label = first.name if first.part_name else first.label
            found.append(
                Unproven(unit.name, owner, label, first.evidence_asked, season.relative(folder))
            )
    return found


def _claimed(value: FieldValue | None, own: bool) -> bool:
    """Whether the unit claimed 是 or a number above 0 on its own form: the claim a certified
    value replaced, or the value when the unit's own form (`own`) came back with it. A blank
    is chased as a blank cell of the form; 否 and 0 ask for nothing."""
    if value is None:
        return False
    if value.claim is not None:
        return bool(value.claim.value)
    return own and bool(value.value)


# --- checking and keeping a file --------------------------------------------------------------


def checked_size(path: Path, limit: int) -> int:
    """The size of a file that may be kept: it exists, is a regular file (not a folder, a link,
    a device or a pipe), is not empty and is at most `limit` bytes; else an InputFileError."""

    def refuse(message: Msg) -> InputFileError:
        return InputFileError([Problem(str(path), message)])

    try:
        info = path.lstat()
    except FileNotFoundError:
        raise refuse(Msg.of("input.missing")) from None
    except OSError as exc:
        raise refuse(Msg.of("input.unreadable", error=exc.strerror or str(exc))) from exc
    if stat.S_ISLNK(info.st_mode):
        raise refuse(Msg.of("evidence.link"))
    if stat.S_ISDIR(info.st_mode):
        raise refuse(Msg.of("evidence.folder"))
    if not stat.S_ISREG(info.st_mode):
        raise refuse(Msg.of("input.not_regular"))
    if info.st_size == 0:
        raise refuse(Msg.of("evidence.empty"))
    if info.st_size > limit:
        raise refuse(Msg.of("evidence.too_big", size=_mb(info.st_size), limit=_mb(limit)))
    return info.st_size


def file_digest(path: Path, limit: int) -> tuple[str, str, int]:
    """(sha256, type, size) of a checked file, read once to its end but never past `limit`."""
    digest = hashlib.sha256()
    with _opened(path) as source:
        head = source.read(MAGIC_BYTES)
        digest.update(head)
        size = len(head) + _copy(source, digest.update, limit - len(head), path)
    return digest.hexdigest(), file_type(head), size


def keep_file(season: Season, path: Path, folder: Sequence[str], limit: int) -> Kept:
    """Copy a checked file into the season's evidence folder under `folder` (e.g. unit, field),
    under its own name made safe for Windows (-2, -3 … when taken), hashing what is copied."""
    target_folder = season.evidence.joinpath(*unique_file_names(folder, ""))
    target_folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = _split(path.name)
    taken = [p.name for p in target_folder.iterdir() if p.name.lower().endswith(suffix.lower())]
    name = unique_file_names([*(n[: len(n) - len(suffix)] for n in taken), stem], suffix)[-1]
    digest = hashlib.sha256()
    head = bytearray()

    def write(temporary: Path) -> int:
        with _opened(path) as source, temporary.open("wb") as sink:

            def both(chunk: bytes) -> None:
                if not head:
                    head.extend(chunk[:MAGIC_BYTES])
                digest.update(chunk)
                sink.write(chunk)

            return _copy(source, both, limit, path)

    size = write_atomically(target_folder / name, write, force=False)
    kept = season.relative(target_folder / name)
    return Kept(kept, path.name, digest.hexdigest(), size, file_type(bytes(head)))


def stored_bytes(season: Season) -> int:
    """How many bytes the season's evidence folder holds (links not followed)."""
    total = 0
    for folder, _, files in os.walk(season.evidence):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    try:
        with open_regular(path) as source:
            yield source
    except NotRegularFile:
        raise InputFileError([Problem(str(path), Msg.of("input.not_regular"))]) from None
    except PermissionError:
        raise InputFileError([Problem(str(path), Msg.of("input.locked"))]) from None


def _copy(source: IO[bytes], sink: Callable[[bytes], object], limit: int, path: Path) -> int:
    """Feed `source` to `sink` a chunk at a time; a file grown past `limit` meanwhile is refused."""
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > limit:
            message = Msg.of("evidence.too_big", size=_mb(size), limit=_mb(limit))
            raise InputFileError([Problem(str(path), message)])
        sink(chunk)
    return size


def _split(name: str) -> tuple[str, str]:
    """A name's stem and extension (an extension of at most 10 characters, else none)."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if stem and 0 < len(suffix) <= 10 else (name, "")


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


# --- receiving evidence -------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One file given as evidence for a unit's field."""

    unit: str
    target: FieldTarget
    path: Path


@dataclass
class EvidenceReceipt:
    """What became of one file given as evidence: kept, or a duplicate of one already kept."""

    given: Given
    outcome: Literal["received", "duplicate"]
    evidence: Evidence
    problems: list[Problem] = field(default_factory=list)


def given_files(season: Season, unit: str, field_text: str, paths: Sequence[Path]) -> list[Given]:
    """`receive --evidence UNIT FIELD FILE...`: the unit and field named, each file."""
    name = unit_named(season.units(), unit)
    target = field_named(season.rule_file.rules, field_text)
    return [Given(name, target, path) for path in paths]


def delivery(season: Season, root: Path) -> list[Given]:
    """`receive --evidence DIR`: DIR holds a folder per unit (its name), each holding a folder
    per field (its key, or a name found once in the rules) with the files. Every unknown name
    and every file out of place is a problem, all at once."""
    problems: list[Problem] = []
    given: list[Given] = []
    if not root.is_dir():
        raise InputFileError([Problem(str(root), Msg.of("evidence.not_a_delivery"))])
    for unit_folder in _listed(root, problems, folders=True):
        try:
            unit = unit_named(season.units(), unit_folder.name)
        except MypmError as exc:
            problems += [_at(unit_folder, p) for p in exc.problems]
            continue
        for field_folder in _listed(unit_folder, problems, folders=True):
            try:
                target = field_named(season.rule_file.rules, field_folder.name)
            except MypmError as exc:
                problems += [_at(field_folder, p) for p in exc.problems]
                continue
            for path in _listed(field_folder, problems, folders=False):
                given.append(Given(unit, target, path))
    if problems:
        raise InputFileError(problems)
    if not given:
        raise InputFileError([Problem(str(root), Msg.of("evidence.empty_delivery"))])
    return given


def _listed(folder: Path, problems: list[Problem], *, folders: bool) -> list[Path]:
    """The folders (or the files) in `folder`, by name; anything else there is a problem.
    Hidden files and Office's lock files (~$…) are passed over."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")):
            continue
        if path.is_symlink() or path.is_dir() != folders:
            linked = path.is_symlink()
            message = Msg.of("evidence.link") if linked else Msg.of("evidence.out_of_place")
            problems.append(Problem(str(path), message))
            continue
        found.append(path)
    return found


def _at(folder: Path, problem: Problem) -> Problem:
    return Problem(str(folder), problem.message, problem.advice)


def receive_evidence(
    season: Season, given: Sequence[Given], received_at: dt.datetime | None = None
) -> list[EvidenceReceipt]:
    """Check every file, then keep and record each in one transaction: all of them, or (on
    any problem) none. A file whose content the ledger already holds for the same unit and
    field is a duplicate, not kept twice."""
    digests = checked_files(season, [item.path for item in given])
    moment = season.received_time(received_at)
    receipts: list[EvidenceReceipt] = []
    try:
        with season.ledger() as ledger, ledger.writing():
            known = evidence_in(ledger.entries())
            check_room(season, sum(size for _, _, size in digests.values()))
            for item in given:
                receipt = _receive_one(season, ledger, item, digests[item.path][0], known, moment)
                receipts.append(receipt)
                known.append(receipt.evidence)
    except BaseException:  # nothing recorded: no copy stays either
        for receipt in receipts:
            if receipt.outcome == "received":
                (season.root / receipt.evidence.file).unlink(missing_ok=True)
        raise
    return receipts


def checked_files(season: Season, paths: Sequence[Path]) -> dict[Path, tuple[str, str, int]]:
    """Each file's (sha256, type, size) once every file passed `checked_size` with the season's
    limit a file; else an InputFileError naming every problem of every file."""
    limit = season.config.limits.evidence_file_mb * MB
    problems: list[Problem] = []
    digests: dict[Path, tuple[str, str, int]] = {}
    for path in paths:
        try:
            checked_size(path, limit)
            digests[path] = file_digest(path, limit)
        except MypmError as exc:
            problems += exc.problems
    if problems:
        raise InputFileError(problems)
    return digests


def check_room(season: Season, adding: int) -> None:
    """Refuse `adding` bytes more when the season's evidence folder would pass its limit."""
    limit = season.config.limits.evidence_season_mb * MB
    used = stored_bytes(season)
    if used + adding > limit:
        message = Msg.of(
            "evidence.season_full", used=_mb(used), adding=_mb(adding), limit=_mb(limit)
        )
        raise InputFileError([Problem(str(season.evidence), message)])


def _receive_one(
    season: Season,
    ledger: Ledger,
    item: Given,
    sha: str,
    known: Sequence[Evidence],
    moment: dt.datetime,
) -> EvidenceReceipt:
    same = next(
        (
            e
            for e in known
            if e.sha256 == sha
            and e.field == item.target.key
            and canonical_unit(e.unit) == canonical_unit(item.unit)
        ),
        None,
    )
    if same is not None:
        return EvidenceReceipt(item, "duplicate", same)
    limit = season.config.limits.evidence_file_mb * MB
    kept = keep_file(season, item.path, (item.unit, item.target.key), limit)
    if kept.sha256 != sha:  # the file changed between the check and the copy
        (season.root / kept.file).unlink(missing_ok=True)
        raise InputFileError([Problem(str(item.path), Msg.of("receive.changed"))])
    record = {
        **asdict(kept),
        "unit": item.unit,
        "field": item.target.key,
        "received_at": moment.isoformat(timespec="seconds"),
    }
    entry = ledger.append(KIND, record, season.now())
    return EvidenceReceipt(item, "received", evidence_in([entry])[0])
