"""Issue 11: the silent misreads, one test (or a few) for each numbered case.

Each was written against the behaviour before the fix and failed there: the workbook was read
under the wrong rules, a file was dropped, a value was misread, or nothing was said.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO
from mypm.render.labels import number

EXAMPLES = REPO / "examples"


def nothing_written(tmp_path: Path, before: list[Path]) -> None:
    assert sorted(tmp_path.rglob("*")) == before, "nothing may be written"


# --- 1. --kind / --rules against the workbook's own rule set ----------------------------------


def test_kind_that_disagrees_with_the_workbook_is_a_usage_error(run, tmp_path: Path) -> None:
    path = shutil.copy(EXAMPLES / "county-2013.xlsx", tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = run("score", path, "--kind", "department", "--format", "json")
    assert result.code == 2, result.out[:200]
    assert result.out == ""
    assert "county-2013.xlsx" in result.err
    assert "mianyang-livelihood-county-2013" in result.err and "department" in result.err
    nothing_written(tmp_path, before)


def test_rules_that_do_not_hold_the_workbooks_rule_set_is_a_usage_error(run, tmp_path) -> None:
    path = shutil.copy(EXAMPLES / "county-2013.xlsx", tmp_path)
    result = run("score", path, "--rules", REPO / "rules" / "department.yaml", "--format", "json")
    assert result.code == 2
    assert "mianyang-livelihood-county-2013" in result.err and "department.yaml" in result.err


def test_kind_that_agrees_is_fine(run, tmp_path: Path) -> None:
    path = shutil.copy(EXAMPLES / "county-2013.xlsx", tmp_path)
    assert run("score", path, "--kind", "county", "--format", "json").code == 0


# --- 2. every file of a folder is read, or named with the reason ------------------------------


def zip_with(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


ODS = zip_with(
    ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"")
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("county-2013-finance.xls", OLE, "这是旧版 .xls 文件"),
        ("finance.ods", ODS, "这是 OpenDocument 表格"),
        ("finance-renamed.xlsx", ODS, "这是 OpenDocument 表格"),
        ("finance.csv", "单位,得分\n涪城区,90\n".encode(), "这是文本文件（如 CSV）"),
        ("finance.xlsb", zip_with(("xl/workbook.bin", b"")), "这是 Excel 二进制工作簿（.xlsb）"),
        ("finance.numbers", zip_with(("Index/Document.iwa", b"")), "这是 Apple Numbers 文件"),
    ],
)
def test_a_folder_file_mypm_cannot_read_is_named(
    run, tmp_path: Path, name: str, content: bytes, what: str
) -> None:
    folder = split_folder(tmp_path)
    (folder / "county-2013-finance.xlsx").unlink()
    (folder / name).write_bytes(content)
    before = sorted(tmp_path.rglob("*"))
    result = run("score", folder, "--strict")
    assert result.code == 2, result.err
    assert f"{folder / name}：{what}" in result.err
    # what to do, for whichever program the user has
    for program in ("Excel：文件 › 另存为", "WPS：文件 › 另存为", "LibreOffice：文件 › 另存为"):
        assert program in result.err
    nothing_written(tmp_path, before)


def test_a_workbook_is_known_by_its_content(run, tmp_path: Path) -> None:
    folder = split_folder(tmp_path)
    finance = folder / "county-2013-finance.xlsx"
    finance.rename(folder / "noext")
    (folder / "~$county-2013-mdb.xlsx").write_bytes(bytes(165))
    (folder / "readme.txt").write_text("各单位请于1月15日前报送", encoding="utf-8")
    (folder / "old").mkdir()
    result = run("score", folder, "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert str(folder / "noext") in [f["path"] for f in report["inputs"]]
    notes = {Path(i["source"]).name: i["message"] for i in report["issues"] if i["level"] == "info"}
    assert notes == {
        "~$county-2013-mdb.xlsx": "Excel 的临时锁定文件（~$ 开头），不是工作簿，已跳过",
        "readme.txt": "不是电子表格文件，已跳过",
        "old": "子文件夹，未读取（mypm 只读取文件夹中直接存放的文件）",
    }
    # the same scores as the single-file example the split files were made from
    single = json.loads(run("score", EXAMPLES / "county-2013.xlsx", "--format", "json").out)
    assert totals(report) == totals(single)


def totals(report: dict) -> dict[str, float]:
    return {unit["unit"]: unit["total"] for unit in report["units"]}


# --- 3. mypm's own outputs are not inputs -----------------------------------------------------


def split_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "returned"
    shutil.copytree(EXAMPLES / "county-2013-split", folder)
    return folder


def test_a_folders_default_output_goes_beside_it(run, tmp_path: Path) -> None:
    folder = split_folder(tmp_path)
    inside = sorted(folder.iterdir())
    result = run("score", folder, "-q")
    assert result.code == 0, result.err
    assert (tmp_path / "returned-scored.xlsx").is_file()
    assert sorted(folder.iterdir()) == inside
    # and the same folder can be scored again
    assert run("score", folder, "-q", "--force").code == 0


def test_a_scored_workbook_in_a_folder_is_skipped_with_a_note(run, tmp_path: Path) -> None:
    folder = split_folder(tmp_path)
    assert run("score", folder, "-o", folder / "old-result.xlsx", "-q").code == 0
    result = run("score", folder, "--format", "json")
    assert result.code == 0, result.err
    assert "old-result.xlsx" in result.out  # the note is in the issues
    assert "评分结果" in result.out


def test_a_scored_workbook_named_directly_is_refused(run, tmp_path: Path) -> None:
    folder = split_folder(tmp_path)
    scored = tmp_path / "result.xlsx"
    assert run("score", folder, "-o", scored, "-q").code == 0
    result = run("score", scored, "--format", "json")
    assert result.code == 2
    assert "result.xlsx" in result.err
    assert "mypm" in result.err and "评分结果" in result.err
    assert "请对生成它的填报工作簿评分" in result.err


# --- 6. the output format against the output name ---------------------------------------------


def test_format_follows_the_output_extension(run, tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    assert run("score", EXAMPLES / "county-2013.xlsx", "-o", out, "-q").code == 0
    data = out.read_bytes()
    assert data.startswith("\ufeff名次,".encode())  # a CSV with a BOM, not a zip named .csv
    out_json = tmp_path / "result.json"
    assert run("score", EXAMPLES / "county-2013.xlsx", "-o", out_json, "-q").code == 0
    assert out_json.read_text(encoding="utf-8").startswith("{")


def test_format_that_contradicts_the_extension_is_a_usage_error(run, tmp_path: Path) -> None:
    before = sorted(tmp_path.rglob("*"))
    result = run(
        "score", EXAMPLES / "county-2013.xlsx", "-o", tmp_path / "r.csv", "--format", "xlsx"
    )
    assert result.code == 2
    assert "r.csv" in result.err and "xlsx" in result.err
    nothing_written(tmp_path, before)


def test_unknown_output_extension_needs_a_format(run, tmp_path: Path) -> None:
    result = run("score", EXAMPLES / "county-2013.xlsx", "-o", tmp_path / "r.txt")
    assert result.code == 2
    assert "--format" in result.err
    assert (
        run(
            "score", EXAMPLES / "county-2013.xlsx", "-o", tmp_path / "r.txt", "--format", "json"
        ).code
        == 0
    )


# --- 8. empty work ----------------------------------------------------------------------------


def test_a_blank_template_is_an_error(run, tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    assert run("template", "--kind", "county", "-o", blank).code == 0
    before = sorted(tmp_path.rglob("*"))
    result = run("score", blank)
    assert result.code == 1
    assert "没有任何被考核单位填写了数据" in result.err
    nothing_written(tmp_path, before)


def test_a_certifier_with_no_fields_is_a_usage_error(run, tmp_path: Path) -> None:
    # county.yaml lists work_committee (市直机关工委) but no county field is certified by it
    result = run(
        "template", "--kind", "county", "--certifier", "work_committee", "-o", tmp_path / "w.xlsx"
    )
    assert result.code == 2
    assert not (tmp_path / "w.xlsx").exists()
    assert "work_committee" in result.err
    assert "finance（市财政局核定）" in result.err  # a certifier that has fields is listed
    assert "work_committee（" not in result.err.split("：", 1)[-1]


# --- 9. files others can open -----------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_outputs_get_the_permissions_the_umask_gives(run, tmp_path: Path, fmt: str) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / f"r.{fmt}"
        assert run("score", EXAMPLES / "county-2013.xlsx", "-o", out, "-q").code == 0
        template = tmp_path / "t.xlsx"
        assert run("template", "--kind", "county", "-o", template).code == 0
    finally:
        os.umask(old)
    for path in (out, template):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_scored_workbook_is_marked_as_made_by_mypm(run, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert run("score", EXAMPLES / "county-2013.xlsx", "-o", out, "-q").code == 0
    props = {p.name: p.value for p in load_workbook(out, read_only=True).custom_doc_props}
    assert "mypm.scored" in props


# --- helpers for editing the bundled examples as a clerk would ---------------------------------


def example_copy(tmp_path: Path, kind: str, name: str | None = None) -> Path:
    return Path(shutil.copy(EXAMPLES / f"{kind}-2013.xlsx", tmp_path / (name or f"{kind}.xlsx")))


def edit(path: Path, sheet: str, unit: str, key: str, value: object, fmt: str = "") -> str:
    """Type `value` into `unit`'s cell under `key` on `sheet`; returns the cell's name."""
    wb = load_workbook(path)
    ws = wb[sheet]
    columns = {c.value: c.column for c in ws[5]}
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, columns["unit"]).value == unit)
    cell = ws.cell(row, columns[key])
    cell.value = value
    if fmt:
        cell.number_format = fmt
    wb.save(path)
    return cell.coordinate


def edit_key(path: Path, old: str, new: str) -> str:
    wb = load_workbook(path)
    cell = next(c for c in wb["填报"][5] if c.value == old)
    cell.value = new
    wb.save(path)
    return cell.coordinate


# --- 4. ambiguous percentages ------------------------------------------------------------------


def test_a_fraction_in_a_plain_percent_cell_is_an_error(run, tmp_path: Path) -> None:
    # 游仙区 typed 0.95 for 95% into a cell whose percent format was cleared: read as 0.95 %,
    # its total fell from 88.45 to 22.03 with exit 0 before.
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "targets.completion", 0.95, "General")
    result = run("score", path, "--format", "json")
    assert result.code == 1
    assert result.out == ""
    assert (
        f"county.xlsx › 填报 › {cell}：游仙区 · 对全年民生项目完成情况进行评定："
        "0.95 大于 0、不超过 1，单元格又不是百分比格式，"
        "无法判断是 0.95% 还是 95%；如指百分之95，请填 95 或 95%"
    ) in result.err
    english = run("score", path, "--lang", "en")
    assert "type 95 or 95% for 95 percent" in english.err


def test_a_whole_number_in_a_percent_cell_says_what_happened(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", "targets.completion", 95, "0.00%")
    result = run("score", path, "--format", "json")
    assert result.code == 1
    assert (
        f"› {cell}：游仙区 · 对全年民生项目完成情况进行评定：单元格是百分比格式，存的数是 95，"
        in (result.err)
    )
    assert "显示为 9500%，超过 100%；如指 95%，请在单元格中重新输入“95%”" in result.err


def test_a_fraction_with_a_percent_format_or_sign_is_fine(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    edit(path, "填报", "游仙区", "targets.completion", 0.95, "0.00%")
    assert run("score", path, "--format", "json").code == 0
    edit(path, "填报", "游仙区", "targets.completion", "0.95%", "General")
    assert run("score", path, "--format", "json").code == 0


# --- 5. peer-derived values with a peer missing ------------------------------------------------


def test_a_missing_peer_value_names_its_cell(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "department")
    cell = edit(path, "参照单位", "燃气集团", "public.evaluation", None)
    result = run("score", path, "--format", "json")
    assert result.code == 1
    assert (
        f"department.xlsx › 参照单位 › {cell}：燃气集团 · 主要就民生工程实施总体情况进行社会评价："
        "未填写（市国资委的“主要就民生工程实施总体情况进行社会评价”按 水务集团、燃气集团 的均值计，"
        "须有此值）；必填；请向“由市直机关工委组织实施”索取此值填上"
    ) in result.err
    assert "未参加评分" not in result.err
    assert "derived[" not in result.err
    assert "共 1 个问题" in result.err


def test_allow_missing_says_over_which_peers_the_mean_was_taken(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "department")
    edit(path, "参照单位", "燃气集团", "public.evaluation", None)
    result = run("score", path, "--format", "json", "--allow-missing")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    warnings = [i["message"] for i in report["issues"] if i["unit"] == "燃气集团"]
    assert warnings == [
        "燃气集团 的“主要就民生工程实施总体情况进行社会评价”未填写；市国资委的“主要就民生工程实施"
        "总体情况进行社会评价”只按 水务集团 的均值计（--allow-missing）"
    ]
    unit = next(u for u in report["units"] if u["unit"] == "市国资委")
    # the mean of 水务集团's 82.7 alone; 10 points × 82.7 / 100 = 8.27
    assert unit["fields"]["public.evaluation"]["score"] == 8.27
    assert "derived[" not in result.out


# --- 7. unknown units and unknown keys -------------------------------------------------------


def test_a_typo_in_a_unit_name_is_one_error_at_its_cell(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "department")
    cell = edit(path, "填报", "市民政局", "unit", "市民政")
    result = run("score", path)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == (
        f"department.xlsx › 填报 › {cell}：单位“市民政”不在规则的单位名单中"
        "（是否应为“市民政局”？）；把单位名称改成名单中的写法；"
        "如果名单本身要改，请用 --units 指定本单位名单"
    )
    assert lines[1:] == ["共 1 个问题，未写出任何文件。"]


def test_an_edited_key_is_one_error_at_its_cell(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "county")
    cell = edit_key(path, "org.duties", "org.dutie")
    result = run("score", path)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(
        f"county.xlsx › 填报 › {cell}：字段键“org.dutie”不在规则中，这一列没有读取"
        "（是否应为“org.duties”？）；把字段键改回 mypm template 生成时的样子"
    )
    assert lines[1:] == ["共 1 个问题，未写出任何文件。"]


# --- every problem in one pass ------------------------------------------------------------------


def plant_every_kind(run, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """Two department workbooks with one problem of every kind; the lines expected, in order."""
    a = example_copy(tmp_path, "department", "a.xlsx")
    b = tmp_path / "b.xlsx"  # 市直机关工委's own file: the social evaluation, its field
    assert (
        run("template", "--kind", "department", "--certifier", "work_committee", "-o", b).code == 0
    )
    key = edit_key(a, "org.rules", "org.rulse")  # unknown key
    high = edit(a, "填报", "市教育局", "public.evaluation", 120)  # out of range
    blank = edit(a, "填报", "市民政局", "org.office", None)  # blank required cell
    typo = edit(a, "填报", "市人社局", "unit", "市人社")  # unknown unit
    peer = edit(a, "参照单位", "燃气集团", "public.evaluation", None)  # derived peer missing
    wb = load_workbook(a)
    ws = wb["填报"]
    columns = {c.value: c.column for c in ws[5]}
    unit4 = ws.cell(9, columns["unit"]).value
    typed = ws.cell(9, columns["public.evaluation"]).value
    other = edit(b, "填报", unit4, "public.evaluation", typed + 1)  # a conflict between files
    expected = [
        f"a.xlsx › 参照单位 › {peer}：燃气集团 · ",
        f"a.xlsx › 填报 › {key}：字段键“org.rulse”不在规则中，这一列没有读取"
        "（是否应为“org.rules”？）",
        f"a.xlsx › 填报 › {high}：市教育局 · 主要就民生工程实施总体情况进行社会评价："
        "120 超出上限 100",
        f"a.xlsx › 填报 › {blank}：市民政局 · 业务科室明确："
        "未填写；必填；请向“自查提交文件”索取此值",
        f"a.xlsx › 填报 › {typo}：单位“市人社”不在规则的单位名单中（是否应为“市人社局”？）",
        f"b.xlsx › 填报 › {other}：{unit4} · 主要就民生工程实施总体情况进行社会评价：此处填 "
        f"{number(Decimal(str(typed + 1)))}，与 a.xlsx › 填报 › ",
    ]
    return a, b, expected


def test_one_run_reports_every_problem_grouped_by_file_and_cell(run, tmp_path: Path) -> None:
    a, b, expected = plant_every_kind(run, tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = run("score", a, b)
    assert result.code == 1
    lines = result.err.splitlines()
    assert len(lines) == len(expected) + 1, result.err
    for line, start in zip(lines, expected, strict=False):
        assert line.startswith(start), (line, start)
    assert "请改正 a.xlsx 中的值" in lines[-2]  # b.xlsx is the certifier's own file
    assert lines[-1] == "共 6 个问题，未写出任何文件。"
    nothing_written(tmp_path, before)
    # the same list from explain, and in English with proper plurals
    assert run("explain", a, b, "--unit", "市教育局").err == result.err
    english = run("score", a, b, "--lang", "en").err.splitlines()
    assert english[-1] == "6 problems; nothing was written."


def test_problems_workbook_is_the_one_thing_written_on_failure(run, tmp_path: Path) -> None:
    a, b, expected = plant_every_kind(run, tmp_path)
    listed = tmp_path / "problems.xlsx"
    before = sorted(tmp_path.rglob("*"))
    result = run("score", a, b, "--problems", listed)
    assert result.code == 1
    assert sorted(tmp_path.rglob("*")) == sorted([*before, listed])
    assert result.err.splitlines()[-1] == (
        f"共 6 个问题，问题清单已写出到 {listed}，未写出评分结果。"
    )
    wb = load_workbook(listed)
    assert wb.sheetnames == ["a", "b"]  # one sheet per file
    assert [wb[name]["A1"].value for name in wb.sheetnames] == [
        "问题清单：a.xlsx",
        "问题清单：b.xlsx",
    ]
    rows = {
        name: [[c.value for c in row] for row in wb[name].iter_rows(min_row=3)]
        for name in wb.sheetnames
    }
    assert [row[:2] for row in rows["a"]] == [
        [line.split(" › ")[1], line.split(" › ")[2].split("：")[0]] for line in expected[:5]
    ]
    assert [wb["a"].cell(2, c).value for c in range(1, 6)] == [
        "工作表",
        "单元格",
        "问题",
        "考核组织",
        "怎么办",
    ]
    blank = rows["a"][3]
    assert blank[2] == "市民政局 · 业务科室明确：未填写"
    assert blank[3] == "自查提交文件"  # the certifier the rules name for the field
    assert blank[4].startswith("必填；请向“自查提交文件”索取此值填上")
    assert all(row[4] for rows_ in rows.values() for row in rows_), "each says what to do"
    conflict = rows["b"][0]
    assert conflict[3] == "由市直机关工委组织实施"
    assert "以其文件 b.xlsx 为准：请改正 a.xlsx 中的值" in conflict[4]
    # without --problems, nothing at all
    assert run("score", a, b).code == 1
    assert sorted(tmp_path.rglob("*")) == sorted([*before, listed])


def test_problems_workbook_lists_warnings_when_scoring_succeeds(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "department")
    edit(path, "参照单位", "燃气集团", "public.evaluation", None)
    listed = tmp_path / "warnings.xlsx"
    result = run("score", path, "--allow-missing", "--problems", listed, "-q")
    assert result.code == 0, result.err
    rows = [[c.value for c in row] for row in load_workbook(listed)["department"].iter_rows()]
    assert ["参照单位", "B7"] in [row[:2] for row in rows]


def test_problems_workbook_says_so_when_there_are_none(run, tmp_path: Path) -> None:
    # the county example scores without a warning: the list asked for is written all the same
    listed = tmp_path / "problems.xlsx"
    result = run(
        "score",
        EXAMPLES / "county-2013.xlsx",
        "-o",
        tmp_path / "out.xlsx",
        "--problems",
        listed,
        "-q",
    )
    assert result.code == 0, result.err
    book = load_workbook(listed)
    assert book.sheetnames == ["其他"]
    assert [[c.value for c in row] for row in book["其他"].iter_rows()] == [["本次没有发现问题。"]]


def test_warnings_are_shown_on_the_terminal(run, entry_workbook) -> None:
    # 涪城区 alone, with 14 of its 15 base fields blank: 14 "scored 0" warnings, and 13 units
    # without any row: 27 warnings, of which the first 20 are shown in full.
    only = {"org.leading_group": "是"}
    path = entry_workbook("county", {"涪城区": only})
    result = run("score", path, "--allow-missing", "-o", path.with_name("out.xlsx"))
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if line]
    shown = [line for line in lines if "未填写，按 0 分计" in line or "未参加评分" in line]
    assert len(shown) == 20
    assert "county.xlsx › 填报 › D6：涪城区 · 未填写，按 0 分计（--allow-missing）" in lines
    assert "……还有 7 条，详见“问题”" in lines
    assert "共 27 条警告、0 条提示" in lines


@pytest.mark.parametrize(
    ("field", "typed", "advice"),
    [
        ("progress.inspections", "3次", "只填数字 3，不带“次”"),
        ("public.evaluation", "85分", "只填数字 85，不带“分”"),
        ("progress.inspections", "三次", "只填写一个数，如 3"),
        ("targets.completion", "九成", "填百分比，如 95 或 95%"),  # a percentage: as such
    ],
)
def test_a_number_with_its_unit_says_to_type_the_number(
    run, tmp_path: Path, field: str, typed: str, advice: str
) -> None:
    path = example_copy(tmp_path, "county")
    cell = edit(path, "填报", "游仙区", field, typed)
    result = run("score", path)
    assert result.code == 1
    assert f"county.xlsx › 填报 › {cell}：游仙区 · " in result.err
    assert f"“{typed}”不是数值；{advice}" in result.err


def test_explain_writes_the_problems_too(run, tmp_path: Path) -> None:
    path = example_copy(tmp_path, "department")
    edit(path, "参照单位", "燃气集团", "public.evaluation", None)
    listed = tmp_path / "p.xlsx"
    result = run("explain", path, "--unit", "市国资委", "--problems", listed)
    assert result.code == 1
    rows = [[c.value for c in r] for r in load_workbook(listed)["department"].iter_rows(min_row=3)]
    assert [row[:2] for row in rows] == [["参照单位", "B7"]]
