"""`mypm publish`: the scored results as a folder of self-contained web pages (公示 and 反馈单).

A renderer only: every figure comes from the scoring run (`Scored`) and the explanation tree;
the templates in `templates/` (Jinja2, autoescaped) lay them out. Nothing is scored here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from mypm.core.appeals import last_decided
from mypm.core.messages import number
from mypm.core.results import Derivation, Source
from mypm.core.rules.model import Adjustments
from mypm.core.rules.ruleset import RuleSet
from mypm.core.trace import Goal, UnitTrace
from mypm.jobs.scoring import Scored
from mypm.render.explain import Node, explain_unit, goal_text, plan_text
from mypm.render.labels import (
    attribute_label,
    cap_text,
    derivation_text,
    derived_text,
    grade_text,
    measure_text,
    working_text,
)
from mypm.text.catalogue import join, language, plural, say_value, t

# Group colours of the bar chart: each has at least 4.5:1 contrast against white (WCAG AA).
GROUP_COLOURS = ("#1f5fa8", "#a34b00", "#2e6b30", "#7b3fa0", "#a61b3a", "#00656b")
BAR_PIXELS = 480  # the longest bar of the totals chart
LOSS_BAR_PIXELS = 120  # the longest bar beside a figure in the analysis table


@dataclass(frozen=True)
class PublishOptions:
    """`public`: only what may be published; `deadline`: the 反馈单's reply date, if given;
    `draft`: every page says it is a draft (appeals are still to be decided)."""

    today: dt.date
    public: bool = False
    deadline: dt.date | None = None
    draft: bool = False
    season_link: str = ""  # the season folder from the pages' folder (links to evidence)


@dataclass(frozen=True)
class UnitPage:
    """A unit of the ranking and the file of its 反馈单 (relative to the folder)."""

    result: UnitTrace
    path: str


def render_site(
    scored: Scored, options: PublishOptions, goals: Mapping[str, list[Goal]]
) -> dict[str, str]:
    """Every page of the folder: relative path → HTML text; `goals` are each unit's what-if
    (needed for the units' pages, which a public folder has not)."""
    rules = scored.rule_file.rules
    env = _environment()
    units = [
        UnitPage(result, f"units/{position:03d}-{_file_stem(result.unit)}.html")
        for position, result in enumerate(scored.report.units, start=1)
    ]
    common = {
        "rules": rules,
        "lang": "zh-CN" if language() == "zh" else "en",
        "date": options.today.isoformat(),
        "public": options.public,
        "draft": options.draft,
        # after decisions on appeals the results are 复核后, dated by the last decision
        "reviewed": last_decided(scored.report.appeals)[:10],
    }
    pages = {
        "index.html": env.get_template("index.html.j2").render(
            common,
            root="",
            units=units,
            groups=_groups(rules, units),
            grades=[(g, sum(1 for u in units if u.result.grade == g.name)) for g in rules.grades],
            chart=_chart(rules, units),
            report=scored.report,
            rule_file=scored.rule_file,
        ),
        "analysis.html": env.get_template("analysis.html.j2").render(
            common,
            root="",
            losses=scored.report.losses,
            widths=_loss_widths(scored),
            bar_pixels=LOSS_BAR_PIXELS,
        ),
        "rules.html": env.get_template("rules.html.j2").render(
            common,
            root="",
            local=_local_choices(rules),
            leaves=rules.leaf_by_key,
            certifiers=lambda ids: join(rules.certifiers[i] for i in ids),
        ),
    }
    if not options.public:
        template = env.get_template("unit.html.j2")
        for page in units:
            explanation = explain_unit(page.result, goals[page.result.unit])
            taken = [leaf for leaf in page.result.leaves if leaf.field.derivation is not None]
            derived = {leaf.key: leaf.field.derivation for leaf in taken}
            # a value taken from peers: its working as 明细 words it, naming the peers (the
            # explanation's is the JSON's)
            workings = {leaf.key: working_text(leaf) for leaf in taken}
            pages[page.path] = template.render(
                common,
                root="../",
                unit=page.result,
                count=len(units),
                nodes=explanation.nodes,
                goals=[(goal_text(g), g) for g in explanation.goals],
                derived=derived,
                workings=workings,
                deadline=options.deadline.isoformat() if options.deadline else None,
                season_link=options.season_link,
                with_evidence=page.result.evidence is not None,
            )
    return pages


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mypm.render.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        t=t,
        join=join,
        plural=plural,
        measure_text=measure_text,
        cap_text=cap_text,
        derived_text=derived_text,
        derivation_text=derivation_text,
        grade_text=grade_text,
        plan_text=plan_text,
        say_value=say_value,
        rows=_rows,
        peer_values=_peer_values,
        attribute_label=attribute_label,
    )
    env.filters.update(
        score=_score, num=_num, hundredths=_hundredths, css_string=css_string, place=_place
    )
    return env


def _score(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _place(source: Source | None) -> Markup:
    """A cell as `file › sheet › cell`, each part kept on one line (a line breaks only between
    parts); nothing for a value that has no cell."""
    if source is None:
        return Markup("")
    kept = {
        part: Markup('<span class="nobr">{}</span>').format(getattr(source, part))
        for part in ("file", "sheet", "cell")
    }
    return Markup(t("problem.location", **kept))


def _peer_values(mean: Derivation) -> list[str]:
    """Each unit a mean was taken of, with its value: 市教育局 82.1."""
    return [f"{name} {number(value)}" for name, value in mean.peers]


def _hundredths(value: Decimal) -> str:
    """A mean as the workbook shows it (number format 0.00)."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def _num(value: Decimal | None) -> str:
    return "" if value is None else number(value)


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string that nothing in it can end (for @page headers)."""
    escaped = "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')


def _file_stem(unit: str) -> str:
    """A unit name as part of a file name on any system: letters and digits only, kept short."""
    return re.sub(r"\W+", "_", unit).strip("_")[:40] or "unit"


def _rows(nodes: list[Node], depth: int = 0) -> Iterator[tuple[int, Node]]:
    """The explanation tree as table rows: (depth, node), parents before their children."""
    for node in nodes:
        yield depth, node
        yield from _rows(node.children, depth + 1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    width: Decimal  # pixels
    colour: str
    y: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    legend: list[tuple[str, str]]  # group, colour
    height: int


def _group_names(rules: RuleSet, units: list[UnitPage]) -> list[str]:
    """The groups in the rule set's order, then any others in ranking order."""
    names = [u.group for u in rules.units if u.role == "assessed"]
    names += [u.result.group for u in units]
    return list(dict.fromkeys(names))


def _groups(rules: RuleSet, units: list[UnitPage]) -> list[tuple[str, list[UnitPage]]]:
    grouped = [(g, [u for u in units if u.result.group == g]) for g in _group_names(rules, units)]
    return [(g, members) for g, members in grouped if members]


def _chart(rules: RuleSet, units: list[UnitPage]) -> Chart:
    """Bars of the totals, one per unit in ranking order, coloured by group."""
    colours = {
        g: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, (g, _) in enumerate(_groups(rules, units))
    }
    top = rules.base_points + (rules.bonus.cap or 0)
    top = max([top, *(u.result.total for u in units)])
    bars = [
        Bar(
            u.result.unit,
            u.result.total,
            _width(u.result.total, top, BAR_PIXELS),
            colours[u.result.group],
            i * 24,
        )
        for i, u in enumerate(units)
    ]
    return Chart(bars, list(colours.items()), len(bars) * 24)


def _loss_widths(scored: Scored) -> list[Decimal]:
    """The bar beside each indicator's points lost, the largest loss the longest."""
    losses = scored.report.losses
    top = max([Decimal(1), *(row.total_lost for row in losses)])
    return [_width(row.total_lost, top, LOSS_BAR_PIXELS) for row in losses]


def _width(value: Decimal, top: Decimal, pixels: int) -> Decimal:
    return (value / top * pixels).quantize(Decimal("0.1")) if top else Decimal(0)


@dataclass(frozen=True)
class ShownChoice:
    """A local choice as rules.html shows it: where, by the guide's name ("" for all)."""

    where: str
    attribute: str
    reason: str


def _local_choices(rules: RuleSet) -> dict[str, list[ShownChoice]]:
    """The rule set's local choices by path ("" for rule-set-wide ones)."""
    names = {leaf.key: leaf.label for leaf in rules.leaves}
    for cat in rules.categories:
        names.update({f"{cat.id}.{ind.id}": ind.name for ind in cat.indicators})
    for section in ("bonus", "deductions"):
        adjustments: Adjustments = getattr(rules, section)
        names.update({f"{section}.{item.id}": item.name for item in adjustments.items})
    for position, rule in enumerate(rules.derived, start=1):
        field, units = rules.leaf_by_key[rule.field].label, join(rule.units)
        names[f"derived.{position}"] = t("publish.derived_where", field=field, units=units)
    found: dict[str, list[ShownChoice]] = {}
    for path, attribute, reason in rules.local_choices():
        found.setdefault(path, []).append(ShownChoice(names.get(path, ""), attribute, reason))
    return found


__all__ = ["PublishOptions", "css_string", "render_site"]
