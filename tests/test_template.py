"""`mypm template`: the entry workbook's layout, validation, guide, metadata and options."""

from __future__ import annotations

import csv
import warnings
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import COUNTY, DEPARTMENT, libreoffice
from mypm.core.rules import load_rule_file
from mypm.core.rules.loader import RuleFile
from mypm.core.rules.ruleset import RuleSet
from mypm.read import layout as L
from mypm.read.entries import open_input
from mypm.render.workbook import xlsx
from mypm.render.workbook.template import TemplateOptions, write_template


def key_row(ws: Worksheet) -> list[str]:
    return [c.value for c in ws[L.KEY_ROW] if c.value is not None]


def column_of(ws: Worksheet, key: str) -> str:
    return next(c.column_letter for c in ws[L.KEY_ROW] if c.value == key)


def validation_for(ws: Worksheet, cell: str):
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, cell
    return found[0]


@pytest.mark.parametrize(("kind", "path"), [("county", COUNTY), ("department", DEPARTMENT)])
def test_key_row_holds_exactly_the_field_keys(run, tmp_path: Path, kind: str, path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", kind, "-o", out).code == 0
    rules = load_rule_file(path).rules
    ws = load_workbook(out)["填报"]
    assert key_row(ws) == ["unit", "group", *(leaf.key for leaf in rules.leaves)]
    assert [ws.cell(row, 1).value for row in range(6, 6 + len(rules.assessed_units))] == [
        u.name for u in rules.assessed_units
    ]
    assert ws.freeze_panes == "C6"


def test_each_input_column_has_validation_and_format(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "department", "-o", out)
    ws = load_workbook(out)["填报"]

    yes_no = validation_for(ws, f"{column_of(ws, 'org.leadership')}6")
    assert (yes_no.type, yes_no.formula1) == ("list", '"是,否"')
    assert yes_no.error == "只能填“是”或“否”"

    count = validation_for(ws, f"{column_of(ws, 'progress.guidance.visits')}6")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")

    percent_col = column_of(ws, "targets.completion")
    percent = validation_for(ws, f"{percent_col}6")
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "1")
    assert ws[f"{percent_col}6"].number_format == "0.00%"

    score = validation_for(ws, f"{column_of(ws, 'public.evaluation')}6")
    assert (score.type, score.formula1, score.formula2) == ("decimal", "0", "100")

    points = validation_for(ws, f"{column_of(ws, 'progress.records')}6")
    assert (points.type, points.formula2) == ("decimal", "2")

    bonus = validation_for(ws, f"{column_of(ws, 'bonus.overachieve')}6")
    assert bonus.type == "whole"
    for dv in ws.data_validations.dataValidation:
        assert dv.showErrorMessage and dv.showInputMessage and dv.prompt


def test_indicator_headers_carry_criterion_and_certifier(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "county", "-o", out)
    ws = load_workbook(out)["填报"]
    header = ws[f"{column_of(ws, 'progress.funding')}3"]
    assert header.value == "财政资金保障到位\n（1分）"
    assert "结果认定：年初计划项目资金是否全部足额预算并拨付执行到位" in header.comment.text
    assert "考核组织：市财政局核定" in header.comment.text


def test_guide_sheet_lists_every_indicator_with_its_criterion(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "county", "-o", out)
    ws = load_workbook(out)["说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "考核项目")
    assert rows[header] == [
        "考核项目",
        "分值",
        "考核指标",
        "指标分值",
        "考核组织",
        "结果认定",
        "计分与填报",
        "备注",
        "本地取值",
        "字段键",
    ]
    by_key = {r[9]: r for r in rows[header + 1 :] if r[9]}
    rules = load_rule_file(COUNTY).rules
    assert list(by_key) == [leaf.key for leaf in rules.leaves]
    for leaf in rules.leaves:
        assert (by_key[leaf.key][2], by_key[leaf.key][5] or "") == (leaf.label, leaf.criterion)
    assert any(r[0] == "自查截止日期：2014-01-15" for r in rows[:header])


def test_metadata_round_trips(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "department", "--certifier", "mslb", "-o", out)
    rule_file = load_rule_file(DEPARTMENT)
    assert open_input(out).metadata == {
        "mypm.rules_id": "mianyang-livelihood-department-2013",
        "mypm.kind": "department",
        "mypm.year": "2013",
        "mypm.rules_sha256": rule_file.sha256,
        "mypm.version": "0.1.0",
        "mypm.certifier": "mslb",
    }


def test_certifier_keeps_only_its_columns(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("template", "--kind", "county", "--certifier", "finance")
    assert result.code == 0
    out = tmp_path / "county-填报-市财政局核定.xlsx"
    wb = load_workbook(out)
    assert key_row(wb["填报"]) == ["unit", "group", "progress.funding"]
    assert "参照单位" not in wb.sheetnames


def test_reference_sheet_for_derived_rules(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "department", "-o", out)
    ws = load_workbook(out)["参照单位"]
    assert key_row(ws) == ["unit", "public.evaluation"]
    assert [ws.cell(r, 1).value for r in (6, 7)] == ["水务集团", "燃气集团"]


def test_units_file_replaces_the_unit_rows(run, tmp_path: Path) -> None:
    units = tmp_path / "units.txt"
    units.write_text("涪城区\n新区 \n\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", "county", "--units", units, "-o", out).code == 0
    ws = load_workbook(out)["填报"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (6, 7, 8)] == [
        ("涪城区", "县市区"),
        ("新区", None),
        (None, None),
    ]


def test_units_from_csv_with_groups(run, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("单位,分组\n甲区,园区\n乙县,县市区\n", encoding="utf-8-sig")
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", "county", "--units", units, "-o", out).code == 0
    ws = load_workbook(out)["填报"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (6, 7)] == [
        ("甲区", "园区"),
        ("乙县", "县市区"),
    ]


def test_english_labels_keep_rule_names(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", "county", "--lang", "en", "-o", out).code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Entry", "Guide"]
    ws = wb["Entry"]
    assert ws["A2"].value == "Unit"
    # the rule's own name stays Chinese; the brackets around the points are English
    assert ws[f"{column_of(ws, 'org.leading_group')}3"].value == "领导体系健全\n(1 pt)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "city"], "--kind：没有 kind 为“city”的规则集；可用：county、department"),
        (
            ["--kind", "county", "--certifier", "nobody"],
            "没有考核组织“nobody”；可用：self_document",
        ),
    ],
)
def test_unknown_kind_or_certifier_is_a_usage_error(run, tmp_path, args, message) -> None:
    result = run("template", *args, "-o", tmp_path / "t.xlsx")
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "t.xlsx").exists()


def test_existing_output_needs_force(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"keep me")
    result = run("template", "--kind", "county", "-o", out)
    assert result.code == 2
    assert "输出文件已存在；如要覆盖请加 --force" in result.err
    assert out.read_bytes() == b"keep me"
    assert run("template", "--kind", "county", "-o", out, "--force").code == 0
    assert load_workbook(out).sheetnames == ["填报", "说明"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left behind


def test_units_from_xlsx_with_groups(run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    units = tmp_path / "units.xlsx"
    wb = Workbook()
    for row in (["序号", "单位", "分组"], [1, "甲区", "园区"], [2, "涪城区", None]):
        wb.active.append(row)
    wb.save(units)
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", "county", "--units", units, "-o", out).code == 0
    ws = load_workbook(out)["填报"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in (6, 7)] == [
        ("甲区", "园区"),
        ("涪城区", "县市区"),  # no group in the list: the rule set's
    ]


def entry_sheet(run, tmp_path: Path, *args: str) -> Worksheet:
    out = tmp_path / "t.xlsx"
    assert run("template", *args, "-o", out).code == 0
    return load_workbook(out)["填报"]


def test_only_entry_cells_can_change_and_the_key_row_is_hidden(run, tmp_path: Path) -> None:
    ws = entry_sheet(run, tmp_path, "--kind", "county")
    assert ws.protection.sheet and not ws.protection.password
    assert ws.row_dimensions[L.KEY_ROW].hidden
    units = range(L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + 14)
    inputs = range(3, 3 + 28)
    assert all(not ws.cell(r, c).protection.locked for r in units for c in inputs)
    assert all(ws.cell(r, c).border.left.style == "thin" for r in units for c in inputs)
    assert all(ws.cell(r, c).protection.locked for r in units for c in (1, 2))  # names, groups
    headers = range(L.FIRST_HEADER_ROW, L.KEY_ROW + 1)
    assert all(ws.cell(r, c).protection.locked for r in headers for c in range(1, 31))
    # below the list: room for a unit added by hand, with the same checks
    assert not ws.cell(L.FIRST_DATA_ROW + 14, 1).protection.locked
    assert validation_for(ws, f"{column_of(ws, 'org.duties')}{L.FIRST_DATA_ROW + 14}")


@pytest.mark.parametrize(
    ("args", "certifier"),
    [
        (["--kind", "county"], "全部"),
        (["--kind", "county", "--certifier", "finance"], "市财政局核定"),
    ],
)
def test_title_names_rule_set_year_and_certifier_above_a_signature_block(
    run, tmp_path: Path, args: list[str], certifier: str
) -> None:
    ws = entry_sheet(run, tmp_path, *args)
    lines = str(ws["A1"].value).split("\n")
    # the title's lines break between its phrases, the signature block's between its items
    start = next(n for n, line in enumerate(lines) if line.startswith("填报单位"))
    title, signature = "".join(lines[:start]), lines[start:]
    assert title == (
        f"2013年度绵阳市民生工程绩效管理办法（试行）工作指南（县市区、园区）填报表（考核组织：{certifier}）"
    )
    assert lines[1].startswith("（") and not any(line.startswith("）") for line in lines)
    for label in ("填报单位（盖章）：", "负责人：", "联系人：", "电话：", "日期："):
        assert sum(label in line for line in signature) == 1
    assert not ws["A1"].protection.locked


def test_entry_sheet_prints_on_a4_landscape_in_bands_with_units_and_headers_on_every_page(
    run, tmp_path: Path
) -> None:
    ws = entry_sheet(run, tmp_path, "--kind", "county")
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")
    # no scale written is 100 % (the file format's default; XlsxWriter writes only others)
    assert ws.page_setup.scale in (None, 100)
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert ws.print_title_cols == "$A:$B"
    assert ws.print_title_rows == f"${L.FIRST_HEADER_ROW}:${L.KEY_ROW}"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert "考核组织：全部" in ws.oddHeader.center.text
    # one range a band: the title only on the first; no indicator split from its parts
    ranges = str(ws.print_area).replace("'填报'!", "").replace("$", "").split(",")
    assert ranges[0].startswith("A1:") and all(r[0] != "A" for r in ranges[1:])
    assert len(ranges) >= 3 and ranges[-1].endswith(f"AD{L.FIRST_DATA_ROW + 13}")
    starts = [ws[f"{r.split(':')[0].rstrip('0123456789')}{L.KEY_ROW}"].value for r in ranges[1:]]
    assert not any(key.startswith("progress.meetings.reports") for key in starts)
    (tmp_path / "a3").mkdir()
    a3 = entry_sheet(run, tmp_path / "a3", "--kind", "county", "--paper", "a3")
    assert a3.page_setup.paperSize == 8
    assert len(str(a3.print_area).split(",")) < len(ranges)  # wider paper, fewer bands


def test_headers_say_how_each_field_is_filled(run, tmp_path: Path) -> None:
    ws = entry_sheet(run, tmp_path, "--kind", "county")
    meetings = ws[f"{column_of(ws, 'progress.meetings.attendance')}{L.FIRST_HEADER_ROW + 1}"]
    assert meetings.value == "按时参会并及时报送相关情况\n（1分）"
    # the merged header's comment gives each part's own way to fill it, not the first one's
    assert (
        "填报：按时参会：填百分比，如 95 或 95%；"
        "及时报送（季度自查报告及项目推进表）：填整数次数（≥0），无则留空或填0"
    ) in meetings.comment.text
    hints = {c.value: ws.cell(L.KEY_ROW - 1, c.column).value for c in ws[L.KEY_ROW]}
    assert (
        hints["progress.meetings.reports"]
        == "及时报送（季度自查报告及项目推进表）\n0.5分 · 次数，4次满分"
    )
    assert hints["deductions.superior"] == "每次扣1分"
    assert hints["bonus.overachieve"] == "每次0.5分，最多2分"


def test_guide_sheet_says_how_to_fill_and_return_and_marks_local_choices(
    run, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "department", "-o", out)
    ws = load_workbook(out)["说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    texts = [r[0] for r in rows if r[0]]
    assert any("打印“填报”表" in x and "加盖公章" in x and "2014-01-15" in x for x in texts)
    assert any("工作表已保护（无密码" in x for x in texts)
    header = next(i for i, r in enumerate(rows) if r[0] == "考核项目")
    by_key = {r[9]: r for r in rows[header + 1 :] if r[9]}
    assert by_key["org.office"][8] == (
        "分值：指南只定考核项目4分，指标分值为本地取值\n考核组织：指南此格空白，沿用上一格“自查提交文件”"
        "\n审核：指南考核组织为“自查提交文件”，未写核定单位：由市民生办对照单位提交的佐证材料审核"
        "自查值，为本地取值"
    )
    # a part shows its indicator's marks and its own
    assert by_key["progress.guidance.visits"][8].splitlines() == [
        "分值：指南只定考核项目10分，指标分值为本地取值",
        "分项：分为实地调研指导、督查整改两个分项为本地取值",
        "分值：分项分值为本地取值",
        "计分方法：指南要求全年不少于2次，不足2次按次数比例计分为本地取值",
    ]
    assert by_key["public.evaluation"][8].startswith("计分方法：")
    assert "单位名单：指南未列出被考核单位" in " ".join(texts)
    assert "市国资委 的“主要就民生工程实施总体情况进行社会评价”取 水务集团、燃气集团 的平均值" in (
        " ".join(texts)
    )
    assert ws.print_area == "'说明'!$A$1:$I$" + str(ws.max_row)  # the keys are not printed


# A formula, a command, markup, an entity, quotes, characters outside the BMP and a control
# character. A workbook cell cannot hold the control character: it is the one thing removed.
HOSTILE = "=cmd|' /C calc'!A0 <b>&amp;</b> & \"引号\" 𠀀😀\x01尾"
SHOWN = "=cmd|' /C calc'!A0 <b>&amp;</b> & \"引号\" 𠀀😀尾"


def texts_template(tmp_path: Path, text: str) -> tuple[Path, RuleSet]:
    """A county template whose title, first category, first indicator (name and criterion)
    and first unit are `text`; built past the rule loader, which refuses control characters,
    to show that the writer keeps the file sound whatever text reaches it."""
    data = yaml.safe_load(COUNTY.read_text(encoding="utf-8"))
    data["title"] = text
    category = data["categories"][0]
    category["name"] = category["indicators"][0]["name"] = text
    category["indicators"][0]["criterion"] = text
    data["units"][0]["name"] = text
    rules = RuleSet.model_validate(data)
    path = tmp_path / "texts.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # XlsxWriter warns when it has to leave something out
        write_template(RuleFile(tmp_path / "texts.yaml", "0" * 64, rules), TemplateOptions(), path)
    return path, rules


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )


def test_hostile_rule_and_unit_texts_come_back_whole_as_text(tmp_path: Path) -> None:
    path, rules = texts_template(tmp_path, HOSTILE)
    wb = load_workbook(path)
    ws = wb["填报"]
    unit = ws.cell(L.FIRST_DATA_ROW, 1)
    assert (unit.value, unit.data_type, unit.quotePrefix) == (SHOWN, "s", True)
    assert ws["C2"].value == f"{SHOWN}\n（4分）"  # the category
    assert ws["C3"].value == f"{SHOWN}\n（1分）"  # the indicator
    assert f"结果认定：{SHOWN}" in ws["C3"].comment.text
    assert SHOWN in ws["A1"].value  # the title, above the signature block
    assert SHOWN.replace("&", "&&") in ws.oddHeader.center.text  # "&" is a code there
    # every input column keeps its validation, with its title cut to Excel's 32
    validations = ws.data_validations.dataValidation
    assert len(validations) == len(rules.leaves)
    first = validation_for(ws, f"C{L.FIRST_DATA_ROW}")
    assert first.promptTitle == xlsx.fit(SHOWN, 32) and len(first.promptTitle) < len(SHOWN)
    first_key = rules.leaves[0].key
    row = next(r for r in wb["说明"].iter_rows(values_only=True) if r[9] == first_key)
    assert (row[0], row[2], row[5]) == (SHOWN, SHOWN, SHOWN)  # category, indicator, criterion
    assert wb.properties.title == SHOWN
    xml = sheet_xml(path)
    assert "<f>" not in xml and "_x0001_" not in xml


def test_hostile_texts_read_back_in_libreoffice(tmp_path: Path) -> None:
    path, _ = texts_template(tmp_path, HOSTILE)
    # comma, double quote, UTF-8
    libreoffice("csv:Text - txt - csv (StarCalc):44,34,76", tmp_path, path, timeout=120)
    rows = list(csv.reader((tmp_path / "texts.csv").open(encoding="utf-8", newline="")))
    assert rows[L.FIRST_DATA_ROW - 1][0] == SHOWN  # as text, not the result of a formula
    assert rows[L.FIRST_HEADER_ROW][2] == f"{SHOWN}\n（1分）"
    assert SHOWN in rows[0][0]


def test_a_formula_like_rule_name_stays_text(tmp_path: Path) -> None:
    path, _ = texts_template(tmp_path, "=1+1")
    wb = load_workbook(path)
    unit = wb["填报"].cell(L.FIRST_DATA_ROW, 1)
    assert (unit.value, unit.data_type) == ("=1+1", "s")
    label = next(c for row in wb["说明"].iter_rows() for c in row if c.value == "=1+1")
    assert label.data_type == "s" and label.quotePrefix
    assert "<f>" not in sheet_xml(path)
    # and through XlsxWriter's own dispatch, which the row writers use
    book = xlsx.Book(tmp_path / "plain.xlsx")
    book.add_sheet("s").write_row(0, 0, ["=1+1", "0012", "http://example.com/"])
    book.close()
    cells = load_workbook(tmp_path / "plain.xlsx")["s"][1]
    assert [(c.value, c.data_type, c.hyperlink) for c in cells] == [
        ("=1+1", "s", None),
        ("0012", "s", None),
        ("http://example.com/", "s", None),
    ]
    assert "<f>" not in sheet_xml(tmp_path / "plain.xlsx")


def test_texts_over_excels_limits_are_cut_not_left_out(tmp_path: Path) -> None:
    # 300 characters, 100 of them "&", which the page header doubles: over its 255
    path, rules = texts_template(tmp_path, "甲&乙" * 100)
    ws = load_workbook(path)["填报"]
    header = ws.oddHeader.center.text
    assert header.startswith("2013年度甲&&乙甲&&乙") and header.endswith("…")
    assert len(f"&L&9 &A&C&9 {header}") <= 255  # the whole header, as stored
    assert len(ws.data_validations.dataValidation) == len(rules.leaves)
    # Excel's 32 for a validation title: 31 characters and the "…"
    assert validation_for(ws, f"C{L.FIRST_DATA_ROW}").promptTitle == "甲&乙" * 10 + "甲…"


def test_a_long_unit_name_wraps_in_its_column_and_its_row_is_as_tall_as_it(
    run, tmp_path: Path
) -> None:
    # 48 characters do not fit the unit column (24 units at most): the name wraps there, over
    # 3 lines at 10 pt (1.9 units a character, 23.5 a line: 12 a line), never over 分组
    long = "绵阳经济技术开发区管理委员会（含塘汛镇、城郊乡、松垭镇代管区域）" + "测" * 16
    units = tmp_path / "units.txt"
    units.write_text(f"涪城区\n{long}\n", encoding="utf-8")
    out = tmp_path / "form.xlsx"
    assert run("template", "--kind", "county", "--units", units, "-o", out).code == 0
    ws = load_workbook(out)["填报"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    cell = ws.cell(rows[long], 1)
    assert cell.alignment.wrap_text
    assert ws.column_dimensions["A"].width <= 25
    lines = -(-len(long) // 12)  # 4
    assert ws.row_dimensions[rows[long]].height >= lines * 10 * 1.45
    assert ws.row_dimensions[rows["涪城区"]].height == 21
