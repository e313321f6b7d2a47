"""Writing: user text stays text, nothing half-written, a locked output is named."""

from __future__ import annotations

import csv
import gc
import io
import os
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from badfiles import GOOD_ROW, good_workbook
from openpyxl.utils.escape import unescape

import mypm.core.files
from mypm.core.rules.model import Unit

HOSTILE_NAMES = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", '=HYPERLINK("x")']


def hostile_workbook(tmp_path: Path) -> Path:
    """A workbook whose unit names Excel would run as formulas if written carelessly."""
    from fill import fill_entry_workbook
    from mypm.core.rules import load_rule_file
    from mypm.render.workbook.template import TemplateOptions, write_template

    rule_file = load_rule_file(Path(__file__).resolve().parents[2] / "rules" / "county.yaml")
    units = [Unit(name=name, group="=GROUP()") for name in HOSTILE_NAMES]
    path = tmp_path / "county.xlsx"
    write_template(rule_file, TemplateOptions(units=units), path)
    fill_entry_workbook(path, {name: GOOD_ROW for name in HOSTILE_NAMES})
    (tmp_path / "units.txt").write_text("\n".join(HOSTILE_NAMES), encoding="utf-8")
    return path


def test_template_writes_formula_like_names_as_text(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(hostile_workbook(tmp_path))["填报"]
    for row, name in enumerate(HOSTILE_NAMES, start=6):
        cell = ws.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (name, "s", True)


def test_scored_workbook_writes_user_text_as_text(run, tmp_path: Path) -> None:
    path = hostile_workbook(tmp_path)
    units = tmp_path / "units.txt"  # the office's list, as these names are not the rule set's
    assert run("score", path, "--units", units, "-o", tmp_path / "out.xlsx").code == 0
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    names = {}
    for row in wb["汇总"].iter_rows(min_row=4):
        names[row[1].value] = (row[1].data_type, row[1].quotePrefix, row[2].value)
    assert names == {name: ("s", True, "=GROUP()") for name in HOSTILE_NAMES}
    for row in wb["明细"].iter_rows(min_row=2):
        assert row[0].data_type == "s"


def test_csv_output_defuses_formulas(run, tmp_path: Path) -> None:
    path = hostile_workbook(tmp_path)
    units = tmp_path / "units.txt"
    assert run("score", path, "--units", units, "-o", tmp_path / "out.csv").code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r[2] for r in rows[1:]) == sorted(f"'{name}" for name in HOSTILE_NAMES)
    assert {r[3] for r in rows[1:]} == {"'=GROUP()"}


def test_control_characters_and_overlong_text(run, tmp_path: Path) -> None:
    units = tmp_path / "units.txt"
    # U+0007 and U+FFFF are both characters an XML file cannot hold
    units.write_text("涪城区\n铃\x07声\uffff区\n" + "长" * 40_000 + "\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    assert run("template", "--kind", "county", "--units", units, "-o", out).code == 0
    ws = openpyxl.load_workbook(out)["填报"]
    assert ws["A7"].value == "铃声区"
    assert len(ws["A8"].value) == 32_767 and ws["A8"].value.endswith("…")

    source = good_workbook(tmp_path / "county.xlsx")
    result = run("score", source, "--units", units, "-o", tmp_path / "out.xlsx")
    assert result.code == 0, result.err
    assert "文字超过 Excel 单元格上限（32767 字），已截断" in result.err
    # the scored workbook keeps every character, escaped as Excel escapes them (_x0007_)
    issues = [r[3].value for r in openpyxl.load_workbook(tmp_path / "out.xlsx")["问题"].iter_rows()]
    assert any(value and "铃\x07声\uffff区" in unescape(value) for value in issues)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file names may be any bytes")
def test_undecodable_file_name_is_shown_with_a_replacement_character(run, tmp_path: Path) -> None:
    source = good_workbook(tmp_path / os.fsdecode(b"\xff.xlsx"))
    out = tmp_path / "out.xlsx"
    result = run("score", source, "-o", out)
    assert result.code == 0, result.err
    rows = openpyxl.load_workbook(out)["明细"].iter_rows(min_row=2, values_only=True)
    assert next(rows)[7] == "\ufffd.xlsx"  # the unit's heading names the file of its places
    assert next(rows)[7] == "填报 › C6"


def test_a_lone_utf16_half_in_a_unit_list_is_a_replacement_character(run, tmp_path: Path) -> None:
    # an .xlsx unit list can hold an escaped UTF-16 half (_xD800_): no workbook can hold it, and
    # writing it crashed mypm (exit 70); it reads as U+FFFD, in the group's line as in 汇总
    units = tmp_path / "units.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["单位", "分组"])
    wb.active.append(["涪城区", "组_xD800_"])
    wb.save(units)
    out = tmp_path / "out.xlsx"
    result = run("score", good_workbook(tmp_path / "county.xlsx"), "--units", units, "-o", out)
    assert result.code == 0, result.err
    scored = openpyxl.load_workbook(out)
    summary = [cell for row in scored["汇总"].iter_rows(values_only=True) for cell in row]
    assert "组\ufffd" in summary
    assert scored["明细"]["B2"].value.startswith("分组 组\ufffd　总分")


def test_failed_save_keeps_the_previous_output(run, tmp_path: Path, monkeypatch) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"last year's result")

    real = xlsxwriter.Workbook.close

    def disk_full(wb: xlsxwriter.Workbook) -> None:
        real(wb)
        path = Path(wb.filename)
        with path.open("r+b") as half:  # the disk fills up halfway through the file
            half.truncate(path.stat().st_size // 2)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", disk_full)
    result = run("score", source, "-o", out, "--force")
    assert result.code == 2
    assert f"{out}：写入失败，原有文件未改动：[Errno 28] No space left on device" in result.err
    assert out.read_bytes() == b"last year's result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx", "out.xlsx"]


@pytest.mark.parametrize("cells", [20, 200])  # in 汇总, in 明细
def test_disk_full_while_writing_leaves_no_traceback_behind(
    run, tmp_path: Path, monkeypatch, cells: int
) -> None:
    """Half-written sheets are given up without "Exception ignored" tracebacks when they are
    collected, and without files left behind."""
    source = good_workbook(tmp_path / "county.xlsx")
    real, calls = xlsxwriter.worksheet.Worksheet.write_string, []

    def full(*args, **kwargs):  # the disk fills up at the nth text cell
        calls.append(1)
        if len(calls) == cells:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsxwriter.worksheet.Worksheet, "write_string", full)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    result = run("score", source, "-o", tmp_path / "out.xlsx")
    gc.collect()
    assert result.code == 2 and "No space left on device" in result.err
    assert unraisable == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx"]


def test_locked_output_is_retried_then_named(run, tmp_path: Path, monkeypatch) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"open in Excel")
    attempts = []

    def locked(src: object, dst: object) -> None:
        attempts.append(dst)
        raise PermissionError(13, "locked")

    monkeypatch.setattr(mypm.core.files.os, "replace", locked)
    monkeypatch.setattr(mypm.core.files, "REPLACE_WAIT_SECONDS", 0)
    result = run("score", source, "-o", out, "--force")
    assert result.code == 2
    assert f"{out}：无法写入：文件可能正在 Excel 中打开，请关闭后重试" in result.err
    assert len(attempts) == mypm.core.files.REPLACE_RETRIES
    assert out.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx", "out.xlsx"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_text_outputs_are_atomic_too(run, tmp_path: Path, fmt: str) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / f"out.{fmt}"
    out.write_text("old", encoding="utf-8")
    assert run("score", source, "--format", fmt, "-o", out).code == 2
    assert out.read_text(encoding="utf-8") == "old"


# --- text from the rule file: escaped for the terminal, never a formula ---------------------


def renamed_rules(tmp_path: Path, prefix: str) -> Path:
    """county.yaml with `prefix` before the title, a category, an indicator, a part and every
    grade (the ids stay, so a county workbook still matches)."""
    import re

    text = (Path(__file__).resolve().parents[2] / "rules" / "county.yaml").read_text("utf-8")
    for name in ("组织管理体系", "领导体系健全", "按时参会"):
        text = text.replace(f"name: {name},", f"name: '{prefix}{name}',")
        text = text.replace(f"name: {name}\n", f"name: '{prefix}{name}'\n")
    text = re.sub(r"^title: (.*)$", rf"title: '{prefix}\1'", text, count=1, flags=re.M)
    text = re.sub(r"\{name: (\S+), min:", rf"{{name: '{prefix}\1', min:", text)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "county.yaml").write_text(text, encoding="utf-8")
    return rules


@pytest.mark.parametrize("markup", ["[/]", "[bold red]", "[link=x]"])
def test_rule_texts_are_shown_literally_on_the_terminal(run, tmp_path: Path, markup) -> None:
    rules = renamed_rules(tmp_path, markup)
    source = good_workbook(tmp_path / "county.xlsx")
    result = run("score", source, "--rules", rules, "-o", tmp_path / "out.xlsx")
    assert result.code == 0, result.err
    assert f"{markup}组织管理体系" in result.out.replace("\n", "")
    assert f"{markup}优秀" in result.out  # 90 + … : GOOD_ROW scores in the top grade
    assert "Traceback" not in result.err


def test_nothing_is_written_when_the_ranking_cannot_be_shown(
    run, tmp_path: Path, monkeypatch
) -> None:
    source = good_workbook(tmp_path / "county.xlsx")

    def broken(*args: object) -> None:
        raise RuntimeError("the terminal table failed")

    monkeypatch.setattr("mypm.render.terminal._ranking_table", broken)
    result = run("score", source, "-o", tmp_path / "out.xlsx")
    assert result.code == 70
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx"]


def _formula_like_cells(path: Path) -> list[tuple[str, object, str, bool]]:
    wb = openpyxl.load_workbook(path)
    return [
        (f"{ws.title}!{cell.coordinate}", cell.value, cell.data_type, cell.quotePrefix)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))
    ]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_rule_texts_are_never_formulas_in_workbooks(run, tmp_path: Path, prefix: str) -> None:
    rules = renamed_rules(tmp_path, prefix)
    template = tmp_path / "template.xlsx"
    assert run("template", "--kind", "county", "--rules", rules, "-o", template).code == 0
    cells = _formula_like_cells(template)
    shown = {value for _, value, _, _ in cells}
    for name in ("组织管理体系", "领导体系健全", "按时参会"):
        assert any(value.startswith(prefix + name) for value in shown), (name, shown)
    assert [c for c in cells if c[2:] != ("s", True)] == []

    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "out.xlsx"
    assert run("score", source, "--rules", rules, "-o", out).code == 0
    cells = _formula_like_cells(out)
    shown = {value for _, value, _, _ in cells}
    assert {f"{prefix}优秀", f"{prefix}组织管理体系", f"{prefix}领导体系健全"} <= shown, shown
    assert [c for c in cells if c[2:] != ("s", True)] == []


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_rule_texts_are_never_formulas_in_csv(run, tmp_path: Path, prefix: str) -> None:
    rules = renamed_rules(tmp_path, prefix)
    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "out.csv"
    assert run("score", source, "--rules", rules, "--format", "csv", "-o", out).code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][4] == f"'{prefix}组织管理体系（4）"
    assert rows[1][-1] == f"'{prefix}优秀"


def test_disk_full_while_writing_a_template_keeps_the_old_one_and_prints_no_traceback(
    run, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "county-填报.xlsx"
    out.write_bytes(b"last year's form")
    real, calls = zipfile.ZipFile.writestr, []

    def full(*args, **kwargs):  # the disk fills up on the 5th part of the file
        calls.append(1)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    result = run("template", "--kind", "county", "-o", out, "--force")
    gc.collect()
    assert result.code == 2 and "No space left on device" in result.err, result.err
    assert "Traceback" not in result.err and unraisable == []
    assert out.read_bytes() == b"last year's form"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county-填报.xlsx"]
