"""What the appeal commands say (申诉/复核): an appeal recorded, a decision made, every appeal
with its state and each unit's counts, as lines and as JSON; and an appeal's ledger entry as the
log shows it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mypm.core.appeals import Appeal, Ruling, State
from mypm.core.rules import RuleSet
from mypm.core.rules.model import canonical_unit
from mypm.season.ledger import Entry
from mypm.text.catalogue import place, plural, say, t

if TYPE_CHECKING:
    from mypm.season.folder import Season

STATES: tuple[State, ...] = ("pending", "uphold", "accept", "partial")


def when(at: str) -> str:
    """An ISO time as the office reads it: 2014-02-12 09:30."""
    return at.replace("T", " ")[:16]


def field_text(rules: RuleSet, key: str) -> str:
    """A field as a line names it: 定期督促检查项目（progress.inspections）."""
    leaf = rules.leaf_by_key.get(key)
    return t("appeals.field", label=leaf.label if leaf else key, key=key)


def state_text(state: State) -> str:
    return t(f"appeals.state.{state}")


def ruling_text(ruling: Ruling) -> str:
    """A decision in a line: 部分采纳，按 1 计分 — 王科长，2014-02-12 09:30：理由."""
    outcome = state_text(ruling.outcome)
    if ruling.outcome != "uphold":
        outcome = t("appeals.outcome_value", outcome=outcome, value=ruling.value)
    return t(
        "appeals.ruling", outcome=outcome, by=ruling.by, at=when(ruling.at), reason=ruling.reason
    )


def appeal_head(rules: RuleSet, appeal: Appeal) -> str:
    """申诉 3：涪城区 的 定期督促检查项目（progress.inspections），申诉值 2，收到 … [逾期]."""
    line = t(
        "appeals.head",
        ref=say(appeal.ref),
        unit=appeal.unit,
        field=field_text(rules, appeal.key),
        claim=appeal.claim,
        received=when(appeal.received_at),
    )
    return line + (t("appeals.late") if appeal.late else "")


def show_added(season: Season, appeal: Appeal) -> None:
    rules = season.rule_file.rules
    _print(t("appeals.added", head=appeal_head(rules, appeal)))
    due = season.config.reply_deadline
    if appeal.late and due is not None:
        _print(t("appeals.added_late", due=due.isoformat()))


def show_received_appeals(rules: RuleSet, path: Path, appeals: Sequence[Appeal]) -> None:
    """An appeals workbook received: each appeal it recorded."""
    _print(t("appeals.received", path=path, count=len(appeals), s=plural(len(appeals))))
    for appeal in appeals:
        _print("  " + appeal_head(rules, appeal))


def show_decided(season: Season, appeal: Appeal) -> None:
    ruling = appeal.ruling
    assert ruling is not None
    _print(t("appeals.decided", ref=say(appeal.ref), ruling=ruling_text(ruling)))
    if len(appeal.rulings) > 1:
        _print(t("appeals.revised", earlier=ruling_text(appeal.rulings[-2])))


def show_appeals(rules: RuleSet, appeals: Sequence[Appeal]) -> None:
    """Every appeal: what was claimed and why, its decision (and every earlier one); then
    each unit's counts and how many are still to decide."""
    if not appeals:
        _print(t("appeals.none"))
        return
    for appeal in appeals:
        _print(appeal_head(rules, appeal))
        _print(t("appeals.reason_line", reason=appeal.reason))
        for name in appeal.files:
            _print(t("appeals.file_line", file=name))
        if appeal.materials:
            _print(t("appeals.materials_line", materials=appeal.materials))
        if appeal.source is not None:
            _print(t("appeals.source_line", source=place(appeal.source)))
        if appeal.ruling is None:
            _print(t("appeals.pending_line"))
        for n, ruling in enumerate(reversed(appeal.rulings)):
            key = "appeals.ruling_line" if n == 0 else "appeals.earlier_line"
            _print(t(key, ruling=ruling_text(ruling)))
    _print("")
    for unit, counts in unit_counts(appeals).items():
        _print(unit_counts_text(unit, counts))


def appeal_row(rules: RuleSet, appeal: Appeal) -> list[str]:
    """An appeal as a row of the scored workbook's 申诉 sheet: unit, field, claim, reason,
    received (late or not), state, decided value, decision (and the earlier ones)."""
    ruling = appeal.ruling
    decisions = [ruling_text(ruling)] if ruling else []
    decisions += [t("appeals.earlier", ruling=ruling_text(r)) for r in appeal.rulings[-2::-1]]
    return [
        appeal.unit,
        field_text(rules, appeal.key),
        appeal.claim,
        appeal.reason,
        when(appeal.received_at) + (t("appeals.late") if appeal.late else ""),
        state_text(appeal.state),
        ruling.value if ruling else "",
        "\n".join(decisions),
    ]


def unit_counts(appeals: Sequence[Appeal]) -> dict[str, dict[str, int]]:
    """Per unit (in the order first appealed): how many appeals, and how many are in each
    state."""
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for appeal in appeals:
        name = names.setdefault(canonical_unit(appeal.unit), appeal.unit)
        mine = counts.setdefault(name, {"count": 0, **dict.fromkeys(STATES, 0)})
        mine["count"] += 1
        mine[appeal.state] += 1
    return counts


def unit_counts_text(unit: str, counts: dict[str, int]) -> str:
    """涪城区：申诉 3 件，采纳 1 件，部分采纳 1 件，维持 1 件，未决定 0 件."""
    return t("appeals.unit_counts", unit=unit, s=plural(counts["count"]), **counts)


def ruling_dict(ruling: Ruling) -> dict[str, Any]:
    return {
        "outcome": ruling.outcome,
        "value": ruling.value or None,
        "reason": ruling.reason,
        "by": ruling.by,
        "at": ruling.at,
        "ledger_entry": ruling.seq,
    }


def appeals_json(rules: RuleSet, appeals: Sequence[Appeal]) -> str:
    """`appeal list --format json`: every appeal with its decisions (the latest counts), and
    each unit's counts."""
    document = {
        "appeals": [
            {
                "number": a.number,
                "unit": a.unit,
                "field": a.key,
                "label": rules.leaf_by_key[a.key].label if a.key in rules.leaf_by_key else a.key,
                "claim": a.claim,
                "reason": a.reason,
                "received_at": a.received_at,
                "late": a.late,
                "recorded_by": a.by,
                "files": list(a.files),
                "materials": a.materials or None,
                "source": str(a.source) if a.source else None,
                "state": a.state,
                "decision": ruling_dict(a.ruling) if a.ruling else None,
                "earlier_decisions": [ruling_dict(r) for r in a.rulings[:-1]],
            }
            for a in appeals
        ],
        "units": [{"unit": unit, **counts} for unit, counts in unit_counts(appeals).items()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def entry_summary(entry: Entry) -> str | None:
    """An appeal's or a decision's ledger entry in a line (None for another kind)."""
    data = entry.data
    if entry.kind == "appeal":
        return t(
            "log.appeal",
            number=data["number"],
            unit=data["unit"],
            field=data["key"],
            claim=data["claim"],
            late=t("appeals.late") if data["late"] else "",
        )
    if entry.kind == "appeal-decision":
        outcome = state_text(data["outcome"])
        return t("log.appeal_decision", number=data["appeal"], outcome=outcome, by=data["by"])
    return None


def _print(line: str) -> None:
    from rich.markup import escape

    from mypm.render.terminal import console

    console.print(escape(line), soft_wrap=True)
