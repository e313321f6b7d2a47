"""`mypm status`: what has come back so far, per unit and certifier, and what is still missing.

The workbooks are read and merged exactly as `score` reads them (the same reader and merger, so
the same cells count as blank, bad or conflicting), but nothing stops at the first problem:
every file that could not be read, every conflict and every blank required cell is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mypm.core.errors import InputFileError, Problem
from mypm.core.merge import Merger
from mypm.core.messages import Msg
from mypm.core.results import EntryRow, FieldValue, Issue, Source
from mypm.core.rules import Leaf, RuleFile, RuleSet
from mypm.core.rules.model import Unit, canonical_unit
from mypm.jobs.rules import choose_rules
from mypm.jobs.scoring import ScoreOptions, expand_inputs, merge_book
from mypm.read import layout as L
from mypm.read.units import read_unit_list

SELF_CHECK = ""  # the matrix column of the units' self-check forms
State = Literal["complete", "partial", "missing"]


@dataclass(frozen=True)
class Missing:
    """A required cell not yet filled: where to fill it (the cell of a returned file, or the
    cell of the certifier's blank form when nothing came back)."""

    unit: str
    key: str
    label: str
    where: Source | None
    # no cell: the certifier's file came back without the unit's row (a unit name mistyped)
    no_row_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One unit × certifier: how many required fields there are, how many are filled, how
    many hold a value that could not be read (a problem at its cell, not a blank), and whether
    a file from that certifier (or a full form) came back with the unit's row."""

    required: int
    filled: int
    returned: bool
    unreadable: int = 0

    @property
    def blanks(self) -> int:
        return self.required - self.filled - self.unreadable

    @property
    def state(self) -> State:
        if self.filled == self.required and (self.required or self.returned):
            return "complete"
        if self.filled == 0 and not self.returned:
            return "missing"
        return "partial"


@dataclass
class CollectionStatus:
    rule_file: RuleFile
    certifiers: list[str]  # ids with required fields, then SELF_CHECK when forms came back
    units: list[str]
    matrix: dict[tuple[str, str], Cell] = field(default_factory=dict)
    missing: dict[str, list[Missing]] = field(default_factory=dict)
    conflicts: list[Problem] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)  # files mypm could not read
    unrecognised: list[Problem] = field(default_factory=list)  # files with no entry sheet
    problems: list[Problem] = field(default_factory=list)  # bad cells, duplicate rows
    files: int = 0
    cells_filled: int = 0  # how many cells of the files held a value (0: every cell blank)
    # what the merge noted, as score notes it: a former name read, a claim certified (核减/核增)
    notes: list[Issue] = field(default_factory=list)
    # the merged values of the certifiers' forms, by (canonical unit, field key)
    values: dict[tuple[str, str], FieldValue] = field(default_factory=dict)

    @property
    def sent_nothing(self) -> list[str]:
        """The certifiers from whom no file with any unit's row came back (未交)."""
        return [
            c for c in self.certifiers if not any(self.matrix[(u, c)].returned for u in self.units)
        ]

    @property
    def owing(self) -> list[str]:
        """The certifiers with blank required cells in the forms they returned."""
        sent_nothing = self.sent_nothing
        return [c for c in self.certifiers if self.missing[c] and c not in sent_nothing]

    @property
    def returned(self) -> set[tuple[str, str]]:
        """The (canonical unit, certifier) pairs whose form came back with the unit's row."""
        return {(canonical_unit(u), c) for (u, c), cell in self.matrix.items() if cell.returned}

    @property
    def complete(self) -> bool:
        """Everything required has arrived and agrees, and every file could be read."""
        return not (
            any(self.missing.get(c) for c in self.certifiers if c != SELF_CHECK)
            or self.conflicts
            or self.unreadable
            or self.unrecognised
            or self.problems
        )


def collection_status(paths: Sequence[Path], options: ScoreOptions) -> CollectionStatus:
    """Read every workbook given (files or folders) and report what is there and what is not."""
    from mypm.read.entries import open_input, read_entries

    inputs = expand_inputs(paths)
    unrecognised = [_note_problem(note) for note in inputs.notes]
    unreadable: list[Problem] = []
    books = []
    for path in inputs.paths:
        try:
            books.append(open_input(path))
        except InputFileError as exc:
            unreadable += exc.problems
    rule_file, _ = choose_rules(
        [(b.path, b.metadata) for b in books], options.rules_path, options.kind
    )
    rules = rule_file.rules
    units = read_unit_list(options.units_file, rules.units) if options.units_file else None
    keys = frozenset(rules.leaf_by_key)
    certified, claimed = Merger(rules, units=units), Merger(rules, units=units)
    problems: list[Problem] = []
    returned: set[tuple[str, str]] = set()  # (unit, certifier) with a row in a returned file
    sent: dict[str, list[str]] = {}  # each certifier's files that came back
    filled: list[int] = []  # each row's count of cells holding a value
    for book in books:
        self_check = book.metadata.get(L.META_SELF_CHECK) == "true"
        merger = claimed if self_check else certified
        certifier = book.metadata.get(L.META_CERTIFIER)
        covers = (
            [SELF_CHECK] if self_check else [certifier] if certifier else list(rules.certifiers)
        )
        for covered in covers:
            sent.setdefault(covered, []).append(book.path.name)
        found: list[Problem] = []
        try:
            rows = read_entries(book, keys, found, [], set())
            merge_book(merger, book, _noting(rows, merger, covers, returned, filled))
        except InputFileError as exc:
            unreadable += exc.problems
        no_key_row = Msg.of("read.no_key_row")
        unrecognised += [p for p in found if p.message == no_key_row]
        problems += [p for p in found if p.message != no_key_row]
    status = CollectionStatus(
        rule_file,
        [],
        [],
        conflicts=[*certified.conflicts, *claimed.conflicts],
        notes=[*certified.issues, *claimed.issues],
        unreadable=unreadable,
        unrecognised=unrecognised,
        files=len(inputs.paths),
        cells_filled=sum(filled),
    )
    conflicts = set(status.conflicts)
    status.problems = problems + [
        p for p in [*certified.problems, *claimed.problems] if p not in conflicts
    ]
    listed = [*(units if units is not None else rules.assessed_units), *rules.reference_units]
    _fill_matrix(status, certified, listed, returned, sent)
    status.values = {
        (canon, key): value
        for canon, unit in certified.gathered.items()
        for key, value in unit.values.items()
    }
    if status.certifiers and status.certifiers[-1] == SELF_CHECK:
        _fill_self_check(status, claimed, returned)
    return status


def _noting(
    rows: Iterator[EntryRow],
    merger: Merger,
    covers: Sequence[str],
    returned: set[tuple[str, str]],
    filled: list[int],
) -> Iterator[EntryRow]:
    """The rows, noting for each unit (a former name read as the unit now) that the
    certifiers its file covers have returned it, and how many of its cells hold a value."""
    for row in rows:
        filled.append(len(row.values))
        returned.update((merger.unit_key(row.unit), certifier) for certifier in covers)
        yield row


def _note_problem(note: Issue) -> Problem:
    return note.source.problem(note.message) if note.source else Problem(note.where, note.message)


def required_fields(rules: RuleSet, unit: str, role: str) -> list[Leaf]:
    """The base fields a unit must have: for a reference unit only those derived rules draw
    on; never a field whose value is derived for it."""
    derived = {d.field for d in rules.derived if unit in d.units}
    drawn = {d.field for d in rules.derived if d.mean_of != "all" and unit in d.mean_of}
    return [
        leaf
        for leaf in rules.leaves
        if leaf.section == "base"
        and leaf.key not in derived
        and (role == "assessed" or leaf.key in drawn)
    ]


def _fill_matrix(
    status: CollectionStatus,
    merger: Merger,
    listed: Sequence[Unit],
    returned: set[tuple[str, str]],
    sent: dict[str, list[str]],
) -> None:
    from mypm.read.forms import entry_cell

    rules = status.rule_file.rules
    status.certifiers = [
        c for c in rules.certifiers if any(c in leaf.certified_by for leaf in rules.leaves)
    ]
    if any(certifier == SELF_CHECK for _, certifier in returned):
        status.certifiers.append(SELF_CHECK)
    order = {u.name: i for i, u in enumerate(listed)}
    gathered = sorted(merger.gathered.values(), key=lambda g: order.get(g.name, len(order)))
    status.units = [g.name for g in gathered]
    for certifier in status.certifiers:
        status.missing[certifier] = []
    for unit in gathered:
        required = required_fields(rules, unit.name, unit.role)
        for certifier in status.certifiers:
            if certifier == SELF_CHECK:
                continue
            mine = [leaf for leaf in required if certifier in leaf.certified_by]
            filled = [leaf for leaf in mine if leaf.key in unit.values]
            bad = [leaf for leaf in mine if (unit.name, leaf.key) in merger.bad]
            came_back = (canonical_unit(unit.name), certifier) in returned
            status.matrix[(unit.name, certifier)] = Cell(
                len(mine), len(filled), came_back, len(bad)
            )
            for leaf in mine:
                if leaf.key in unit.values or leaf in bad:  # a bad value is listed as a problem
                    continue
                blank = unit.blanks.get(leaf.key)
                if blank is None and not came_back and certifier in sent:
                    # the certifier's file came back without the unit's row: no blank form's cell
                    lacking = tuple(sent[certifier])
                    missing = Missing(unit.name, leaf.key, leaf.label, None, lacking)
                else:
                    where = blank or entry_cell(
                        status.rule_file, certifier, listed, unit.name, leaf.key
                    )
                    missing = Missing(unit.name, leaf.key, leaf.label, where)
                status.missing[certifier].append(missing)


def _fill_self_check(
    status: CollectionStatus, claimed: Merger, returned: set[tuple[str, str]]
) -> None:
    """The self-check column: every base field, from the units' own forms."""
    rules = status.rule_file.rules
    forms = {g.name: g for g in claimed.gathered.values()}
    for name in status.units:
        form = forms.get(name)
        required = required_fields(rules, name, form.role if form else "assessed")
        values = form.values if form is not None else {}
        blanks: dict[str, Source] = form.blanks if form is not None else {}
        bad = [leaf for leaf in required if (name, leaf.key) in claimed.bad]
        status.matrix[(name, SELF_CHECK)] = Cell(
            len(required),
            sum(leaf.key in values for leaf in required),
            (canonical_unit(name), SELF_CHECK) in returned,
            len(bad),
        )
        status.missing[SELF_CHECK] += [
            Missing(name, leaf.key, leaf.label, blanks[leaf.key])
            for leaf in required
            if leaf.key not in values and leaf.key in blanks and leaf not in bad
        ]
