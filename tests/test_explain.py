"""`mypm explain`, the what-if goals and the 失分分析 sheet, checked against hand arithmetic.

The data is test_score's golden county set; see the worked figures there.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import COUNTY
from mypm.core.engine import score_all
from mypm.core.rules import Leaf, load_rule_file
from mypm.core.whatif import apply_changes, what_if
from test_properties import as_inputs, expected, unit_values
from test_score import COUNTY_DATA


def explain_json(run, path: Path, unit: str) -> dict:
    result = run("explain", path, "--unit", unit, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_explain_tree_matches_the_hand_arithmetic(run, entry_workbook) -> None:
    doc = explain_json(run, entry_workbook("county", COUNTY_DATA), "涪城区")
    assert (doc["total"], doc["rank"], doc["group_rank"], doc["grade"]) == (96.78, 1, 1, "优秀")
    tree = doc["tree"]
    # categories by points lost: targets 5.17, progress 1.40, public 1.15, disclosure 0.50, org 0
    assert [(n["key"], n["score"], n["max"], n["lost"]) for n in tree] == [
        ("targets", 69.83, 75, 5.17),
        ("progress", 3.6, 5, 1.4),
        ("public", 8.85, 10, 1.15),
        ("disclosure", 5.5, 6, 0.5),
        ("org", 4, 4, 0),
        ("bonus", 5, None, 0),
        ("deductions", 0, None, 0),
        ("total", 96.78, None, 0),
    ]
    progress = tree[1]["children"]
    assert [(n["key"], n["score"], n["lost"]) for n in progress[:2]] == [
        ("progress.rectification", 0, 1),
        ("progress.meetings", 0.6, 0.4),  # 0.47 + 0.13
    ]
    assert [
        (p["key"], p["score"], p["explanation"], p["source"]) for p in progress[1]["children"]
    ] == [
        ("progress.meetings.reports", 0.13, "1/4 次 → 0.13", "county.xlsx!填报!L6"),
        ("progress.meetings.attendance", 0.47, "93.1% × 0.5 → 0.47", "county.xlsx!填报!K6"),
    ]
    bonus = tree[5]
    assert bonus["explanation"] == "2 + 2 + 2 + 1 = 7，上限 5 → 5.00"
    assert tree[7]["explanation"] == "91.78 + 5.00 − 0.00 → 96.78"
    assert doc["what_if"] == []  # top grade and first


def test_what_if_for_the_second_place(run, entry_workbook) -> None:
    # 江油市 95.78 is 优秀 already; 涪城区's 96.78 is 1.00 away. One field can close it:
    #   completion 93.1% → 94.5%: 75 × 94.5% = 70.875 → 70.88, +1.05 (94.4% gives 70.80, +0.97)
    #   evaluation 88.5 → 98.5: 10 × 98.5/100 = 9.85, +1.00
    #   liaison 否 → 是: +1.00
    # cheapest first, by the share of the field's range used: 1.4%, 10%, 100%.
    doc = explain_json(run, entry_workbook("county", COUNTY_DATA), "江油市")
    [goal] = doc["what_if"]
    assert (goal["kind"], goal["name"], goal["target"], goal["needed"]) == (
        "rank",
        "涪城区",
        96.78,
        1,
    )
    assert [
        [(c["key"], c["from"], c["to"], c["gain"]) for c in plan] for plan in goal["plans"]
    ] == [
        [("targets.completion", "93.1%", "94.5%", 1.05)],
        [("public.evaluation", "88.5", "98.5", 1)],
        [("org.liaison", "否", "是", 1)],
    ]


def test_what_if_for_a_grade(run, entry_workbook) -> None:
    # 高新区 86.95 (良好): 优秀 needs 3.05 more: completion 80% → 84.1% gives
    # 63.075 → 63.08 (+3.08); 84.0% gives 63.00 (+3.00).
    # The next rank (江油市, 三台县 at 95.78) needs 8.83.
    doc = explain_json(run, entry_workbook("county", COUNTY_DATA), "高新区")
    grade, rank = doc["what_if"]
    assert (grade["name"], grade["needed"]) == ("优秀", 3.05)
    assert grade["plans"][0] == [
        {
            "key": "targets.completion",
            "label": "对全年民生项目完成情况进行评定",
            "from": "80%",
            "to": "84.1%",
            "gain": 3.08,
        }
    ]
    assert (rank["name"], rank["needed"]) == ("江油市", 8.83)


def test_explain_text(run, entry_workbook) -> None:
    result = run("explain", entry_workbook("county", COUNTY_DATA), "--unit", "高新区")
    assert result.code == 0
    assert "高新区（园区） 总分 86.95 · 第 4 名 · 组内第 1 名 · 良好" in result.out
    assert "失 15.00" in result.out
    assert "距“优秀”（90 分）还差 3.05 分" in result.out
    assert "方案 1：对全年民生项目完成情况进行评定 80% → 84.1%（+3.08）" in result.out


def test_explain_unknown_unit(run, entry_workbook) -> None:
    result = run("explain", entry_workbook("county", COUNTY_DATA), "--unit", "涪城")
    assert result.code == 2
    assert "没有评分结果中的单位“涪城”；可用：涪城区、江油市、三台县、高新区、游仙区" in result.err


def test_summary_gaps_and_points_lost_sheet(run, entry_workbook, tmp_path: Path) -> None:
    assert run("score", entry_workbook("county", COUNTY_DATA), "-q").code == 0
    wb = load_workbook(tmp_path / "county-scored.xlsx")
    assert wb.sheetnames == ["汇总", "总分图", "明细", "失分分析", "问题", "规则"]
    ws = wb["汇总"]
    assert [c.value for c in ws[3]][14:16] == ["距下一等次", "距上一名"]
    gaps = {row[1].value: (row[14].value, row[15].value) for row in ws.iter_rows(min_row=4)}
    assert gaps == {
        "涪城区": (None, None),
        "江油市": (None, 1),
        "三台县": (None, 1),
        "高新区": (3.05, 8.83),
        "游仙区": (60, 86.95),  # 合格 at 60; 高新区 at 86.95
    }
    losses = [[c.value for c in row] for row in wb["失分分析"].iter_rows(min_row=2)]
    # completion lost by all five: 3 × 5.17 + 15.00 + 67.50 = 98.01, mean 19.602 → 19.60,
    # stored as it is shown
    assert losses[0] == [
        "目标完成考核",
        "对全年民生项目完成情况进行评定",
        75,
        5,
        98.01,
        19.6,
        "targets.completion",
    ]


RULES = load_rule_file(COUNTY).rules


def best_input(leaf: Leaf) -> str:
    """The typed value that earns a base field its full points (SPEC §2.1)."""
    m = leaf.measure
    if m.type == "yes_no":
        return "是" if m.award_if == "yes" else "否"
    if m.type == "count":
        return str(m.target)
    if m.type == "percent":
        return "100%"
    if m.type == "score":
        return str(m.scale)
    return str(leaf.points)  # points awarded directly


@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_what_if_plans_really_reach_their_goals(data: st.DataObject) -> None:
    names = ["甲", "乙", "丙", "丁"]
    values = {name: data.draw(unit_values(RULES)) for name in names}
    inputs = as_inputs(RULES, values)
    before = score_all(RULES, inputs).results
    want = expected(RULES, values)
    assert {r.unit: r.total for r in before} == {name: w["total"] for name, w in want.items()}
    ranks = {r.unit: r.rank for r in before}
    for result in before:
        unit = next(u for u in inputs if u.name == result.unit)
        # the most a unit can gain from its own base inputs: each at its best (SPEC §2.1)
        best = {leaf.key: best_input(leaf) for leaf in RULES.leaves if leaf.section == "base"}
        best_base = expected(RULES, {"best": values[result.unit] | best})["best"]["base"]
        reachable = best_base + want[result.unit]["bonus"] - want[result.unit]["deductions"]
        for goal in what_if(RULES, result):
            assert goal.needed == goal.target - want[result.unit]["total"] > 0
            assert bool(goal.plans) == (reachable >= goal.target), goal
            for plan in goal.plans:
                changed = [apply_changes(u, plan) if u.name == unit.name else u for u in inputs]
                after = {r.unit: r for r in score_all(RULES, changed).results}[unit.name]
                assert after.total >= goal.target
                assert sum((c.gain for c in plan), Decimal(0)) >= goal.needed
                if goal.kind == "grade":
                    assert [g.name for g in RULES.grades].index(after.grade) <= [
                        g.name for g in RULES.grades
                    ].index(goal.name)
                else:
                    assert after.rank <= ranks[goal.name]
