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
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO

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
    assert f"{folder / name}: {what}" in result.err
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
