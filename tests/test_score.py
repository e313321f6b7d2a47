"""`mypm score`: golden results worked out by hand from SPEC §4, and the output formats.

Every expected figure below is computed in the comments from the rule files' points, not copied
from mypm's output.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from conftest import COUNTY, REPO
from mypm.core.engine import Rounder
from mypm.core.rules import load_rule_file

# --- county (附件1) -----------------------------------------------------------------------------
# 涪城区, worked leaf by leaf:
#   org: four 是 × 1                                                  = 4.00
#   progress: plan 是 1 + funding 是 1 + inspections 3 of target 2 → 1 × 2/2 = 1.00
#             + rectification 否 0 + attendance 0.5 × 93.1/100 = 0.4655 → 0.47
#             + reports 0.5 × 1/4 = 0.125 → 0.13 (half-up; banker's rounding gives 0.12)
#                                                                      = 3.60
#   disclosure: column 是 2 + quarterly 2 × 3/4 = 1.50 + history 是 2  = 5.50
#   public: 10 × 88.5/100                                              = 8.85
#   targets: 75 × 93.1/100 = 69.825 → 69.83 (float gives 69.82499…)    = 69.83
#   base = 4 + 3.60 + 5.50 + 8.85 + 69.83                              = 91.78
#   bonus: publicity 3×0.5 + 2×0.3 + 1×0.1 = 2.2, item cap 2 → 2.00;
#          overachieve 5 × 0.5 = 2.5, cap 2 → 2.00; commendation 1 × 2 = 2.00;
#          meetings 1 × 1 = 1.00; items 7.00, overall cap 5             = 5.00
#   deductions: none                                                   = 0.00
#   total = 91.78 + 5 − 0                                              = 96.78
FUCHENG = {
    "org.leading_group": "是",
    "org.duties": "是",
    "org.rules": "Y",
    "org.liaison": "√",
    "progress.plan": "是",
    "progress.funding": True,
    "progress.inspections": 3,
    "progress.rectification": "否",
    "progress.meetings.attendance": "93.1%",
    "progress.meetings.reports": "１",  # full-width digit
    "disclosure.column": "是",
    "disclosure.quarterly": "3",
    "disclosure.history": "yes",
    "public.evaluation": 88.5,
    "targets.completion": 0.931,  # a percent-formatted cell holding 0.931
    "bonus.publicity.national": 3,
    "bonus.publicity.provincial": 2,
    "bonus.publicity.city": 1,
    "bonus.overachieve": 5,
    "bonus.commendation.national": 1,
    "bonus.meetings.provincial": 1,
}
# 江油市: liaison 否 (−1 in org → 3.00), rectification 是 (+1 in progress → 4.60), one 上级考评
# deduction (1 × 1 = 1.00): base 3 + 4.60 + 5.50 + 8.85 + 69.83 = 91.78; total 91.78 + 5 − 1 = 95.78
JIANGYOU = {
    **FUCHENG,
    "org.liaison": "否",
    "progress.rectification": "是",
    "deductions.superior": 1,
}
# 三台县: 涪城区's values with one 上级考评 deduction: 91.78 + 5 − 1 = 95.78, tied with 江油市.
SANTAI = {**FUCHENG, "deductions.superior": 1}
# 高新区 (园区): completion 80% → 75 × 0.8 = 60.00; base 4 + 3.60 + 5.50 + 8.85 + 60 = 81.95;
# total 81.95 + 5 = 86.95 → 良好; first in its group.
GAOXIN = {**FUCHENG, "targets.completion": 0.8}
# 游仙区: every 是/否 否, counts 0, score 0, completion 10% → 75 × 10/100 = 7.50 = base;
# deductions: false_data 3 × 2 = 6 + superior 2 × 1 = 2 → 8.00; 7.50 + 0 − 8 < 0 → total 0.00.
YOUXIAN = {
    **{k: "否" for k in FUCHENG if not k.startswith("bonus")},
    "progress.inspections": 0,
    "progress.meetings.attendance": 0,
    "progress.meetings.reports": 0,
    "disclosure.quarterly": 0,
    "public.evaluation": 0,
    "targets.completion": "10",
    "deductions.false_data": 3,
    "deductions.superior": 2,
}
COUNTY_DATA = {
    "涪城区": FUCHENG,
    "江油市": JIANGYOU,
    "三台县": SANTAI,
    "高新区": GAOXIN,
    "游仙区": YOUXIAN,
}
COUNTY_EXPECTED = [
    # unit, group, rank, group rank, base, bonus, deductions, total, grade
    ("涪城区", "县市区", 1, 1, 91.78, 5, 0, 96.78, "优秀"),
    ("江油市", "县市区", 2, 2, 91.78, 5, 1, 95.78, "优秀"),
    ("三台县", "县市区", 2, 2, 91.78, 5, 1, 95.78, "优秀"),
    ("高新区", "园区", 4, 1, 81.95, 5, 0, 86.95, "良好"),
    ("游仙区", "县市区", 5, 4, 7.5, 0, 8, 0, "不合格"),
]


def score_json(run, *args: object) -> dict:
    result = run("score", *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def summary(doc: dict) -> list[tuple]:
    return [
        (
            u["unit"],
            u["group"],
            u["rank"],
            u["group_rank"],
            u["base"],
            u["bonus"],
            u["deductions"],
            u["total"],
            u["grade"],
        )
        for u in doc["units"]
    ]


def test_county_golden(run, entry_workbook) -> None:
    doc = score_json(run, entry_workbook("county", COUNTY_DATA))
    assert summary(doc) == COUNTY_EXPECTED
    fucheng = doc["units"][0]
    assert fucheng["categories"] == {
        "org": 4,
        "progress": 3.6,
        "disclosure": 5.5,
        "public": 8.85,
        "targets": 69.83,
    }
    fields = fucheng["fields"]
    assert fields["targets.completion"]["score"] == 69.83
    assert fields["targets.completion"]["explanation"] == "93.1% × 75 → 69.83"
    assert fields["progress.meetings.reports"]["score"] == 0.13
    assert fields["progress.inspections"]["explanation"] == "3/2 次（按 2 次计） → 1.00"
    assert fields["bonus.overachieve"]["explanation"] == "5 次 × 0.5 = 2.5，上限 2 → 2.00"
    assert fields["public.evaluation"] == {
        "value": "88.5",
        "score": 8.85,
        "max": 10,
        "explanation": "88.5/100 × 10 → 8.85",
        "source": "county.xlsx!填报!P6",
    }


def test_county_warnings_name_units_without_rows(run, entry_workbook) -> None:
    doc = score_json(run, entry_workbook("county", COUNTY_DATA))
    missing = sorted(i["unit"] for i in doc["issues"] if "没有它的填报数据" in i["message"])
    assert missing == sorted(
        [
            "盐亭县",
            "安县",
            "梓潼县",
            "北川羌族自治县",
            "平武县",
            "经开区",
            "科创园区",
            "仙海区",
            "农科区",
        ]
    )


# --- department (附件2) -------------------------------------------------------------------------
# 市教育局: org 4 × 是 = 4.00; progress: targets 否 (award_if no) → 2, supporting_docs 是 2,
#   records awarded 1.5, visits 1 of 2 → 1 × 1/2 = 0.50, rectification 是 1, attendance 100% → 1,
#   reports 4 of 4 → 1: 2 + 2 + 1.5 + 0.5 + 1 + 1 + 1 = 9.00; disclosure 2+2+2×4/4+2 = 8.00;
#   public 10 × 90/100 = 9.00; targets 68 × 95/100 = 64.60. base 4+9+8+9+64.6 = 94.60 = total.
EDUCATION = {
    "org.leadership": "是",
    "org.office": "是",
    "org.rules": "是",
    "org.liaison": "是",
    "progress.targets": "否",
    "progress.supporting_docs": "是",
    "progress.records": 1.5,
    "progress.guidance.visits": 1,
    "progress.guidance.rectification": "是",
    "progress.meetings.attendance": 1,
    "progress.meetings.reports": 4,
    "disclosure.projects": "是",
    "disclosure.policies": "是",
    "disclosure.quarterly": 4,
    "disclosure.history": "是",
    "public.evaluation": 90,
    "targets.completion": 0.95,
}
# 市民政局: targets 是 → 0 (award_if no): progress 7.00; public 10 × 85/100 = 8.50;
#   base 4 + 7 + 8 + 8.5 + 64.6 = 92.10.
CIVIL = {**EDUCATION, "progress.targets": "是", "public.evaluation": 85}
# 市国资委: typed 70 is replaced by mean(水务集团 88.5, 燃气集团 91.2) = 89.85 → 10 × 0.8985
#   = 8.985 → 8.99; base 4 + 9 + 8 + 8.99 + 64.6 = 94.59.
SASAC = {**EDUCATION, "public.evaluation": 70}
# 市总工会: typed 60 is replaced by the mean of every assessed unit with its own value, which
#   excludes derived units such as 市国资委: mean(90, 85) = 87.5 → 8.75; base 94.35.
UNION = {**EDUCATION, "public.evaluation": 60}
DEPARTMENT_DATA = {
    "市教育局": EDUCATION,
    "市民政局": CIVIL,
    "市国资委": SASAC,
    "市总工会": UNION,
    "水务集团": {"public.evaluation": 88.5},
    "燃气集团": {"public.evaluation": "91.2"},
}
DEPARTMENT_EXPECTED = [
    ("市教育局", "市级部门", 1, 1, 94.6, 0, 0, 94.6, "优秀"),
    ("市国资委", "市级部门", 2, 2, 94.59, 0, 0, 94.59, "优秀"),
    ("市总工会", "群团组织", 3, 1, 94.35, 0, 0, 94.35, "优秀"),
    ("市民政局", "市级部门", 4, 3, 92.1, 0, 0, 92.1, "优秀"),
]


def test_department_golden_with_both_derived_rules(run, entry_workbook) -> None:
    doc = score_json(run, entry_workbook("department", DEPARTMENT_DATA))
    assert summary(doc) == DEPARTMENT_EXPECTED
    sasac = next(u for u in doc["units"] if u["unit"] == "市国资委")
    assert sasac["fields"]["public.evaluation"]["explanation"] == (
        "均值(水务集团 88.5, 燃气集团 91.2) = 89.85 → 8.99"
    )
    union = next(u for u in doc["units"] if u["unit"] == "市总工会")
    assert union["fields"]["public.evaluation"]["explanation"] == (
        "均值(2 个被考核单位) = 87.5 → 8.75"
    )
    replaced = {
        (i["unit"], i["field"]) for i in doc["issues"] if "已按派生规则替换" in i["message"]
    }
    assert replaced == {("市国资委", "public.evaluation"), ("市总工会", "public.evaluation")}
    civil = next(u for u in doc["units"] if u["unit"] == "市民政局")
    assert civil["fields"]["progress.targets"]["explanation"] == "是（填“否”得分） → 0.00"


def test_derived_rule_without_values_is_an_error(run, entry_workbook) -> None:
    data = {k: v for k, v in DEPARTMENT_DATA.items() if k not in ("水务集团", "燃气集团")}
    result = run("score", entry_workbook("department", data), "--format", "json")
    assert result.code == 1
    for unit, cell in (("水务集团", "B6"), ("燃气集团", "B7")):
        assert (
            f"department.xlsx › 参照单位 › {cell}：{unit} · "
            "主要就民生工程实施总体情况进行社会评价：未填写（市国资委的"
            "“主要就民生工程实施总体情况进行社会评价”按 水务集团、燃气集团 的均值计，须有此值）"
            in result.err
        )
    assert "derived[" not in result.err


@pytest.mark.parametrize(
    ("mode", "value", "expected"),
    [
        ("half_up", "69.825", "69.83"),
        ("half_up", "0.125", "0.13"),
        ("half_even", "0.125", "0.12"),
        ("half_even", "0.135", "0.14"),
        ("half_up", "-0.125", "-0.13"),
    ],
)
def test_rounding_modes(mode: str, value: str, expected: str) -> None:
    assert Rounder(2, mode)(Decimal(value)) == Decimal(expected)


# --- merging several files ----------------------------------------------------------------------


def test_split_examples_score_like_the_single_file(run) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    single = score_json(run, examples / "county-2013.xlsx")
    split = score_json(run, *sorted((examples / "county-2013-split").glob("*.xlsx")))

    def without_sources(doc: dict) -> list:
        return [
            {**u, "fields": {k: {**f, "source": None} for k, f in u["fields"].items()}}
            for u in doc["units"]
        ]

    assert without_sources(split) == without_sources(single)
    assert len(single["units"]) == 14


def test_certifier_files_merge_by_unit(run, entry_workbook) -> None:
    finance = entry_workbook(
        "county", {"涪城区": {"progress.funding": "否"}}, name="finance.xlsx", certifier="finance"
    )
    rest = {**FUCHENG}
    del rest["progress.funding"]
    main = entry_workbook("county", {"涪城区": rest}, name="main.xlsx")
    doc = score_json(run, main, finance)
    fucheng = next(u for u in doc["units"] if u["unit"] == "涪城区")
    # progress.funding 否 costs 涪城区 1 point against the golden 96.78
    assert fucheng["total"] == 95.78
    assert fucheng["fields"]["progress.funding"]["source"] == "finance.xlsx!填报!C6"


# --- the scored workbook ------------------------------------------------------------------------


NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def _chart_xml(path: Path) -> ElementTree.Element:
    """The scored workbook's one chart, as XML (openpyxl reads no chart back)."""
    with zipfile.ZipFile(path) as archive:
        [name] = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        return ElementTree.fromstring(archive.read(name))


def test_chart_axis_reaches_past_a_total_above_100_with_room_for_its_label(
    run, tmp_path: Path
) -> None:
    examples = REPO / "examples"
    out = tmp_path / "2014.xlsx"
    rules = examples / "county-2014.yaml"
    result = run("score", examples / "county-2014.xlsx", "--rules", rules, "-o", out, "-q")
    assert result.code == 0, result.err
    # 平武县 scores 96.79 + 5.00 bonus - 1.00 = 100.79; the axis was cut at 100 (105 // 10
    # truncated toward zero). 100.79 and its label need up to 106.79, the base plus the bonus
    # cap 105: the next ten is 110.
    assert load_workbook(out)["汇总"]["M4"].value == 100.79
    axis = _chart_xml(out).find(".//c:valAx/c:scaling/c:max", NS)
    assert float(axis.get("val")) == 110


def test_scored_workbook_sheets_and_summary(run, entry_workbook, tmp_path: Path) -> None:
    source = entry_workbook("county", COUNTY_DATA)
    result = run("score", source)
    assert result.code == 0, result.err
    assert "涪城区" in result.out and "96.78" in result.out
    out = tmp_path / "county-scored.xlsx"
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "总分图", "明细", "失分分析", "问题", "规则"]
    ws = wb["汇总"]
    assert ws["A1"].value == "2013年度绩效考核结果"
    assert ws["A2"].value.startswith(
        "依据：绵阳市民生工程绩效管理办法（试行）工作指南（县市区、园区）"
    )
    header = [c.value for c in ws[3]]
    # the group rank stands apart from the unit's name, after its group
    assert header[:4] == ["名次", "单位", "分组", "组内名次"]
    assert header[9:16] == [
        "基础分",
        "其他加分",
        "其他扣分",
        "总分",
        "等次",
        "距下一等次",
        "距上一名",
    ]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=8)]
    assert [(r[0], r[1], r[3], r[12], r[13]) for r in rows] == [
        (1, "涪城区", 1, 96.78, "优秀"),
        (2, "江油市", 2, 95.78, "优秀"),
        (2, "三台县", 2, 95.78, "优秀"),
        (4, "高新区", 1, 86.95, "良好"),
        (5, "游仙区", 4, 0, "不合格"),  # 县市区: 涪城区 1, 江油市 and 三台县 2, then 4
    ]
    assert ws["M4"].number_format == "0.00"
    assert ws["N4"].alignment.horizontal == "center"  # the grade apart from the total
    assert ws["C4"].fill.fgColor.rgb != ws["C7"].fill.fgColor.rgb  # 县市区 and 园区 told apart
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == "A3:P8"
    assert ws.print_area == "'汇总'!$A$1:$P$8"
    assert all(ws.cell(r, c).border.left.style == "thin" for r in range(3, 9) for c in range(1, 17))
    assert ws.column_dimensions["Q"].hidden and ws["Q3"].value == "总分·县市区"
    assert (ws["Q4"].value, ws["R4"].value, ws["R7"].value) == (96.78, None, 86.95)
    chart = _chart_xml(out)  # 总分图: a bar a unit, from the hidden columns, a colour a group
    assert [f.text for f in chart.iterfind(".//c:ser/c:tx//c:f", NS)] == ["汇总!$Q$3", "汇总!$R$3"]
    assert [f.text for f in chart.iterfind(".//c:ser/c:val//c:f", NS)] == [
        "汇总!$Q$4:$Q$8",
        "汇总!$R$4:$R$8",
    ]
    assert [c.get("val") for c in chart.iterfind(".//c:ser/c:spPr/a:solidFill/a:srgbClr", NS)] == [
        "4472C4",
        "70AD47",
    ]
    assert chart.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    assert chart.find(".//c:valAx/c:crosses", NS).get("val") == "max"
    assert chart.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "0"

    sheet = wb["明细"]
    details = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # the unit's line says its group; the lines under it carry the unit's name, not the group
    assert details[0][:2] == ["涪城区", "分组 县市区　总分 96.78　名次 1　组内名次 1　等次 优秀"]
    assert details[0][7] == "county.xlsx"  # the file of the unit's places, once
    assert "县市区" not in [cell for row in details for cell in row]
    line = next(r for r in details if r[0] == "涪城区" and r[1] == "对全年民生项目完成情况进行评定")
    assert line[1:] == [
        "对全年民生项目完成情况进行评定",
        0.931,  # stored as a number, shown as 93.1%
        69.83,
        75,
        "市民生办核定",
        "93.1% × 75 → 69.83",
        "填报 › Q6",  # a place as people read it, its file named on the unit's line
    ]
    completion = next(r for r in sheet.iter_rows() if r[1].value == line[1])
    assert completion[2].number_format == "0.0#%"
    assert [c.number_format for c in completion[3:5]] == ["0.00", "0.00"]
    inspections = next(r for r in details if r[1] == "定期督促检查项目")
    assert inspections[2] == 3  # a count is a number too
    bonus = next(r for r in details if r[0] == "涪城区" and r[1] == "其他加分")
    assert bonus[6] == "2 + 2 + 2 + 1 = 7，上限 5 → 5.00"
    assert completion[1].font.b is False
    assert next(r for r in sheet.iter_rows() if r[1].value == "其他加分")[1].font.b is True
    assert sheet.print_area == f"'明细'!$A$1:$H${sheet.max_row}"  # every column
    # a line without a value, maximum, certifier or source keeps the table's borders there:
    # the columns' own style, which a cell with nothing written in it shows
    bordered = {
        col
        for dim in sheet.column_dimensions.values()
        if dim.border.left.style == "thin" and dim.alignment.wrap_text
        for col in range(dim.min, dim.max + 1)
    }
    assert bordered == set(range(1, 9))
    assert bonus[2] is None and bonus[5] is None and bonus[7] is None  # nothing written there
    assert sheet.print_title_rows == "$1:$1"
    # a page break under each unit's 35 rows (a heading, 34 lines) but the last
    assert [b.id for b in sheet.row_breaks.brk] == [36, 71, 106, 141]

    provenance = {r[0].value: r[1].value for r in wb["规则"].iter_rows()}
    assert provenance["规则集"] == "mianyang-livelihood-county-2013"
    assert provenance["规则文件"] == "county.yaml"  # no installation path
    assert provenance["规则文件 sha256"] == load_rule_file(COUNTY).sha256
    assert provenance["输入文件 1"] == "county.xlsx"
    assert provenance["输入文件 1 sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    created = provenance["生成时间（Asia/Shanghai）"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+08:00", created)
    listed = [(r[0].value, r[1].value) for r in wb["规则"].iter_rows()]
    assert ("本地取值：分值", "领导体系健全：指南只定考核项目4分，指标分值为本地取值") in listed
    assert ("本地取值：加分上限", "整套规则：指南未定加分总上限，5分为本地取值") in listed
    # then the rubric under its header, a line a field, as the rule file says it
    rubric = [tuple(c.value for c in row) for row in wb["规则"].iter_rows()]
    top = rubric.index(
        ("考核项目", "考核指标", "指标分值", "考核组织", "结果认定", "计分方法", "备注")
    )
    # a text that must break is broken between its phrases, never inside a word or bracket
    assert rubric[top + 1][0] == "组织管理体系\n（4分）"
    assert tuple(v.replace("\n", "") for v in rubric[top + 1]) == (
        "组织管理体系（4分）",
        "领导体系健全",
        "1",
        "自查提交文件",
        "是否有民生工作领导小组及办公室成立（调整）的相关文件",
        "是/否",
        "指标分值为本地取值（考核项目4分由4项指标平均分配）本地取值：分值、审核",
    )
    groups = {row[1]: row[0] for row in rubric[top + 1 : -4]}
    assert len(groups) == 28  # every field of the county rules
    assert groups["宣传报道（上限2分）·国家级"] == "其他加分\n（上限5分）"
    # an item's cap is on each of its parts' lines, worded as the form and rules.html word it
    indicators = [row[1] for row in rubric[top + 1 : -4]]
    assert "上级表彰（上限3分）·国家级" in indicators
    assert "承办会议（上限2分）·市级" in indicators
    assert "单项超额完成" in indicators  # no cap of its own: its measure says 最多2分
    assert groups["自行调整目标"] == "其他扣分\n（不设上限）"
    assert rubric[-4:] == [("等次", f"{name} ≥ {low}分", *[None] * 5) for name, low in GRADES]
    assert [[c.value for c in row] for row in wb["问题"].iter_rows(min_row=2)] != []


GRADES = [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]


def test_issues_sheet_says_when_there_are_none(run, entry_workbook, tmp_path: Path) -> None:
    data = {u.name: COUNTY_DATA["涪城区"] for u in load_rule_file(COUNTY).rules.assessed_units}
    assert run("score", entry_workbook("county", data), "-q").code == 0
    rows = list(load_workbook(tmp_path / "county-scored.xlsx")["问题"].iter_rows(values_only=True))
    assert rows[0] == ("级别", "单位", "考核指标", "说明", "来源")
    assert rows[1:] == [(None, None, None, "无问题", None)]


def test_issues_sheet_names_a_field_by_its_label(run, entry_workbook, tmp_path: Path) -> None:
    # a blank scored as 0 (--allow-missing) is listed under the field's label; the JSON keeps
    # its key
    fucheng = {k: v for k, v in COUNTY_DATA["涪城区"].items() if k != "org.liaison"}
    source = entry_workbook("county", {"涪城区": fucheng})
    assert run("score", source, "--allow-missing", "-q").code == 0
    rows = list(load_workbook(tmp_path / "county-scored.xlsx")["问题"].iter_rows(values_only=True))
    assert rows[0][2] == "考核指标"
    assert [row[2] for row in rows if row[1] == "涪城区"] == ["有明确固定的工作联络员"]


def test_losses_store_the_figures_they_show(run, tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "county-2013.xlsx"
    out = tmp_path / "scored.xlsx"
    assert run("score", example, "-o", out, "-q").code == 0
    rows = {r[6]: r for r in load_workbook(out)["失分分析"].iter_rows(min_row=2, values_only=True)}
    # 平均失分 is 失分合计 over the 14 units, rounded half-up to 2 places before it is stored:
    # org.liaison: 3 units lose 1.00 → 3.00 / 14 = 0.2142… → 0.21
    assert rows["org.liaison"][3:6] == (3, 3, 0.21)
    # public.evaluation: 26.67 / 14 = 1.905 → 1.91 (half-up, not half-even's 1.90)
    assert rows["public.evaluation"][4:6] == (26.67, 1.91)
    # targets.completion: 154.18 / 14 = 11.01285… → 11.01, not the unrounded quotient
    assert rows["targets.completion"][4:6] == (154.18, 11.01)


def test_time_zone_can_be_configured(run, entry_workbook, tmp_path: Path, monkeypatch) -> None:
    source = entry_workbook("county", COUNTY_DATA)
    monkeypatch.setenv("MYPM_TIMEZONE", "Asia/Urumqi")
    assert run("score", source, "-q").code == 0
    rules_sheet = load_workbook(tmp_path / "county-scored.xlsx")["规则"]
    created = {r[0].value: r[1].value for r in rules_sheet.iter_rows()}["生成时间（Asia/Urumqi）"]
    assert created.endswith("+06:00")
    monkeypatch.setenv("MYPM_TIMEZONE", "Mars/Olympus")
    result = run("score", source, "-o", tmp_path / "other.xlsx")
    assert result.code == 2
    assert "MYPM_TIMEZONE：不认识的时区“Mars/Olympus”" in result.err


def test_csv_summary_has_bom_and_ranks(run, entry_workbook, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert (
        run("score", entry_workbook("county", COUNTY_DATA), "--format", "csv", "-o", out).code == 0
    )
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == "1,1,涪城区,县市区,4.00,3.60,5.50,8.85,69.83,91.78,5.00,0.00,96.78,优秀"


def test_every_details_row_is_as_tall_as_its_wrapped_text(run, tmp_path: Path) -> None:
    # 明细 prints at 9 pt; its rows take the sheet's own height, one line, and a row that needs
    # more has its own: 9 pt × 1.45 a line and 2 points
    from mypm.render.workbook import page

    example = Path(__file__).resolve().parents[1] / "examples" / "county-2013.xlsx"
    out = tmp_path / "scored.xlsx"
    assert run("score", example, "-o", out, "--quiet").code == 0
    sheet = load_workbook(out)["明细"]
    # the columns as 明细 plans them: the unit's as wide as 北川羌族自治县 at 9 pt (7 × 9 / 5.25
    # = 12 units) and 1 more, the label what is left of A4's 110
    widths = [13, 30, 8.5, 6, 6, 14, 21, 11.5]
    assert sheet.sheet_format.defaultRowHeight == 15
    needs = set()
    for row in sheet.iter_rows(min_row=2):
        texts = [(col, cell.value) for col, cell in enumerate(row) if isinstance(cell.value, str)]
        if row[3].value is None:  # a unit's line: the heading runs on, the file at the right
            assert texts[-1] == (7, "county-2013.xlsx")
            texts = texts[:1]
        lines = max(page.lines_needed(text, widths[col], 9) for col, text in texts)
        height = sheet.row_dimensions[row[0].row].height or 15
        assert height == pytest.approx(lines * 9 * 1.45 + 2 if lines > 1 else 15, abs=0.5)
        needs.add(lines)
    assert needs == {1, 2, 3}


def test_details_continue_on_numbered_sheets_past_the_row_limit(
    run, entry_workbook, tmp_path: Path, monkeypatch
) -> None:
    import mypm.render.workbook.scored

    monkeypatch.setattr(mypm.render.workbook.scored, "EXCEL_MAX_ROWS", 80)
    assert run("score", entry_workbook("county", COUNTY_DATA), "-q").code == 0
    wb = load_workbook(tmp_path / "county-scored.xlsx")
    details = [name for name in wb.sheetnames if name.startswith("明细")]
    # 5 units × 35 rows (a heading; 28 fields, 3 capped items, bonus, deductions, total) = 175
    # rows; 79 fit under a header row, but a unit is never split: 70 a sheet, 明细 … 明细3
    assert details == ["明细", "明细2", "明细3"]
    rows = [row for name in details for row in wb[name].iter_rows(min_row=2, values_only=True)]
    assert [len(list(wb[name].iter_rows(min_row=2))) for name in details] == [70, 70, 35]
    assert len(rows) == 175
    assert all(wb[name]["A1"].value == "单位" for name in details)
    assert rows[-1][1] == "总分" and rows[-1][0] == "游仙区"


def test_progress_is_told_rows_read_and_units_written(entry_workbook, tmp_path: Path) -> None:
    from mypm.core.rules.model import Unit
    from mypm.jobs.scoring import ScoreOptions, score_files
    from mypm.render.workbook.scored import write_scored_workbook

    units = [Unit(name=f"单位{i:04d}", group="组") for i in range(1200)]
    path = entry_workbook("county", {u.name: FUCHENG for u in units}, units=units)
    unit_list = tmp_path / "units.txt"
    unit_list.write_text("".join(f"{u.name}\n" for u in units), encoding="utf-8")
    calls: list[tuple[str, int, int | None]] = []
    options = ScoreOptions(units_file=unit_list, progress=lambda *call: calls.append(call))
    scored = score_files([path], options)
    write_scored_workbook(
        tmp_path / "out.xlsx",
        scored.report,
        scored.rule_file.rules,
        progress=lambda *call: calls.append(call),
    )
    assert calls == [
        ("read", 500, None),
        ("read", 1000, None),
        ("write", 0, 1200),
        ("write", 500, 1200),
        ("write", 1000, 1200),
    ]


@pytest.mark.parametrize("kind", ["county", "department"])
def test_every_unit_has_the_number_of_lines_the_details_sheets_are_cut_by(kind: str) -> None:
    from mypm.jobs.scoring import ScoreOptions, score_files
    from mypm.render.labels import detail_lines

    example = Path(__file__).resolve().parents[1] / "examples" / f"{kind}-2013.xlsx"
    scored = score_files([example], ScoreOptions())
    counts = {len(detail_lines(u)) for u in scored.report.units}
    # fields + 3 items with parts (publicity, commendation, meetings) + bonus + deductions + total:
    # county 28 + 3 + 3, department 30 + 3 + 3
    expected = {"county": 34, "department": 36}[kind]
    assert counts == {expected}


@pytest.mark.parametrize("width", [80, 120, 200])
def test_ranking_fits_the_terminal_and_cuts_no_name(
    run, width: int, monkeypatch, tmp_path: Path
) -> None:
    from rich.cells import cell_len

    from mypm.render import terminal as ui

    monkeypatch.setattr(ui.console, "width", width)
    example = Path(__file__).resolve().parents[1] / "examples" / "county-2013.xlsx"
    result = run("score", example, "-o", tmp_path / "r.xlsx")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert "…" not in result.out
    header = next(line for line in lines if "名次" in line)
    for label in ("名次", "单位", "分组", "总分", "等次"):
        assert label in header
    assert "三台县" in result.out and "97.93" in result.out and "优秀" in result.out
    categories = [c.name for c in load_rule_file(COUNTY).rules.categories]
    shown = [name for name in categories if name in result.out.split("未显示")[0]]
    if width == 200:
        assert shown == categories and "未显示" not in result.out
    else:
        note = result.out.split("未显示：")[1].replace("\n", "")
        assert note.startswith("、".join(name for name in categories if name not in shown))
        assert "终端宽 146 列以上可全部显示" in note and "--format csv" in note
    if width == 80:
        assert shown == []


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (("status", "{in}", "-o", "{out}.json"), "无法从扩展名“.json”判断输出格式；此处请用 .xlsx"),
        (
            ("score", "{in}", "-o", "{out}.json", "--format", "csv"),
            "文件扩展名与 --format csv 不符",
        ),
        (
            ("compare", "{in}", "{in}", "--format", "xlsx"),
            "--format xlsx 写出文件，请用 -o 指定文件",
        ),
        (("compare", "{in}", "{in}", "-o", "{out}.csv"), "请用 .json、.xlsx，或加 --format"),
    ],
    ids=["status-json", "score-csv-as-json", "compare-xlsx-without-o", "compare-csv"],
)
def test_an_output_format_the_command_cannot_write_is_refused_and_nothing_written(
    run, tmp_path: Path, command: tuple[str, ...], message: str
) -> None:
    source = REPO / "examples" / "county-2013.xlsx"
    out = tmp_path / "out"
    args = [a.format(**{"in": source, "out": out}) for a in command]
    result = run(*args)
    assert result.code == 2, result.err
    assert message in result.err, result.err
    assert list(tmp_path.iterdir()) == []


def test_an_unusual_extension_is_written_when_the_format_is_named(run, tmp_path: Path) -> None:
    out = tmp_path / "results.txt"
    result = run("score", REPO / "examples" / "county-2013.xlsx", "-o", out, "--format", "csv")
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8-sig").startswith("名次,组内名次,单位")
