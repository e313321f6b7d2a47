"""Combining the rows of several workbooks into one set of values per unit (SPEC §5.2). Pure.

Rows are merged as the reader streams them, so only the merged values are kept, never the
rows themselves; equal Decimal values are shared between units.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from mypm.core.errors import Problem
from mypm.core.messages import Msg
from mypm.core.results import (
    Decided,
    Decision,
    EntryRow,
    FieldValue,
    InputValue,
    Issue,
    Source,
    UnitInput,
)
from mypm.core.rules.model import Unit, canonical_unit
from mypm.core.rules.ruleset import RuleSet
from mypm.core.values import ValueProblem

SUGGEST_UP_TO = 2_000  # known unit names, beyond which no "did you mean" is offered


@dataclass
class _Gathered:
    name: str
    group: str
    role: Literal["assessed", "reference"]
    values: dict[str, FieldValue] = field(default_factory=dict)
    blanks: dict[str, Source] = field(default_factory=dict)
    seen: bool = False


class Merger:
    """Takes the rows of one file after another; `result()` gives one UnitInput per unit.

    `units` replaces the rule set's assessed units (the office's own list); reference units
    always come from the rule set.
    """

    def __init__(self, rules: RuleSet, *, units: Sequence[Unit] | None = None) -> None:
        self.rules = rules
        listed = [*(units if units is not None else rules.assessed_units), *rules.reference_units]
        self.gathered = {canonical_unit(u.name): _Gathered(u.name, u.group, u.role) for u in listed}
        self.known_names = [u.name for u in listed]
        # a former name (曾用名) → the unit's name now; each use is noted once
        self.renamed = {canonical_unit(f): canonical_unit(u.name) for u in listed for f in u.former}
        self.noted: set[str] = set()
        self.problems: list[Problem] = []
        self.conflicts: list[Problem] = []  # also in `problems`; `status` lists them apart
        self.issues: list[Issue] = []
        self.bad: set[tuple[str, str]] = set()  # (unit, key) whose value could not be read
        self.certifiers = {leaf.key: rules.certifier_names(leaf) for leaf in rules.leaves}
        self.file_certifier: dict[str, str] = {}  # file name → the certifier it was made for
        self.rows = 0  # rows taken so far, from all files
        # The same cell content means the same value: each is parsed once, so equal values
        # are also one shared object across units.
        self.parsed: dict[
            tuple[str, type, object, bool], tuple[object, InputValue | ValueProblem | None]
        ] = {}
        # blank bonus and deduction cells mean 0; only blank base cells are named later
        self.required = frozenset(leaf.key for leaf in rules.leaves if leaf.section == "base")
        self.decisions: dict[str, list[Decision]] = {}  # canonical unit → decided values applied
        self.derived = {(name, d.field) for d in rules.derived for name in d.units}

    def add_file(self, rows: Iterable[EntryRow], *, file: str = "", certifier: str = "") -> None:
        """Merge the rows of one file: a unit may have only one row of values per file.

        `certifier` is the one the file was made for (`template --certifier`), if any.
        """
        if certifier:
            self.file_certifier[file] = certifier
        rows_here: dict[str, Source] = {}
        for row in rows:
            self.rows += 1
            canon = canonical_unit(row.unit)
            if canon not in self.gathered and canon in self.renamed:
                canon = self._renamed(canon, row)
            if canon in rows_here and row.values:  # two rows of values: which one counts?
                message = Msg.of("merge.duplicate_row", unit=row.unit, first=rows_here[canon])
                advice = Msg.of("merge.duplicate_row_advice")
                self.problems.append(row.unit_source.problem(message, advice))
                continue
            if row.values:
                rows_here[canon] = row.unit_source
            self._add_row(canon, row)

    def unit_key(self, name: str) -> str:
        """The canonical name of the unit a row's name means: a former name (曾用名) is read
        as the unit's name now."""
        canon = canonical_unit(name)
        return self.renamed.get(canon, canon) if canon not in self.gathered else canon

    def _renamed(self, former: str, row: EntryRow) -> str:
        """The unit a former name means, noted (once a name) with the cell that used it."""
        canon = self.renamed[former]
        if former not in self.noted:
            self.noted.add(former)
            unit = self.gathered[canon].name
            message = Msg.of("merge.former_name", former=row.unit, unit=unit)
            self.issues.append(Issue("info", message, unit=unit, source=row.unit_source))
        return canon

    def _add_row(self, canon: str, row: EntryRow) -> None:
        unit = self.gathered.get(canon)
        if unit is None:
            if row.values:  # a name alone, with nothing to score, does no harm
                self._unknown_unit(row)
            return
        unit.seen = unit.seen or bool(row.values)  # a pre-filled name alone is not data
        if row.group and not unit.group:
            unit.group = row.group
        for key in row.blanks:
            if key in self.required and key not in unit.blanks:
                unit.blanks[key] = row.blank_source(key)
        values = unit.values
        for key, cell in row.values.items():
            raw, value = self._parse(key, cell.value, cell.percent)
            if value is None:
                continue
            if isinstance(value, ValueProblem):
                label = self.rules.leaf_by_key[key].label
                message = Msg.of("merge.value", unit=unit.name, field=label, problem=value.message)
                problem = cell.source.problem(message, value.advice, self.certifiers[key])
                self.problems.append(problem)
                self.bad.add((unit.name, key))
                continue
            old = values.get(key)
            if old is None:
                values[key] = FieldValue(value, cell.source, raw)
            elif old.value != value:
                new = FieldValue(value, cell.source, raw)
                ranked = self._ranked(key, old, new)
                if ranked is None:
                    self._conflict(unit.name, key, value, old, cell.source)
                else:
                    claim, certified = ranked
                    values[key] = replace(certified, claim=replace(claim, claim=None))
                    self._certified(unit.name, key, claim, certified)

    def _ranked(
        self, key: str, old: FieldValue, new: FieldValue
    ) -> tuple[FieldValue, FieldValue] | None:
        """(claim, certified) when the field's precedence ranks the certifiers of the two
        values' files apart; None (a conflict) when it does not, or they share a rank."""
        leaf = self.rules.leaf_by_key[key]
        owners = [
            self.file_certifier.get(v.source.file if v.source else "", "") for v in (old, new)
        ]
        rank_old, rank_new = (leaf.rank(owner) for owner in owners)
        if rank_old is None or rank_new is None or rank_old == rank_new:
            return None
        return (old, new) if rank_new < rank_old else (new, old)

    def _certified(self, unit: str, key: str, claim: FieldValue, certified: FieldValue) -> None:
        """A claim the certified value replaces: 核减 or 核增, both values and both cells."""
        leaf = self.rules.leaf_by_key[key]
        points = leaf.points_for(certified.value) - leaf.points_for(claim.value)
        message = Msg.of(
            "merge.certified_down" if points < 0 else "merge.certified_up",
            unit=unit,
            field=leaf.label,
            claim=leaf.shown(claim.value),
            claim_cell=claim.source or "",
            value=leaf.shown(certified.value),
            cell=certified.source or "",
        )
        self.issues.append(Issue("info", message, unit=unit, field=key, source=certified.source))

    def decide(self, decided: Iterable[Decided]) -> None:
        """Apply values decided on the record, after every file is merged: each review first,
        then each appeal, in the order given (a later decision on a field replaces an earlier).

        A review correction replaces the unit's claim as a certified value does (核减/核增,
        both values); an appeal's decision becomes the field's final value, the value before it
        kept. A decision for an unknown unit or field, for a unit without data, or with a value
        the field cannot take is a problem naming the decision.
        """
        for record in sorted(decided, key=lambda d: d.kind != "review"):
            canon = canonical_unit(record.unit)
            if canon not in self.gathered:
                canon = self.renamed.get(canon, canon)
            value = self._decided_value(record, canon)
            if value is None:
                continue
            unit, leaf = self.gathered[canon], self.rules.leaf_by_key[record.key]
            before = unit.values.get(record.key, FieldValue(None, None))
            said = {"unit": unit.name, "field": leaf.label, "value": leaf.shown(value)}
            if record.kind == "review":  # the claim stays, as under a certified value
                claim = replace(before.claim or before, claim=None)
                unit.values[record.key] = FieldValue(value, None, record.value, claim=claim)
                claimed = leaf.shown(claim.value)
                message = Msg.of("decided.review", **said, claim=claimed, ref=record.ref)
            else:
                unit.values[record.key] = FieldValue(value, None, record.value)
                earlier = leaf.shown(before.value)
                message = Msg.of("decided.appeal", **said, before=earlier, ref=record.ref)
            self.decisions.setdefault(canon, []).append(Decision(record, before))
            where = before.source  # the cell whose value the decision replaced
            self.issues.append(Issue("info", message, unit.name, record.key, where))

    def _decided_value(self, record: Decided, canon: str) -> InputValue | None:
        """The decided value, checked as an entry cell is; None with a problem naming the
        decision when its unit or field is unknown, the unit has no data, or the value is
        blank or one the field cannot take."""
        unit = self.gathered.get(canon)
        leaf = self.rules.leaf_by_key.get(record.key)
        params = {"ref": record.ref, "unit": record.unit, "field": record.key}
        message, advice = None, None
        if unit is None:
            message = Msg.of("decided.unknown_unit", **params)
        elif leaf is None:
            message = Msg.of("decided.unknown_field", **params)
        elif not unit.seen:
            message = Msg.of("decided.no_data", **{**params, "field": leaf.label})
        elif (unit.name, leaf.key) in self.derived:  # its value is its peers' mean
            message = Msg.of("decided.derived", **{**params, "field": leaf.label})
        else:
            try:
                value = leaf.parse(record.value)
            except ValueProblem as exc:
                message = Msg.of(
                    "decided.value", **{**params, "field": leaf.label}, problem=exc.message
                )
                advice = exc.advice
            else:
                if value is not None:
                    return value
                message = Msg.of("decided.blank", **{**params, "field": leaf.label})
        self.problems.append(Problem("", message, advice or ""))
        return None

    def _unknown_unit(self, row: EntryRow) -> None:
        close = (  # a suggestion compares against every name: only for office-size lists
            difflib.get_close_matches(row.unit, self.known_names, n=1, cutoff=0.5)
            if len(self.known_names) <= SUGGEST_UP_TO
            else []
        )
        message = (
            Msg.of("merge.unknown_unit_close", unit=row.unit, close=close[0])
            if close
            else Msg.of("merge.unknown_unit", unit=row.unit)
        )
        advice = Msg.of("merge.unknown_unit_advice")
        self.problems.append(row.unit_source.problem(message, advice))

    def _conflict(
        self, unit: str, key: str, value: InputValue, old: FieldValue, source: Source
    ) -> None:
        leaf = self.rules.leaf_by_key[key]
        other = old.source.file if old.source else ""
        message = Msg.of(
            "merge.conflict",
            unit=unit,
            field=leaf.label,
            value=leaf.shown(value),
            other=leaf.shown(old.value),
            where=old.source or "",
        )
        owners = [  # the file made for the certifier the rules name for this field
            f for f in (source.file, other) if self.file_certifier.get(f) in leaf.certified_by
        ]
        certifier = self.certifiers[key]
        rank = leaf.rank(self.file_certifier.get(owners[0], "")) if len(owners) == 1 else None
        if rank:  # the one owner only claims: the values of the ranks above it count
            wrong = other if owners[0] == source.file else source.file
            higher = tuple(self.rules.certifiers[c] for r in leaf.precedence[:rank] for c in r)
            advice = Msg.of("merge.conflict_claim", higher=higher, claim=owners[0], other=wrong)
        elif len(owners) == 1:
            wrong = other if owners[0] == source.file else source.file
            advice = Msg.of(
                "merge.conflict_owner", certifier=certifier, keep=owners[0], wrong=wrong
            )
        else:
            advice = Msg.of("merge.conflict_ask", certifier=certifier)
        problem = source.problem(message, advice, certifier)
        self.conflicts.append(problem)  # also in `problems`; `status` lists them apart
        self.problems.append(problem)

    def _parse(
        self, key: str, raw: object, percent: bool
    ) -> tuple[object, InputValue | ValueProblem | None]:
        """The cell's content (the first of equal ones, shared) and its value or problem."""
        memo = (key, type(raw), raw, percent)
        found = self.parsed.get(memo)
        if found is None:
            value: InputValue | ValueProblem | None
            try:
                value = self.rules.leaf_by_key[key].parse(raw, percent_format=percent)
            except ValueProblem as exc:
                value = exc
            found = self.parsed[memo] = (raw, value)
        return found

    def result(self) -> tuple[list[UnitInput], list[Issue]]:
        """One UnitInput per assessed unit with data and per reference unit, in the rule set's
        order (a reference unit's blank cells are named when a derived value needs them).

        The problems found are in `problems`; the values they concern are left out.
        """
        units, issues = [], list(self.issues)
        for canon, unit in self.gathered.items():
            if not unit.seen and unit.role == "assessed":
                message = Msg.of("merge.no_row", unit=unit.name)
                issues.append(Issue("warning", message, unit=unit.name))
                continue
            values = unit.values
            for key, source in unit.blanks.items():
                values.setdefault(key, FieldValue(None, source))
            decided = tuple(self.decisions.get(canon, ()))
            units.append(UnitInput(unit.name, unit.group, unit.role, values, decided))
        return units, issues
