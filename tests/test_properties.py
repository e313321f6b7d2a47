"""Properties that must hold for any input (hypothesis): bounds, sums, order and split invariance,
and text that survives a round trip through the scored workbook."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COUNTY, DEPARTMENT
from mypm.engine import score_all
from mypm.measures import Count, Percent, PerItem, Points, Score, YesNo
from mypm.results import FieldValue, ScoreReport, UnitInput
from mypm.rules import Leaf, RuleSet, load_rule_file
from mypm.scoring import ScoreOptions, score_files
from mypm.workbook.writer import write_scored_workbook

RULES = {path.stem: load_rule_file(path) for path in (COUNTY, DEPARTMENT)}
TMP = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


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
    from mypm.values import parse_value

    return [
        UnitInput(
            name,
            "组",
            "assessed",
            {
                key: FieldValue(parse_value(raw, rules.leaf_by_key[key]), None)
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

    assert scores(shuffled) == scores(baseline)
    assert scores(split) == scores(baseline)


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip() == s)


@given(name=TEXT, group=TEXT)
@TMP
def test_any_unit_name_reloads_identical_and_as_text(tmp_path: Path, name: str, group: str) -> None:
    rules = RULES["county"].rules.model_copy(update={"derived": []})
    values = {leaf.key: "是" if isinstance(leaf.measure, YesNo) else "1" for leaf in rules.leaves}
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
