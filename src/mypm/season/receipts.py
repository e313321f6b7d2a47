"""Files received into a season (`mypm receive`), their versions, and extensions of deadlines.

Which version of a form counts is never stored: it is worked out from the ledger's entries in
order (receipts, withdrawals, restorations), so the record is the history itself. A form's
slot is its certifier (and unit, for a per-unit form; the self-check forms are a slot of their
own per unit); in a slot the version received last counts, unless a clerk withdrew it or
restored an earlier one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mypm.core.errors import InputFileError, MypmError, OptionError, Problem
from mypm.core.files import file_sha256, read_input_file, write_atomically
from mypm.core.messages import Msg
from mypm.core.rules.model import canonical_unit
from mypm.read import layout as L
from mypm.read.forms import appeals_form_name, template_name
from mypm.season import layout
from mypm.season.folder import Season
from mypm.season.layout import MAX_FILE_NAME
from mypm.season.ledger import Entry, Ledger
from mypm.season.names import certifier_id

if TYPE_CHECKING:
    from mypm.core.appeals import Appeal
    from mypm.jobs.status import Missing
    from mypm.season.review import Claim, Request, Review

State = Literal["current", "superseded", "withdrawn"]
DUPLICATE = "duplicate"  # a ledger entry: a file arrived again, the same bytes as one received
# what a file that is no spreadsheet sniffs as (a .txt, a .docx, a picture): no form at all
NO_SPREADSHEET = frozenset({"zip", "empty", "text", "other"})


@dataclass(frozen=True)
class Version:
    """One file received: where it is kept, what it was, when it came, whose form it is."""

    file: str  # inside the season, e.g. 收回文件/county-填报-市财政局核定-收到20140115-093000.xlsx
    original: str
    sha256: str
    size: int
    received_at: dt.datetime
    certifier: str  # "" for a form of every certifier
    unit: str  # "" unless one unit's own form
    self_check: bool
    seq: int
    state: State = "current"
    late: bool = False

    @property
    def slot(self) -> tuple[str, str, bool]:
        return (self.certifier, canonical_unit(self.unit), self.self_check)

    @property
    def name(self) -> str:
        return self.file.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Extension:
    target: str  # a certifier's id or a unit's name
    until: dt.date
    reason: str


def extensions(entries: Sequence[Entry]) -> list[Extension]:
    return [
        Extension(e.data["target"], dt.date.fromisoformat(e.data["until"]), e.data["reason"])
        for e in entries
        if e.kind == "extension"
    ]


def due(season: Season, certifier: str, unit: str, granted: Sequence[Extension]) -> dt.datetime:
    """The moment a form is late after: the end of the deadline's day (or of the latest
    extension for its certifier or unit), in the season's time zone."""
    day = season.config.deadline
    for extension in granted:
        if extension.target in (certifier, canonical_unit(unit)) and extension.until > day:
            day = extension.until
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), season.zone)


def versions(season: Season, entries: Sequence[Entry]) -> list[Version]:
    """Every version received, in order, with its state and lateness as the ledger now says."""
    found: dict[str, Version] = {}
    withdrawn: set[str] = set()
    chosen: dict[tuple[str, str, bool], str] = {}  # a slot's version restored by a clerk
    for entry in entries:
        data = entry.data
        if entry.kind == "receipt":
            version = _version(entry)
            found[version.file] = version
            pick = chosen.get(version.slot)
            if pick is not None and found[pick].received_at <= version.received_at:
                del chosen[version.slot]  # a later file supersedes a restored one too
        elif entry.kind == "withdraw":
            withdrawn.add(data["file"])
            if chosen.get(found[data["file"]].slot) == data["file"]:
                del chosen[found[data["file"]].slot]
        elif entry.kind == "restore":
            withdrawn.discard(data["file"])
            chosen[found[data["file"]].slot] = data["file"]
    granted = extensions(entries)
    current: dict[tuple[str, str, bool], Version] = {}
    for version in found.values():
        if version.file in withdrawn:
            continue
        best = current.get(version.slot)
        if best is None or best.received_at <= version.received_at:
            current[version.slot] = version
    for slot, file in chosen.items():
        current[slot] = found[file]
    listed = []
    for version in found.values():
        state: State = "withdrawn" if version.file in withdrawn else "superseded"
        if current.get(version.slot) is version:
            state = "current"
        late = version.received_at >= due(season, version.certifier, version.unit, granted)
        listed.append(replace(version, state=state, late=late))
    return listed


VERSION_KINDS = ("receipt", "withdraw", "restore", "extension")  # what `versions` reads


def season_versions(season: Season, ledger: Ledger) -> list[Version]:
    """`versions` from the ledger's entries that decide them (a long ledger's runs are not
    even parsed)."""
    return versions(season, ledger.entries(*VERSION_KINDS))


def _version(entry: Entry) -> Version:
    data = entry.data
    return Version(
        file=data["file"],
        original=data["original"],
        sha256=data["sha256"],
        size=data["size"],
        received_at=dt.datetime.fromisoformat(data["received_at"]),
        certifier=data["certifier"],
        unit=data["unit"],
        self_check=data["self_check"],
        seq=entry.seq,
    )


def current_files(season: Season, ledger: Ledger) -> list[Version]:
    """The versions that count now (what score, status, explain and publish read)."""
    with ledger.reading():
        return [v for v in season_versions(season, ledger) if v.state == "current"]


def received_changes(
    season: Season, known: Sequence[Version], paths: Iterable[Path]
) -> list[Problem]:
    """Each of `paths` that is a received file whose bytes are no longer what its receipt
    recorded (edited or removed since): what it is, which receipt, what to do."""
    by_file = {v.file: v for v in known}
    problems = []
    for path in paths:
        try:
            version = by_file.get(season.relative(path))
        except ValueError:  # not inside the season: no receipt to hold it to
            continue
        if version is None:
            continue
        receipt = dict(
            seq=version.seq,
            received=version.received_at.strftime("%Y-%m-%d %H:%M"),
            sha=version.sha256[:12],
            original=version.original,
        )
        if not path.is_file():
            problems.append(Problem(version.file, Msg.of("receive.gone", **receipt)))
        elif file_sha256(path) != version.sha256:
            problems.append(Problem(version.file, Msg.of("receive.edited", **receipt)))
    return problems


class NoSpreadsheet(InputFileError):
    """A file that is no spreadsheet at all (a letter, a scan): skipped in a folder."""


# what became of a file: `skipped` is a file of a folder that is no spreadsheet at all,
# `reviewed` a review form whose decisions were recorded
Outcome = Literal["received", "duplicate", "refused", "reviewed", "skipped"]


@dataclass
class Receipt:
    """What became of one file given to `receive`."""

    path: Path
    outcome: Outcome
    version: Version | None = None
    same_as: str = ""  # the version a duplicate repeats
    superseded: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why refused, or what is wrong in it
    owed: list[Missing] = field(default_factory=list)  # required cells still to fill
    units: int = 0  # how many units' rows it holds
    appeals: list[Appeal] = field(default_factory=list)  # recorded from an appeals workbook
    decisions: int = 0  # a review form: the decisions recorded from it


def receive(
    season: Season, paths: Sequence[Path], received_at: dt.datetime | None = None
) -> list[Receipt]:
    """Check, copy in and record each file (each file of a folder); one file refused never
    stops the others. Holds the ledger's lock throughout."""
    files = _expand(paths)
    moment = season.received_time(received_at)
    receipts: list[Receipt] = []
    try:
        with season.ledger() as ledger, ledger.writing():
            for path, in_folder in files:
                try:
                    with ledger.savepoint():
                        receipts.append(_receive_one(season, ledger, path, moment))
                except NoSpreadsheet as exc:  # a letter or a scan beside the forms: a note
                    outcome: Outcome = "skipped" if in_folder else "refused"
                    receipts.append(Receipt(path, outcome, problems=exc.problems))
                except MypmError as exc:
                    receipts.append(Receipt(path, "refused", problems=exc.problems))
    except BaseException:  # nothing recorded: no copy stays either
        for receipt in receipts:
            if receipt.outcome == "received" and receipt.version is not None:
                (season.root / receipt.version.file).unlink(missing_ok=True)
            elif receipt.outcome == "reviewed":
                (season.root / receipt.same_as).unlink(missing_ok=True)
        raise
    return receipts


def sent_forms(ledger: Ledger) -> dict[str, str]:
    """The forms `template` wrote into the season, by sha256: each a blank form sent out."""
    sent: dict[str, str] = {}
    for run in ledger.entries("run"):  # runs.RUN; runs builds on this module
        if run.data.get("command", [])[1:2] != ["template"]:
            continue
        for output in run.data.get("outputs", []):
            files = output.get("files") or {output["file"]: output["sha256"]}
            sent |= {sha: Path(name).name for name, sha in files.items()}
    return sent


def _expand(paths: Sequence[Path]) -> list[tuple[Path, bool]]:
    """Each file given, and each file of a folder given (True: found in a folder)."""
    files = []
    for path in paths:
        if path.is_dir():
            files += [
                (p, True)
                for p in sorted(path.iterdir())
                if p.is_file() and not p.name.startswith(("~$", "."))
            ]
        else:
            files.append((path, False))
    return files


def _receive_one(season: Season, ledger: Ledger, path: Path, moment: dt.datetime) -> Receipt:
    from mypm.jobs.scoring import ScoreOptions
    from mypm.jobs.status import SELF_CHECK, collection_status
    from mypm.read.entries import MAX_FILE_BYTES, open_input
    from mypm.read.sniff import SPREADSHEET_SUFFIXES, sniff

    data = read_input_file(path, MAX_FILE_BYTES)
    sha = hashlib.sha256(data).hexdigest()
    sniffed = sniff(data)
    if sniffed.kind in NO_SPREADSHEET and path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise NoSpreadsheet([Problem(str(path), Msg.of("receive.not_spreadsheet"))])
    book = open_input(path)
    metadata = book.metadata
    book.close()
    rules = season.rule_file.rules
    made_by = metadata.get(L.META_RULES_ID)
    if made_by is None:
        raise InputFileError([Problem(str(path), Msg.of("receive.not_a_form", id=rules.id))])
    if made_by != rules.id:
        message = Msg.of(
            "receive.other_rules", id=made_by, kind=metadata.get(L.META_KIND, "?"), season=rules.id
        )
        raise InputFileError([Problem(str(path), message)])
    if book.sha256 != sha:
        raise InputFileError([Problem(str(path), Msg.of("receive.changed"))])
    sent = sent_forms(ledger).get(sha)
    if sent is not None:
        raise InputFileError([Problem(str(path), Msg.of("receive.blank_form", form=sent))])
    if metadata.get(L.META_APPEALS) == "true":
        return _receive_appeals(season, ledger, path, data, moment)
    before = season_versions(season, ledger)
    reviewer = metadata.get(L.META_REVIEW)
    if reviewer is not None:  # the office's review form: its decisions, and the form kept
        return _receive_review_form(season, ledger, path, data, sha, reviewer, moment, before)
    same = next((v for v in before if v.sha256 == sha), None)
    if same is not None:
        return _duplicate(season, ledger, path, data, moment, same.file)
    checked = collection_status(
        [path], ScoreOptions(rules_path=season.rules_path, units_file=season.units_path)
    )
    certifier = metadata.get(L.META_CERTIFIER, "")
    unit = metadata.get(L.META_UNIT, "")
    self_check = metadata.get(L.META_SELF_CHECK) == "true"
    stem = template_name(
        rules, certifier=certifier or None, self_check=self_check, unit=unit or None
    )
    target = _canonical_path(season, Path(stem).stem, moment, {v.name for v in before})
    record = {
        "file": season.relative(target),
        "original": path.name,
        "sha256": sha,
        "size": len(data),
        "received_at": moment.isoformat(timespec="seconds"),
        "certifier": certifier,
        "unit": unit,
        "self_check": self_check,
    }
    entry = ledger.append("receipt", record, season.now())
    write_atomically(target, lambda temporary: temporary.write_bytes(data), force=False)
    after = season_versions(season, ledger)
    mine = next(v for v in after if v.seq == entry.seq)
    was_current = {v.file for v in before if v.state == "current"}
    superseded = [v.file for v in after if v.file in was_current and v.state == "superseded"]
    problems = [*checked.conflicts, *checked.problems, *checked.unrecognised]
    if not checked.cells_filled:
        problems.insert(0, Problem(str(path), Msg.of("receive.no_values")))
    covers = [SELF_CHECK] if self_check else [certifier] if certifier else list(checked.missing)
    owed = [  # what this certifier (or, for a per-unit form, this unit) still owes
        m
        for c in covers
        for m in checked.missing.get(c, [])
        if not unit or canonical_unit(m.unit) == canonical_unit(unit)
    ]
    rows = [  # the units whose row the file holds
        u
        for u in checked.units
        if any(checked.matrix[(u, c)].returned for c in covers if (u, c) in checked.matrix)
    ]
    return Receipt(
        path,
        "received",
        mine,
        superseded=superseded,
        problems=problems,
        owed=owed,
        units=len(rows),
    )


def _duplicate(
    season: Season, ledger: Ledger, path: Path, data: bytes, moment: dt.datetime, same: str
) -> Receipt:
    """A file with the same bytes as one received (`same`): recorded as an arrival, never
    kept twice."""
    record = {
        "original": path.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "received_at": moment.isoformat(timespec="seconds"),
        "same_as": same,
    }
    ledger.append(DUPLICATE, record, season.now())
    return Receipt(path, "duplicate", same_as=same)


def _receive_appeals(
    season: Season, ledger: Ledger, path: Path, data: bytes, moment: dt.datetime
) -> Receipt:
    """The season's appeals workbook: a copy kept under its canonical name, and each appeal
    typed into it recorded (all, or with any problem none); the same workbook again is a
    duplicate."""
    from mypm.season.appeals import KIND as APPEAL
    from mypm.season.appeals import receive_appeals

    sha = hashlib.sha256(data).hexdigest()
    same = next(
        (
            e.data["source"]["file"]
            for e in ledger.entries(APPEAL)
            if e.data["source"] and e.data["source"]["sha256"] == sha
        ),
        None,
    )
    if same is not None:
        return _duplicate(season, ledger, path, data, moment, same)
    stem = Path(appeals_form_name(season.rule_file.rules)).stem
    target = _canonical_path(season, stem, moment, set())
    appeals = receive_appeals(season, ledger, path, (season.relative(target), sha), moment)
    write_atomically(target, lambda temporary: temporary.write_bytes(data), force=False)
    return Receipt(path, "received", appeals=appeals)


def _receive_review_form(
    season: Season,
    ledger: Ledger,
    path: Path,
    data: bytes,
    sha: str,
    reviewer: str,
    moment: dt.datetime,
    before: Sequence[Version],
) -> Receipt:
    from mypm.season.review import receive_review_form
    from mypm.text.vocabulary import REVIEW_FORM

    rules = season.rule_file.rules
    stem = f"{rules.kind}-{REVIEW_FORM}-{rules.certifiers.get(reviewer, reviewer)}"
    target = _canonical_path(season, stem, moment, {v.name for v in before})
    files = [season.root / v.file for v in before if v.state == "current"]
    kept, count = receive_review_form(season, ledger, path, sha, target, files)
    if count < 0:
        return Receipt(path, "duplicate", same_as=kept)
    write_atomically(target, lambda temporary: temporary.write_bytes(data), force=False)
    return Receipt(path, "reviewed", same_as=kept, decisions=count)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _canonical_path(season: Season, stem: str, moment: dt.datetime, taken: set[str]) -> Path:
    """`<form's name>-收到<YYYYMMDD-HHMMSS>.xlsx`, at most MAX_FILE_NAME characters, cut in the
    form's name if need be, and unique (-2, -3 … when two files come in the same second)."""
    stamp = moment.astimezone(season.zone).strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        tail = f"-{layout.RECEIVED}{stamp}" + (f"-{number}" if number > 1 else "") + ".xlsx"
        name = _UNSAFE.sub("_", stem)[: MAX_FILE_NAME - len(tail)] + tail
        if name not in taken and not (season.returned / name).exists():
            return season.returned / name
    raise OptionError([Problem(str(season.returned), Msg.of("receive.no_name"))])


def change_version(
    season: Season, action: Literal["withdraw", "restore"], name: str, reason: str
) -> Version:
    """Withdraw a version (it no longer counts) or restore one (it counts again, over a later
    one): recorded in the ledger, the file itself never touched."""
    with season.ledger() as ledger, ledger.writing():
        known = season_versions(season, ledger)
        found = next((v for v in known if name in (v.name, v.file)), None)
        if found is None:
            names = tuple(v.name for v in known)
            raise OptionError(
                [Problem(name, Msg.of("receive.unknown_version", name=name, known=names))]
            )
        if action == "withdraw" and found.state == "withdrawn":
            raise OptionError([Problem(name, Msg.of("receive.already_withdrawn", name=found.name))])
        if action == "restore" and found.state == "current":
            raise OptionError([Problem(name, Msg.of("receive.already_current", name=found.name))])
        ledger.append(action, {"file": found.file, "reason": reason}, season.now())
        return next(v for v in season_versions(season, ledger) if v.seq == found.seq)


def extend(season: Season, target: str, until: dt.date, reason: str) -> Extension:
    """Grant a certifier (by id or name) or a unit more time, recorded in the ledger."""
    rules = season.rule_file.rules
    listed = season.units()
    units = {canonical_unit(u.name): u.name for u in listed}
    units |= {canonical_unit(f): u.name for u in listed for f in u.former}  # 曾用名: the unit
    key = certifier_id(rules.certifiers, target)
    if key is None and canonical_unit(target) in units:
        key = canonical_unit(units[canonical_unit(target)])
    if key is None:
        known = (*rules.certifiers.values(), *(u.name for u in listed))
        raise OptionError([Problem(target, Msg.of("extend.unknown", target=target, known=known))])
    if until < season.config.deadline:
        message = Msg.of(
            "extend.before_deadline",
            until=until.isoformat(),
            deadline=season.config.deadline.isoformat(),
        )
        raise OptionError([Problem("--until", message)])
    with season.ledger() as ledger, ledger.writing():
        ledger.append(
            "extension", {"target": key, "until": until.isoformat(), "reason": reason}, season.now()
        )
    return Extension(key, until, reason)


def current_claims(season: Season, entries: Sequence[Entry]) -> list[Claim]:
    """The claims the office reviews in the season's current files, each with the decision
    that counts."""
    from mypm.season.review import claims_in, reviews_in

    files = [season.root / v.file for v in versions(season, entries) if v.state == "current"]
    return claims_in(season, files, reviews_in(entries))


def record_reviews(
    season: Season, requests: Callable[[Sequence[Claim]], Sequence[Request]]
) -> list[Review]:
    """Check every decision `requests` asks for (given the claims now) and record each as its
    own ledger entry, all in one transaction: every problem listed and nothing recorded when
    one is wrong (`mypm review`)."""
    from mypm.season.review import KIND, checked_requests, reviews_in

    with season.ledger() as ledger, ledger.writing():
        current = current_claims(season, ledger.entries())
        records = checked_requests(season, requests(current), current)
        made = [ledger.append(KIND, record, season.now()) for record in records]
    return reviews_in(made)
