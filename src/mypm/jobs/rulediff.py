"""`mypm diff`: what changed between two rule sets, element by element, matched by key. Pure.

Categories, indicators, items and parts are matched by their key (`progress.inspections`); an
element whose key is gone on one side and whose own id appears once, under another parent, on
the other side has moved. Its parts follow it and are not reported again.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from mypm.core.messages import Msg, Text, number
from mypm.core.rules.loader import RuleFile
from mypm.core.rules.model import Category, Indicator, Item, ItemPart, Part
from mypm.core.rules.ruleset import RuleSet
from mypm.text.vocabulary import NAMES_SEPARATOR

Change = Literal["added", "removed", "moved", "changed"]
Element = Literal[
    "rule_set", "certifier", "unit", "category", "indicator", "part", "item", "grade", "local"
]
# Text attributes shown as a character-level difference
TEXT_ATTRIBUTES = frozenset({"criterion", "note", "reason"})


@dataclass(frozen=True)
class RuleChange:
    """One difference: an element added, removed or moved, or one attribute of it changed.

    For a move, `before` and `after` are the old and new keys; `segments` is the character-level
    difference of a changed text, as (op, text) with op `=` kept, `-` removed, `+` added. A label
    or value mypm words (a section's name, how a field is scored) is a message, said by the
    renderer.
    """

    change: Change
    element: Element
    path: str
    label: Text
    attribute: str = ""
    before: Text = ""
    after: Text = ""
    segments: tuple[tuple[str, str], ...] = ()


class RuleDiff(NamedTuple):
    """Two rule files and what changed from the first to the second (matched by key)."""

    a: RuleFile
    b: RuleFile
    changes: list[RuleChange]


@dataclass(frozen=True)
class _Node:
    element: Element
    path: str
    own_id: str
    parent: str
    label: Text
    attributes: dict[str, Text] = field(default_factory=dict)
    level: int = 0  # 0 categories and sections, 1 indicators and items, 2 parts


def char_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """The character-level difference of two texts as (op, text) runs."""
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("=", before[i1:i2]))
            continue
        if i2 > i1:
            segments.append(("-", before[i1:i2]))
        if j2 > j1:
            segments.append(("+", after[j1:j2]))
    return tuple(segments)


def diff_rules(a: RuleSet, b: RuleSet) -> list[RuleChange]:
    """Every difference from rule set `a` to rule set `b`, in the order of the rubric."""
    changes: list[RuleChange] = []
    changes += _diff_flat(_rule_set_nodes(a), _rule_set_nodes(b))
    nodes_a, nodes_b = _tree_nodes(a), _tree_nodes(b)
    renamed: dict[str, str] = {}
    for level in range(3):
        level_a = [n for n in nodes_a if n.level == level]
        level_b = [n for n in nodes_b if n.level == level]
        changes += _diff_level(level_a, level_b, renamed)
    changes += _diff_flat(_grade_nodes(a), _grade_nodes(b))
    # local choices of elements on both sides, a moved one's under its new key; those of an
    # added or removed element go with it
    both = {renamed.get(n.path, n.path) for n in nodes_a} & {n.path for n in nodes_b} | {""}
    changes += _diff_flat(
        [n for n in _local_nodes(a, renamed) if n.parent in both],
        [n for n in _local_nodes(b, {}) if n.parent in both],
    )
    return changes


def _diff_level(
    nodes_a: list[_Node], nodes_b: list[_Node], renamed: dict[str, str]
) -> list[RuleChange]:
    by_path_b = {n.path: n for n in nodes_b}
    matched: list[tuple[_Node, _Node]] = []
    removed: list[_Node] = []
    for node in nodes_a:
        parent = renamed.get(node.parent, node.parent)
        path = f"{parent}.{node.own_id}" if parent else node.path
        if path in by_path_b:
            matched.append((node, by_path_b.pop(path)))
            if path != node.path:  # its parent moved: so did it, silently
                renamed[node.path] = path
        else:
            removed.append(node)
    added = list(by_path_b.values())
    changes: list[RuleChange] = []
    for old in list(removed):
        candidates = [n for n in added if n.element == old.element and n.own_id == old.own_id]
        others = [n for n in removed if n.element == old.element and n.own_id == old.own_id]
        if len(candidates) == 1 and len(others) == 1:
            new = candidates[0]
            removed.remove(old)
            added.remove(new)
            renamed[old.path] = new.path
            changes.append(
                RuleChange("moved", new.element, new.path, new.label, "", old.path, new.path)
            )
            matched.append((old, new))
    changes += [RuleChange("removed", n.element, n.path, n.label) for n in removed]
    changes += [RuleChange("added", n.element, n.path, n.label) for n in added]
    for old, new in matched:
        changes += _attribute_changes(old, new)
    order = {n.path: i for i, n in enumerate(nodes_b)} | {
        n.path: i for i, n in enumerate(nodes_a) if n.path not in {m.path for m in nodes_b}
    }
    return sorted(changes, key=lambda c: order.get(c.path, len(order)))


def _diff_flat(nodes_a: list[_Node], nodes_b: list[_Node]) -> list[RuleChange]:
    """Elements matched by path only (certifiers, units, grades, local choices)."""
    return _diff_level(
        [_Node(n.element, n.path, n.path, "", n.label, n.attributes) for n in nodes_a],
        [_Node(n.element, n.path, n.path, "", n.label, n.attributes) for n in nodes_b],
        {},
    )


def _attribute_changes(old: _Node, new: _Node) -> Iterator[RuleChange]:
    for name in dict.fromkeys([*old.attributes, *new.attributes]):
        before, after = old.attributes.get(name, ""), new.attributes.get(name, "")
        if before != after:
            segments: tuple[tuple[str, str], ...] = ()
            if name in TEXT_ATTRIBUTES and isinstance(before, str) and isinstance(after, str):
                segments = char_diff(before, after)
            yield RuleChange(
                "changed", new.element, new.path, new.label, name, before, after, segments
            )


def _rule_set_nodes(rules: RuleSet) -> list[_Node]:
    nodes = [
        _Node(
            "rule_set",
            "",
            "",
            "",
            "",
            {
                "id": rules.id,
                "title": rules.title,
                "document": rules.document,
                "year": str(rules.year),
                "base_points": number(rules.base_points),
                "self_check_deadline": str(rules.self_check_deadline or ""),
                "rounding": f"{rules.rounding.places} {rules.rounding.mode}",
            },
        )
    ]
    nodes += [
        _Node("certifier", f"certifiers.{cid}", cid, "", name, {"name": name})
        for cid, name in rules.certifiers.items()
    ]
    nodes += [
        _Node("unit", f"units.{u.name}", u.name, "", u.name, {"group": u.group, "role": u.role})
        for u in rules.units
    ]
    return nodes


def _tree_nodes(rules: RuleSet) -> list[_Node]:
    """Categories, indicators and parts; sections, items and their parts; in rubric order."""
    nodes: list[_Node] = []
    for cat in rules.categories:
        nodes.append(_node("category", cat.id, cat.id, "", cat, rules, 0))
        for ind in cat.indicators:
            key = f"{cat.id}.{ind.id}"
            nodes.append(_node("indicator", key, ind.id, cat.id, ind, rules, 1))
            nodes += [
                _node("part", f"{key}.{p.id}", p.id, key, p, rules, 2) for p in ind.parts or ()
            ]
    for section in ("bonus", "deductions"):
        adjustments = getattr(rules, section)
        cap = "" if adjustments.cap is None else number(adjustments.cap)
        label = Msg.of("section.bonus" if section == "bonus" else "section.deductions")
        nodes.append(_Node("rule_set", section, section, "", label, {"cap": cap}))
        for item in adjustments.items:
            key = f"{section}.{item.id}"
            nodes.append(_node("item", key, item.id, section, item, rules, 1))
            nodes += [
                _node("part", f"{key}.{p.id}", p.id, key, p, rules, 2) for p in item.parts or ()
            ]
    return nodes


def _node(
    element: Element,
    path: str,
    own_id: str,
    parent: str,
    model: Category | Indicator | Part | Item | ItemPart,
    rules: RuleSet,
    level: int,
) -> _Node:
    attributes: dict[str, Text] = {"name": model.name}
    if isinstance(model, Category | Indicator | Part):
        attributes["points"] = number(model.points)
    if isinstance(model, Indicator | Item):
        attributes["certified_by"] = NAMES_SEPARATOR.join(
            rules.certifiers.get(c, c) for c in model.certified_by
        )
        attributes["criterion"] = model.criterion
    if isinstance(model, Item) and model.cap is not None:
        attributes["cap"] = number(model.cap)
    if isinstance(model, Indicator | Part | Item | ItemPart):
        if model.measure is not None:
            leaf = rules.leaf_by_key[path]
            attributes["measure"] = leaf.measure.describe(
                leaf.points, deduction=leaf.section == "deductions"
            )
        attributes["note"] = model.note
    return _Node(element, path, own_id, parent, model.name, attributes, level)


def _grade_nodes(rules: RuleSet) -> list[_Node]:
    return [
        _Node("grade", f"grades.{g.name}", g.name, "", g.name, {"min": number(g.min)})
        for g in rules.grades
    ]


def _local_nodes(rules: RuleSet, renamed: dict[str, str]) -> list[_Node]:
    """The rule set's local choices, each under its element's key (as renamed by a move)."""
    nodes = []
    for choice in rules.local_choices():
        owner = renamed.get(choice.path, choice.path)
        path = f"{owner}:{choice.attribute}" if owner else choice.attribute
        nodes.append(_Node("local", path, choice.attribute, owner, "", {"reason": choice.reason}))
    return nodes
