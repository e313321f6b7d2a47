"""One unit's score as a tree (categories → indicators → parts, bonus, deductions, total) with
the points lost at every level, biggest losses first, plus what-if goals: a renderer of the
trace, which says its arithmetic in the user's language and computes no figure."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mypm.core.messages import number
from mypm.core.results import Attachment, Shown, Source
from mypm.core.trace import (
    Adjustment,
    Certification,
    Change,
    Goal,
    IndicatorTrace,
    LeafTrace,
    UnitTrace,
)
from mypm.render.labels import (
    adjustment_dict,
    certification_dict,
    evidence_list,
    evidence_text,
    json_number,
    json_value,
    leaf_text,
    sum_text,
    total_text,
)
from mypm.text.catalogue import say_value, t
from mypm.text.vocabulary import BLANK

ZERO = Decimal(0)


@dataclass(frozen=True)
class Node:
    """A line of the explanation; `lost` is the points lost against `maximum` (0 for bonus,
    deductions and totals)."""

    key: str
    label: str
    score: Decimal
    maximum: Decimal | None
    lost: Decimal = ZERO
    detail: str = ""
    value: Shown = ""
    source: Source | None = None
    children: list[Node] = field(default_factory=list)
    certification: Certification | None = None  # a claim the certified value replaced
    adjustment: Adjustment | None = None  # a value decided on the record (review, appeal)
    evidence: tuple[Attachment, ...] | None = None  # in a season: the files a field rests on
    evidence_text: str = ""  # the same said, or 缺佐证


@dataclass(frozen=True)
class Explanation:
    unit: UnitTrace
    nodes: list[Node]
    goals: list[Goal]


def explain_unit(unit: UnitTrace, goals: list[Goal]) -> Explanation:
    """The tree for one scored unit; categories and indicators sorted by points lost."""
    nodes = []
    for cat in unit.categories_tree():
        indicators = sorted((_owner_node(ind) for ind in cat.indicators), key=_by_loss)
        category = cat.category
        nodes.append(
            Node(
                category.id,
                category.name,
                cat.score,
                category.points,
                cat.loss,
                children=indicators,
            )
        )
    nodes.sort(key=_by_loss)
    for section in unit.sections():
        items = [_owner_node(item) for item in section.items]
        items = [n for n in items if n.score or _shows_a_value(n)]
        label = t(f"section.{section.key}")
        nodes.append(
            Node(
                section.key,
                label,
                section.sum.score,
                None,
                detail=sum_text(section.sum),
                children=items,
            )
        )
    nodes.append(Node("total", t("label.total"), unit.total, None, detail=total_text(unit)))
    return Explanation(unit, nodes, goals)


def _shows_a_value(node: Node) -> bool:
    """An item or its parts hold an input (a "no" answer too)."""
    return node.value != "" or any(c.value != "" for c in node.children)


def _by_loss(node: Node) -> Decimal:
    return -node.lost


def _owner_node(owner: IndicatorTrace) -> Node:
    """An indicator or item: a leaf itself, or its parts under it."""
    if not owner.has_parts:
        return _leaf_node(owner.leaves[0], owner.name)
    parts = sorted((_leaf_node(leaf, leaf.leaf.part_name) for leaf in owner.leaves), key=_by_loss)
    detail = sum_text(owner.sum) if owner.sum is not None else ""
    return Node(
        owner.key, owner.name, owner.score, owner.maximum, owner.loss, detail, children=parts
    )


def _leaf_node(leaf: LeafTrace, label: str) -> Node:
    return Node(
        leaf.key,
        label,
        leaf.score,
        leaf.maximum,
        leaf.loss,
        leaf_text(leaf),
        leaf.shown,
        leaf.source,
        certification=leaf.certification,
        adjustment=leaf.adjustment,
        evidence=leaf.evidence,
        evidence_text=evidence_text(leaf),
    )


def explanation_json(explanation: Explanation) -> str:
    """The tree as the JSON that `mypm explain --format json` prints."""
    return json.dumps(explanation_dict(explanation), ensure_ascii=False, indent=2) + "\n"


def explanation_dict(explanation: Explanation) -> dict[str, Any]:
    """The same tree as JSON-ready data (numbers as strings keep their exact decimals)."""
    unit = explanation.unit
    return {
        "unit": unit.unit,
        "group": unit.group,
        "total": json_number(unit.total),
        "rank": unit.rank,
        "group_rank": unit.group_rank,
        "grade": unit.grade,
        "tree": [_node_dict(n) for n in explanation.nodes],
        "what_if": [
            {
                "kind": goal.kind,
                "name": goal.name,
                "target": json_number(goal.target),
                "needed": json_number(goal.needed),
                "plans": [
                    [
                        {
                            "key": c.key,
                            "label": c.label,
                            "from": json_value(c.before) or BLANK,
                            "to": json_value(c.after),
                            "gain": json_number(c.gain),
                        }
                        for c in plan
                    ]
                    for plan in goal.plans
                ],
            }
            for goal in explanation.goals
        ],
    }


def _node_dict(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": node.key,
        "label": node.label,
        "score": json_number(node.score),
        "max": json_number(node.maximum),
        "lost": json_number(node.lost),
        "explanation": node.detail,
    }
    if node.value != "" or node.source:
        data.update(value=json_value(node.value), source=str(node.source) if node.source else None)
    if node.certification is not None:
        data["certification"] = certification_dict(node.certification)
    if node.adjustment is not None:
        data["decision"] = adjustment_dict(node.adjustment)
    if node.evidence is not None:
        data["evidence"] = evidence_list(node.evidence)
    if node.children:
        data["children"] = [_node_dict(c) for c in node.children]
    return data


def plan_text(plan: Sequence[Change]) -> str:
    """The changes of one plan: `对全年… 97.2% → 99.3%（+1.58）；…`."""
    return t("list.clauses").join(
        t(
            "whatif.change",
            label=c.label,
            before=say_value(c.before) if c.before != "" else t("whatif.blank"),
            after=say_value(c.after),
            gain=f"{c.gain:f}",
        )
        for c in plan
    )


def goal_text(goal: Goal) -> str:
    """`距“优秀”（90）还差 3.22 分` / `距第 1 名（涪城区 96.78）还差 1.00 分`."""
    key = "whatif.grade" if goal.kind == "grade" else "whatif.rank"
    return t(key, name=goal.name, target=number(goal.target), needed=f"{goal.needed:f}")
