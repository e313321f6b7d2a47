"""Combining the rows of several workbooks into one set of values per unit (SPEC §5.2). Pure."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mypm.errors import Problem, WorkbookError
from mypm.i18n import t
from mypm.results import EntryWorkbook, FieldValue, Issue, Source, UnitInput
from mypm.rules.model import RuleSet, Unit
from mypm.units import canonical_unit
from mypm.values import ValueProblem, display, parse_value


@dataclass
class _Gathered:
    name: str
    group: str
    role: Literal["assessed", "reference"]
    values: dict[str, FieldValue]
    blanks: dict[str, Source]
    seen: bool = False


def merge_workbooks(
    rules: RuleSet, workbooks: Sequence[EntryWorkbook], *, units: Sequence[Unit] | None = None
) -> tuple[list[UnitInput], list[Issue]]:
    """One UnitInput per unit with rows, in the rule set's order; every problem raised together.

    `units` replaces the rule set's assessed units (the office's own list); reference units
    always come from the rule set.
    """
    listed = [*(units if units is not None else rules.assessed_units), *rules.reference_units]
    gathered = {canonical_unit(u.name): _Gathered(u.name, u.group, u.role, {}, {}) for u in listed}
    known_names = [u.name for u in listed]
    problems: list[Problem] = []
    issues: list[Issue] = []
    for book in workbooks:
        issues += book.issues
        rows_here: dict[str, Source] = {}
        for row in book.rows:
            canon = canonical_unit(row.unit)
            if canon in rows_here and row.values:  # two rows of values: which one counts?
                first = rows_here[canon]
                problems.append(
                    Problem(
                        row.unit_source.where,
                        t("merge.duplicate_row", unit=row.unit, first=first.where),
                    )
                )
                continue
            if row.values:
                rows_here[canon] = row.unit_source
            unit = gathered.get(canon)
            if unit is None:
                close = difflib.get_close_matches(row.unit, known_names, n=1, cutoff=0.5)
                message = (
                    t("merge.unknown_unit_close", unit=row.unit, close=close[0])
                    if close
                    else t("merge.unknown_unit", unit=row.unit)
                )
                issues.append(Issue("warning", message, unit=row.unit, source=str(row.unit_source)))
                unit = gathered[canon] = _Gathered(row.unit, row.group, "assessed", {}, {})
            unit.seen = unit.seen or bool(row.values)  # a pre-filled name alone is not data
            if row.group and not unit.group:
                unit.group = row.group
            for key, source in row.blanks.items():
                unit.blanks.setdefault(key, source)
            for key, cell in row.values.items():
                leaf = rules.leaf_by_key[key]
                try:
                    value = parse_value(cell.value, leaf, percent_format=cell.percent)
                except ValueProblem as exc:
                    problems.append(
                        Problem(cell.source.where, f"{unit.name} · {leaf.label}: {exc}")
                    )
                    continue
                if value is None:
                    continue
                new = FieldValue(value, cell.source, display(value, leaf))
                old = unit.values.get(key)
                if old is None:
                    unit.values[key] = new
                elif old.value != new.value:
                    problems.append(
                        Problem(
                            cell.source.where,
                            t(
                                "merge.conflict",
                                unit=unit.name,
                                field=leaf.label,
                                value=new.text,
                                other=old.text,
                                where=old.source.where if old.source else "",
                            ),
                        )
                    )
    if problems:
        raise WorkbookError(problems)
    result = []
    for unit in gathered.values():
        if not unit.seen:
            issues.append(Issue("warning", t("merge.no_row", unit=unit.name), unit=unit.name))
            continue
        values = dict(unit.values)
        for key, source in unit.blanks.items():
            values.setdefault(key, FieldValue(None, source, ""))
        result.append(UnitInput(unit.name, unit.group, unit.role, values))
    return result, issues
