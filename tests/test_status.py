"""`mypm status`: what has come back, per unit and certifier, and what is still missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import COUNTY
from mypm.core.rules import load_rule_file
from mypm.core.rules.model import Unit
from mypm.read.forms import entry_cell
from mypm.render.workbook.template import TemplateOptions, write_template

UNITS = [Unit(name="涪城区", group="县市区"), Unit(name="游仙区", group="县市区")]
# Each certifier's base fields in the county rules, at full marks (percent cells store 1.0)
FIELDS = {
    "self_document": {
        "org.leading_group": "是",
        "org.duties": "是",
        "org.rules": "是",
        "progress.plan": "是",
    },
    "self_explanation": {"progress.inspections": 2},
    "mslb": {
        "org.liaison": "是",
        "progress.rectification": "是",
        "progress.meetings.attendance": 1.0,
        "progress.meetings.reports": 4,
        "targets.completion": 1.0,
    },
    "finance": {"progress.funding": "是"},
    "third_party": {
        "disclosure.column": "是",
        "disclosure.quarterly": 4,
        "disclosure.history": "是",
    },
    "mdb": {"public.evaluation": 90},
    # these certify bonus items only: nothing is required of them, but their files come back
    "self_copy": {},
    "self_entries": {},
    "propaganda": {},
}


@pytest.fixture
def returns(tmp_path: Path, entry_workbook):
    """A folder of certifier files for two units; the test leaves one out or spoils one."""
    folder = tmp_path / "returned"
    folder.mkdir()
    units_file = tmp_path / "units.txt"
    units_file.write_text("涪城区\n游仙区\n", encoding="utf-8")

    def make(*, skip: str = "", data: dict[str, dict[str, dict]] | None = None) -> Path:
        for certifier, fields in FIELDS.items():
            if certifier == skip:
                continue
            values = (data or {}).get(certifier) or {u.name: fields for u in UNITS}
            path = entry_workbook(
                "county", values, name=f"{certifier}.xlsx", certifier=certifier, units=UNITS
            )
            path.rename(folder / path.name)
        return folder

    return make, units_file


def test_everything_returned_and_agreeing_exits_0(run, returns) -> None:
    make, units_file = returns
    result = run("status", make(), "--units", units_file)
    assert result.code == 0, result.out + result.err
    assert "已全部收齐，各文件一致。" in result.out
    assert "未交" not in result.out


def test_a_missing_file_a_half_filled_file_and_a_conflict(run, returns, tmp_path: Path) -> None:
    make, units_file = returns
    half = {
        k: v
        for k, v in FIELDS["mslb"].items()
        if k not in ("progress.meetings.reports", "targets.completion")
    }
    folder = make(
        skip="finance",
        data={
            "mslb": {"涪城区": FIELDS["mslb"], "游仙区": half},
            "third_party": {"涪城区": FIELDS["third_party"]},  # 游仙区's row left blank
        },
    )
    # a second evaluation for 涪城区 that disagrees with the first
    rule_file = load_rule_file(COUNTY)
    second = folder / "mdb-again.xlsx"
    write_template(rule_file, TemplateOptions(units=UNITS, certifier="mdb"), second)
    from fill import fill_entry_workbook

    fill_entry_workbook(second, {"涪城区": {"public.evaluation": 85}})
    (folder / "notes.xlsx").write_text("单位,得分\n", encoding="utf-8")  # a CSV renamed
    Workbook().save(folder / "blank.xlsx")  # a workbook with no entry sheet
    out = tmp_path / "status.xlsx"
    result = run("status", folder, "--units", units_file, "-o", out)
    assert result.code == 1
    # status.xlsx was written: stderr says so and never "nothing written"
    assert "未写出任何文件" not in result.err, result.err
    assert f"已写出 {out}" in result.err
    lines = result.out.splitlines()
    row = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
        for line in lines
        if line.startswith("│")
    }
    # columns: 自查提交文件 自查提交说明 自查提交复印件 自查提交条目 市民生办核定 市财政局核定
    #          市民生办委托第三方核查 市目督办组织 市委宣传部核定
    assert row == {
        "涪城区": ["✓", "✓", "✓", "✓", "✓", "未交", "✓", "✓", "✓"],
        "游仙区": ["✓", "✓", "✓", "✓", "缺 2 项", "未交", "缺 3 项", "✓", "✓"],
    }
    text = result.out
    assert "文件之间的冲突（1 处）：" in text
    assert "mdb.xlsx › 填报 › " in text and "mdb-again.xlsx › 填报 › " in text
    assert "无法读取的文件（1 个）：" in text and "notes.xlsx" in text
    assert "未识别的文件（1 个）：" in text and "blank.xlsx" in text
    # mslb's half-filled rows: the blank cells of the file that came back (reports F, completion G)
    assert "市民生办核定 尚缺 2 项：" in text
    # named by their labels, never their keys, in the file received
    assert (
        "游仙区 · 按时参会并及时报送相关情况·及时报送（季度自查报告及项目推进表）"
        " · mslb.xlsx › 填报 › F7" in text
    )
    assert "游仙区 · 对全年民生项目完成情况进行评定 · mslb.xlsx › 填报 › G7" in text
    assert "progress.meetings.reports" not in text and "targets.completion" not in text
    # finance sent nothing back: one line, not each cell of the form it was sent
    assert "未交：市财政局核定" in text
    assert "市财政局核定 尚缺" not in text and "county-填报-市财政局核定.xlsx" not in text
    # and counts once, as 未交, in the summary: the blanks owed are mslb's 2 and third_party's 3
    assert "尚未收齐：1 个考核组织未交，另缺 5 项，冲突 1 处" in text
    # the workbook: the matrix, a sheet for each certifier who returned forms with blank
    # cells, then the problems; under the matrix, who sent nothing and who owes nothing
    wb = load_workbook(out)
    assert wb.sheetnames == ["收回情况", "市民生办核定", "市民生办委托第三方核查", "问题"]
    assert [c.value for c in wb["收回情况"]["A"]][4:] == [
        "未交：市财政局核定",
        "无缺项：自查提交文件、自查提交说明、自查提交复印件、自查提交条目、市目督办组织、市委宣传部核定",
    ]
    assert [c.value for c in wb["收回情况"][3]] == [
        "游仙区",
        "✓",
        "✓",
        "✓",
        "✓",
        "缺 2 项",
        "未交",
        "缺 3 项",
        "✓",
        "✓",
    ]
    # third_party returned 游仙区's row blank: its three fields and cells in that file (C–E),
    # named by their labels (no field key)
    assert [c.value for c in wb["市民生办委托第三方核查"][1]] == ["单位", "考核指标", "单元格"]
    assert [r[2].value for r in wb["市民生办委托第三方核查"].iter_rows(min_row=2)] == [
        "third_party.xlsx › 填报 › C7",
        "third_party.xlsx › 填报 › D7",
        "third_party.xlsx › 填报 › E7",
    ]
    # the problems with what to do about each, as the terminal says it
    listed = [[c.value for c in r] for r in wb["问题"].iter_rows()]
    assert listed[0] == ["类别", "来源", "说明", "怎么办"]
    conflict = next(r for r in listed if r[0] == "文件之间的冲突（1 处）")
    assert conflict[1].startswith("mdb")
    assert conflict[3] == "请向“市目督办组织”核实哪个值正确，改正另一个文件中的值，或清空它"
    assert all(wb["问题"].cell(2, c).alignment.wrap_text for c in (3, 4))


def test_the_cell_named_for_a_missing_return_is_that_field_on_the_form_sent(tmp_path: Path) -> None:
    rule_file = load_rule_file(COUNTY)
    path = tmp_path / "mslb.xlsx"
    write_template(rule_file, TemplateOptions(units=UNITS, certifier="mslb"), path)
    ws = load_workbook(path)["填报"]
    for unit in UNITS:
        for key in FIELDS["mslb"]:
            where = entry_cell(rule_file, "mslb", UNITS, unit.name, key)
            assert where is not None
            assert (where.file, where.sheet) == ("county-填报-市民生办核定.xlsx", "填报")
            cell = ws[where.cell]
            assert ws.cell(5, cell.column).value == key  # the key row
            assert ws.cell(cell.row, 1).value == unit.name


# --- per-unit forms ------------------------------------------------------------------------------


def test_per_unit_forms_hold_one_unit_each_and_read_like_any_workbook(
    run, returns, tmp_path: Path
) -> None:
    from fill import fill_entry_workbook

    _, units_file = returns
    folder = tmp_path / "forms"
    result = run("template", "--kind", "county", "--per-unit", "--units", units_file, "-o", folder)
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == [
        "county-填报-涪城区.xlsx",
        "county-填报-游仙区.xlsx",
    ]
    full = {key: value for fields in FIELDS.values() for key, value in fields.items()}
    for unit in UNITS:
        path = folder / f"county-填报-{unit.name}.xlsx"
        wb = load_workbook(path)
        ws = wb["填报"]
        # laid out for one unit: its name heads the entry column (G) in the row the hidden key
        # column (H) marks "unit", then a row a field, each with its key in H
        assert (ws["G2"].value, ws["H2"].value) == (unit.name, "unit")
        assert ws.column_dimensions["H"].hidden
        assert ws.protection.sheet and ws["G2"].protection.locked
        keys = [leaf.key for leaf in load_rule_file(COUNTY).rules.leaves]
        keyed = {ws.cell(r, 8).value: r for r in range(3, ws.max_row + 1)}
        assert list(keyed) == [*keys, f"fields: {' '.join(keys)}"]  # and the list of them
        del keyed[f"fields: {' '.join(keys)}"]
        assert not any(ws.cell(r, 7).protection.locked for r in keyed.values())
        ranges = [r for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges]
        assert sorted(r.coord for r in ranges) == sorted(f"G{r}" for r in keyed.values())
        assert {p.name: p.value for p in wb.custom_doc_props}["mypm.unit"] == unit.name
        fill_entry_workbook(path, {unit.name: full})
    # every base field at full marks, evaluation 90/100 × 10 = 9: 99.00 each
    scored = run("score", folder, "--format", "json", "--units", units_file)
    assert scored.code == 0, scored.err
    assert '"total": 99' in scored.out and scored.out.count('"total": 99') == 2
    assert run("status", folder, "--units", units_file).code == 0


def test_forms_per_unit_and_certifier_are_named_apart(run, returns, tmp_path: Path) -> None:
    _, units_file = returns
    folder = tmp_path / "forms"
    args = ["--per-unit", "--by-certifier", "--units", units_file, "-o", folder]
    assert run("template", "--kind", "county", *args).code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 * 9  # two units, nine certifiers with fields
    assert "county-填报-市财政局核定-涪城区.xlsx" in names
    again = run("template", "--kind", "county", *args)
    assert again.code == 2
    assert "输出文件已存在" in again.err


def test_self_check_forms_have_their_own_column_and_inputs_stay_untouched(
    run, returns, tmp_path: Path
) -> None:
    make, units_file = returns
    folder = make()
    claims = folder / "self-check.xlsx"
    form = TemplateOptions(units=UNITS[:1], self_check=True, per_unit=True)
    write_template(load_rule_file(COUNTY), form, claims)
    from fill import fill_entry_workbook

    full = {key: value for fields in FIELDS.values() for key, value in fields.items()}
    fill_entry_workbook(claims, {"涪城区": full})  # 游仙区 has not sent its form yet
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("status", folder, "--units", units_file)
    # the certified data is complete; a self-check still outstanding does not make it incomplete
    assert result.code == 0, result.out
    row = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
        for line in result.out.splitlines()
        if line.startswith("│")
    }
    assert row["涪城区"][-1] == "✓" and row["游仙区"][-1] == "未交"
    assert "自查表" in result.out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_unreadable_value_is_a_problem_at_its_cell_not_a_blank(run, returns) -> None:
    make, units_file = returns
    folder = make()
    # 游仙区's 完成情况 in mslb.xlsx: 0.95 typed into a cell whose percent format was cleared
    # (0.95% or 95%?): the reader refuses it
    path = folder / "mslb.xlsx"
    wb = load_workbook(path)
    ws = wb["填报"]
    key = next(c for row in ws.iter_rows() for c in row if c.value == "targets.completion")
    unit = next(c for row in ws.iter_rows() for c in row if c.value == "游仙区")
    cell = ws.cell(unit.row, key.column)
    cell.value, cell.number_format = 0.95, "General"
    wb.save(path)
    result = run("status", folder, "--units", units_file)
    assert result.code == 1
    row = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
        for line in result.out.splitlines()
        if line.startswith("│")
    }
    # the mslb column (5th): nothing blank, 1 value that could not be read
    assert row["游仙区"][4] == "1 项无法读取"
    assert row["涪城区"][4] == "✓"
    assert f"mslb.xlsx › 填报 › {cell.coordinate}" in result.out
    assert "无法判断是 0.95% 还是 95%" in result.out
    assert "尚缺" not in result.out  # not a blank to chase
    assert "另缺 0 项，冲突 0 处，有问题的文件 0 个，错误 1 处" in result.out


def test_a_long_unit_name_is_cut_in_the_terminal_and_whole_in_json(run, returns) -> None:
    """A 301-character name (an office's list pasted whole) takes one line of the matrix and of
    the chase list, cut with …; the JSON names it whole."""
    import json

    make, units_file = returns
    long_name = "很长的单位名称" * 43
    units_file.write_text(f"涪城区\n游仙区\n{long_name}\n", encoding="utf-8")
    folder = make()
    result = run("status", folder, "--units", units_file)
    assert long_name not in result.out
    shown = [line for line in result.out.splitlines() if "很长的单位名称" in line]
    assert shown and all("…" in line and line.count("很长的单位名称") <= 3 for line in shown)
    document = json.loads(run("status", folder, "--units", units_file, "--format", "json").out)
    assert long_name in [unit["unit"] for unit in document["units"]]
