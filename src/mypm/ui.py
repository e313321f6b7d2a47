"""Everything printed to the terminal: the one rich Console, tables and trees."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from mypm.errors import Problem
from mypm.i18n import t
from mypm.labels import measure_text, number
from mypm.rules import RuleFile

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def show_problems(problems: Sequence[Problem]) -> None:
    """Every problem on its own line on stderr, then the count."""
    for problem in problems:
        err_console.print(escape(str(problem)), soft_wrap=True)
    if len(problems) > 1:
        err_console.print(t("error.count", count=len(problems)))


def show_rule_set(rule_file: RuleFile, *, tree: bool) -> None:
    rules = rule_file.rules
    cap = rules.bonus.cap
    line = t(
        "validate.ok",
        path=rule_file.path,
        id=rules.id,
        kind=rules.kind,
        year=rules.year,
        categories=len(rules.categories),
        leaves=len(rules.leaves),
        base=number(rules.base_points),
        sums="+".join(number(c.points) for c in rules.categories),
        bonus_cap=t("validate.no_cap") if cap is None else number(cap),
    )
    console.print(escape(line), soft_wrap=True)
    if tree:
        console.print(rule_tree(rule_file))


def rule_tree(rule_file: RuleFile) -> Tree:
    """Categories → indicators → parts, then bonus and deductions, with points and measures."""
    rules = rule_file.rules
    leaves = rules.leaf_by_key
    root = Tree(f"[bold]{escape(rules.title)}[/] ({escape(rules.id)})")

    def add_owner(branch: Tree, key: str, name: str, points: str, certified_by: list[str]) -> None:
        certifiers = "、".join(rules.certifiers[c] for c in certified_by)
        node = branch.add(f"{escape(name)}{points}  [dim]{escape(certifiers)}[/]")
        if key in leaves:  # a single measure: show it on the owner's line
            node.label = (
                f"{node.label} [dim]· {escape(key)} · {escape(measure_text(leaves[key]))}[/]"
            )
            return
        for leaf in (leaf for k, leaf in leaves.items() if k.startswith(f"{key}.")):
            shown = f" {number(leaf.points)}" if leaf.points is not None else ""
            node.add(
                f"{escape(leaf.part_name)}{shown}  "
                f"[dim]{escape(leaf.key)} · {escape(measure_text(leaf))}[/]"
            )

    for cat in rules.categories:
        branch = root.add(f"[bold]{escape(cat.name)}[/] {number(cat.points)}")
        for ind in cat.indicators:
            key = f"{cat.id}.{ind.id}"
            add_owner(branch, key, ind.name, f" {number(ind.points)}", ind.certified_by)
    for section in ("bonus", "deductions"):
        adjustments = getattr(rules, section)
        cap = t("validate.no_cap") if adjustments.cap is None else number(adjustments.cap)
        branch = root.add(f"[bold]{t(f'section.{section}')}[/] ≤ {cap}")
        for item in adjustments.items:
            item_cap = f" ≤ {number(item.cap)}" if item.cap is not None else ""
            add_owner(branch, f"{section}.{item.id}", item.name, item_cap, item.certified_by)
    return root
