"""An independent reference scorer agrees with `mypm score` on random rule sets and inputs.

`reference_scores` below is written from SPEC §2.1, §2.3 and §4 alone and imports nothing from
mypm: it is the oracle. Hypothesis draws a random rule set (measures, parts, item caps, the bonus
and deduction caps, rounding places and mode, grades, peer-derived values) and random inputs, the
test writes them as a rule file and a plain workbook, and runs mypm through its command line only.
Every figure of the JSON output must equal the oracle's: each field's points, each category, base,
bonus, deductions, total (with its floor at 0), rank and group rank (ties share), and grade.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# --- the oracle: SPEC §2.1 (measures), §2.3 (derived values), §4 (arithmetic) ----------------


@dataclass
class Leaf:
    key: str
    measure: dict[str, Any]
    points: Decimal | None  # None for bonus and deduction leaves


@dataclass
class Spec:
    """What the oracle needs of a rule set (the same content as the YAML mypm reads)."""

    places: int
    mode: str
    categories: dict[str, list[Leaf]]  # category id -> its leaves
    bonus: list[tuple[list[Leaf], Decimal | None]]  # items: (leaves, item cap)
    bonus_cap: Decimal | None
    deductions: list[tuple[list[Leaf], Decimal | None]]
    deductions_cap: Decimal | None
    grades: list[tuple[str, Decimal]]
    groups: dict[str, str]  # assessed unit -> group
    references: list[str]
    derived: list[tuple[str, list[str], list[str] | str]] = field(default_factory=list)


def leaf_points(leaf: Leaf, v: Any) -> Decimal:
    """SPEC §2.1: one input value as points, before rounding."""
    m, p = leaf.measure, leaf.points
    kind = m["type"]
    if kind == "yes_no":
        return p if v == (m.get("award_if", "yes") == "yes") else Decimal(0)
    if kind == "count":
        return p * min(v, m["target"]) / m["target"]
    if kind == "percent":
        return p * v / 100
    if kind == "score":
        return p * v / m["scale"]
    if kind == "per_item":
        return v * m["per"] if m.get("cap") is None else min(v * m["per"], m["cap"])
    return v  # points, awarded directly (capped or not, the input is the points)


def reference_scores(spec: Spec, inputs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each assessed unit's figures, rank, group rank and grade, from raw inputs."""
    mode = ROUND_HALF_UP if spec.mode == "half_up" else ROUND_HALF_EVEN

    def rnd(x: Decimal) -> Decimal:
        return x.quantize(Decimal(1).scaleb(-spec.places), rounding=mode)

    values = {unit: dict(fields) for unit, fields in inputs.items()}
    targets = {(u, key) for key, units, _ in spec.derived for u in units}
    for key, units, mean_of in spec.derived:
        if mean_of == "all":
            peers = [u for u in spec.groups if (u, key) not in targets]
        else:
            peers = list(mean_of)
        raw = [inputs[u][key] for u in peers if inputs[u].get(key) is not None]
        for unit in units:
            values[unit][key] = sum(raw) / len(raw)

    def adjustments(items: list[tuple[list[Leaf], Decimal | None]], cap: Decimal | None, vals):
        total = Decimal(0)
        for leaves, item_cap in items:
            item = sum(
                (rnd(leaf_points(x, vals.get(x.key) or Decimal(0))) for x in leaves), Decimal(0)
            )
            total += item if item_cap is None else min(item, item_cap)
        return total if cap is None else min(total, cap)

    out: dict[str, dict[str, Any]] = {}
    for unit, group in spec.groups.items():
        vals = values[unit]
        fields = {
            leaf.key: rnd(leaf_points(leaf, vals[leaf.key]))
            for leaves in spec.categories.values()
            for leaf in leaves
        }
        categories = {
            cid: sum((fields[x.key] for x in leaves), Decimal(0))
            for cid, leaves in spec.categories.items()
        }
        base = sum(categories.values(), Decimal(0))
        bonus = adjustments(spec.bonus, spec.bonus_cap, vals)
        deductions = adjustments(spec.deductions, spec.deductions_cap, vals)
        total = max(Decimal(0), base + bonus - deductions)
        grade = next((name for name, low in spec.grades if low <= total), "")
        out[unit] = dict(
            group=group, fields=fields, categories=categories, base=base, bonus=bonus,
            deductions=deductions, total=total, grade=grade,
        )  # fmt: skip
    for figures in out.values():
        figures["rank"] = 1 + sum(other["total"] > figures["total"] for other in out.values())
        figures["group_rank"] = 1 + sum(
            other["total"] > figures["total"]
            for other in out.values()
            if other["group"] == figures["group"]
        )
    return out


# --- random rule sets and inputs ----------------------------------------------------------------


def numbers(low: int | Decimal, high: int | Decimal, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(low, high, places=places).map(lambda d: d.normalize() + 0)


def base_measures(places: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.fixed_dictionaries({"type": st.just("yes_no")}, optional={"award_if": st.just("no")}),
        st.fixed_dictionaries({"type": st.just("count"), "target": st.integers(1, 6)}),
        st.fixed_dictionaries({"type": st.just("percent")}),
        st.fixed_dictionaries({"type": st.just("score"), "scale": numbers(1, 120)}),
        st.fixed_dictionaries({"type": st.just("points")}),
    )


def item_measures(places: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("per_item"), "per": numbers(Decimal("0.01"), 20)},
            optional={"cap": numbers(0, 10, places)},
        ),
        st.fixed_dictionaries({"type": st.just("points"), "cap": numbers(0, 10, places)}),
    )


def input_for(leaf: Leaf) -> st.SearchStrategy[Any]:
    """A valid value for the leaf: bool for 是/否, else a number (percent never above 0 and at
    most 1, which SPEC §2.2, as the README amends it, calls ambiguous)."""
    m = leaf.measure
    if m["type"] == "yes_no":
        return st.booleans()
    if m["type"] in ("count", "per_item"):
        return st.integers(0, 12).map(Decimal)
    if m["type"] == "percent":
        return st.one_of(st.just(Decimal(0)), numbers(Decimal("1.1"), 100, places=1))
    top = m["scale"] if m["type"] == "score" else (m["cap"] if leaf.points is None else leaf.points)
    return numbers(0, top)


@st.composite
def rule_sets(draw: st.DrawFn) -> tuple[dict[str, Any], Spec]:
    """A valid rule file (as a dict) and the same rubric for the oracle.

    Points and caps have no more decimals than the rounding keeps (SPEC §4 is silent on a cap of
    0.01 with whole-number rounding); per-item amounts and scales may have more.
    """
    places = draw(st.integers(0, 3))
    points_ = numbers(0, 20, places)
    categories: list[dict[str, Any]] = []
    spec_categories: dict[str, list[Leaf]] = {}
    for ci in range(draw(st.integers(1, 3))):
        indicators, leaves = [], []
        for ii in range(draw(st.integers(1, 3))):
            key = f"c{ci}.i{ii}"
            common = {"id": f"i{ii}", "name": f"指标{ci}{ii}", "certified_by": ["office"]}
            if draw(st.booleans()):
                parts = []
                for pi in range(draw(st.integers(1, 3))):
                    measure, points = draw(base_measures(places)), draw(points_)
                    parts.append({"id": f"p{pi}", "name": f"分项{pi}", "points": points,
                                  "measure": measure})  # fmt: skip
                    leaves.append(Leaf(f"{key}.p{pi}", measure, points))
                points = sum((p["points"] for p in parts), Decimal(0))
                indicators.append({**common, "criterion": "", "points": points, "parts": parts})
            else:
                measure, points = draw(base_measures(places)), draw(points_)
                indicators.append({**common, "criterion": "", "points": points, "measure": measure})
                leaves.append(Leaf(key, measure, points))
        categories.append(
            {
                "id": f"c{ci}",
                "name": f"类别{ci}",
                "points": sum((i["points"] for i in indicators), Decimal(0)),
                "indicators": indicators,
            }
        )
        spec_categories[f"c{ci}"] = leaves

    def adjustments(section: str) -> tuple[dict[str, Any], list, Decimal | None]:
        items, spec_items = [], []
        for ti in range(draw(st.integers(0, 2))):
            common = {"id": f"t{ti}", "name": f"项目{ti}", "certified_by": ["office"]}
            if draw(st.booleans()):
                parts = [
                    {"id": f"l{li}", "name": f"级别{li}", "measure": draw(item_measures(places))}
                    for li in range(draw(st.integers(1, 3)))
                ]
                cap = draw(st.none() | numbers(0, 10, places))
                items.append({**common, "parts": parts, **({} if cap is None else {"cap": cap})})
                leaves = [Leaf(f"{section}.t{ti}.{p['id']}", p["measure"], None) for p in parts]
                spec_items.append((leaves, cap))
            else:
                measure = draw(item_measures(places))
                items.append({**common, "measure": measure})
                spec_items.append(([Leaf(f"{section}.t{ti}", measure, None)], None))
        cap = draw(st.none() | numbers(0, 15, places))
        return {"cap": cap, "items": items}, spec_items, cap

    bonus, spec_bonus, bonus_cap = adjustments("bonus")
    deductions, spec_deductions, deductions_cap = adjustments("deductions")
    lows = sorted(draw(st.lists(numbers(0, 100, places=1), max_size=3, unique=True)), reverse=True)
    grades = [(f"等次{i}", low) for i, low in enumerate(lows)]

    names = ["甲单位", "乙单位", "丙单位", "丁单位", "戊单位"][: draw(st.integers(2, 5))]
    groups = {name: draw(st.sampled_from(["县市区", "园区"])) for name in names}
    references = ["参照一", "参照二"]
    # A derived rule needs a base leaf read as a number (SPEC §2.3 averages raw values).
    numeric = [x.key for leaves in spec_categories.values() for x in leaves]
    numeric = [k for k in numeric if _leaf(spec_categories, k).measure["type"] != "yes_no"]
    derived: list[tuple[str, list[str], list[str] | str]] = []
    if numeric and draw(st.integers(0, 3)):
        key = draw(st.sampled_from(numeric))
        derived.append((key, [names[0]], references))
        if len(names) > 2 and draw(st.integers(0, 2)):
            derived.append((key, [names[1]], "all"))

    rules = {
        "schema": 1,
        "id": "random",
        "kind": "random",
        "title": "随机规则",
        "issuer": "测试",
        "document": "无",
        "year": 2013,
        "base_points": sum((c["points"] for c in categories), Decimal(0)),
        "rounding": {"places": places, "mode": draw(st.sampled_from(["half_up", "half_even"]))},
        "certifiers": {"office": "办公室"},
        "units": [{"name": n, "group": g} for n, g in groups.items()]
        + [{"name": n, "group": "参照", "role": "reference"} for n in references],
        "categories": categories,
        "bonus": bonus,
        "deductions": deductions,
        "derived": [{"field": k, "units": u, "mean_of": m} for k, u, m in derived],
        "grades": [{"name": name, "min": low} for name, low in grades],
    }
    spec = Spec(
        places=rules["rounding"]["places"],
        mode=rules["rounding"]["mode"],
        categories=spec_categories,
        bonus=spec_bonus,
        bonus_cap=bonus_cap,
        deductions=spec_deductions,
        deductions_cap=deductions_cap,
        grades=grades,
        groups=groups,
        references=references,
        derived=derived,
    )
    return rules, spec


def _leaf(categories: dict[str, list[Leaf]], key: str) -> Leaf:
    return next(x for leaves in categories.values() for x in leaves if x.key == key)


def all_leaves(spec: Spec) -> list[Leaf]:
    items = [*spec.bonus, *spec.deductions]
    return [x for leaves in spec.categories.values() for x in leaves] + [
        x for leaves, _ in items for x in leaves
    ]


def as_yaml(rules: dict[str, Any]) -> str:
    """The rule file as YAML (flow style: YAML is a superset of JSON), numbers unquoted."""
    text = json.dumps(rules, ensure_ascii=False, indent=1, default=lambda d: f"§{d}§")
    return re.sub(r'"§([-0-9.E+]+)§"', r"\1", text)


def cell(value: Any) -> Any:
    """A value as a clerk would type it: 是/否, a whole number, or a decimal number."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return int(value) if value == value.to_integral_value() else float(value)


# --- the property --------------------------------------------------------------------------------


def as_json_number(d: Decimal) -> int | float:
    """How mypm's JSON writes a figure: a whole number as an int, else a float (SPEC §5.2)."""
    return int(d) if d == d.to_integral_value() else float(d)


@given(data=st.data())
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_mypm_agrees_with_the_reference_scorer(tmp_path: Path, run, data: st.DataObject) -> None:
    rules, spec = data.draw(rule_sets())
    leaves = all_leaves(spec)
    units = [*spec.groups, *spec.references]
    inputs = {
        unit: {
            leaf.key: data.draw(
                input_for(leaf) if leaf.points is not None else st.none() | input_for(leaf)
            )
            for leaf in leaves
        }
        for unit in units
    }
    rule_path = tmp_path / "random.yaml"
    rule_path.write_text(as_yaml(rules), encoding="utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["unit", *(leaf.key for leaf in leaves)])
    for unit in units:
        value = inputs[unit]
        sheet.append(
            [unit, *(None if value[x.key] is None else cell(value[x.key]) for x in leaves)]
        )
    workbook.save(tmp_path / "input.xlsx")

    result = run(
        "score", tmp_path / "input.xlsx", "--rules", rule_path, "--kind", "random",
        "--format", "json", "--lang", "en",
    )  # fmt: skip
    assert result.code == 0, result.err
    scored = {u["unit"]: u for u in json.loads(result.out)["units"]}
    expected = reference_scores(spec, inputs)
    assert set(scored) == set(expected)
    for unit, want in expected.items():
        got = scored[unit]
        for key, points in want["fields"].items():
            assert got["fields"][key]["score"] == as_json_number(points), (unit, key)
        for name in ("base", "bonus", "deductions", "total"):
            assert got[name] == as_json_number(want[name]), (unit, name)
        assert got["categories"] == {k: as_json_number(v) for k, v in want["categories"].items()}
        assert (got["rank"], got["group_rank"]) == (want["rank"], want["group_rank"]), unit
        assert got["grade"] == want["grade"], unit
