"""Human wording of rule elements and of the trace's arithmetic, in the current language."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from mypm.core.messages import Msg, number, short_number
from mypm.core.results import Attachment, Derivation, InputValue, Shown, Source
from mypm.core.rules import RuleSet
from mypm.core.rules.model import Derived, Grade, Leaf, LocalChoice
from mypm.core.trace import Adjustment, Capped, Certification, LeafTrace, UnitTrace
from mypm.jobs.compare import Side, SideField
from mypm.jobs.status import Cell, CollectionStatus
from mypm.text.catalogue import CATALOGUE, join, language, place, plural, say, say_value, t
from mypm.text.vocabulary import CERTIFIED_DOWN, CERTIFIED_UP, office_text

if TYPE_CHECKING:
    from mypm.jobs.status import Missing

# How an input is shown: a yes/no answer, a percentage, a derived mean (to 4 places with ≈), or
# any other number
InputForm = Literal["answer", "percent", "mean", "number"]


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal for JSON: whole numbers as ints; a few decimal places print as the float
    nearest to them, which is the same digits."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def json_value(value: Shown) -> str | None:
    """An input as JSON holds it, whatever the language: a yes/no answer as 是/否 (the office's
    word), None for a blank."""
    return office_text(value) or None


def measure_text(leaf: Leaf) -> str:
    """How the leaf is scored, e.g. `是/否` or `次数，2次满分`."""
    return say(leaf.measure.describe(leaf.points, deduction=leaf.section == "deductions"))


def fill_text(leaf: Leaf) -> str:
    """What to type in the leaf's cell."""
    return say(leaf.measure.fill(leaf.points))


def evidence_list(evidence: Iterable[Attachment]) -> list[dict[str, Any]]:
    """Evidence files as JSON holds them: the name, where the season keeps it, hash, size."""
    return [{"name": a.name, "file": a.file, "sha256": a.sha256, "size": a.size} for a in evidence]


def evidence_text(leaf: LeafTrace) -> str:
    """The evidence a field rests on, for internal outputs only (never public pages): each
    file's name and hash, or 缺佐证 where the guide asks for a document and none came; ""
    outside a season and where none is asked."""
    if leaf.evidence:
        files = join(t("evidence.file", name=a.name, sha=a.sha256[:12]) for a in leaf.evidence)
        return t("evidence.files", files=files)
    if leaf.evidence is not None and leaf.leaf.evidence_asked:
        return t("evidence.none", asked=join(leaf.leaf.evidence_asked))
    return ""


def leaf_text(leaf: LeafTrace) -> str:
    """The arithmetic behind a leaf's score: `2/2 次 → 1.00`, `93.1% × 75 → 69.83`, or for a
    derived value the mean it came from."""
    score = f"{leaf.score:f}"
    derivation = leaf.field.derivation
    if derivation is not None:
        return f"{say(derivation.basis())} → {score}"
    text = _terms_text(leaf.terms, score, language())
    adjustment = leaf.adjustment
    if adjustment is not None and adjustment.decided.kind == "appeal":
        return t(
            "explain.appeal",
            terms=text,
            before=say_value(adjustment.before_shown),
            before_score=f"{adjustment.before_figure.score:f}",
            value=say_value(adjustment.shown),
            score=score,
            ref=say(adjustment.decided.ref),
            reason=adjustment.decided.reason,
        )
    certification = leaf.certification
    if certification is None:
        return text
    text = t(
        "explain.certified_down" if certification.reduced else "explain.certified_up",
        terms=text,
        claim=say_value(certification.claim_shown),
        claimed=f"{certification.claimed.score:f}",
        claim_cell=place(certification.claim.source) if certification.claim.source else "",
        change=f"{abs(certification.change):f}",
    )
    if adjustment is None:
        return text
    decided = adjustment.decided
    return t("explain.review", text=text, ref=say(decided.ref), reason=decided.reason)


def certification_dict(certification: Certification) -> dict[str, Any]:
    """A claim and the certified value that replaced it, as JSON holds them (核减/核增 whatever
    the language)."""
    claim, certified = certification.claim, certification.certified
    return {
        "change": CERTIFIED_DOWN if certification.reduced else CERTIFIED_UP,
        "claimed": json_value(certification.claim_shown),
        "claimed_score": json_number(certification.claimed.score),
        "claimed_source": str(claim.source) if claim.source else None,
        "certified": json_value(certification.shown),
        "certified_score": json_number(certification.figure.score),
        "certified_source": str(certified.source) if certified.source else None,
        "difference": json_number(certification.change),
    }


def adjustment_dict(adjustment: Adjustment) -> dict[str, Any]:
    """A value decided on the record (a review's correction, an appeal's decision) and the
    value it replaced, as JSON holds them: who decided, when, why, and the points it made."""
    decided = adjustment.decided
    return {
        "kind": decided.kind,
        "ref": say(decided.ref),
        "reason": decided.reason,
        "by": decided.by,
        "at": decided.at,
        "before": json_value(adjustment.before_shown),
        "before_score": json_number(adjustment.before_figure.score),
        "before_source": str(adjustment.before.source) if adjustment.before.source else None,
        "value": json_value(adjustment.shown),
        "score": json_number(adjustment.figure.score),
        "difference": json_number(adjustment.change),
    }


@functools.lru_cache(maxsize=4096)
def _terms_text(terms: Msg, score: str, lang: str) -> str:
    """Terms said with their score: units share them (是, 4 次, 93.1%), so each is said once."""
    return say(Msg(terms.key, (*terms.params, ("score", score))))


def sum_text(capped: Capped) -> str:
    """How an item's parts or a section's items add up: `1 + 0.5 → 1.50`, or over its cap."""
    terms = " + ".join(number(v) for v in capped.terms) or "0"
    score = f"{capped.score:f}"
    if capped.capped:
        cap = number(capped.cap) if capped.cap is not None else ""
        return t("explain.sum_cap", terms=terms, raw=number(capped.raw), cap=cap, score=score)
    return t("explain.sum", terms=terms, score=score)


def total_text(unit: UnitTrace) -> str:
    """`base + bonus − deductions = total`, saying when the total was floored at 0."""
    return t(
        "explain.total_floor" if unit.floored else "explain.total",
        base=f"{unit.base:f}",
        bonus=f"{unit.bonus:f}",
        deductions=f"{unit.deductions:f}",
        total=f"{unit.total:f}",
    )


def cap_text(cap: Decimal | None) -> str:
    """A cap as every page words it: 上限5分, or 不设上限 for none."""
    return t("label.no_cap") if cap is None else t("label.cap", cap=number(cap))


def grade_text(grade: Grade) -> str:
    """A grade as every page words it: 优秀 ≥ 90分."""
    return t("label.grade_rule", name=grade.name, min=number(grade.min))


def derived_text(rules: RuleSet, rule: Derived) -> str:
    """A 备注 rule as every page words it, naming the units averaged and how many: for "all",
    the assessed units whose value is not itself taken from others."""
    if rule.mean_of == "all":
        derived = {u for d in rules.derived if d.field == rule.field for u in d.units}
        peers = [u.name for u in rules.assessed_units if u.name not in derived]
    else:
        peers = list(rule.mean_of)
    return _derived_sentence(rule.units, rules.leaf_by_key[rule.field].label, peers)


def derivation_text(unit: str, field: str, derivation: Derivation) -> str:
    """A unit's value taken from its peers, in its 备注 rule's words, naming the units that were
    averaged (those with a value, where --allow-missing left some out) and how many."""
    return _derived_sentence([unit], field, [name for name, _ in derivation.peers])


def _derived_sentence(units: Iterable[str], field: str, peers: list[str]) -> str:
    return t("label.derived_rule", units=join(units), field=field, mean=_mean_of(peers))


def _mean_of(peers: list[str]) -> str:
    """`取 A、B 的平均值（2 个单位）`: the part of a 备注 rule that says what is averaged."""
    return t("label.mean_of", peers=join(peers), count=len(peers), s=plural(len(peers)))


def side_names(a: Side, b: Side) -> tuple[str, str]:
    """What the two sides of a comparison are, for headings: 自查 and 核定, two years (2013年度,
    2014年度), or the names of the files; 前 and 后 when those are the same too."""
    if a.self_check != b.self_check:
        return tuple(  # type: ignore[return-value]
            t("compare.side_self_check" if side.self_check else "compare.side_certified")
            for side in (a, b)
        )
    years = [side.season_year or side.rule_file.rules.year for side in (a, b)]
    if years[0] != years[1]:
        return t("compare.side_year", year=years[0]), t("compare.side_year", year=years[1])
    names = [
        t("compare.side_season", year=side.season_year)
        if side.season_year
        else Path(side.label).name
        for side in (a, b)
    ]
    if names[0] != names[1]:
        return names[0], names[1]
    return t("compare.side_before"), t("compare.side_after")


def side_value(field: SideField) -> str:
    """A compared field's value; a certified value with the claim it replaced:
    `1（自查 3，核减）`."""
    if field.claim is None:
        return field.value
    key = "compare.certified_down" if field.reduced else "compare.certified_up"
    return t(key, value=field.value, claim=field.claim.value)


def attribute_label(attribute: str) -> str:
    """A `local:` attribute in words (points → 分值); an unknown one as it is."""
    key = f"local.attr.{attribute}"
    return t(key) if key in CATALOGUE else attribute


def local_text(choices: Iterable[LocalChoice]) -> str:
    """`本地取值：分值、计分方法` for one element's local choices; "" when there are none."""
    names = join(attribute_label(c.attribute) for c in choices)
    return t("local.marked", attributes=names) if names else ""


def local_choice_text(choice: LocalChoice) -> str:
    """A local choice as a line: what it is about, and why (`分值：指南只定…`)."""
    return t("label.labelled", label=attribute_label(choice.attribute), text=choice.reason)


class DetailLine(NamedTuple):  # a tuple: 明细 makes 35 a unit, for 100,000 units
    """A line of a unit's explanation as the 明细 sheet lists it: a leaf, an item with parts, a
    section, or the total."""

    key: str
    label: str
    kind: Literal["leaf", "item", "section"]
    value: InputValue | None  # the input; None when blank, and for sums
    form: InputForm  # how the input is shown
    score: Decimal
    maximum: Decimal | None
    certifier: str
    explanation: str
    source: Source | None
    evidence: str = ""  # in a season: the files a field rests on, or 缺佐证


def detail_lines(unit: UnitTrace) -> list[DetailLine]:
    """Every leaf, each item with parts, the two sections and the total, in rule order."""
    rules = unit.rules
    lines = [
        DetailLine(
            leaf.key,
            leaf.leaf.label,
            "leaf",
            leaf.value,
            input_form(leaf),
            leaf.score,
            leaf.maximum,
            rules.certifier_names(leaf.leaf),
            working_text(leaf),
            leaf.source,
            evidence_text(leaf),
        )
        for leaf in unit.leaves
    ]
    for section in unit.sections():
        for item in section.items:
            if item.has_parts and item.sum is not None:
                text = sum_text(item.sum)
                lines.append(
                    DetailLine(
                        item.key,
                        item.name,
                        "item",
                        None,
                        "number",
                        item.score,
                        item.maximum,
                        "",
                        text,
                        None,
                    )
                )
        label, total = t(f"section.{section.key}"), section.sum
        lines.append(
            DetailLine(
                section.key,
                label,
                "section",
                None,
                "number",
                total.score,
                total.cap,
                "",
                sum_text(total),
                None,
            )
        )
    lines.append(
        DetailLine(
            "total",
            t("label.total"),
            "section",
            None,
            "number",
            unit.total,
            None,
            "",
            total_text(unit),
            None,
        )
    )
    return lines


def working_text(leaf: LeafTrace) -> str:
    """A leaf's working as the pages print it (明细, the 反馈单, explain): a value taken from
    peers in its 备注 rule's words, the unit and field being on the line:
    `取 A、B 的平均值（2 个单位） = 77.6 → 7.76` (the JSON keeps `leaf_text`)."""
    derivation = leaf.field.derivation
    if derivation is None:
        return leaf_text(leaf)
    return t(
        "explain.derived",
        mean=_mean_of([name for name, _ in derivation.peers]),
        value=short_number(derivation.mean),
        score=f"{leaf.score:f}",
    )


def input_form(leaf: LeafTrace) -> InputForm:
    """How a leaf's input is shown (as `LeafTrace.shown` shows it)."""
    if isinstance(leaf.value, bool):
        return "answer"
    if leaf.field.derivation is not None:
        return "mean"
    return "percent" if leaf.leaf.measure.type == "percent" else "number"


def status_cell(cell: Cell) -> str:
    """A matrix cell as plain text: ✓, 未交, 缺 N 项, N 项无法读取, or both."""
    if cell.state == "complete":
        return "✓"
    if cell.state == "missing":
        return t("status.not_returned")
    parts = [
        t(key, count=count)
        for key, count in (("status.blanks", cell.blanks), ("status.bad_cells", cell.unreadable))
        if count
    ]
    return join(parts)


def certifier_name(status: CollectionStatus, certifier: str) -> str:
    return status.rule_file.rules.certifiers.get(certifier) or t("status.self_check")


def missing_place(missing: Missing, off_form: str) -> str:
    """Where a required value is to be filled: its cell; the certifier's file that came back
    without the unit's row; else `off_form` (the unit is on no form sent out)."""
    if missing.where is not None:
        return place(missing.where)
    if missing.no_row_in:
        return t("status.no_row", files=join(missing.no_row_in))
    return off_form
