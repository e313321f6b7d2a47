"""Human wording of rule elements (measures, how to fill a field), in the current language."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from mypm.i18n import CATALOGUE, language, t
from mypm.rules.model import (
    CappedPoints,
    Count,
    Leaf,
    LocalChoice,
    Percent,
    PerItem,
    Points,
    RuleSet,
    Score,
    YesNo,
)


def certifier_names(rules: RuleSet, leaf: Leaf) -> str:
    """Who certifies a field, as the rules name them (市财政局核定、市民生办核定)."""
    return "、".join(rules.certifiers[c] for c in leaf.certified_by)


def number(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 0.50 → 0.5, 1E+1 → 10."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal for JSON: whole numbers as ints; a few decimal places print as the float
    nearest to them, which is the same digits."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def measure_text(leaf: Leaf) -> str:
    """How the leaf is scored, e.g. `是/否` or `次数，2次满分`."""
    m = leaf.measure
    zh = language() == "zh"
    if isinstance(m, YesNo):
        if m.award_if == "no":
            return "是/否（填“否”得分）" if zh else "yes/no (scores when 'no')"
        return "是/否" if zh else "yes/no"
    if isinstance(m, Count):
        return f"次数，{m.target}次满分" if zh else f"count, full at {m.target}"
    if isinstance(m, Percent):
        return "百分比 0–100%" if zh else "percent 0–100%"
    if isinstance(m, Score):
        return f"得分 0–{number(m.scale)}" if zh else f"score 0–{number(m.scale)}"
    if isinstance(m, Points):
        return f"直接核定 0–{number(leaf.points or Decimal(0))} 分" if zh else "points awarded"
    if isinstance(m, PerItem):
        cap = ""
        if m.cap is not None:
            cap = f"，最多{number(m.cap)}分" if zh else f", at most {number(m.cap)}"
        if leaf.section == "deductions":
            return f"每次扣{number(m.per)}分{cap}" if zh else f"−{number(m.per)} per item{cap}"
        return f"每次{number(m.per)}分{cap}" if zh else f"{number(m.per)} per item{cap}"
    assert isinstance(m, CappedPoints)
    return f"直接核定 0–{number(m.cap)} 分" if zh else f"points 0–{number(m.cap)}"


def fill_text(leaf: Leaf) -> str:
    """What to type in the leaf's cell."""
    m = leaf.measure
    zh = language() == "zh"
    if isinstance(m, YesNo):
        return "填“是”或“否”" if zh else "type 是 (yes) or 否 (no)"
    if isinstance(m, Count | PerItem):
        return "填整数次数（≥0），无则留空或填0" if zh else "a whole number ≥ 0"
    if isinstance(m, Percent):
        return "填百分比，如 95 或 95%" if zh else "a percentage, e.g. 95 or 95%"
    if isinstance(m, Score):
        return f"填 0–{number(m.scale)} 的得分" if zh else f"a score from 0 to {number(m.scale)}"
    top = leaf.maximum or Decimal(0)
    return f"填 0–{number(top)} 的分值" if zh else f"points from 0 to {number(top)}"


def attribute_label(attribute: str) -> str:
    """A `local:` attribute in words (points → 分值); an unknown one as it is."""
    key = f"local.attr.{attribute}"
    return t(key) if key in CATALOGUE else attribute


def local_text(choices: Iterable[LocalChoice]) -> str:
    """`本地取值：分值、计分方法` for one element's local choices; "" when there are none."""
    names = "、".join(attribute_label(c.attribute) for c in choices)
    return t("local.marked", attributes=names) if names else ""
