"""`mypm score` as one library call: open inputs, choose the rules, read, merge, score."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mypm.__about__ import __version__
from mypm.core.engine import check_inputs, score_checked
from mypm.core.errors import (
    InputFileError,
    OptionError,
    Problem,
    WorkbookError,
    in_order,
)
from mypm.core.merge import Merger
from mypm.core.messages import Msg, Text
from mypm.core.results import Attachment, Decided, EntryRow, InputFile, Issue, Progress
from mypm.core.rules import RuleFile, RuleSet
from mypm.core.rules.model import canonical_unit
from mypm.core.trace import Goal, ScoreReport, UnitTrace
from mypm.jobs.rules import choose_rules
from mypm.read import layout as L
from mypm.read.units import read_unit_list

if TYPE_CHECKING:
    from mypm.read.entries import InputWorkbook


@dataclass(frozen=True)
class ScoreOptions:
    """How to score; `decided` are the values decided on the record (in a season, the ledger's
    review corrections and appeal decisions), applied after the files are merged; none outside
    a season."""

    kind: str | None = None
    rules_path: Path | None = None
    units_file: Path | None = None
    allow_missing: bool = False
    progress: Progress | None = None
    decided: tuple[Decided, ...] = ()
    # in a season, every evidence file received (a value that asks for evidence and has none
    # is a warning); None outside one
    evidence: tuple[Attachment, ...] | None = None


@dataclass(frozen=True)
class Scored:
    """A scoring run: the report and the rules it used."""

    report: ScoreReport
    rule_file: RuleFile


def score_files(
    paths: Sequence[Path], options: ScoreOptions, notes: Sequence[Issue] = ()
) -> Scored:
    """Score the workbooks at `paths` together; raise MypmError listing every problem.

    `notes` (the files of a folder that were not read) go to the issues.

    Each file's rows are merged as they are read, so no file's rows are held in memory.
    """
    from mypm.read.entries import open_input, read_entries

    books = []
    unreadable: list[Problem] = []
    for path in paths:
        try:
            books.append(open_input(path))
        except InputFileError as exc:
            unreadable += exc.problems
    if unreadable:  # every file that is no workbook, named at once: a usage error
        for book in books:
            book.close()
        raise InputFileError(unreadable)
    self_check = [b for b in books if b.metadata.get(L.META_SELF_CHECK) == "true"]
    if self_check and len(self_check) < len(books):  # a claim must never fill a certified blank
        for book in books:
            book.close()
        raise WorkbookError(
            [Problem(str(b.path), Msg.of("score.self_check_mixed")) for b in self_check]
        )
    rule_file, issues = choose_rules(
        [(b.path, b.metadata) for b in books], options.rules_path, options.kind
    )
    issues = [*notes, *issues]
    rules = rule_file.rules
    keys = frozenset(rules.leaf_by_key)
    units = read_unit_list(options.units_file, rules.units) if options.units_file else None
    merger = Merger(rules, units=units)
    problems: list[Problem] = []
    misnamed: set[str] = set()
    for book in books:
        try:
            rows = read_entries(book, keys, problems, issues, misnamed)
            merge_book(merger, book, _counted(rows, options.progress, start=merger.rows))
        except InputFileError as exc:
            unreadable += exc.problems
    if unreadable:  # a file that is no workbook is a usage error
        raise InputFileError(unreadable)
    merger.decide(options.decided)
    merged, merge_issues = merger.result()
    problems += merger.problems
    if not any(unit.role == "assessed" for unit in merged):
        problems.append(Problem("", Msg.of("score.no_data", count=len(books))))
    merged, check_issues, check_problems = check_inputs(
        rules,
        merged,
        allow_missing=options.allow_missing,
        unreadable=merger.bad,
        misnamed=misnamed,
    )
    problems += check_problems
    if problems:
        raise WorkbookError(_with_file_certifiers(problems, books, rules))
    scoring = score_checked(rules, merged, [*issues, *merge_issues, *check_issues])
    zone_name, zone = office_timezone()
    report = ScoreReport(
        rules_id=rules.id,
        rules_title=rules.title,
        rules_document=rules.document,
        rules_path=str(rule_file.path),
        rules_sha256=rule_file.sha256,
        units=tuple(scoring.results),
        issues=tuple(scoring.issues),
        files=tuple(InputFile(str(b.path), b.sha256) for b in books),
        losses=tuple(scoring.losses),
        created=dt.datetime.now(zone).isoformat(timespec="seconds"),
        version=__version__,
        self_check=bool(self_check),
        timezone=zone_name,
    )
    if options.evidence is not None:
        report = with_evidence(report, options.evidence)
    return Scored(report, rule_file)


def merge_book(merger: Merger, book: InputWorkbook, rows: Iterable[EntryRow]) -> None:
    """One workbook's rows into `merger`, with the file's name and the certifier it was made
    for (which the field's certification precedence ranks): `score` and `status` merge alike."""
    merger.add_file(rows, file=book.path.name, certifier=book.metadata.get(L.META_CERTIFIER, ""))


def with_evidence(report: ScoreReport, evidence: Sequence[Attachment]) -> ScoreReport:
    """The report with each unit's evidence files, and a warning for each field scored 是 (or
    a count above 0) whose 考核组织 asks for a document (自查提交文件 …) the unit has not
    given."""
    units = tuple(
        replace(
            unit,
            evidence=tuple(
                a for a in evidence if canonical_unit(a.unit) == canonical_unit(unit.unit)
            ),
        )
        for unit in report.units
    )
    issues = []
    for unit in units:
        for trace in unit.leaves:
            asked = trace.leaf.evidence_asked
            if not asked or not trace.field.value or trace.evidence:
                continue
            message = Msg.of("evidence.unproven", field=trace.leaf.label, asked=asked)
            issues.append(Issue("warning", message, unit=unit.unit, field=trace.leaf.key))
    return replace(report, units=units, issues=(*report.issues, *issues))


def _with_file_certifiers(
    problems: Sequence[Problem], books: Sequence[InputWorkbook], rules: RuleSet
) -> list[Problem]:
    """Every problem in order; one that names no certifier goes to the file's own, if any."""
    owners = {
        b.path.name: rules.certifiers.get(b.metadata.get(L.META_CERTIFIER, ""), "") for b in books
    }
    return in_order(
        replace(p, certifier=owners.get(p.file, "")) if not p.certifier else p for p in problems
    )


PROGRESS_EVERY = 500
TIMEZONE_VARIABLE = "MYPM_TIMEZONE"
OFFICE_TIMEZONE = "Asia/Shanghai"


def office_timezone() -> tuple[str, dt.tzinfo]:
    """The office's time zone: $MYPM_TIMEZONE (an IANA name such as Asia/Urumqi), else
    Asia/Shanghai."""
    name = os.environ.get(TIMEZONE_VARIABLE, "").strip() or OFFICE_TIMEZONE
    return name, named_timezone(name, TIMEZONE_VARIABLE)


def named_timezone(name: str, where: str) -> dt.tzinfo:
    """The IANA time zone `name` (from the system, else the tzdata package); Asia/Shanghai is
    UTC+8 all year even where no time-zone database is installed. An unknown name is an
    OptionError located at `where`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        if name == OFFICE_TIMEZONE:
            return dt.timezone(dt.timedelta(hours=8), name)
        raise OptionError([Problem(where, Msg.of("timezone.unknown", name=name))]) from exc


def _counted(
    rows: Iterator[EntryRow], progress: Progress | None, *, start: int
) -> Iterator[EntryRow]:
    """The rows, telling `progress` how many have been read (across files) as they pass."""
    for count, row in enumerate(rows, start=start + 1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress("read", count, None)
        yield row


@dataclass(frozen=True)
class Inputs:
    """The workbooks to read, and a note for every file of a folder that is not read."""

    paths: list[Path]
    notes: list[Issue]


def expand_inputs(paths: Sequence[Path]) -> Inputs:
    """Files as given; each file of a folder by its content (never by its name alone).

    A folder's workbooks are read, and so is any file there that promises a spreadsheet, so
    that one mypm cannot read (.xls, .ods, .csv…) is refused by name, never left out. Excel's
    lock files, scored workbooks made by mypm, subfolders and other files are skipped, each
    with a note. Lock files are also skipped in a list of several files, where a wildcard
    picked them up; named alone, the reader says what they are.
    """
    from mypm.read.sniff import SPREADSHEET_SUFFIXES, sniff

    found: list[Path] = []
    notes: list[Issue] = []

    def skip(path: Path, message: Text) -> None:
        notes.append(Issue("info", message, where=str(path)))

    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for member in sorted(path.iterdir()):
            if member.is_dir():
                skip(member, Msg.of("input.skipped_folder"))
            elif member.name.startswith("~$"):
                skip(member, Msg.of("input.skipped_lock"))
            else:
                sniffed = sniff(member)
                if sniffed.kind == "scored":
                    skip(member, Msg.of("input.skipped_scored", created=sniffed.made))
                elif sniffed.kind in ("xlsx", "ods", "xlsb", "numbers", "ole") or (
                    member.suffix.lower() in SPREADSHEET_SUFFIXES
                ):
                    found.append(member)
                else:
                    skip(member, Msg.of("input.skipped_other"))
    if len(found) > 1:
        for path in [p for p in found if p.name.startswith("~$")]:
            found.remove(path)
            skip(path, Msg.of("input.skipped_lock"))
    if not found:
        raise InputFileError([Problem(" ".join(map(str, paths)), Msg.of("input.no_workbooks"))])
    return Inputs(found, notes)


def default_output(given: Sequence[Path], inputs: Inputs, suffix: str = "-scored.xlsx") -> Path:
    """`<first input><suffix>` beside it; for a folder, beside the folder, never inside."""
    first = given[0]
    if first.is_dir():
        folder = first.resolve()
        return folder.with_name(f"{folder.name}{suffix}")
    first = inputs.paths[0]
    return first.with_name(f"{first.stem}{suffix}")


def find_unit(scored: Scored, unit_name: str, units_file: Path | None = None) -> UnitTrace:
    """A scored unit by its name in any spelling, or by a former name (曾用名) in the unit list
    (`units_file`, else the rule file's); an unknown unit is an OptionError listing the known
    ones."""
    ranked = scored.report.units
    rules = scored.rule_file.rules
    listed = read_unit_list(units_file, rules.units) if units_file else rules.units
    now = {canonical_unit(f): canonical_unit(u.name) for u in listed for f in u.former}
    wanted = canonical_unit(unit_name)
    if not any(canonical_unit(r.unit) == wanted for r in ranked):
        wanted = now.get(wanted, wanted)
    result = next((r for r in ranked if canonical_unit(r.unit) == wanted), None)
    if result is None:
        known = tuple(r.unit for r in ranked)
        raise OptionError(
            [Problem("--unit", Msg.of("explain.unknown_unit", unit=unit_name, known=known))]
        )
    return result


def goals(scored: Scored, result: UnitTrace) -> list[Goal]:
    """What it takes one scored unit to reach the next grade and rank (the what-if)."""
    from mypm.core.whatif import what_if

    return what_if(scored.rule_file.rules, result)
