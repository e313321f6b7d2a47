"""SPEC §5.3: every data error exits 1 naming file, sheet and cell; usage errors exit 2.

In every case nothing is written and the inputs are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from mypm.core.rules.model import Unit
from test_score import FUCHENG


def score_fails(run, tmp_path: Path, *inputs: Path, code: int = 1) -> str:
    before = {p: p.read_bytes() for p in inputs if p.exists()}
    files_before = sorted(tmp_path.iterdir())
    result = run("score", *inputs)
    assert result.code == code, result.err
    assert "Traceback" not in result.err
    assert sorted(tmp_path.iterdir()) == files_before, "nothing may be written"
    assert {p: p.read_bytes() for p in before} == before, "inputs are never modified"
    return result.err


@pytest.mark.parametrize(
    ("field", "value", "cell", "message"),
    [
        ("progress.inspections", "三次", "I6", "涪城区 · 定期督促检查项目：“三次”不是数值"),
        ("progress.inspections", 1.5, "I6", "1.5 不是整数（此处填次数）"),
        ("progress.inspections", -1, "I6", "-1 为负数，不允许"),
        ("targets.completion", "120%", "Q6", "120 超出上限 100"),
        ("public.evaluation", "100.5", "P6", "100.5 超出上限 100"),
        ("org.duties", "也许", "D6", "“也许”不是“是”或“否”"),
        ("public.evaluation", True, "P6", "“TRUE”是逻辑值，此处应填数值"),
        (
            "org.duties",
            "=1+1",
            "D6",
            "公式没有已保存的计算结果（请在 Excel 中打开并保存该文件，或直接填写数值）",
        ),
        ("public.evaluation", "#DIV/0!", "P6", "单元格是错误值 #DIV/0!"),
        ("disclosure.quarterly", "3%", "N6", "带百分号，但此处不是百分比"),
    ],
)
def test_bad_value_names_its_cell(
    run, entry_workbook, tmp_path: Path, field: str, value: object, cell: str, message: str
) -> None:
    path = entry_workbook("county", {"涪城区": {**FUCHENG, field: value}})
    err = score_fails(run, tmp_path, path)
    assert f"county.xlsx › 填报 › {cell}：" in err
    assert message in err


def test_blank_required_inputs_are_all_listed(run, entry_workbook, tmp_path: Path) -> None:
    data = {k: v for k, v in FUCHENG.items() if k not in ("org.duties", "targets.completion")}
    path = entry_workbook("county", {"涪城区": data})
    err = score_fails(run, tmp_path, path)
    assert "county.xlsx › 填报 › D6：涪城区 · 部门责任明确：未填写" in err
    assert "county.xlsx › 填报 › Q6：涪城区 · 对全年民生项目完成情况进行评定：未填写" in err
    assert "共 2 个问题，未写出任何文件。" in err


def test_allow_missing_scores_blanks_as_zero(run, entry_workbook) -> None:
    data = {k: v for k, v in FUCHENG.items() if k != "org.duties"}
    result = run(
        "score", entry_workbook("county", {"涪城区": data}), "--allow-missing", "--format", "json"
    )
    assert result.code == 0
    assert '"total": 95.78' in result.out  # the golden 96.78 less org.duties' 1 point
    assert "未填写，按 0 分计（--allow-missing）" in result.out


def test_conflicting_values_name_both_places(run, entry_workbook, tmp_path: Path) -> None:
    first = entry_workbook("county", {"涪城区": FUCHENG}, name="a.xlsx")
    second = entry_workbook(
        "county", {"涪城区": {"public.evaluation": 90}}, name="b.xlsx", certifier="mdb"
    )
    err = score_fails(run, tmp_path, first, second)
    assert (
        "b.xlsx › 填报 › C6：涪城区 · 主要就民生工程实施总体情况进行社会评估：此处填 90，"
        "与 a.xlsx › 填报 › P6 的 88.5 不一致"
    ) in err


def test_equal_values_in_two_files_are_fine(run, entry_workbook) -> None:
    first = entry_workbook("county", {"涪城区": FUCHENG}, name="a.xlsx")
    second = entry_workbook(
        "county", {"涪城区": {"public.evaluation": "88.50"}}, name="b.xlsx", certifier="mdb"
    )
    assert run("score", first, second, "--format", "json").code == 0


def test_duplicate_unit_rows_in_one_file(run, entry_workbook, tmp_path: Path) -> None:
    units = [Unit(name="涪城区", group="县市区"), Unit(name="涪城区\u3000", group="县市区")]
    path = entry_workbook("county", {"涪城区": FUCHENG, "涪城区\u3000": FUCHENG}, units=units)
    err = score_fails(run, tmp_path, path)
    assert (
        "county.xlsx › 填报 › A7：单位“涪城区”在同一文件中出现两次（另见 county.xlsx › 填报 › A6）"
        in err
    )


def test_workbook_without_key_row_is_an_unknown_layout(run, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["单位", "得分"])
    wb.active.append(["涪城区", 90])
    wb.save(path)
    before = path.read_bytes()
    result = run("score", path, "--kind", "county")
    assert result.code == 1
    assert f"{path}：没有找到含字段键行" in result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.xlsx"]


def test_values_without_unit_name(run, entry_workbook, tmp_path: Path) -> None:
    path = entry_workbook(
        "county", {"涪城区": FUCHENG}, units=[Unit(name="涪城区"), Unit(name="x")]
    )
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["填报"]["A7"] = None
    wb["填报"]["C7"] = "是"
    wb.save(path)
    err = score_fails(run, tmp_path, path)
    assert "county.xlsx › 填报 › C7：第 7 行填了数值但没有单位名称" in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "这是旧版 .xls 文件或设有密码的工作簿（如设了密码，请先取消密码），mypm 不能读取。"
            "请打开它另存为 .xlsx 工作簿——Excel：文件 › 另存为",
        ),
        ("data.csv", "单位,得分\n".encode(), "这是文本文件（如 CSV），不是填报工作簿"),
        (
            "renamed.xlsx",
            "单位,得分\n".encode(),
            "这是文本文件（如 CSV），不是填报工作簿",
        ),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "设有密码的工作簿"),
        ("empty.xlsx", b"", "文件是空的"),
        ("~$county.xlsx", b"\x00" * 165, "Excel 的临时锁定文件"),
    ],
)
def test_wrong_file_type_is_a_usage_error(
    run, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = score_fails(run, tmp_path, path, code=2)
    assert f"{path}：" in err and message in err


def test_missing_file_is_a_usage_error(run, tmp_path: Path) -> None:
    err = score_fails(run, tmp_path, tmp_path / "nope.xlsx", code=2)
    assert "nope.xlsx：文件不存在" in err


def test_unknown_option_is_a_usage_error(run) -> None:
    result = run("score", "x.xlsx", "--colour")
    assert result.code == 2
    assert "错误：没有选项 '--colour'。" in result.err
    english = run("score", "x.xlsx", "--colour", "--lang", "en")
    assert "Error: No such option '--colour'." in english.err


def test_strict_turns_warnings_into_failure(run, entry_workbook, tmp_path: Path) -> None:
    path = entry_workbook("county", {"涪城区": FUCHENG})
    result = run("score", path, "--strict")
    assert result.code == 1
    assert "单位“盐亭县”在名单中，但所有文件中都没有它的填报数据" in result.err
    assert not (tmp_path / "county-scored.xlsx").exists()


def test_output_is_never_an_input(run, entry_workbook) -> None:
    path = entry_workbook("county", {"涪城区": FUCHENG})
    result = run("score", path, "-o", path, "--force")
    assert result.code == 2
    assert "输出文件不能是输入文件之一" in result.err
