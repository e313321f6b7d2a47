"""Issue 27: the last silent misreads, and files Office opens that mypm refused or misread.

Each case is built here from the bundled example, as a clerk's Excel, another writer or a
damaged copy would leave it; each failed before the fix (exit 0 with a wrong score, or a
refusal of a file Office opens).
"""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from badfiles import to_strict

from test_misreads import EXAMPLES, edit, example_copy, totals

SHEET = "xl/worksheets/sheet1.xml"  # 填报


def rezip(
    path: Path,
    *,
    rename: Callable[[str], str] = lambda name: name,
    change: Callable[[str, str], str] = lambda name, text: text,
    drop: frozenset[str] = frozenset(),
) -> None:
    """Rewrite the workbook's zip: entries renamed, their XML text changed, some dropped."""
    with zipfile.ZipFile(path) as source:
        items = [(name, source.read(name)) for name in source.namelist() if name not in drop]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in items:
            if name.endswith((".xml", ".rels")):
                data = change(name, data.decode("utf-8")).encode("utf-8")
            target.writestr(rename(name), data)
    path.write_bytes(buffer.getvalue())


def in_sheet(change: Callable[[str], str]) -> Callable[[str, str], str]:
    return lambda name, text: change(text) if name == SHEET else text


def cell_xml(text: str, cell: str) -> str:
    match = re.search(rf'<c r="{cell}"[^>]*>.*?</c>', text)
    assert match, cell
    return match.group(0)


# --- 1 and 2: percentages -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", [1, 1.0, "1"])
def test_one_in_a_plain_percent_cell_is_ambiguous(run, tmp_path: Path, typed: object) -> None:
    # the office's 100 % unit typed 1: read as 1 %, it kept 0.75 of 75 points with exit 0
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "targets.completion", typed, "General")
    result = run("score", path, "--format", "json")
    assert result.code == 1, result.err
    assert result.out == ""
    assert (
        f"county.xlsx › 填报 › {cell}：游仙区 · 对全年民生项目完成情况进行评定："
        "1 大于 0、不超过 1，单元格又不是百分比格式，无法判断是 1% 还是 100%；"
        "如指百分之100，请填 100 或 100%"
    ) in result.err
    english = run("score", path, "--lang", "en")
    assert "1 is above 0 and at most 1 in a cell without percent format" in english.err


def test_zero_in_a_plain_percent_cell_is_zero(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    edit(path, "填报", "游仙区", "targets.completion", 0, "General")
    result = run("score", path, "--format", "json")
    assert result.code == 0, result.err
    (unit,) = [u for u in json.loads(result.out)["units"] if u["unit"] == "游仙区"]
    assert unit["fields"]["targets.completion"]["score"] == 0


def test_a_percent_formatted_score_is_refused_at_its_cell(run, tmp_path: Path) -> None:
    # 社会评估 typed as 85.50 % is stored as 0.855: it scored 0.855/100 × 10 → 0.09, unsaid
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "public.evaluation", 0.855, "0.00%")
    result = run("score", path, "--format", "json")
    assert result.code == 1, result.err
    assert (
        f"county.xlsx › 填报 › {cell}：游仙区 · 主要就民生工程实施总体情况进行社会评估："
        "单元格是百分比格式，显示为 85.5%，但此处不是百分比（存的数是 0.855）；"
        "把单元格格式改为“常规”，再填写数值（如指 85.5，请填 85.5）"
    ) in result.err


def test_a_percent_formatted_count_is_refused_at_its_cell(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "progress.inspections", 2, "0%")
    result = run("score", path, "--lang", "en")
    assert result.code == 1, result.err
    assert (
        f"county.xlsx > 填报 > {cell}: 游仙区, 定期督促检查项目: " in result.err
        and "the cell has percent format and shows 200%, but this field is not a percentage "
        "(it holds 2); set the cell's format to General and type the number (200 for 200)"
        in result.err
    )


# --- 3, 4 and 5: damage Excel never writes is named, never read as a guess ----------------------


def damaged(run, path: Path, where: str, message: str) -> None:
    result = run("score", path, "--format", "json", "-o", path.with_name("out.json"))
    assert result.code == 2, result.err
    assert f"{where}：{message}" in result.err, result.err
    assert not path.with_name("out.json").exists()


def test_a_cell_given_twice_is_a_damaged_file(run, tmp_path: Path) -> None:
    # the second silently won: a total moved from 84.36 to 77.72
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "progress.inspections", 2)

    def twice(text: str) -> str:
        first = cell_xml(text, cell)
        return text.replace(first, first + first.replace("<v>2</v>", "<v>0</v>"))

    rezip(path, change=in_sheet(twice))
    damaged(
        run,
        path,
        f"county.xlsx › 填报 › {cell}",
        "该单元格在工作表中出现了两次，文件已损坏，不知该读哪一个；"
        "请在 Excel 或 WPS 中打开，核对该处的值后另存为 .xlsx",
    )


def test_two_zip_entries_of_one_name_are_a_damaged_file(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read(SHEET).decode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to write
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(SHEET, sheet.replace("<v>2</v>", "<v>0</v>"))
    damaged(run, path, str(path), "压缩包中有两个同名的部分 xl/worksheets/sheet1.xml，文件已损坏")


def test_a_cell_outside_its_row_is_a_damaged_file(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "progress.inspections", 2)
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()  # type: ignore[union-attr]
    rezip(path, change=in_sheet(lambda text: text.replace(f'r="{cell}"', f'r="{column}999"')))
    damaged(
        run,
        path,
        f"{path} › 填报",
        f"第 {row} 行中有一个单元格写作 {column}999，不在该行，文件已损坏",
    )


@pytest.mark.parametrize("written", ["7_1", "\u0667\u0661", "1_000"])
def test_a_number_excel_would_not_write_is_a_damaged_file(
    run, tmp_path: Path, written: str
) -> None:
    # int() and float() read 7_1 and Arabic-Indic ٧١ as 71
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "progress.inspections", 71)

    def unwritable(text: str) -> str:
        old = cell_xml(text, cell)
        return text.replace(old, old.replace("<v>71</v>", f"<v>{written}</v>"))

    rezip(path, change=in_sheet(unwritable))
    damaged(
        run,
        path,
        f"county.xlsx › 填报 › {cell}",
        f"单元格存的“{written}”不是 Excel 写数字的方式（含分隔符或非 ASCII 数字），文件已损坏",
    )


def test_a_workbook_without_its_styles_says_the_styles_are_missing(run, tmp_path: Path) -> None:
    # every percent cell was "ambiguous" instead
    path = example_copy(tmp_path, "county")
    rezip(path, drop=frozenset({"xl/styles.xml"}))
    result = run("score", path, "--format", "json")
    assert result.code == 2, result.err
    assert "工作簿缺少样式部分 xl/styles.xml，看不出哪些单元格是百分比或日期格式" in result.err
    assert "无法判断" not in result.err


# --- files Office opens ---------------------------------------------------------------------------


def strict(path: Path) -> None:
    """As Excel's "Strict Open XML Spreadsheet" saves it: other namespaces throughout."""
    rezip(path, change=lambda name, text: to_strict(text))


def elsewhere(path: Path) -> None:
    """The workbook part where only the package's relationships (_rels/.rels) say it is."""
    moved = {
        "xl/workbook.xml": "xl/main.xml",
        "xl/_rels/workbook.xml.rels": "xl/_rels/main.xml.rels",
    }
    rezip(
        path,
        rename=lambda name: moved.get(name, name),
        change=lambda name, text: (
            text.replace("xl/workbook.xml", "xl/main.xml")
            if name in ("_rels/.rels", "[Content_Types].xml")
            else text
        ),
    )


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(strict, id="Strict Open XML"),
        pytest.param(
            lambda path: rezip(path, rename=lambda name: name.replace("/", "\\")),
            id="entry names with backslashes",
        ),
        pytest.param(
            lambda path: rezip(
                path,
                rename=lambda name: name.replace(
                    "xl/worksheets/sheet1", "XL/Worksheets/Sheet1"
                ).replace("styles", "Styles"),
            ),
            id="part names differing from their relationships in case",
        ),
        pytest.param(elsewhere, id="a workbook found through _rels/.rels"),
    ],
)
def test_files_office_opens_score_as_the_example_does(run, tmp_path: Path, variant) -> None:
    single = json.loads(run("score", EXAMPLES / "county-2013.xlsx", "--format", "json").out)
    path = example_copy(tmp_path, "county")
    variant(path)
    result = run("score", path, "--format", "json")
    assert result.code == 0, result.err
    assert totals(json.loads(result.out)) == totals(single)
