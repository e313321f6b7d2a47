"""`mypm compare A B`: two scorings of the same or of two years, unit by unit and field by field.

Each side is a set of input workbooks (scored here by `score_files`), a scored workbook or the
JSON of `mypm score`; all three become the same `Side`, read from the figures `score` made, so
nothing is computed twice. The comparison itself is pure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from mypm.core.errors import InputFileError, Problem, RulesError, WorkbookError
from mypm.core.files import read_input_file
from mypm.core.messages import Msg
from mypm.core.rules import RuleFile, RuleSet
from mypm.core.rules.model import canonical_unit
from mypm.core.trace import Certification
from mypm.jobs.rulediff import RuleChange, diff_rules
from mypm.jobs.rules import available_rules
from mypm.jobs.scoring import Scored, ScoreOptions, expand_inputs, score_files
from mypm.read.units import read_unit_list
from mypm.text.vocabulary import NAMES_SEPARATOR, office_text

MAX_JSON_BYTES = 64 * 1024 * 1024  # a `score --format json` file to compare

SideKind = Literal["inputs", "scored", "json"]


@dataclass(frozen=True)
class SideClaim:
    """A unit's own claim that a certified value replaced (certification precedence)."""

    value: str
    score: Decimal
    source: str


@dataclass(frozen=True)
class SideField:
    """One field of one unit on one side: the value as shown, its points, and its cell; and
    the claim it replaced when it is a certified value (not read back from a scored workbook)."""

    value: str
    score: Decimal
    source: str
    claim: SideClaim | None = None

    @property
    def reduced(self) -> bool:
        """The certified value scored less than the claim (核减; else 核增)."""
        return self.claim is not None and self.score < self.claim.score


@dataclass(frozen=True)
class SideUnit:
    unit: str
    group: str
    total: Decimal
    rank: int
    grade: str
    fields: dict[str, SideField]


@dataclass(frozen=True)
class Side:
    """One side of a comparison, whatever it was read from."""

    label: str  # the paths, as given
    kind: SideKind
    rule_file: RuleFile
    self_check: bool
    units: dict[str, SideUnit]  # canonical name → unit
    former: dict[str, str] = field(default_factory=dict)  # canonical 曾用名 → name now
    season_year: int | None = None  # a season folder's side: the year it assesses


@dataclass(frozen=True)
class UnitChange:
    """A unit on both sides whose total, rank or grade differs (or every unit, for the table)."""

    unit: str
    group: str
    before: SideUnit
    after: SideUnit

    @property
    def rank_moved(self) -> int:
        """Places gained (positive) or lost (negative)."""
        return self.before.rank - self.after.rank


@dataclass(frozen=True)
class FieldChange:
    """A field of a unit whose value or points differ between the sides."""

    unit: str
    key: str
    label: str
    before: SideField
    after: SideField

    @property
    def moved(self) -> Decimal:
        """What the change gave the unit's total: a deduction's points count against it, so a
        deduction that went away is a gain."""
        moved = self.after.score - self.before.score
        return -moved if self.key.startswith("deductions.") else moved


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    units: list[UnitChange]  # units on both sides, by rank after
    fields: list[FieldChange]  # by points moved, largest first
    units_only: dict[str, list[str]]  # "a"/"b" → units found on that side only
    fields_only: dict[str, list[tuple[str, str]]]  # "a"/"b" → (key, label) on that side only
    rule_changes: list[RuleChange] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (A's name, B's), by 曾用名
    overclaims: list[FieldChange] = field(default_factory=list)  # self-check over certified
    claimed_side: str = ""  # "a" or "b": which side is the self-check, when one is

    def why(self, unit: str) -> list[FieldChange]:
        """The unit's own field changes that moved its points, largest first (a blank that
        became 0 is no reason its rank moved)."""
        return [f for f in self.fields if f.unit == unit and f.moved]


# --- reading a side ----------------------------------------------------------------------------


def read_side(paths: Sequence[Path], options: ScoreOptions) -> Side:
    """A set of input workbooks, a scored workbook, or score's JSON, as one side; with the
    former names of its units (from `options.units_file`, else its rule set)."""
    label = " ".join(str(p) for p in paths)
    if len(paths) == 1 and paths[0].suffix.lower() == ".json":
        side = _side_from_json(label, paths[0], options)
    elif len(paths) == 1 and _is_scored_workbook(paths[0]):
        from mypm.read.scored import read_scored_workbook

        side = _side_from_document(label, "scored", read_scored_workbook(paths[0]), options)
    else:
        inputs = expand_inputs(paths)
        side = side_from_scored(label, score_files(inputs.paths, options, inputs.notes))
    known = side.rule_file.rules.units
    units = read_unit_list(options.units_file, known) if options.units_file else known
    former = {canonical_unit(f): canonical_unit(u.name) for u in units for f in u.former}
    return replace(side, former=former)


def _is_scored_workbook(path: Path) -> bool:
    from mypm.read.sniff import sniff

    try:
        return path.is_file() and sniff(path).kind == "scored"
    except OSError:  # unreadable: reading it as an input says why
        return False


def side_from_scored(label: str, scored: Scored) -> Side:
    """A side from a scoring run: what `score --format json` says of each unit, from the
    trace itself."""
    places = Decimal(1).scaleb(-scored.rule_file.rules.rounding.places)
    units = {
        canonical_unit(u.unit): SideUnit(
            u.unit,
            u.group,
            u.total.quantize(places),
            u.rank,
            u.grade or "",
            {
                leaf.key: SideField(
                    office_text(leaf.shown),
                    leaf.score.quantize(places),
                    str(leaf.source or ""),
                    _claim(leaf.certification, places),
                )
                for leaf in u.leaves
            },
        )
        for u in scored.report.units
    }
    return Side(label, "inputs", scored.rule_file, scored.report.self_check, units)


def _claim(certification: Certification | None, places: Decimal) -> SideClaim | None:
    if certification is None:
        return None
    claimed = office_text(certification.claim_shown)
    source = str(certification.claim.source or "")
    return SideClaim(claimed, certification.claimed.score.quantize(places), source)


def _side_from_json(label: str, path: Path, options: ScoreOptions) -> Side:
    try:
        text = read_input_file(path, MAX_JSON_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError([Problem(str(path), Msg.of("compare.not_json"))]) from exc
    try:
        document = json.loads(
            text, parse_float=Decimal, parse_int=Decimal, parse_constant=_not_finite
        )
    except _NotFinite as exc:
        line, column = _place_of_constant(text)
        problem = Problem(f"{path}:{line}:{column}", Msg.of("compare.not_finite", value=str(exc)))
        raise InputFileError([problem]) from exc
    except (ValueError, RecursionError) as exc:
        raise InputFileError([Problem(str(path), Msg.of("compare.not_json"))]) from exc
    return _side_from_document(label, "json", document, options)


class _NotFinite(ValueError):
    """NaN, Infinity or -Infinity in a JSON file: no figure mypm writes is one."""


def _not_finite(constant: str) -> Decimal:
    raise _NotFinite(constant)


def _place_of_constant(text: str) -> tuple[int, int]:
    """Line and column (from 1) of the first NaN or Infinity outside a string of JSON text."""
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            in_string = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            in_string = True
        elif text.startswith(("NaN", "Infinity", "-Infinity"), index):
            line = text.count("\n", 0, index) + 1
            return line, index - (text.rfind("\n", 0, index) + 1) + 1
    return 1, 1


def _side_from_document(label: str, kind: SideKind, document: Any, options: ScoreOptions) -> Side:
    """A side from score's JSON (or a scored workbook read into the same shape)."""
    try:
        rules_id = str(document["rules"]["id"])
    except (TypeError, KeyError) as exc:
        raise WorkbookError([Problem(label, Msg.of("compare.not_scores"))]) from exc
    rule_file = next(
        (r for r in available_rules(options.rules_path) if r.rules.id == rules_id), None
    )
    if rule_file is None:
        raise RulesError([Problem(label, Msg.of("compare.rules_not_found", id=rules_id))])
    return _side(label, kind, document, rule_file)


def _side(label: str, kind: SideKind, document: Any, rule_file: RuleFile) -> Side:
    """Check the document's shape as it is read: a hand-edited file must fail with a message.
    Only the rule set's fields are kept (a scored workbook's 明细 also has subtotals)."""
    rules = rule_file.rules
    leaves = rules.leaf_by_key
    places = Decimal(1).scaleb(-rules.rounding.places)  # 75 is shown as 75.00
    labelled: dict[str, list[str]] = {}  # a label → the keys of the fields with it, in rule order
    for leaf in rules.leaves:
        labelled.setdefault(leaf.label, []).append(leaf.key)

    def figure(value: object) -> Decimal:
        return _decimal(value).quantize(places)

    units: dict[str, SideUnit] = {}
    try:
        for entry in document["units"]:
            # score's JSON (and an earlier mypm's 明细) has the fields by key; 明细, by label
            name = str(entry["unit"])
            if kind == "scored" and "fields" not in entry:
                keyed = _by_key(entry.get("lines", []), labelled, name, label)
            else:
                keyed = entry["fields"]
            fields = {
                str(key): SideField(
                    _text(value.get("value")),
                    figure(value["score"]),
                    _text(value.get("source")),
                    _json_claim(value.get("certification"), figure),
                )
                for key, value in keyed.items()
                if key in leaves
            }
            units[canonical_unit(name)] = SideUnit(
                name,
                str(entry.get("group") or ""),
                figure(entry["total"]),
                int(entry["rank"]),
                str(entry.get("grade") or ""),
                fields,
            )
        self_check = document.get("self_check") is True
    except (TypeError, KeyError, ValueError, AttributeError, ArithmeticError) as exc:
        raise WorkbookError([Problem(label, Msg.of("compare.not_scores"))]) from exc
    return Side(label, kind, rule_file, self_check, units)


def _json_claim(certification: Any, figure: Callable[[object], Decimal]) -> SideClaim | None:
    """The claim a field's `certification` in score's JSON names, if it has one."""
    if certification is None:
        return None
    return SideClaim(
        _text(certification["claimed"]),
        figure(certification["claimed_score"]),
        _text(certification.get("claimed_source")),
    )


def _by_key(
    lines: list[tuple[str, Any]], labelled: dict[str, list[str]], unit: str, where: str
) -> dict[str, Any]:
    """A unit's 明细 lines (label, field) by their field's key. A unit's lines are in rule order,
    so the n-th line with a label is the n-th field with it (two fields may share a label); a
    line past them (an item's or a section's sum) names no field. Every field must have its
    line: a WorkbookError names the first without one (a sheet edited, or scored by other
    rules)."""
    fields: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for label, line in lines:
        n = seen[label] = seen.get(label, 0) + 1
        if n <= len(labelled.get(label, ())):
            fields[labelled[label][n - 1]] = line
    missing = next((lab for lab, keys in labelled.items() if seen.get(lab, 0) < len(keys)), None)
    if missing is not None:
        message = Msg.of("compare.details_mismatch", unit=unit, label=missing)
        raise WorkbookError([Problem(where, message)])
    return fields


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise ValueError(value)
    return Decimal(str(value))


# --- comparing ---------------------------------------------------------------------------------


def compare(a: Side, b: Side) -> Comparison:
    """Units and fields matched by name and key; what moved, what is on one side only."""
    a, b, renamed = _matched_by_former_names(a, b)
    labels = _labels(a.rule_file.rules) | _labels(b.rule_file.rules)
    both = [name for name in b.units if name in a.units]
    units = sorted(
        (UnitChange(b.units[n].unit, b.units[n].group, a.units[n], b.units[n]) for n in both),
        key=lambda u: (u.after.rank, u.unit),
    )
    counted_a, counted_b = _counted(a), _counted(b)
    fields = [
        FieldChange(b.units[name].unit, key, labels.get(key, key), before, after)
        for name in both
        for key, after in counted_b.units[name].fields.items()
        if (before := counted_a.units[name].fields.get(key)) is not None
        and (before.value, before.score) != (after.value, after.score)
    ]
    fields.sort(key=lambda f: (-abs(f.moved), f.unit, f.key))
    keys_a, keys_b = _keys(a), _keys(b)
    comparison = Comparison(
        a,
        b,
        units,
        fields,
        {
            "a": [u.unit for n, u in a.units.items() if n not in b.units],
            "b": [u.unit for n, u in b.units.items() if n not in a.units],
        },
        {
            "a": [(k, labels.get(k, k)) for k in keys_a if k not in keys_b],
            "b": [(k, labels.get(k, k)) for k in keys_b if k not in keys_a],
        },
        _rule_changes(a.rule_file, b.rule_file),
        renamed,
    )
    if a.self_check != b.self_check:
        return _with_overclaims(comparison, counted_a, counted_b)
    return comparison


def _counted(side: Side) -> Side:
    """The side with the points that counted: the parts of an item with a cap become one field,
    the item, worth the capped sum of their points (4 national commendations × 2 = 8, capped at 3,
    counts 3.00), so a change is told by what it did to the total."""
    places = Decimal(1).scaleb(-side.rule_file.rules.rounding.places)
    capped = {
        f"{section}.{item.id}": item.cap
        for section in ("bonus", "deductions")
        for item in side.rule_file.rules.adjustments(section).items
        if item.parts and item.cap is not None
    }
    part_name = {leaf.key: leaf.part_name for leaf in side.rule_file.rules.leaves}

    def fields(unit: SideUnit) -> dict[str, SideField]:
        kept: dict[str, SideField] = {}
        parts: dict[str, list[tuple[str, SideField]]] = {}
        for key, one in unit.fields.items():
            owner = key.rpartition(".")[0]
            if owner in capped:
                parts.setdefault(owner, []).append((key, one))
            else:
                kept[key] = one
        for owner, its in parts.items():
            kept[owner] = SideField(*item(owner, its, claimed=False), claim=claim(owner, its))
        return kept

    def item(
        owner: str, its: list[tuple[str, SideField]], *, claimed: bool
    ) -> tuple[str, Decimal, str]:
        """An item's value, capped points and cells from its parts (as claimed: each part as
        the unit claimed it, where a certified value replaced its claim)."""
        shown = [(key, one.claim or one if claimed else one) for key, one in its]
        return (
            NAMES_SEPARATOR.join(
                f"{part_name.get(key, key)} {one.value}" for key, one in shown if one.value
            ),
            min(sum((one.score for _, one in shown), Decimal(0)), capped[owner]).quantize(places),
            NAMES_SEPARATOR.join(dict.fromkeys(one.source for _, one in shown if one.source)),
        )

    def claim(owner: str, its: list[tuple[str, SideField]]) -> SideClaim | None:
        return SideClaim(*item(owner, its, claimed=True)) if any(o.claim for _, o in its) else None

    units = {name: replace(unit, fields=fields(unit)) for name, unit in side.units.items()}
    return replace(side, units=units)


def _matched_by_former_names(a: Side, b: Side) -> tuple[Side, Side, list[tuple[str, str]]]:
    """A unit on one side under a name the other side's list (or its own) gives as a former
    name of a unit there (安县 last year, 安州区 now) is matched with that unit."""
    former = {**a.former, **b.former}
    renamed: list[tuple[str, str]] = []

    def matched(side: Side, other: Side, a_first: bool) -> Side:
        units = {}
        for key, unit in side.units.items():
            now = former.get(key)
            if key not in other.units and now in other.units and now not in side.units:
                pair = (unit.unit, other.units[now].unit)
                renamed.append(pair if a_first else pair[::-1])
                key = now
            units[key] = unit
        return replace(side, units=units)

    a = matched(a, b, True)
    b = matched(b, a, False)
    return a, b, renamed


def _keys(side: Side) -> list[str]:
    return list(dict.fromkeys(key for unit in side.units.values() for key in unit.fields))


def _rule_changes(a: RuleFile, b: RuleFile) -> list[RuleChange]:
    if a.sha256 == b.sha256:
        return []
    return diff_rules(a.rules, b.rules)


def _with_overclaims(comparison: Comparison, a: Side, b: Side) -> Comparison:
    """Every field where the unit's self-check claimed more points than were certified (the
    points that counted: `a` and `b` are the comparison's sides `_counted`)."""
    claimed: Literal["a", "b"] = "a" if a.self_check else "b"
    labels = _labels(b.rule_file.rules)
    overclaims = []
    for name, unit_b in b.units.items():
        unit_a = a.units.get(name)
        if unit_a is None:
            continue
        for key, field_b in unit_b.fields.items():
            field_a = unit_a.fields.get(key)
            if field_a is None:
                continue
            self_field, certified = (field_a, field_b) if claimed == "a" else (field_b, field_a)
            if self_field.score > certified.score:
                overclaims.append(
                    FieldChange(unit_b.unit, key, labels.get(key, key), certified, self_field)
                )
    overclaims.sort(key=lambda f: (-f.moved, f.unit, f.key))
    return replace(comparison, overclaims=overclaims, claimed_side=claimed)


def _labels(rules: RuleSet) -> dict[str, str]:
    """Each field's label by its key, and each item's (a capped item's parts count as one)."""
    items = {
        f"{section}.{item.id}": item.name
        for section in ("bonus", "deductions")
        for item in rules.adjustments(section).items
    }
    return items | {leaf.key: leaf.label for leaf in rules.leaves}
