"""`mypm template`: the entry workbook's layout, validation, guide, metadata and options."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import COUNTY, DEPARTMENT
from mypm.rules import load_rule_file
from mypm.workbook import layout as L
from mypm.workbook.reader import open_input


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
    header = ws[f"{column_of(ws, 'progress.funding')}2"]
    assert header.value == "财政资金保障到位（1分）"
    assert "结果认定：年初计划项目资金是否全部足额预算并拨付执行到位" in header.comment.text
    assert "考核组织：市财政局核定" in header.comment.text


def test_guide_sheet_lists_every_indicator_with_its_criterion(run, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    run("template", "--kind", "county", "-o", out)
    ws = load_workbook(out)["说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "考核项目")
    assert rows[header][:6] == ["考核项目", "分值", "考核指标", "指标分值", "考核组织", "结果认定"]
    by_key = {r[8]: r for r in rows[header + 1 :] if r[8]}
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
    assert ws["A1"].value == "Unit"
    assert ws[f"{column_of(ws, 'org.leading_group')}2"].value == "领导体系健全（1 pt）"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "city"], "--kind: 没有 kind 为“city”的规则集；可用：county, department"),
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
