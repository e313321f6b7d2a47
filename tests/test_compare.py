"""`mypm compare`: self-check against certified, year against year, before and after a correction.

Every expected figure is worked out by hand from SPEC §4 (shown beside it). Units not named in
the data have no row of values and are not scored.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import COUNTY, REPO
from fill import fill_entry_workbook
from mypm.core.rules import load_rule_file
from mypm.read import layout as L
from mypm.read.scored import read_scored_workbook
from mypm.render.workbook.template import TemplateOptions, write_template

EXAMPLE = REPO / "examples" / "county-2013.xlsx"


def full_marks() -> dict[str, object]:
    """Every base field of the county rules at full points: 100 base points. Percentages are
    typed into percent-formatted cells, which store 100% as 1."""
    rules = load_rule_file(COUNTY).rules
    values: dict[str, object] = {}
    for leaf in rules.leaves:
        if leaf.section != "base":
            continue
        kind = leaf.measure.type
        values[leaf.key] = {"yes_no": "是", "percent": 1.0, "score": 100}.get(
            kind, getattr(leaf.measure, "target", None)
        )
    return values


def commendation_cell(path: Path, part: str, unit: str = "涪城区") -> str:
    """The cell of a unit's 上级表彰 part on a form's 填报 sheet, as `V8`."""
    ws = load_workbook(path)["填报"]
    keys = {c.value: c.column_letter for c in ws[L.KEY_ROW]}
    row = next(c.row for c in ws[keys[L.UNIT_KEY]] if c.value == unit)
    return f"{keys[f'bonus.commendation.{part}']}{row}"


def workbook(path: Path, rules: Path, data: dict, *, self_check: bool = False) -> Path:
    write_template(load_rule_file(rules), TemplateOptions(self_check=self_check), path)
    fill_entry_workbook(path, data)
    return path


def compared(run, a: Path, b: Path, *options: object) -> dict:
    result = run("compare", a, b, "--format", "json", *options)
    assert result.code == 0, result.err
    return json.loads(result.out)


def scored_as(run, inputs: Path, out: Path, *options: object) -> Path:
    """`out`: the inputs scored into a workbook."""
    assert run("score", inputs, *options, "-o", out, "--quiet").code == 0
    return out


def compared_alike(run, before: Path, scored: Path, inputs: Path, *options: object) -> dict:
    """Compare `before` with a scored workbook and with the inputs it was scored from: the two
    comparisons agree. Returns the one from the inputs."""
    from_workbook = compared(run, before, scored, *options)
    from_inputs = compared(run, before, inputs, *options)
    assert from_workbook["b"]["kind"] == "scored"
    for key in ("units", "fields", "units_only", "fields_only", "overclaims"):
        assert from_workbook[key] == from_inputs[key], key
    return from_inputs


def units(document: dict) -> dict[str, tuple]:
    return {
        u["unit"]: (
            u["before"]["total"],
            u["after"]["total"],
            u["before"]["rank"],
            u["after"]["rank"],
            u["before"]["grade"],
            u["after"]["grade"],
        )
        for u in document["units"]
    }


# --- self-check against certified ---------------------------------------------------------------


@pytest.fixture
def self_check_and_certified(tmp_path: Path) -> tuple[Path, Path]:
    full = full_marks()
    certified = workbook(
        tmp_path / "certified.xlsx",
        COUNTY,
        {
            "涪城区": {**full, "targets.completion": 0.9},  # 75 × 90% = 67.50
            "游仙区": {**full, "public.evaluation": 80},  # 10 × 80/100 = 8.00
        },
    )
    claims = workbook(
        tmp_path / "self.xlsx",
        COUNTY,
        {
            "涪城区": full,  # claims 100%: 75.00
            "游仙区": {**full, "public.evaluation": 80, "org.leading_group": "否"},  # claims less
        },
        self_check=True,
    )
    return claims, certified


def test_self_check_lists_every_field_claimed_over_the_certified_points(
    run, self_check_and_certified
) -> None:
    claims, certified = self_check_and_certified
    document = compared(run, claims, certified)
    assert document["a"]["self_check"] is True
    assert document["self_check_side"] == "a"
    # only 涪城区's completion: 75.00 claimed − 67.50 certified = 7.50; 游仙区 claimed less
    assert document["overclaims"] == [
        {
            "unit": "涪城区",
            "key": "targets.completion",
            "label": "对全年民生项目完成情况进行评定",
            "before": {"value": "90%", "score": 67.5, "source": "certified.xlsx!填报!Q6"},
            "after": {"value": "100%", "score": 75, "source": "self.xlsx!填报!Q6"},
            "moved": 7.5,
        }
    ]
    # self-assessed: 涪城区 100.00, 游仙区 100 − 2 (evaluation) − 1 (leading group) = 97.00;
    # certified: 涪城区 100 − 7.5 = 92.50, 游仙区 100 − 2 = 98.00
    assert units(document) == {
        "涪城区": (100, 92.5, 1, 2, "优秀", "优秀"),
        "游仙区": (97, 98, 2, 1, "优秀", "优秀"),
    }


def test_self_check_forms_alone_give_the_self_assessed_scores(
    run, self_check_and_certified, tmp_path: Path
) -> None:
    claims, _ = self_check_and_certified
    out = tmp_path / "self.json"
    assert run("score", claims, "--format", "json", "-o", out).code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["self_check"] is True
    assert {u["unit"]: u["total"] for u in document["units"]} == {"涪城区": 100, "游仙区": 97}


def test_self_check_never_fills_a_certified_blank(run, self_check_and_certified) -> None:
    claims, certified = self_check_and_certified
    result = run("score", claims, certified, "--format", "json")
    assert result.code == 1
    assert result.out == ""
    assert "self.xlsx：这是自查表（单位自评），不能与核定数据一起计分" in result.err


def test_the_over_claims_workbook_has_both_values_and_both_sources(
    run, self_check_and_certified, tmp_path: Path
) -> None:
    claims, certified = self_check_and_certified
    out = tmp_path / "compare.xlsx"
    result = run("compare", claims, certified, "-o", out)
    assert result.code == 0, result.err
    wb = load_workbook(out)
    assert wb.sheetnames == ["比较汇总", "字段变化", "自查高报"]
    rows = list(wb["自查高报"].iter_rows(values_only=True))
    # the self-check is side A (前) here: each column names whose value and source it holds
    assert rows[0] == (  # the field by its label; the JSON keeps its key
        "单位",
        "考核指标",
        "核定值",
        "自查值",
        "核定得分",
        "自查得分",
        "高报",
        "核定来源",
        "自查来源",
    )
    assert rows[1] == (
        "涪城区",
        "对全年民生项目完成情况进行评定",
        "90%",
        "100%",
        67.5,
        75,
        7.5,
        "certified.xlsx › 填报 › Q6",  # as people read a cell; the JSON keeps file!sheet!cell
        "self.xlsx › 填报 › Q6",
    )
    assert len(rows) == 2
    # the sides are named by what they are: the self-check against the certified
    header = next(wb["字段变化"].iter_rows(values_only=True))
    assert tuple(h.replace("\n", "") for h in header[2:9]) == (
        "填报值（自查）",
        "填报值（核定）",
        "得分（自查）",
        "得分（核定）",
        "变化",
        "来源（自查）",
        "来源（核定）",
    )
    assert "自查得分高于核定得分的字段（共 1 处" in result.out


# --- last year against this year ---------------------------------------------------------------


def test_year_against_year_matches_fields_by_key(run, tmp_path: Path) -> None:
    text = COUNTY.read_text(encoding="utf-8").split("\ntests:\n")[0]
    for old, new in [
        ("id: mianyang-livelihood-county-2013", "id: mianyang-livelihood-county-2014"),
        ("year: 2013", "year: 2014"),
        ("{name: 安县, group: 县市区}", "{name: 安州区, group: 县市区}"),
        ("      - id: rules\n", "      - id: systems\n"),
        ("measure: {type: count, target: 2}", "measure: {type: count, target: 3}"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    next_rules = tmp_path / "county-2014.yaml"
    next_rules.write_text(text, encoding="utf-8")
    full = full_marks()
    last = workbook(tmp_path / "2013.xlsx", COUNTY, {"涪城区": full, "游仙区": full})  # both 100.00
    this = {**full, "org.systems": full["org.rules"]}
    del this["org.rules"]
    current = workbook(
        tmp_path / "2014.xlsx",
        next_rules,
        {"涪城区": this, "安州区": {**this, "targets.completion": 0.98}},
    )
    document = compared(run, last, current, "--rules-b", next_rules)
    # 涪城区: 2 inspections of 3 → 1 × 2/3 = 0.6667 → 0.67; 100 − 1 + 0.67 = 99.67
    assert units(document) == {"涪城区": (100, 99.67, 1, 1, "优秀", "优秀")}
    assert [
        (f["unit"], f["key"], f["before"], f["after"], f["moved"]) for f in document["fields"]
    ] == [
        (
            "涪城区",
            "progress.inspections",
            {"value": "2", "score": 1, "source": "2013.xlsx!填报!I6"},
            {"value": "2", "score": 0.67, "source": "2014.xlsx!填报!I6"},
            -0.33,
        )
    ]
    assert document["units_only"] == {"a": ["游仙区"], "b": ["安州区"]}
    out = tmp_path / "compare.xlsx"
    assert run("compare", last, current, "--rules-b", next_rules, "-o", out).code == 0
    header = next(load_workbook(out)["比较汇总"].iter_rows(values_only=True))
    # two years: the sides, each on a line of its own under what it is the total of
    assert header[2:4] == ("总分\n（2013年度）", "总分\n（2014年度）")
    shown = run("compare", last, current, "--rules-b", next_rules).out
    assert "只在2013年度一方的单位：游仙区\n只在2014年度一方的单位：安州区" in shown
    assert "只在2013年度一方的字段：工作制度规范（org.rules）" in shown
    assert document["fields_only"] == {
        "a": [{"key": "org.rules", "label": "工作制度规范"}],
        "b": [{"key": "org.systems", "label": "工作制度规范"}],
    }
    rule_changes = {(c["change"], c["path"], c["attribute"]) for c in document["rule_changes"]}
    assert ("changed", "progress.inspections", "measure") in rule_changes
    assert ("removed", "org.rules", "") in rule_changes
    assert ("added", "units.安州区", "") in rule_changes


# --- before and after a correction -------------------------------------------------------------


@pytest.fixture
def before_and_after(run, tmp_path: Path) -> tuple[Path, Path]:
    full = full_marks()
    data = {
        "涪城区": {**full, "targets.completion": 0.95},  # 75 × 95% = 71.25 → 96.25, 3rd
        "游仙区": {**full, "targets.completion": 0.97},  # 72.75 → 97.75, 1st
        "江油市": {**full, "targets.completion": 0.96},  # 72.00 → 97.00, 2nd
    }
    first = workbook(tmp_path / "first.xlsx", COUNTY, data)
    before = tmp_path / "before.json"
    assert run("score", first, "--format", "json", "-o", before).code == 0
    corrected = {**data, "涪城区": {**full, "targets.completion": 0.99}}  # 74.25 → 99.25, 1st
    after = workbook(tmp_path / "corrected.xlsx", COUNTY, corrected)
    return before, after


def test_a_correction_shows_which_ranks_moved_and_why(run, before_and_after) -> None:
    before, after = before_and_after
    document = compared(run, before, after)
    assert document["a"]["kind"] == "json"
    assert document["b"]["kind"] == "inputs"
    assert {u["unit"]: u["rank_moved"] for u in document["units"]} == {
        "涪城区": 2,
        "游仙区": -1,
        "江油市": -1,
    }
    assert units(document)["涪城区"] == (96.25, 99.25, 3, 1, "优秀", "优秀")
    assert [(f["unit"], f["key"], f["moved"]) for f in document["fields"]] == [
        ("涪城区", "targets.completion", 3)  # 74.25 − 71.25
    ]
    result = run("compare", before, after)
    assert (
        "涪城区：第 3 名 → 第 1 名\n"
        "  对全年民生项目完成情况进行评定：95% → 99%，71.25 → 74.25 分（+3.00）" in result.out
    )
    assert "游仙区：第 1 名 → 第 2 名\n  本单位各项得分未变，名次随其他单位得分变化" in result.out


def test_a_scored_workbook_compares_like_its_json(run, before_and_after, tmp_path: Path) -> None:
    before, after = before_and_after
    scored = scored_as(run, after, tmp_path / "after-scored.xlsx")
    compared_alike(run, before, scored, after)


def test_fields_that_share_a_label_are_told_apart_in_a_scored_workbook(run, tmp_path: Path) -> None:
    # 明细 names a line's field by its label; two fields may share one (here 部门责任明确 is
    # renamed 领导体系健全): the n-th line with a label is the n-th such field in rule order
    text = COUNTY.read_text(encoding="utf-8").split("\ntests:\n")[0]
    assert text.count("name: 部门责任明确") == 1
    rules = tmp_path / "county.yaml"
    rules.write_text(text.replace("name: 部门责任明确", "name: 领导体系健全"), encoding="utf-8")
    full = full_marks()
    before = workbook(tmp_path / "before.xlsx", rules, {"涪城区": full})
    after = workbook(tmp_path / "after.xlsx", rules, {"涪城区": {**full, "org.duties": "否"}})
    scored = scored_as(run, after, tmp_path / "after-scored.xlsx", "--rules", rules)
    document = compared_alike(run, before, scored, after, "--rules-a", rules, "--rules-b", rules)
    # org.duties (the second 领导体系健全) lost its 1 point: 100 − 1 = 99
    assert [(f["key"], f["moved"]) for f in document["fields"]] == [("org.duties", -1)]


def test_a_deduction_that_went_away_is_a_gain_and_the_sides_are_the_files(
    run, tmp_path: Path
) -> None:
    full = full_marks()
    before = workbook(
        tmp_path / "before.xlsx", COUNTY, {"涪城区": {**full, "deductions.superior": 1}}
    )
    after = workbook(tmp_path / "after.xlsx", COUNTY, {"涪城区": full})
    document = compared(run, before, after)
    # 1 deduction of 1 point went away: the unit gained it, 99.00 → 100.00
    assert units(document)["涪城区"][:2] == (99, 100)
    assert [(f["key"], f["moved"]) for f in document["fields"]] == [("deductions.superior", 1)]
    out = tmp_path / "compare.xlsx"
    assert run("compare", before, after, "-o", out).code == 0
    wb = load_workbook(out)
    # same year, both certified: the sides are the files; changes carry their signs
    summary = list(wb["比较汇总"].iter_rows(values_only=True))
    assert summary[0][2:5] == ("总分\n（before.xlsx）", "总分\n（after.xlsx）", "变化")
    assert wb["比较汇总"].column_dimensions["C"].width > 16  # as wide as （before.xlsx）
    assert wb["比较汇总"]["E2"].number_format == "+0.00;-0.00;0.00"
    assert wb["比较汇总"]["H2"].number_format == "+0;-0;0"
    assert wb["比较汇总"]["I2"].alignment.horizontal == "center"  # apart from 名次变化
    moved = wb["字段变化"]["G2"]
    assert (moved.value, moved.number_format) == (1, "+0.00;-0.00;0.00")


def test_a_scored_workbook_of_an_earlier_mypm_still_compares(
    run, before_and_after, tmp_path: Path
) -> None:
    # an earlier mypm wrote 明细 with a 分组 column after 单位 and each line's key (字段键) last
    from mypm.jobs.scoring import ScoreOptions, score_files
    from mypm.render.labels import detail_lines

    before, after = before_and_after
    scored = scored_as(run, after, tmp_path / "after-scored.xlsx")
    keys = iter(
        line.key
        for unit in score_files([after], ScoreOptions()).report.units
        for line in detail_lines(unit)
    )
    wb = load_workbook(scored)
    details = wb["明细"]
    details.insert_cols(2)
    details.cell(1, 2, "分组")
    key_column = details.max_column + 1
    details.cell(1, key_column, "字段键")
    for row in range(2, details.max_row + 1):
        if details.cell(row, 5).value is not None:  # 得分: a line, not a unit's heading
            details.cell(row, key_column, next(keys))
    assert next(keys, None) is None
    earlier = tmp_path / "earlier-scored.xlsx"
    wb.save(earlier)
    compared_alike(run, before, earlier, after)


# --- bad input -----------------------------------------------------------------------------------


def test_a_file_that_is_not_scores_is_named_and_nothing_is_written(
    run, before_and_after, tmp_path: Path
) -> None:
    before, _ = before_and_after
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    out = tmp_path / "compare.xlsx"
    result = run("compare", before, bad, "-o", out)
    assert result.code == 1
    assert f"{bad}：不是 mypm score 写出的评分结果" in result.err
    assert not out.exists()


def test_a_figure_that_is_not_a_number_is_named_by_cell(
    run, before_and_after, tmp_path: Path
) -> None:
    before, after = before_and_after
    scored = scored_as(run, after, tmp_path / "scored.xlsx")
    wb = load_workbook(scored)
    total_col = [c.value for c in wb["汇总"][3]].index("总分") + 1
    wb["汇总"].cell(4, total_col, "九十九")
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    result = run("compare", before, edited)
    assert result.code == 1
    assert f"{edited} › 汇总 › " in result.err and "此处应为数字" in result.err


def test_a_details_sheet_that_lost_a_field_line_is_named_not_misread(
    run, before_and_after, tmp_path: Path
) -> None:
    # a blanked label would shift the next lines with the same label onto the wrong field:
    # compare names the unit and the field that has no line instead
    before, after = before_and_after
    wb = load_workbook(scored_as(run, after, tmp_path / "scored.xlsx"))
    line = next(r for r in wb["明细"].iter_rows(min_row=3) if r[1].value == "部门责任明确")
    unit = line[0].value
    line[1].value = None
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    result = run("compare", before, edited, "-o", tmp_path / "c.xlsx")
    assert result.code == 1
    assert f"“{unit}”的明细与规则集的考核指标对不上（缺少“部门责任明确”）" in result.err
    assert not (tmp_path / "c.xlsx").exists()


def test_rules_of_another_year_must_be_given(run, before_and_after, tmp_path: Path) -> None:
    before, _ = before_and_after
    document = json.loads(before.read_text(encoding="utf-8"))
    document["rules"]["id"] = "mianyang-livelihood-county-2099"
    other = tmp_path / "2099.json"
    other.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run("compare", before, other)
    assert result.code == 1
    assert "找不到规则集 mianyang-livelihood-county-2099：用 --rules-a / --rules-b" in result.err


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_json_result_with_a_non_finite_number_is_refused_at_its_place(
    run, tmp_path: Path, constant: str
) -> None:
    scored = tmp_path / "scored.json"
    assert run("score", EXAMPLE, "--format", "json", "-o", scored).code == 0
    lines = scored.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if '"total": ' in line)
    column = lines[row].index('"total": ') + len('"total": ') + 1
    lines[row] = lines[row][: column - 1] + f"{constant}, " + lines[row][column - 1 :]
    edited = tmp_path / "edited.json"
    edited.write_text("\n".join(lines), encoding="utf-8")
    result = run("compare", edited, scored)
    assert result.code == 2, result.err
    assert f"{edited}:{row + 1}:{column}：JSON 中有非数值 {constant}" in result.err, result.err
    assert "Traceback" not in result.err and "内部错误" not in result.err


def test_nan_as_text_in_a_json_result_is_only_text(run, tmp_path: Path) -> None:
    scored = tmp_path / "scored.json"
    assert run("score", EXAMPLE, "--format", "json", "-o", scored).code == 0
    document = json.loads(scored.read_text(encoding="utf-8"))
    document["rules"]["title"] = 'NaN "Infinity" \\ -Infinity'
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run("compare", renamed, scored, "--format", "json")
    assert result.code == 0, result.err


def test_a_rank_change_is_told_with_the_points_that_counted(run, tmp_path: Path) -> None:
    # 上级表彰: 国家级 2 points each, 省级 1, the item at most 3 (county rules)
    full = full_marks()
    second = {**full, "bonus.commendation.provincial": 2}  # 2 × 1 = 2: 102.00 on both sides
    before = workbook(
        tmp_path / "before.xlsx",
        COUNTY,
        {"涪城区": {**full, "bonus.commendation.national": 4}, "游仙区": second},
    )
    after = workbook(tmp_path / "after.xlsx", COUNTY, {"涪城区": full, "游仙区": second})
    document = compared(run, before, after)
    # 4 × 2 = 8, capped at 3: 100 + 3 = 103.00 → 100.00, and the item moved 3.00, not 8.00
    assert units(document)["涪城区"][:4] == (103, 100, 1, 2)
    assert [
        (f["key"], f["before"]["score"], f["after"]["score"], f["moved"])
        for f in document["fields"]
    ] == [("bonus.commendation", 3, 0, -3)]
    result = run("compare", before, after)
    assert (
        "涪城区：第 1 名 → 第 2 名\n  上级表彰：国家级 4 → （空），3.00 → 0.00 分（-3.00）"
        in result.out
    )
    out = tmp_path / "compare.xlsx"
    assert run("compare", before, after, "-o", out).code == 0
    rows = list(load_workbook(out)["字段变化"].iter_rows(values_only=True))
    assert [row[6] for row in rows[1:]] == [-3]


def test_a_blank_that_became_0_is_no_reason_a_rank_moved(run, tmp_path: Path) -> None:
    # 涪城区 lost 1 point (one 上级考评 deduction) and typed 0 where 承办会议·省级 was blank:
    # the 0 is a change of value worth 0.00 points, listed among the changes but not as why
    # its rank moved
    full = full_marks()
    before = workbook(tmp_path / "before.xlsx", COUNTY, {"涪城区": full, "游仙区": full})
    changed = {**full, "deductions.superior": 1, "bonus.meetings.provincial": 0}
    after = workbook(tmp_path / "after.xlsx", COUNTY, {"涪城区": changed, "游仙区": full})
    document = compared(run, before, after)
    assert sorted((f["key"], f["moved"]) for f in document["fields"]) == [
        ("bonus.meetings", 0),  # an item with a cap: its parts are one field
        ("deductions.superior", -1),
    ]
    shown = run("compare", before, after).out
    after_line = shown.split("涪城区：第 1 名 → 第 2 名\n", 1)[1].splitlines()
    reasons = list(itertools.takewhile(lambda line: re.match(r"  \S", line), after_line))
    assert reasons == ["  上级考评：（空） → 1，0.00 → 1.00 分（-1.00）"]


def test_an_items_cells_name_their_file_and_sheet_once(run, tmp_path: Path) -> None:
    # 上级表彰 from two parts' cells: `file › sheet › V6、W6`, never `file!sheet!V6、…`
    full = full_marks()
    two = {"bonus.commendation.national": 1, "bonus.commendation.provincial": 1}
    before = workbook(tmp_path / "before.xlsx", COUNTY, {"涪城区": {**full, **two}})
    after = workbook(tmp_path / "after.xlsx", COUNTY, {"涪城区": full})
    out = tmp_path / "compare.xlsx"
    assert run("compare", before, after, "-o", out).code == 0
    sheet = load_workbook(out)["字段变化"]
    rows = list(sheet.iter_rows(values_only=True))
    cells = f"{commendation_cell(before, 'national')}、{commendation_cell(before, 'provincial')}"
    assert rows[1][:2] == ("涪城区", "上级表彰")
    assert rows[1][7] == f"before.xlsx › 填报 › {cells}"
    # wrapped within its column, the row as tall as it needs
    assert sheet.cell(2, 8).alignment.wrap_text


def test_a_scored_workbook_gives_back_its_sources_whole(run, tmp_path: Path) -> None:
    """明细 prints `填报 › C9` under a unit's line naming its file; read back, a place is the
    JSON's `file!sheet!cell` all the same."""
    scored = tmp_path / "scored.xlsx"
    assert run("score", REPO / "examples" / "county-2013.xlsx", "-q", "-o", scored).code == 0
    details = load_workbook(scored)["明细"]
    assert [c.value for c in details[3]][:2] == ["三台县", "领导体系健全"]
    assert details["H2"].value == "county-2013.xlsx" and details["H3"].value == "填报 › C9"
    lines = dict(read_scored_workbook(scored)["units"][0]["lines"])
    assert lines["领导体系健全"]["source"] == "county-2013.xlsx!填报!C9"
