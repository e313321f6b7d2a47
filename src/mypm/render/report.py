"""The scored results as JSON and CSV (SPEC §5.2). No openpyxl here."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from mypm.core.messages import Msg, Text, number
from mypm.core.rules import RuleSet
from mypm.core.trace import LeafTrace, ScoreReport, UnitTrace
from mypm.core.values import looks_like_formula
from mypm.jobs.compare import Comparison, FieldChange, Side, SideField, SideUnit
from mypm.jobs.rulediff import RuleChange, RuleDiff
from mypm.jobs.scoring import Scored
from mypm.render.labels import (
    adjustment_dict,
    certification_dict,
    evidence_list,
    json_number,
    json_value,
    leaf_text,
)
from mypm.text.catalogue import aside, say, t
from mypm.text.vocabulary import CERTIFIED_DOWN, CERTIFIED_UP


def report_dict(report: ScoreReport, rules: RuleSet) -> dict[str, Any]:
    """The JSON document: rules, ranked units with their fields, issues and inputs."""
    return {
        "rules": {
            "id": report.rules_id,
            "sha256": report.rules_sha256,
            "title": report.rules_title,
            "document": report.rules_document,
        },
        "units": [_unit_dict(unit) for unit in report.units],
        "issues": [
            {
                "level": i.level,
                "unit": i.unit,
                "field": i.field,
                "message": say(i.message),
                "source": str(i.source) if i.source else i.where,
                **_code(i.message),
            }
            for i in report.issues
        ],
        "inputs": [
            {"path": f.path, "sha256": f.sha256, **({"late": True} if f.late else {})}
            for f in report.files
        ],
        "self_check": report.self_check,
        "created": report.created,
        "version": report.version,
        **({"ledger_head": report.ledger_head} if report.ledger_head else {}),
    }


def _code(text: Text) -> dict[str, Any]:
    """A message's code and parameters, the same in every language (none for plain text)."""
    if isinstance(text, str):
        return {"code": None, "params": {}}
    return {"code": text.key, "params": {name: _param(value) for name, value in text.params}}


def _param(value: object) -> Any:
    if isinstance(value, Msg):
        return _code(value)
    if isinstance(value, tuple | list):
        return [_param(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _num(value: Decimal | bool | None) -> Any:
    return value if isinstance(value, bool) else json_number(value)


def _unit_dict(unit: UnitTrace) -> dict[str, Any]:
    return {
        "unit": unit.unit,
        "group": unit.group,
        "rank": unit.rank,
        "group_rank": unit.group_rank,
        "total": _num(unit.total),
        "base": _num(unit.base),
        "bonus": _num(unit.bonus),
        "deductions": _num(unit.deductions),
        "grade": unit.grade,
        "categories": {cat_id: _num(score) for cat_id, score in unit.categories.items()},
        "fields": {leaf.key: _field_dict(leaf) for leaf in unit.leaves},
    }


def _field_dict(leaf: LeafTrace) -> dict[str, Any]:
    data: dict[str, Any] = {
        "value": json_value(leaf.shown),
        "score": _num(leaf.score),
        "max": _num(leaf.maximum),
        "explanation": leaf_text(leaf),
        "source": str(leaf.source) if leaf.source else None,
    }
    certification = leaf.certification
    if certification is not None:
        data["certification"] = certification_dict(certification)
    adjustment = leaf.adjustment
    if adjustment is not None:
        data["decision"] = adjustment_dict(adjustment)
    if leaf.evidence is not None:  # in a season
        data["evidence"] = evidence_list(leaf.evidence)
    return data


def scored_json(scored: Scored) -> str:
    """The JSON that `mypm score --format json` writes."""
    return _json(report_dict(scored.report, scored.rule_file.rules))


def _json(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def csv_safe(text: str) -> str:
    """A text cell that Excel will not run as a formula (OWASP CSV injection)."""
    return f"'{text}" if looks_like_formula(text) else text


def scored_csv(scored: Scored) -> str:
    """The summary as CSV, with a BOM so Excel on Chinese Windows reads it as UTF-8."""
    report, rules = scored.report, scored.rule_file.rules
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            t("label.rank"),
            t("label.group_rank"),
            t("label.unit"),
            t("label.group"),
            *[csv_safe(aside(c.name, number(c.points))) for c in rules.categories],
            t("label.base"),
            t("section.bonus"),
            t("section.deductions"),
            t("label.total"),
            t("label.grade"),
        ]
    )
    for unit in report.units:
        writer.writerow(
            [
                unit.rank,
                unit.group_rank,
                csv_safe(unit.unit),
                csv_safe(unit.group),
                *[f"{unit.categories[c.id]:f}" for c in rules.categories],
                f"{unit.base:f}",
                f"{unit.bonus:f}",
                f"{unit.deductions:f}",
                f"{unit.total:f}",
                csv_safe(unit.grade),
            ]
        )
    return "\ufeff" + out.getvalue()


# --- as JSON -----------------------------------------------------------------------------------


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as the JSON document of `mypm compare --format json`."""

    def side(s: Side) -> dict[str, Any]:
        rules = s.rule_file.rules
        return {"source": s.label, "kind": s.kind, "rules": rules.id, "self_check": s.self_check}

    def unit(u: SideUnit) -> dict[str, Any]:
        return {"total": json_number(u.total), "rank": u.rank, "grade": u.grade}

    def field_(f: SideField) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": f.value or None,
            "score": json_number(f.score),
            "source": f.source or None,
        }
        if f.claim is not None:
            data["certification"] = {
                "change": CERTIFIED_DOWN if f.reduced else CERTIFIED_UP,
                "claimed": f.claim.value or None,
                "claimed_score": json_number(f.claim.score),
                "claimed_source": f.claim.source or None,
            }
        return data

    def change(f: FieldChange) -> dict[str, Any]:
        return {
            "unit": f.unit,
            "key": f.key,
            "label": f.label,
            "before": field_(f.before),
            "after": field_(f.after),
            "moved": json_number(f.moved),
        }

    return {
        "a": side(comparison.a),
        "b": side(comparison.b),
        "units": [
            {
                "unit": u.unit,
                "group": u.group,
                "before": unit(u.before),
                "after": unit(u.after),
                "total_moved": json_number(u.after.total - u.before.total),
                "rank_moved": u.rank_moved,
            }
            for u in comparison.units
        ],
        "fields": [change(f) for f in comparison.fields],
        "units_only": comparison.units_only,
        "renamed": [{"a": before, "b": after} for before, after in comparison.renamed],
        "fields_only": {
            side_: [{"key": k, "label": label} for k, label in keys]
            for side_, keys in comparison.fields_only.items()
        },
        "rule_changes": [rule_change_dict(c) for c in comparison.rule_changes],
        "self_check_side": comparison.claimed_side or None,
        # before: the certified field, after: the unit's claim; moved: points claimed over
        "overclaims": [change(f) for f in comparison.overclaims],
    }


def comparison_json(comparison: Comparison) -> str:
    """The JSON that `mypm compare --format json` writes."""
    return _json(comparison_dict(comparison))


def rule_change_dict(change: RuleChange) -> dict[str, Any]:
    """One difference of two rule sets as JSON, its words said in the current language."""
    said = {name: say(getattr(change, name)) for name in ("label", "before", "after")}
    return {**asdict(change), **said}


def rule_diff_json(diff: RuleDiff) -> str:
    """The differences as the JSON that `mypm diff --format json` prints."""
    a, b, changes = diff
    return _json(
        {
            "a": {"path": str(a.path), "id": a.rules.id, "sha256": a.sha256},
            "b": {"path": str(b.path), "id": b.rules.id, "sha256": b.sha256},
            "changes": [rule_change_dict(change) for change in changes],
        }
    )
