"""Cell contents people put in Excel: each is a clear error naming its cell, or a documented
lenient reading."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from badfiles import GOOD_ROW, good_workbook

# GOOD_ROW scores: org 4 + progress 5 + disclosure 6 + public 10 × 90/100 = 9 + 75 × 0.9 = 67.5
GOOD_TOTAL = 91.5


def score(run, path: Path) -> dict:
    result = run("score", path, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def fails(run, path: Path, cell: str, message: str) -> None:
    before = path.read_bytes()
    result = run("score", path)
    assert result.code == 1, result.err
    assert f"{path.name} › 填报 › {cell}：" in result.err, result.err
    assert message in result.err, result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.parametrize(
    ("field", "value", "cell", "message"),
    [
        ("public.evaluation", "#N/A", "P6", "单元格是错误值 #N/A"),
        ("public.evaluation", "#DIV/0!", "P6", "单元格是错误值 #DIV/0!"),
        ("public.evaluation", "=A1*2", "P6", "公式没有已保存的计算结果"),
        ("public.evaluation", dt.datetime(2013, 12, 31), "P6", "是日期或时间，不是数值"),
        ("progress.inspections", True, "I6", "“TRUE”是逻辑值，此处应填数值"),
        ("public.evaluation", "九十", "P6", "“九十”不是数值"),
        ("public.evaluation", "9 0", "P6", "“9 0”不是数值"),
        ("org.duties", "是的", "D6", "“是的”不是“是”或“否”"),  # typed over the drop-down
        ("progress.inspections", "1,5", "I6", "“1,5”不是数值"),
    ],
    ids=[
        "na",
        "div0",
        "formula-without-value",
        "date",
        "boolean",
        "chinese-numeral",
        "inner-space",
        "pasted-over-dropdown",
        "comma-decimal",
    ],
)
def test_unreadable_cell(
    run, tmp_path: Path, field: str, value: object, cell: str, message: str
) -> None:
    path = good_workbook(tmp_path / "county.xlsx", {"涪城区": {**GOOD_ROW, field: value}})
    fails(run, path, cell, message)


@pytest.mark.parametrize(
    ("field", "value", "score_of_field"),
    [
        ("public.evaluation", "９０", 9),  # full-width digits
        ("public.evaluation", "\u300090\u3000", 9),  # full-width spaces around
        ("public.evaluation", " 90.0 ", 9),
        ("targets.completion", "９０％", 67.5),  # full-width percent sign
        ("targets.completion", 90, 67.5),  # typed 90 where the cell is not formatted as percent
        ("progress.inspections", "1,000", 1),  # thousands separator; count capped at target 2
        ("org.duties", " 是 ", 1),
        ("org.duties", "TRUE", 1),
        ("org.duties", "✓", 1),
    ],
)
def test_lenient_readings(
    run, tmp_path: Path, field: str, value: object, score_of_field: float
) -> None:
    path = good_workbook(tmp_path / "county.xlsx", {"涪城区": {**GOOD_ROW, field: value}})
    if field == "targets.completion" and value == 90:
        wb = openpyxl.load_workbook(path)
        wb["填报"]["Q6"].number_format = "General"
        wb.save(path)
    unit = score(run, path)["units"][0]
    assert unit["fields"][field]["score"] == score_of_field
    assert unit["total"] == GOOD_TOTAL


def test_unit_names_with_spaces_are_the_same_unit(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["填报"]["A6"] = "\u3000涪城区 "
    wb.save(path)
    doc = score(run, path)
    assert [u["unit"] for u in doc["units"]] == ["涪城区"]
    assert not [i for i in doc["issues"] if "不在规则的单位名单中" in i["message"]]


def test_merged_cells_across_inputs(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["填报"].merge_cells("C6:D6")
    wb.save(path)
    fails(run, path, "C6:D6", "合并单元格跨越了填报列")


def test_hidden_rows_and_sheets_are_read_with_a_warning(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx", {"涪城区": GOOD_ROW, "游仙区": GOOD_ROW})
    wb = openpyxl.load_workbook(path)
    wb["填报"].row_dimensions[7].hidden = True
    extra = wb.copy_worksheet(wb["填报"])
    extra.title = "隐藏"
    extra.sheet_state = "hidden"
    for col in range(3, 20):  # the copy keeps every name; only 江油市 gets values there
        extra.cell(6, col).value = None
        extra.cell(7, col).value = None
    extra.cell(8, 1).value = "江油市"
    for col, key in ((c.column, c.value) for c in extra[5] if c.value in GOOD_ROW):
        extra.cell(8, col).value = GOOD_ROW[key]
    wb.save(path)
    doc = score(run, path)
    assert sorted(u["unit"] for u in doc["units"]) == ["江油市", "涪城区", "游仙区"]
    warnings = {(i["message"], i["source"]) for i in doc["issues"]}
    assert ("隐藏行中的数据也已读取", "county.xlsx!填报!A7") in warnings
    assert ("隐藏工作表中的数据也已读取", "county.xlsx!隐藏") in warnings


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("#REF!", "单元格是错误值 #REF!"),
        ("#N/A", "单元格是错误值 #N/A"),
        ("=B1", "公式没有已保存的计算结果"),
        (dt.datetime(2013, 12, 31), "是日期、时间或逻辑值，不是单位或分组名称"),
        (True, "“True”是日期、时间或逻辑值，不是单位或分组名称"),
    ],
    ids=["ref", "na", "formula-without-value", "date", "boolean"],
)
@pytest.mark.parametrize("cell", ["A6", "B6"], ids=["unit", "group"])
def test_unit_and_group_cells_get_the_same_rules(
    run, tmp_path: Path, cell: str, value: object, message: str
) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["填报"][cell] = value
    wb.save(path)
    fails(run, path, cell, message)


@pytest.mark.parametrize(
    "field", ["public.evaluation", "org.duties", "progress.inspections"], ids=str
)
def test_a_long_cell_is_quoted_shortened(run, tmp_path: Path, field: str) -> None:
    text = "长" * 32_000
    path = good_workbook(tmp_path / "county.xlsx", {"涪城区": {**GOOD_ROW, field: text}})
    result = run("score", path)
    assert result.code == 1, result.err
    assert f"“{'长' * 39}…”" in result.err
    assert len(result.err) < 400, result.err  # the message and its advice, not 32,000 characters


@pytest.mark.parametrize(
    "error", [TypeError, AttributeError, KeyError, IndexError], ids=lambda e: e.__name__
)
@pytest.mark.parametrize("where", ["_entry_row", "_key_columns"])
def test_a_bug_in_the_row_loop_is_an_internal_error_not_a_damaged_file(
    run, tmp_path: Path, monkeypatch, error: type[Exception], where: str
) -> None:
    path = good_workbook(tmp_path / "county.xlsx")

    def bug(*args: object) -> None:
        raise error("mypm's own mistake")

    monkeypatch.setattr(f"mypm.read.entries._SheetReader.{where}", bug)
    result = run("score", path, "-o", tmp_path / "out.xlsx")
    assert result.code == 70, result.err
    assert "mypm 内部错误" in result.err
    assert "已损坏" not in result.err
    assert not (tmp_path / "out.xlsx").exists()
