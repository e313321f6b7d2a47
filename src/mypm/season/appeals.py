"""Appeals (申诉/复核) in the season: recorded (`mypm appeal add`, or the appeals workbook
received), decided (`mypm appeal decide`), listed, and applied when the season is scored.

Each appeal and each decision is a ledger entry in the season's one hash chain ("appeal",
"appeal-decision"); an appeal's state is worked out from them in order, never stored. A revised
decision is a new entry naming the one it revises: both stay. Every command is one ledger
transaction: all of it is recorded, or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from mypm.core.appeals import Appeal, Outcome, Ruling
from mypm.core.errors import InputFileError, OptionError, Problem, WorkbookError
from mypm.core.messages import Msg
from mypm.core.results import Decided, Source
from mypm.core.rules import RuleSet
from mypm.core.rules.model import Leaf
from mypm.core.values import ValueProblem
from mypm.read.appeals import AppealRow, appeal_rows
from mypm.season.evidence import MB, Kept, check_room, checked_files, keep_file
from mypm.season.folder import Season
from mypm.season.ledger import Entry, Ledger, os_user
from mypm.season.names import field_named, unit_named
from mypm.text.vocabulary import office_text

KIND = "appeal"
DECISION = "appeal-decision"
DECISION_KINDS = (KIND, DECISION)  # the entries the values decided on the ledger come from


def appeals_in(entries: Sequence[Entry]) -> list[Appeal]:
    """Every appeal the ledger records, by number, each with its decisions in order."""
    found: dict[int, Appeal] = {}
    for entry in entries:
        data = entry.data
        if entry.kind == KIND:
            found[data["number"]] = Appeal(
                number=data["number"],
                unit=data["unit"],
                key=data["key"],
                claim=data["claim"],
                reason=data["reason"],
                received_at=data["received_at"],
                late=data["late"],
                by=entry.user,
                files=tuple(f["file"] for f in data.get("files", ())),
                source=_source(data["source"]),
                materials=data["materials"],
            )
        elif entry.kind == DECISION and data["appeal"] in found:
            appeal = found[data["appeal"]]
            ruling = Ruling(
                data["outcome"], data["value"], data["reason"], data["by"], entry.at, entry.seq
            )
            found[appeal.number] = replace(appeal, rulings=(*appeal.rulings, ruling))
    return list(found.values())


def _source(data: dict[str, str] | None) -> Source | None:
    return Source(data["file"], data["sheet"], data["cell"]) if data else None


def decided_values(entries: Sequence[Entry]) -> tuple[Decided, ...]:
    """The values decided on the ledger that scoring applies: each accepted or partly accepted
    appeal's value."""
    return tuple(d for a in appeals_in(entries) if (d := a.decided()) is not None)


def without_appeals(decided: Sequence[Decided]) -> tuple[Decided, ...]:
    """The decided values but the appeals': the result before appeals."""
    return tuple(d for d in decided if d.kind != "appeal")


def reply_due(season: Season) -> dt.datetime | None:
    """The moment an appeal is late after: the end of the reply deadline's day (None when the
    season has none)."""
    day = season.config.reply_deadline
    if day is None:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), season.zone)


# --- recording -------------------------------------------------------------------------------


def appealed_leaf(season: Season, text: str) -> Leaf:
    """The one field `text` names (a key, or a name found once in the rules); an indicator or
    item with parts is an OptionError listing its parts' keys, since a value is appealed."""
    target = field_named(season.rule_file.rules, text)
    if len(target.leaves) > 1:
        choices = tuple(Msg.of("names.choice", key=f.key, label=f.label) for f in target.leaves)
        message = Msg.of("appeals.has_parts", field=text, keys=choices)
        raise OptionError([Problem(text, message)])
    return target.leaves[0]


def check_not_derived(rules: RuleSet, unit: str, leaf: Leaf) -> None:
    """A unit's field whose value is its peers' mean (备注) takes no value of its own: an
    OptionError."""
    if any(d.field == leaf.key and unit in d.units for d in rules.derived):
        message = Msg.of("appeals.derived", unit=unit, field=leaf.label)
        raise OptionError([Problem(leaf.key, message)])


def checked_value(leaf: Leaf, given: object, where: str, unit: str) -> str:
    """A claimed or decided value, checked as the field's entry cell would be, as text (a
    number as written, a yes/no answer as 是/否); a blank or a value the field cannot take is
    an OptionError located at `where`."""
    try:
        value = leaf.parse(given)
    except ValueProblem as exc:
        message = Msg.of("appeals.bad_value", unit=unit, field=leaf.label, problem=exc.message)
        raise OptionError([Problem(where, message, exc.advice)]) from None
    if value is None:
        message = Msg.of("appeals.blank_value", unit=unit, field=leaf.label)
        raise OptionError([Problem(where, message)])
    if isinstance(given, str):
        return given.strip()
    return office_text(leaf.shown(value))


def add_appeal(
    season: Season,
    unit: str,
    field: str,
    claim: str,
    reason: str,
    files: Sequence[Path] = (),
    received_at: dt.datetime | None = None,
) -> Appeal:
    """Record one appeal (`mypm appeal add`) with its files, kept as the field's evidence is
    (佐证材料/<unit>/<field>/): its number is the next one; after the reply deadline it is
    recorded as late. Every file is checked first; the appeal and its files are kept whole or
    not at all."""
    name = unit_named(season.units(), unit)
    leaf = appealed_leaf(season, field)
    check_not_derived(season.rule_file.rules, name, leaf)
    value = checked_value(leaf, claim, "--claim", name)
    reason = _reason(reason)
    digests = checked_files(season, files)
    moment = season.received_time(received_at)
    kept: list[Kept] = []
    try:
        with season.ledger() as ledger, ledger.writing():
            check_room(season, sum(size for _, _, size in digests.values()))
            limit = season.config.limits.evidence_file_mb * MB
            for path in files:
                kept.append(keep_file(season, path, (name, leaf.key), limit))
                if kept[-1].sha256 != digests[path][0]:  # changed since it was checked
                    raise InputFileError([Problem(str(path), Msg.of("receive.changed"))])
            return record_appeal(season, ledger, name, leaf.key, value, reason, moment, kept)
    except BaseException:  # nothing recorded: no copy stays either
        for one in kept:
            (season.root / one.file).unlink(missing_ok=True)
        raise


def record_appeal(
    season: Season,
    ledger: Ledger,
    unit: str,
    key: str,
    claim: str,
    reason: str,
    moment: dt.datetime,
    files: Sequence[Kept] = (),
    source: tuple[Source, str] | None = None,
    materials: str = "",
) -> Appeal:
    """Append one checked appeal to the ledger (inside `writing()`), numbered after the last;
    `source`: the cell of the appeals workbook it was typed in, and the workbook's sha256."""
    number = 1 + len(ledger.entries(KIND))
    due = reply_due(season)
    record: dict[str, Any] = {
        "number": number,
        "unit": unit,
        "key": key,
        "claim": claim,
        "reason": reason,
        "received_at": moment.isoformat(timespec="seconds"),
        "late": due is not None and moment >= due,
        "files": [asdict(one) for one in files],
        "source": {**asdict(source[0]), "sha256": source[1]} if source else None,
        "materials": materials,
    }
    entry = ledger.append(KIND, record, season.now())
    return appeals_in([entry])[0]


def receive_appeals(
    season: Season,
    ledger: Ledger,
    path: Path,
    kept_as: tuple[str, str],
    moment: dt.datetime,
) -> list[Appeal]:
    """Record every appeal typed into an appeals workbook (inside `writing()`): each row's
    unit, field, claim (checked as the field's cell) and reason. Any problem in any row is a
    WorkbookError naming every one, and nothing is recorded. `kept_as`: where the season keeps
    the workbook and its sha256; each appeal names its cell there."""
    from mypm.read.entries import open_input

    units = season.units()
    leaves = season.rule_file.rules.leaf_by_key
    problems: list[Problem] = []
    found: list[tuple[str, str, str, AppealRow]] = []
    for row in appeal_rows(open_input(path)):
        leaf = leaves.get(row.key)
        try:
            unit = unit_named(units, row.unit)
            if leaf is None:
                raise OptionError([Problem("", Msg.of("appeals.row_no_field", key=row.key))])
            check_not_derived(season.rule_file.rules, unit, leaf)
            claim = checked_value(leaf, row.claim, "", unit)
            if not row.reason:
                raise OptionError([Problem("", Msg.of("appeals.row_no_reason"))])
        except OptionError as exc:
            problems += [row.source.problem(p.message, p.advice) for p in exc.problems]
            continue
        found.append((unit, leaf.key, claim, row))
    if not found and not problems:
        problems.append(Problem(str(path), Msg.of("appeals.workbook_empty")))
    if problems:
        raise WorkbookError(problems)
    return [
        record_appeal(
            season,
            ledger,
            unit,
            key,
            claim,
            row.reason,
            moment,
            source=(replace(row.source, file=kept_as[0]), kept_as[1]),
            materials=row.materials,
        )
        for unit, key, claim, row in found
    ]


def _reason(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise OptionError([Problem("--reason", Msg.of("appeals.no_reason"))])
    return reason


# --- deciding --------------------------------------------------------------------------------


def decide_appeal(
    season: Season,
    number: int,
    outcome: Outcome,
    reason: str,
    *,
    value: str | None = None,
    revise: bool = False,
    by: str | None = None,
) -> Appeal:
    """Record a decision on appeal `number` (`mypm appeal decide`): 维持 (uphold) keeps the
    result, 采纳 (accept) takes the claimed value, 部分采纳 (partial) takes `value`. A second
    decision needs `revise`; the earlier one stays in the ledger and in every listing."""
    reason = _reason(reason)
    with season.ledger() as ledger, ledger.writing():
        known = appeals_in(ledger.entries())
        appeal = next((a for a in known if a.number == number), None)
        if appeal is None:
            numbers = tuple(str(a.number) for a in known)
            key = "appeals.unknown" if numbers else "appeals.none_yet"
            raise OptionError([Problem(str(number), Msg.of(key, number=number, known=numbers))])
        earlier = appeal.ruling
        if earlier is not None and not revise:
            message = Msg.of(
                "appeals.decided_already",
                number=number,
                outcome=outcome_text(earlier.outcome),
                by=earlier.by,
                at=earlier.at[:16].replace("T", " "),
            )
            raise OptionError([Problem(str(number), message, Msg.of("appeals.revise_advice"))])
        if earlier is None and revise:
            message = Msg.of("appeals.nothing_to_revise", number=number)
            raise OptionError([Problem("--revise", message)])
        decided = _decided_value(season, appeal, outcome, value)
        record = {
            "appeal": number,
            "outcome": outcome,
            "value": decided,
            "reason": reason,
            "by": (by or "").strip() or os_user(),
            "revises": earlier.seq if earlier else None,
        }
        ledger.append(DECISION, record, season.now())
        return next(a for a in appeals_in(ledger.entries()) if a.number == number)


def outcome_text(outcome: Outcome) -> Msg:
    """维持, 采纳 or 部分采纳, as a message."""
    return Msg.of(
        "appeals.state.uphold"
        if outcome == "uphold"
        else "appeals.state.accept"
        if outcome == "accept"
        else "appeals.state.partial"
    )


def _decided_value(season: Season, appeal: Appeal, outcome: Outcome, value: str | None) -> str:
    """The value a decision sets: none when upheld, the claim when accepted, `value` (checked
    as the field's cell) when partly accepted."""
    if outcome == "partial":
        if value is None:
            raise OptionError([Problem("--value", Msg.of("appeals.value_needed"))])
        leaf = season.rule_file.rules.leaf_by_key[appeal.key]
        return checked_value(leaf, value, "--value", appeal.unit)
    if value is not None:
        message = Msg.of("appeals.value_not_taken", outcome=outcome_text(outcome))
        raise OptionError([Problem("--value", message)])
    return appeal.claim if outcome == "accept" else ""


# --- what stops a final publish --------------------------------------------------------------


def check_all_decided(appeals: Sequence[Appeal], rules: RuleSet) -> None:
    """A final publish needs every appeal decided: a WorkbookError listing each one still
    pending, saying once what to do (with --draft the pages are published as drafts)."""
    pending = [a for a in appeals if a.state == "pending"]
    if not pending:
        return
    problems = []
    for appeal in pending:
        leaf = rules.leaf_by_key[appeal.key]
        field = Msg.of("appeals.field", label=leaf.label, key=leaf.key)
        message = Msg.of(
            "appeals.pending", ref=appeal.ref, unit=appeal.unit, field=field, claim=appeal.claim
        )
        problems.append(Problem("", message))
    problems[-1] = replace(problems[-1], advice=Msg.of("appeals.pending_advice"))
    raise WorkbookError(problems)
