"""Files that are not what they claim, and hostile files: a clear message, exit 2, no output."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from badfiles import (
    ENTITY_BOMB,
    EXTERNAL_ENTITY,
    good_workbook,
    rewrite_member,
    with_doctype,
    zip_bomb,
)


def fails_cleanly(run, tmp_path: Path, *args: object, code: int, where: str, message: str) -> None:
    """Exit `code`, the file (and cell) named, nothing written, inputs' bytes unchanged."""
    inputs = [p for p in tmp_path.iterdir() if p.is_file()]
    before = {p: _bytes(p) for p in inputs}
    result = run("score", *args, "--kind", "county")
    assert result.code == code, result.err
    assert "Traceback" not in result.err and "内部错误" not in result.err
    assert where in result.err, result.err
    assert message in result.err, result.err
    assert sorted(p for p in tmp_path.iterdir() if p.is_file()) == sorted(inputs)
    assert {p: _bytes(p) for p in inputs} == before


def _bytes(path: Path) -> bytes:
    with path.open("rb") as file:  # not Path.read_bytes, which one test makes fail
        return file.read()


def valid_bytes(tmp_path: Path) -> bytes:
    path = good_workbook(tmp_path / "source.xlsx")
    data = path.read_bytes()
    path.unlink()
    return data


def truncated(tmp_path: Path) -> bytes:
    return valid_bytes(tmp_path)[:4000]


def no_workbook_inside(tmp_path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("old.xls", lambda _: OLE, "这是旧版 .xls 文件或设有密码的工作簿"),
        ("secret.xlsx", lambda _: OLE, "设有密码的工作簿（如设了密码，请先取消密码）"),
        (
            "table.xlsx",
            lambda _: "单位,得分\n涪城区,90\n".encode(),
            "这是文本文件（如 CSV），不是填报工作簿",
        ),
        ("notes.xlsx", lambda _: "随便写的文字".encode("gb18030"), "这是文本文件"),
        ("empty.xlsx", lambda _: b"", "文件是空的（0 字节）"),
        ("cut.xlsx", truncated, "文件已损坏或不是有效的 Excel 工作簿"),
        ("junk.xlsx", lambda _: b"PK\x03\x04" + bytes(200), "文件已损坏或不是有效的 Excel 工作簿"),
        (
            "inner.xlsx",
            no_workbook_inside,
            "这是压缩包（或已损坏的工作簿），其中没有 Excel 工作簿内容",
        ),
        ("~$county.xlsx", lambda _: bytes(165), "这是 Excel 的临时锁定文件"),
    ],
    ids=[
        "xls",
        "password",
        "csv-renamed",
        "text-renamed",
        "empty",
        "truncated-zip",
        "corrupt-zip",
        "zip-without-workbook",
        "excel-lock-file",
    ],
)
def test_file_that_is_not_a_workbook(run, tmp_path: Path, name: str, make, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    fails_cleanly(run, tmp_path, path, code=2, where=f"{path}：", message=message)


def test_lock_file_is_skipped_in_a_folder(run, tmp_path: Path) -> None:
    good_workbook(tmp_path / "county.xlsx")
    (tmp_path / "~$county.xlsx").write_bytes(bytes(165))
    result = run("score", tmp_path, "-o", tmp_path / "out.json", "--format", "json")
    assert result.code == 0, result.err
    assert '"unit": "涪城区"' in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_file_open_in_excel(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    real = os.open

    def locked(name: object, flags: int, *args: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied")
        return real(name, flags, *args)

    monkeypatch.setattr(os, "open", locked)
    fails_cleanly(
        run,
        tmp_path,
        path,
        code=2,
        where=f"{path}：",
        message="文件可能正在 Excel 中打开，请关闭后重试",
    )


@pytest.mark.parametrize("name", ["county.xlsm", "COUNTY.XLSX"])
def test_xlsm_and_upper_case_are_read(run, tmp_path: Path, name: str) -> None:
    path = good_workbook(tmp_path / "source.xlsx")
    target = path.rename(tmp_path / name)
    result = run("score", target, "--format", "json", "-o", tmp_path / "out.json")
    assert result.code == 0, result.err


def test_xml_is_parsed_with_defusedxml() -> None:
    """Input workbooks are parsed by mypm's reader, and what the tests read back with openpyxl
    (mypm's own output) by openpyxl: both through defusedxml."""
    import defusedxml.ElementTree
    from openpyxl.xml import functions

    from mypm.read import ooxml

    assert ooxml.iterparse is defusedxml.ElementTree.iterparse
    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse is defusedxml.ElementTree.iterparse


@pytest.mark.parametrize(
    ("doctype", "reference"),
    [(ENTITY_BOMB, "&lol3;"), (EXTERNAL_ENTITY, "&xxe;")],
    ids=["entity-bomb", "external-entity"],
)
def test_xml_entities_are_refused(run, tmp_path: Path, doctype: str, reference: str) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    rewrite_member(path, "xl/worksheets/sheet1.xml", with_doctype(doctype, reference))
    fails_cleanly(
        run,
        tmp_path,
        path,
        code=2,
        where=f"{path} › 填报：",
        message="文件已损坏或不是有效的 Excel 工作簿",
    )


def test_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 200_000  # 60 MB of zeros in about 60 KB
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mypm", "score", str(bomb), "--kind", "county", "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    with child.stderr:
        stderr = child.stderr.read()
    # this child's own peak: RUSAGE_CHILDREN would give the largest of every earlier child too
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    elapsed = time.perf_counter() - start
    assert child.returncode == 2, stderr
    assert "zip bomb" in stderr
    peak_kib = usage.ru_maxrss
    assert peak_kib < 200 * 1024, f"{peak_kib} KiB"
    print(f"zip bomb refused in {elapsed:.2f} s, peak {peak_kib / 1024:.0f} MiB")


def test_huge_used_range_is_not_walked(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["填报"]["XFD1048576"] = "stray"
    wb.save(path)
    result = run("score", path, "--format", "json", "-o", tmp_path / "out.json")
    assert result.code == 0, result.err


def test_wrong_declared_dimension_is_ignored(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda text: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:B2"', text),
    )
    result = run("score", path, "--format", "json", "-o", tmp_path / "out.json")
    assert result.code == 0, result.err
    assert '"unit": "涪城区"' in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_units_list_workbook_gets_the_same_checks(run, tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "units.xlsx")
    result = run("template", "--kind", "county", "--units", bomb, "-o", tmp_path / "t.xlsx")
    assert result.code == 2
    assert f"{bomb}：文件解压后异常巨大（疑似压缩炸弹），拒绝读取" in result.err
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize(
    "change",
    [
        with_doctype(EXTERNAL_ENTITY, "&xxe;"),
        with_doctype(ENTITY_BOMB, "&lol3;"),
        lambda text: text[: len(text) // 2],  # cut off
        lambda text: text.replace("</vt:lpwstr>", "</vt:lpwst>", 1),  # not well-formed
    ],
    ids=["external-entity", "entity-bomb", "truncated", "malformed"],
)
def test_damaged_metadata_part_is_named(run, tmp_path: Path, change) -> None:
    path = good_workbook(tmp_path / "county.xlsx")

    def in_property(text: str) -> str:  # the entity goes where a value is, not into a <v>
        return change(
            text.replace("mianyang-livelihood-county-2013</vt:lpwstr>", "<v></v>x</vt:lpwstr>", 1)
        )

    rewrite_member(path, "docProps/custom.xml", in_property)
    fails_cleanly(
        run,
        tmp_path,
        path,
        code=2,
        where=f"{path} › docProps/custom.xml：",
        message="文档属性部分已损坏或含有不允许的内容",
    )
