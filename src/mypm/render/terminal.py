"""Everything printed to the terminal: the one rich Console, tables and trees."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from mypm.core.errors import Problem, in_order
from mypm.core.messages import number
from mypm.core.results import Issue
from mypm.core.rules import RuleFile, RuleSet
from mypm.core.rules.model import LocalChoice
from mypm.core.trace import ScoreReport
from mypm.jobs.compare import Comparison, FieldChange
from mypm.jobs.rulediff import RuleChange, RuleDiff
from mypm.jobs.status import SELF_CHECK, CollectionStatus
from mypm.render.explain import Explanation, Node, goal_text, plan_text
from mypm.render.labels import (
    cap_text,
    certifier_name,
    derived_text,
    grade_text,
    local_choice_text,
    local_text,
    measure_text,
    missing_place,
    side_names,
    side_value,
    status_cell,
)
from mypm.text.catalogue import aside, join, place, plural, say, say_problem, t

# Piped or redirected output is not cut to 80 columns: the ranking table is wide.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
if not console.is_terminal:
    console.width = 200


def show_problems(
    problems: Sequence[Problem], *, written: Path | None = None, outputs: Sequence[Path] = ()
) -> None:
    """Every problem on its own line on stderr, by file, sheet and cell, then the count (and
    where the list of problems was written, if it was, or what the run wrote before the problem
    stopped it: it never says nothing was written when something was)."""
    for problem in in_order(problems):
        err_console.print(escape(say_problem(problem)), soft_wrap=True)
    count = len(problems)
    if written is not None:
        line = t("error.count_listed", count=count, s=plural(count), path=written)
    elif outputs:
        paths = join(str(path) for path in outputs)
        line = t("error.count_after_outputs", count=count, s=plural(count), paths=paths)
    else:
        line = t("error.count", count=count, s=plural(count))
    err_console.print(escape(line), soft_wrap=True)


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
        line += t("validate.tests", count=len(rules.tests), s=plural(len(rules.tests)))
    console.print(escape(line), soft_wrap=True)
    if tree:
        console.print(rule_tree(rule_file))


def rule_tree(rule_file: RuleFile) -> Tree:
    """Categories → indicators → parts, then bonus and deductions, with points and measures."""
    rules = rule_file.rules
    leaves = rules.leaf_by_key
    local: dict[str, list[LocalChoice]] = {}
    for choice in rules.local_choices():
        local.setdefault(choice.path, []).append(choice)
    root = Tree(f"[bold]{escape(rules.title)}[/] ({escape(rules.id)})")

    def marked(path: str) -> str:
        text = local_text(local.get(path, []))
        return f"  [yellow]{escape(text)}[/]" if text else ""

    def add_owner(branch: Tree, key: str, name: str, points: str, certified_by: list[str]) -> None:
        certifiers = join(rules.certifiers[c] for c in certified_by)
        node = branch.add(f"{escape(name)}{points}  [dim]{escape(certifiers)}[/]")
        if key in leaves:  # a single measure: show it on the owner's line
            node.label = (
                f"{node.label} [dim]· {escape(key)} · {escape(measure_text(leaves[key]))}[/]"
            )
            node.label += marked(key)
            return
        node.label = f"{node.label}{marked(key)}"
        for leaf in (leaf for k, leaf in leaves.items() if k.startswith(f"{key}.")):
            shown = f" {number(leaf.points)}" if leaf.points is not None else ""
            node.add(
                f"{escape(leaf.part_name)}{shown}  "
                f"[dim]{escape(leaf.key)} · {escape(measure_text(leaf))}[/]{marked(leaf.key)}"
            )

    for cat in rules.categories:
        branch = root.add(f"[bold]{escape(cat.name)}[/] {number(cat.points)}")
        for ind in cat.indicators:
            key = f"{cat.id}.{ind.id}"
            add_owner(branch, key, ind.name, f" {number(ind.points)}", ind.certified_by)
    for section in ("bonus", "deductions"):
        adjustments = getattr(rules, section)
        name = escape(t(f"section.{section}"))
        branch = root.add(f"[bold]{name}[/] {escape(cap_text(adjustments.cap))}")
        for item in adjustments.items:
            item_cap = f" {cap_text(item.cap)}" if item.cap is not None else ""
            add_owner(branch, f"{section}.{item.id}", item.name, item_cap, item.certified_by)
    if rules.derived:
        branch = root.add(f"[bold]{escape(t('guide.derived_heading'))}[/]")
        for rule in rules.derived:
            branch.add(escape(derived_text(rules, rule)))
    branch = root.add(f"[bold]{escape(t('label.grade'))}[/]")
    for grade in rules.grades:
        branch.add(escape(grade_text(grade)))
    if local.get(""):
        branch = root.add(f"[bold yellow]{t('local.title')}[/]")
        for choice in local[""]:
            branch.add(escape(local_choice_text(choice)))
    return root


def show_written(path: Path) -> None:
    err_console.print(escape(t("output.written", path=path)), soft_wrap=True)


SHOWN_ISSUES = 20


def show_issues(issues: Sequence[Issue], *, listed: Path | None = None) -> None:
    """The warnings and notes: the first 20 in full, then how many more, then the count."""
    for issue in issues[:SHOWN_ISSUES]:
        err_console.print(escape(say_problem(issue.as_problem())), soft_wrap=True)
    more = len(issues) - SHOWN_ISSUES
    where = str(listed) if listed is not None else t("sheet.issues")
    if more > 0:
        err_console.print(escape(t("score.more_issues", count=more, where=where)), soft_wrap=True)
    warnings = sum(1 for i in issues if i.level == "warning")
    infos = sum(1 for i in issues if i.level == "info")
    if warnings or infos:
        err_console.print(
            t(
                "score.issue_count",
                warnings=warnings,
                infos=infos,
                ws=plural(warnings),
                ns=plural(infos),
            )
        )


def ranking_text(report: ScoreReport, rules: RuleSet) -> str:
    """The ranking as it will be printed, rendered before anything is written, so that printing
    it cannot fail after the output is in place (see `show_text`)."""
    with console.capture() as capture:
        show_ranking(report, rules)
    return capture.get()


def show_text(text: str) -> None:
    """Text rendered earlier (`ranking_text`), as it is."""
    console.file.write(text)
    console.file.flush()


def show_ranking(report: ScoreReport, rules: RuleSet) -> None:
    """The ranking as wide as the terminal: rank, unit, group, total and grade always; then
    bonus and deductions, then every category with its name whole, if they fit; and how to see
    what is left out."""
    # (bonus and deductions, how many categories): each level a little wider
    levels = [(False, 0), *((True, n) for n in range(len(rules.categories) + 1))]
    shown = levels[0]
    for level in levels[1:]:
        if _width(_ranking_table(report, rules, *level)) > console.width:
            break
        shown = level
    console.print(_ranking_table(report, rules, *shown))
    left = [] if shown[0] else [t("section.bonus"), t("section.deductions")]
    left += [c.name for c in rules.categories[shown[1] :]]
    if left:
        width = _width(_ranking_table(report, rules, *levels[-1]))
        console.print(escape(t("ranking.more", columns=join(left), width=width)))


# The terminal cells a unit's name takes at most (15 CJK characters); a longer one is cut
# with …, whole in the JSON and the workbooks
UNIT_CELLS = 30


def _unit_column(table: Table) -> None:
    """The unit column of a table: a name on one line, cut with … past UNIT_CELLS."""
    table.add_column(t("label.unit"), no_wrap=True, overflow="ellipsis", max_width=UNIT_CELLS)


def _short_unit(name: str) -> str:
    """A unit's name for a line of the terminal: cut with … past UNIT_CELLS."""
    text = Text(name)
    text.truncate(UNIT_CELLS, overflow="ellipsis")
    return text.plain


def _width(table: Table) -> int:
    """How wide `table` is when nothing in it is cut."""
    return Measurement.get(console, console.options.update_width(10_000), table).maximum


def _ranking_table(
    report: ScoreReport, rules: RuleSet, adjustments: bool, categories: int
) -> Table:
    """rank, unit, group, the first `categories` categories, [bonus, deductions], total,
    grade; nothing cut."""
    table = Table(title=escape(aside(rules.title, rules.year)), title_style="bold")
    table.add_column(t("label.rank"), justify="right", no_wrap=True)
    _unit_column(table)
    table.add_column(t("label.group"), no_wrap=True)
    shown = rules.categories[:categories]
    labels = [f"{c.name}\n{number(c.points)}" for c in shown]
    labels += [t("section.bonus"), t("section.deductions")] if adjustments else []
    for label in labels:
        table.add_column(escape(label), justify="right", no_wrap=True)
    table.add_column(t("label.total"), justify="right", no_wrap=True)
    table.add_column(t("label.grade"), no_wrap=True)
    for unit in report.units:
        figures = [unit.categories[c.id] for c in shown]
        figures += [unit.bonus, unit.deductions] if adjustments else []
        table.add_row(
            str(unit.rank),
            escape(unit.unit),
            escape(unit.group),
            *[f"{figure:f}" for figure in figures],
            f"[bold]{unit.total:f}[/]",
            escape(unit.grade),
        )
    return table


def show_explanation(explanation: Explanation) -> None:
    """The unit's tree, biggest losses first, then what it takes to move up."""
    unit = explanation.unit
    root = Tree(
        "[bold]"
        + escape(
            t(
                "explain.header",
                unit=unit.unit,
                group=unit.group,
                total=f"{unit.total:f}",
                rank=unit.rank,
                group_rank=unit.group_rank,
                grade=unit.grade,
            )
        )
        + "[/]"
    )
    for node in explanation.nodes:
        _add_node(root, node)
    console.print(root)
    console.print(f"[bold]{t('explain.whatif')}[/]")
    if not explanation.goals:
        console.print("  " + t("whatif.top"))
    for goal in explanation.goals:
        console.print("  " + escape(goal_text(goal)))
        if not goal.plans:
            console.print("    " + t("whatif.none"))
        for n, plan in enumerate(goal.plans, start=1):
            changes = plan_text(plan)
            console.print("    " + escape(t("whatif.plan", n=n, changes=changes)), soft_wrap=True)


def _add_node(parent: Tree, node: Node) -> None:
    score = f"{node.score:f}"
    if node.maximum is not None:
        score += f" / {number(node.maximum)}"
    label = f"{escape(node.label)}  [bold]{score}[/]"
    if node.lost > 0:
        label += f"  [red]{escape(t('explain.lost', lost=f'{node.lost:f}'))}[/]"
    if node.detail:
        label += f"  [dim]{escape(node.detail)}[/]"
    if node.source:
        label += f"  [dim cyan]{escape(place(node.source))}[/]"
    if node.evidence_text:
        label += f"  [magenta]{escape(node.evidence_text)}[/]"
    branch = parent.add(label)
    for child in node.children:
        _add_node(branch, child)


class ProgressDisplay:
    """A progress bar on stderr for big inputs (from 2,000 rows or units) on a terminal."""

    START_AT = 2_000

    def __init__(self) -> None:
        self._bar: RichProgress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, phase: Literal["read", "write"], done: int, total: int | None) -> None:
        if self._bar is None:
            if max(done, total or 0) < self.START_AT:
                return
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self._bar.start()
        if phase not in self._tasks:
            for earlier in self._tasks.values():  # a new phase means the earlier ones are done
                done_so_far = self._bar.tasks[earlier].completed
                self._bar.update(earlier, total=done_so_far, completed=done_so_far)
            self._tasks[phase] = self._bar.add_task(t(f"progress.{phase}"), total=total)
        self._bar.update(self._tasks[phase], completed=done, total=total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def progress_display() -> Iterator[ProgressDisplay | None]:
    """A progress display when stderr is a terminal, else None."""
    if not err_console.is_terminal:
        yield None
        return
    display = ProgressDisplay()
    try:
        yield display
    finally:
        display.close()


_DIFF_MARKS = {"added": "[green]+[/]", "removed": "[red]−[/]", "moved": "[cyan]→[/]"}


def show_rule_diff(diff: RuleDiff) -> None:
    """One line per difference, a criterion's change shown character by character."""
    a, b, changes = diff
    if not changes:
        console.print(t("diff.none"))
        return
    console.print(
        escape(
            t(
                "diff.header",
                a=a.path.name,
                a_id=a.rules.id,
                b=b.path.name,
                b_id=b.rules.id,
                count=len(changes),
            )
        ),
        style="bold",
    )
    for change in changes:
        console.print(rule_change_line(change), soft_wrap=True)


def rule_change_line(change: RuleChange) -> str:
    """One difference as a line of markup: `+ 新增 …`, `→ … a → b`, `~ … · 分值：1 → 2`."""
    what = " ".join(
        escape(part)
        for part in (t(f"element.{change.element}"), change.path, say(change.label))
        if part
    )
    if change.change == "moved":
        detail = escape(t("diff.moved_detail", before=change.before, after=change.after))
        return f"{_DIFF_MARKS['moved']} " + t("label.labelled", label=what, text=detail)
    if change.change != "changed":
        return f"{_DIFF_MARKS[change.change]} {t(f'diff.{change.change}')} {what}"
    attribute = t(f"attribute.{change.attribute}")
    return f"[yellow]~[/] {what} · " + t(
        "label.labelled", label=attribute, text=_change_text(change)
    )


def _change_text(change: RuleChange) -> str:
    """`before → after`, or for a text the runs removed [-…-] and added {+…+} in place."""
    if not change.segments:
        before = escape(say(change.before)) if change.before else t("diff.empty")
        after = escape(say(change.after)) if change.after else t("diff.empty")
        return f"{before} → {after}"
    runs = {"=": "{}", "-": "[red strike]\\[-{}-][/]", "+": "[green]{{+{}+}}[/]"}
    return "".join(runs[op].format(escape(text)) for op, text in change.segments)


FIELDS_SHOWN = 40  # field changes on the terminal; the rest are in -o compare.xlsx / .json
WHY_SHOWN = 5  # a moved unit's own largest field changes


def show_comparison(comparison: Comparison) -> None:
    """Units before and after, why ranks moved, field changes, one-sided keys, rule changes,
    and the self-check claims over the certified points."""
    a, b = comparison.a, comparison.b
    console.print(
        escape(
            t(
                "compare.header",
                a=a.label,
                a_id=a.rule_file.rules.id,
                b=b.label,
                b_id=b.rule_file.rules.id,
            )
        ),
        style="bold",
        soft_wrap=True,
    )
    table = Table(title=t("compare.units_title"), title_style="bold")
    for label in ("label.unit", "label.group"):
        table.add_column(t(label), no_wrap=True)
    sides = side_names(a, b)
    for label in [*(t("compare.total_of", side=side) for side in sides), t("compare.total_moved")]:
        table.add_column(escape(label), justify="right")
    for side in sides:
        table.add_column(escape(t("compare.rank_of", side=side)), justify="right")
    for side in sides:
        table.add_column(escape(t("compare.grade_of", side=side)))
    for unit in comparison.units:
        moved = unit.after.total - unit.before.total
        rank = f"{unit.after.rank}" + (f" ({unit.rank_moved:+d})" if unit.rank_moved else "")
        table.add_row(
            escape(unit.unit),
            escape(unit.group),
            f"{unit.before.total:f}",
            f"{unit.after.total:f}",
            _signed(moved) if moved else "",
            str(unit.before.rank),
            rank,
            escape(unit.before.grade),
            escape(unit.after.grade),
        )
    console.print(table)
    _show_rank_moves(comparison)
    _show_field_changes(comparison)
    for before, after in comparison.renamed:
        console.print(escape(t("compare.renamed", before=before, after=after)), soft_wrap=True)
    named = dict(zip("ab", sides, strict=True))  # each side by what it is: 2013年度, 自查
    for side, names in comparison.units_only.items():
        if names:
            line = t("compare.units_only", side=named[side], units=join(names))
            console.print(escape(line), soft_wrap=True)
    for side, keys in comparison.fields_only.items():
        if keys:
            shown = join(aside(label, key) for key, label in keys)
            line = t("compare.fields_only", side=named[side], fields=shown)
            console.print(escape(line), soft_wrap=True)
    if comparison.rule_changes:
        console.print(t("compare.rule_changes", count=len(comparison.rule_changes)), style="bold")
        for change in comparison.rule_changes:
            console.print("  " + rule_change_line(change), soft_wrap=True)
    if comparison.claimed_side:
        _show_overclaims(comparison)


def _signed(value: Decimal) -> str:
    return f"+{value:f}" if value > 0 else f"{abs(value):f}" if value == 0 else f"{value:f}"


def _show_rank_moves(comparison: Comparison) -> None:
    moved = [u for u in comparison.units if u.rank_moved]
    if not moved:
        console.print(t("compare.no_rank_moved"))
        return
    console.print(t("compare.rank_moved_title"), style="bold")
    for unit in moved:
        console.print(
            escape(
                t(
                    "compare.rank_moved",
                    unit=unit.unit,
                    before=unit.before.rank,
                    after=unit.after.rank,
                )
            ),
            soft_wrap=True,
        )
        own = comparison.why(unit.unit)
        if not own:
            console.print("  " + t("compare.moved_by_others"))
        for change in own[:WHY_SHOWN]:
            console.print("  " + escape(_field_change_text(change)), soft_wrap=True)
        if len(own) > WHY_SHOWN:
            console.print("  " + t("compare.more_why", count=len(own) - WHY_SHOWN))


def _field_change_text(change: FieldChange) -> str:
    return t(
        "compare.field_line",
        label=change.label,
        before=side_value(change.before) or t("diff.empty"),
        after=side_value(change.after) or t("diff.empty"),
        score_before=f"{change.before.score:f}",
        score_after=f"{change.after.score:f}",
        moved=_signed(change.moved),
    )


def _show_field_changes(comparison: Comparison) -> None:
    fields = comparison.fields
    if not fields:
        console.print(t("compare.no_field_changes"))
        return
    table = Table(title=t("compare.fields_title", count=len(fields)), title_style="bold")
    _unit_column(table)
    table.add_column(t("label.item"))
    sides = side_names(comparison.a, comparison.b)
    for side in sides:
        table.add_column(escape(t("compare.value_of", side=side)))
    for label in [*(t("compare.score_of", side=side) for side in sides), t("compare.moved")]:
        table.add_column(escape(label), justify="right")
    for change in fields[:FIELDS_SHOWN]:
        table.add_row(
            escape(change.unit),
            escape(change.label),
            escape(side_value(change.before)),
            escape(side_value(change.after)),
            f"{change.before.score:f}",
            f"{change.after.score:f}",
            _signed(change.moved),
        )
    console.print(table)
    if len(fields) > FIELDS_SHOWN:
        console.print(t("compare.more_fields", count=len(fields) - FIELDS_SHOWN))


def _show_overclaims(comparison: Comparison) -> None:
    claims = comparison.overclaims
    if not claims:
        console.print(t("compare.no_overclaims"), style="bold")
        return
    table = Table(title=t("compare.overclaims_title", count=len(claims)), title_style="bold")
    _unit_column(table)
    table.add_column(t("label.item"))
    table.add_column(t("compare.claimed"))
    table.add_column(t("compare.certified"))
    for label in ("compare.claimed_score", "compare.certified_score", "compare.over"):
        table.add_column(t(label), justify="right")
    for claim in claims:
        table.add_row(
            escape(claim.unit),
            escape(claim.label),
            escape(f"{claim.after.value}  {claim.after.source}"),
            escape(f"{claim.before.value}  {claim.before.source}"),
            f"{claim.after.score:f}",
            f"{claim.before.score:f}",
            _signed(claim.moved),
        )
    console.print(table)


def show_status(status: CollectionStatus) -> None:
    """The matrix of units × certifiers, the problems, then what each certifier still owes."""
    rules = status.rule_file.rules
    table = Table(
        title=t("status.title", title=rules.title, files=status.files), title_style="bold"
    )
    _unit_column(table)
    for certifier in status.certifiers:
        table.add_column(escape(certifier_name(status, certifier)), justify="center")
    colours = {"complete": "green", "missing": "red", "partial": "yellow"}
    for unit in status.units:
        cells = [status.matrix[(unit, c)] for c in status.certifiers]
        table.add_row(
            escape(unit),
            *[f"[{colours[cell.state]}]{escape(status_cell(cell))}[/]" for cell in cells],
        )
    console.print(table)
    if status.notes:  # a claim certified (核减/核增) or a former name read: told, not a problem
        console.print(t("status.notes", count=len(status.notes)), style="bold")
        for note in status.notes:
            console.print("  " + escape(say_problem(note.as_problem())), soft_wrap=True)
    sections = [
        ("status.conflicts", status.conflicts),
        ("status.unreadable", status.unreadable),
        ("status.unrecognised", status.unrecognised),
        ("status.problems", status.problems),
    ]
    for key, problems in sections:
        if problems:
            console.print(t(key, count=len(problems)), style="bold red")
            for problem in problems:
                console.print("  " + escape(say_problem(problem)), soft_wrap=True)
    # a certifier who sent nothing is one line (未交), not every cell of the form it was sent
    if status.sent_nothing:
        names = join([certifier_name(status, c) for c in status.sent_nothing])
        console.print(escape(t("status.sent_nothing", names=names)), style="bold", soft_wrap=True)
    for certifier in status.owing:
        missing = status.missing[certifier]
        name = certifier_name(status, certifier)
        console.print(t("status.missing", name=name, count=len(missing)), style="bold")
        for item in missing:
            where = missing_place(item, t("status.no_cell"))
            line = f"{_short_unit(item.unit)} · {item.label} · {where}"
            console.print("  " + escape(line), soft_wrap=True)
    if status.complete:
        console.print(t("status.complete"), style="bold green")
    else:
        # a certifier who sent nothing counts once, as 未交, not by the cells of its form
        not_returned = [c for c in status.sent_nothing if c != SELF_CHECK]
        owed = sum(len(status.missing[c]) for c in status.owing if c != SELF_CHECK)
        console.print(
            t(
                "status.incomplete",
                not_returned=len(not_returned),
                missing=owed,
                conflicts=len(status.conflicts),
                files=len(status.unreadable) + len(status.unrecognised),
                problems=len(status.problems),
            ),
            style="bold red",
        )
