"""Everything printed to the terminal: the one rich Console, tables and trees."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from mypm.errors import Problem
from mypm.i18n import t
from mypm.labels import measure_text, number
from mypm.results import Issue, ScoreReport
from mypm.rules import RuleFile, RuleSet

# Piped or redirected output is not cut to 80 columns: the ranking table is wide.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
if not console.is_terminal:
    console.width = 200


def show_problems(problems: Sequence[Problem]) -> None:
    """Every problem on its own line on stderr, then the count."""
    for problem in problems:
        err_console.print(escape(str(problem)), soft_wrap=True)
    if len(problems) > 1:
        err_console.print(t("error.count", count=len(problems)))


def show_rule_set(rule_file: RuleFile, *, tree: bool, tests_run: bool) -> None:
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
    if tests_run and rules.tests:
        line += "，" + t("validate.tests", count=len(rules.tests))
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


def show_written(path: Path) -> None:
    err_console.print(escape(t("output.written", path=path)), soft_wrap=True)


def issue_problem(issue: Issue) -> Problem:
    """A warning shown as a problem (for --strict)."""
    where = issue.source or issue.unit
    return Problem(where, f"{issue.unit} · {issue.message}" if issue.unit else issue.message)


def show_issue_count(issues: Sequence[Issue]) -> None:
    warnings = sum(1 for i in issues if i.level == "warning")
    infos = sum(1 for i in issues if i.level == "info")
    if warnings or infos:
        err_console.print(t("score.issue_count", warnings=warnings, infos=infos))


def show_ranking(report: ScoreReport, rules: RuleSet) -> None:
    """The ranking: rank, unit, group, category subtotals, total, grade."""
    table = Table(title=f"{rules.title}（{rules.year}）", title_style="bold")
    table.add_column(t("label.rank"), justify="right")
    table.add_column(t("label.unit"), no_wrap=True)
    table.add_column(t("label.group"), no_wrap=True)
    for cat in rules.categories:
        table.add_column(f"{cat.name}\n{number(cat.points)}", justify="right", min_width=6)
    for label in (t("section.bonus"), t("section.deductions"), t("label.total")):
        table.add_column(label, justify="right")
    table.add_column(t("label.grade"))
    for unit in report.units:
        table.add_row(
            str(unit.rank),
            escape(unit.unit),
            escape(unit.group),
            *[f"{unit.categories[c.id]:f}" for c in rules.categories],
            f"{unit.bonus:f}",
            f"{unit.deductions:f}",
            f"[bold]{unit.total:f}[/]",
            unit.grade,
        )
    console.print(table)
