"""Properties that must hold for any input (hypothesis): bounds, sums, order and split invariance,
and text that survives a round trip through the scored workbook.

Each property also compares mypm's figures with `expected`, an oracle written from SPEC §2.1 and
§4 in this file, so that a scorer that gives every field 0 (and so keeps every sum and order
invariant) fails here too."""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COUNTY, DEPARTMENT
from mypm.core.engine import score_all
from mypm.core.measures import Count, Percent, PerItem, Points, Score, YesNo
from mypm.core.results import FieldValue, UnitInput
from mypm.core.rules import Leaf, RuleSet, load_rule_file
from mypm.core.trace import ScoreReport
from mypm.jobs.scoring import ScoreOptions, score_files
from mypm.render.workbook.scored import write_scored_workbook

RULES = {path.stem: load_rule_file(path) for path in (COUNTY, DEPARTMENT)}
TMP = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


# --- the oracle: SPEC §2.1 (measures) and §4 (arithmetic), from the text typed into each cell ----


def expected_points(leaf: Leaf, raw: object) -> Decimal:
    """SPEC §2.1: what one typed value is worth before rounding (p = the leaf's points)."""
    m, p = leaf.measure, leaf.points or Decimal(0)
    if m.type == "yes_no":
        return p if (raw == "是") == (m.award_if == "yes") else Decimal(0)
    v = Decimal(str(raw).rstrip("%"))
    if m.type == "count":
        return p * min(v, m.target) / m.target
    if m.type == "percent":
        return p * v / 100
    if m.type == "score":
        return p * v / m.scale
    if m.type == "per_item":
        return v * m.per if m.cap is None else min(v * m.per, m.cap)
    return v  # points awarded directly


def expected(rules: RuleSet, units: dict[str, dict[str, object]]) -> dict[str, dict[str, Any]]:
    """SPEC §4: each unit's field scores, categories, base, bonus, deductions, total and rank,
    from its typed values (no derived values)."""
    mode = ROUND_HALF_UP if rules.rounding.mode == "half_up" else ROUND_HALF_EVEN
    quantum = Decimal(1).scaleb(-rules.rounding.places)
    out: dict[str, dict[str, Any]] = {}
    for name, values in units.items():
        fields = {
            leaf.key: expected_points(leaf, values[leaf.key]).quantize(quantum, rounding=mode)
            for leaf in rules.leaves
        }

        def total_of(owner: str, fields: dict[str, Decimal] = fields) -> Decimal:
            """The sum of the rounded fields of a category, an indicator or an item."""
            keys = [k for k in fields if k == owner or k.startswith(f"{owner}.")]
            return sum((fields[k] for k in keys), Decimal(0))

        figures: dict[str, Any] = {"fields": tuple(fields.values())}
        figures["categories"] = {c.id: total_of(c.id) for c in rules.categories}
        for section in ("bonus", "deductions"):
            adjustments = getattr(rules, section)
            items = [total_of(f"{section}.{item.id}") for item in adjustments.items]
            capped = [
                v if item.cap is None else min(v, item.cap)
                for v, item in zip(items, adjustments.items, strict=True)
            ]
            figures[section] = (
                sum(capped, Decimal(0))
                if adjustments.cap is None
                else min(sum(capped, Decimal(0)), adjustments.cap)
            )
        figures["base"] = sum(figures["categories"].values(), Decimal(0))
        figures["total"] = max(
            Decimal(0), figures["base"] + figures["bonus"] - figures["deductions"]
        )
        out[name] = figures
    for figures in out.values():  # ties share a rank: 1 + the units with a higher total
        figures["rank"] = 1 + sum(other["total"] > figures["total"] for other in out.values())
    return out


def value_for(leaf: Leaf) -> st.SearchStrategy[object]:
    """Valid raw values for a leaf, as typed into a cell."""
    m = leaf.measure
    if isinstance(m, YesNo):
        return st.sampled_from(["是", "否"])
    if isinstance(m, Count | PerItem):
        return st.integers(0, 12)
    if isinstance(m, Percent):  # with the % sign: a bare 0.5 is ambiguous (0.5% or 50%?)
        return st.decimals(0, 100, places=1).map(lambda d: f"{d}%")
    top = m.scale if isinstance(m, Score) else (leaf.points if isinstance(m, Points) else m.cap)
    return st.decimals(0, top, places=2).map(str)


def unit_values(rules: RuleSet) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries({leaf.key: value_for(leaf) for leaf in rules.leaves})


def as_inputs(rules: RuleSet, units: dict[str, dict[str, object]]) -> list[UnitInput]:

    return [
        UnitInput(
            name,
            "组",
            "assessed",
            {
                key: FieldValue(rules.leaf_by_key[key].parse(raw), None)
                for key, raw in values.items()
            },
        )
        for name, values in units.items()
    ]


@given(kind=st.sampled_from(["county", "department"]), data=st.data())
@settings(max_examples=60, deadline=None)
def test_totals_add_up_and_leaves_stay_in_bounds(kind: str, data: st.DataObject) -> None:
    rules = RULES[kind].rules
    values = data.draw(unit_values(rules))
    rules_without_derived = rules.model_copy(update={"derived": []})
    [unit] = as_inputs(rules, {"甲": values})
    scoring = score_all(rules_without_derived, [unit])
    [result] = scoring.results
    assert result.total == max(Decimal(0), result.base + result.bonus - result.deductions)
    assert result.base == sum(result.categories.values())
    for leaf in result.leaves:
        assert leaf.score >= 0
        assert leaf.maximum is None or leaf.score <= leaf.maximum, leaf
    for cat in rules.categories:
        assert 0 <= result.categories[cat.id] <= cat.points
    assert rules.bonus.cap is None or result.bonus <= rules.bonus.cap
    want = expected(rules, {"甲": values})["甲"]
    assert result.leaf_scores == want["fields"]
    assert (result.categories, result.base) == (want["categories"], want["base"])
    assert (result.bonus, result.deductions, result.total) == (
        want["bonus"],
        want["deductions"],
        want["total"],
    )


@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_unit_order_does_not_change_scores_or_ranks(data: st.DataObject) -> None:
    rules = RULES["county"].rules.model_copy(update={"derived": []})
    names = ["甲", "乙", "丙", "丁"]
    units = {name: data.draw(unit_values(rules)) for name in names}
    shuffled = dict(data.draw(st.permutations(list(units.items()))))
    first = score_all(rules, as_inputs(rules, units)).results
    second = score_all(rules, as_inputs(rules, shuffled)).results
    key = {r.unit: (r.total, r.rank, r.leaf_scores) for r in first}
    assert {r.unit: (r.total, r.rank, r.leaf_scores) for r in second} == key
    want = expected(rules, units)
    assert key == {u: (w["total"], w["rank"], w["fields"]) for u, w in want.items()}


def write_plain_workbook(path: Path, keys: list[str], rows: list[tuple[str, dict]]) -> None:
    """A workbook made by hand: only a key row and data rows, in whatever column order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["unit", *keys])
    for name, values in rows:
        ws.append([name, *(values.get(k) for k in keys)])
    wb.save(path)


@given(data=st.data())
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_row_order_column_order_and_splitting_do_not_matter(
    tmp_path: Path, data: st.DataObject
) -> None:
    rule_file = RULES["county"]
    rules = rule_file.rules
    names = ["涪城区", "游仙区", "江油市"]
    units = {name: data.draw(unit_values(rules)) for name in names}
    keys = [leaf.key for leaf in rules.leaves]
    options = ScoreOptions(kind="county")
    folder = Path(tempfile.mkdtemp(dir=tmp_path))

    write_plain_workbook(folder / "one.xlsx", keys, list(units.items()))
    baseline = score_files([folder / "one.xlsx"], options).report

    shuffled_keys = data.draw(st.permutations(keys))
    shuffled_rows = data.draw(st.permutations(list(units.items())))
    write_plain_workbook(folder / "shuffled.xlsx", shuffled_keys, shuffled_rows)
    shuffled = score_files([folder / "shuffled.xlsx"], options).report

    cut = data.draw(st.integers(1, len(keys) - 1))
    write_plain_workbook(folder / "a.xlsx", shuffled_keys[:cut], list(units.items()))
    write_plain_workbook(folder / "b.xlsx", shuffled_keys[cut:], shuffled_rows)
    split = score_files([folder / "a.xlsx", folder / "b.xlsx"], options).report

    def scores(report: ScoreReport) -> dict:
        return {
            u.unit: (u.rank, u.total, u.leaf_scores, u.categories, u.bonus, u.deductions)
            for u in report.units
        }

    want = expected(rules, units)
    assert {u.unit: (u.rank, u.total) for u in baseline.units} == {
        name: (w["rank"], w["total"]) for name, w in want.items()
    }
    assert scores(shuffled) == scores(baseline)
    assert scores(split) == scores(baseline)


# a name mypm can be given: no control characters, and not XML's non-characters U+FFFE/U+FFFF,
# which a rule file holding them is refused for (tests/bad_inputs/test_rule_files.py)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s)


@given(name=TEXT, group=TEXT)
@TMP
def test_any_unit_name_reloads_identical_and_as_text(tmp_path: Path, name: str, group: str) -> None:
    rules = RULES["county"].rules.model_copy(update={"derived": []})
    typed = {YesNo: "是", Percent: "1%"}  # a plain 1 is ambiguous there (SPEC §2.2, amended)
    values = {leaf.key: typed.get(type(leaf.measure), "1") for leaf in rules.leaves}
    [unit] = as_inputs(rules, {name: values})
    scoring = score_all(rules, [UnitInput(name, group, "assessed", unit.values)])
    report = ScoreReport(
        "id",
        "title",
        "doc",
        "rules.yaml",
        "0" * 64,
        tuple(scoring.results),
        (),
        (),
        tuple(scoring.losses),
        "now",
        "0",
    )
    path = tmp_path / "out.xlsx"
    write_scored_workbook(path, report, rules)
    ws = openpyxl.load_workbook(path)["汇总"]
    assert (ws["B4"].value, ws["B4"].data_type) == (name, "s")
    assert (ws["C4"].value, ws["C4"].data_type) == (group, "s")
    # 是 or 1 everywhere (SPEC §3.1, §4): org 4 × 1 = 4; progress 1 + 1 + 1 × 1/2 + 1
    # + 0.5 × 1/100 = 0.005 → 0.01 + 0.5 × 1/4 = 0.125 → 0.13 = 3.64; disclosure 2 + 2 × 1/4 + 2
    # = 4.5; public 10 × 1/100 = 0.1; targets 75 × 1/100 = 0.75; base 12.99. Bonus 0.9 + 0.5 + 3
    # + 1.5 = 5.9, capped at 5; deductions 1 + 0.5 + 0.5 + 2 + 1 = 5; total 12.99 + 5 − 5.
    assert scoring.results[0].total == Decimal("12.99")
    assert 12.99 in [cell.value for cell in ws[4]]
