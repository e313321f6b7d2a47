"""One unit's score as a tree (categories → indicators → parts, bonus, deductions, total) with
the points lost at every level, biggest losses first, plus what-if goals. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mypm.engine import Engine
from mypm.i18n import t
from mypm.labels import json_number, number
from mypm.results import ScoreLine, UnitInput, UnitResult
from mypm.rules.model import RuleSet
from mypm.whatif import Change, Goal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Node:
    """A line of the explanation; `lost` is max − score where there is a max."""

    key: str
    label: str
    score: Decimal
    maximum: Decimal | None
    detail: str = ""
    value: str = ""
    source: str = ""
    children: list[Node] = field(default_factory=list)

    @property
    def lost(self) -> Decimal:
        """Points lost against the maximum; bonus and deductions lose nothing."""
        if self.maximum is None or self.key.startswith(("bonus", "deductions")):
            return ZERO
        return self.maximum - self.score


@dataclass(frozen=True)
class Explanation:
    unit: UnitResult
    nodes: list[Node]
    goals: list[Goal]


def explain_unit(
    rules: RuleSet, unit: UnitInput, result: UnitResult, goals: list[Goal]
) -> Explanation:
    """The tree for one scored unit; categories and indicators sorted by points lost."""
    lines = {line.key: line for line in Engine(rules).lines(unit, result)}
    nodes = []
    for cat in rules.categories:
        indicators = [
            _owner_node(f"{cat.id}.{ind.id}", ind.name, ind.points, lines) for ind in cat.indicators
        ]
        indicators.sort(key=lambda n: -n.lost)
        nodes.append(
            Node(cat.id, cat.name, result.categories[cat.id], cat.points, children=indicators)
        )
    nodes.sort(key=lambda n: -n.lost)
    for section in ("bonus", "deductions"):
        adjustments = getattr(rules, section)
        items = [
            _owner_node(f"{section}.{item.id}", item.name, None, lines)
            for item in adjustments.items
        ]
        items = [n for n in items if n.score or any(c.value for c in n.children) or n.value]
        total = lines[section]
        nodes.append(
            Node(section, total.label, total.score, None, total.explanation, children=items)
        )
    total = lines["total"]
    nodes.append(Node("total", total.label, total.score, None, total.explanation))
    return Explanation(result, nodes, goals)


def _owner_node(key: str, name: str, points: Decimal | None, lines: dict[str, ScoreLine]) -> Node:
    if key in lines and lines[key].kind == "leaf":
        return _leaf_node(lines[key], name)
    parts = [
        _leaf_node(line, line.label.split("·")[-1])
        for k, line in lines.items()
        if k.startswith(f"{key}.") and line.kind == "leaf"
    ]
    parts.sort(key=lambda n: -n.lost)
    subtotal = lines.get(key)
    score = subtotal.score if subtotal else sum((p.score for p in parts), ZERO)
    maximum = points if points is not None else (subtotal.maximum if subtotal else None)
    detail = subtotal.explanation if subtotal else ""
    return Node(key, name, score, maximum, detail, children=parts)


def _leaf_node(line: ScoreLine, label: str) -> Node:
    return Node(
        line.key, label, line.score, line.maximum, line.explanation, line.value, line.source
    )


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
                            "from": c.before,
                            "to": c.after,
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
    if node.value or node.source:
        data.update(value=node.value or None, source=node.source or None)
    if node.children:
        data["children"] = [_node_dict(c) for c in node.children]
    return data


def plan_text(plan: Sequence[Change]) -> str:
    """The changes of one plan: `对全年… 97.2% → 99.3%（+1.58）；…`."""
    return "；".join(
        t("whatif.change", label=c.label, before=c.before, after=c.after, gain=f"{c.gain:f}")
        for c in plan
    )


def goal_text(goal: Goal) -> str:
    """`距“优秀”（90）还差 3.22 分` / `距第 1 名（涪城区 96.78）还差 1.00 分`."""
    key = "whatif.grade" if goal.kind == "grade" else "whatif.rank"
    return t(key, name=goal.name, target=number(goal.target), needed=f"{goal.needed:f}")
