"""Renamed units: a unit list's 曾用名 column; a workbook using a former name is read as the unit,
with a note; compare matches last year's name with this year's."""

from __future__ import annotations

import json
from pathlib import Path

from mypm.core.rules.model import Unit
from test_status import FIELDS

WHOLE = {key: value for fields in FIELDS.values() for key, value in fields.items()}
LAST_YEAR = [Unit(name="安县", group="县市区"), Unit(name="涪城区", group="县市区")]


def units_now(tmp_path: Path, former: str = "安县") -> Path:
    path = tmp_path / "名单.csv"
    path.write_text(f"单位,分组,曾用名\n安州区,县市区,{former}\n涪城区,县市区,\n", "utf-8")
    return path


def test_a_former_name_is_read_as_the_unit_with_a_note(run, entry_workbook, tmp_path) -> None:
    old_form = entry_workbook("county", {"安县": WHOLE, "涪城区": WHOLE}, units=LAST_YEAR)
    result = run("score", old_form, "--units", units_now(tmp_path), "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert sorted(u["unit"] for u in document["units"]) == ["安州区", "涪城区"]
    notes = [i["message"] for i in document["issues"] if i["code"] == "merge.former_name"]
    assert notes == ["“安县”是 安州区 的曾用名，按 安州区 读取"]


def test_a_former_name_that_is_a_current_name_is_refused(run, entry_workbook, tmp_path) -> None:
    form = entry_workbook("county", {"涪城区": WHOLE}, units=LAST_YEAR)
    result = run("score", form, "--units", units_now(tmp_path, former="涪城区"))
    assert result.code == 2
    assert "曾用名“涪城区”与现有单位名或另一单位的曾用名相同" in result.err


def test_compare_matches_last_years_name_with_this_years(run, entry_workbook, tmp_path) -> None:
    last = entry_workbook(
        "county", {"安县": WHOLE, "涪城区": WHOLE}, units=LAST_YEAR, name="a.xlsx"
    )
    now_units = [Unit(name="安州区", group="县市区"), Unit(name="涪城区", group="县市区")]
    now = entry_workbook(
        "county", {"安州区": WHOLE, "涪城区": WHOLE}, units=now_units, name="b.xlsx"
    )
    units = units_now(tmp_path)
    unmatched = run("compare", last, now, "--units-a", tmp_path / "old.txt", "--format", "json")
    assert unmatched.code == 2  # old.txt does not exist: a usage error, as for score
    (tmp_path / "old.txt").write_text("安县\n涪城区\n", encoding="utf-8")
    result = run(
        "compare", last, now, "--units-a", tmp_path / "old.txt", "--units-b", units,
        "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["renamed"] == [{"a": "安县", "b": "安州区"}]
    assert document["units_only"] == {"a": [], "b": []}
    text = run("compare", last, now, "--units-a", tmp_path / "old.txt", "--units-b", units)
    assert "安县 即 安州区（曾用名），按同一单位比较" in text.out


def test_two_spellings_of_one_name_in_a_unit_list_are_refused_naming_both(
    run, tmp_path: Path
) -> None:
    """ｃ区 (full-width c) and c区 read as one unit: the list is refused, both spellings named,
    where it used to keep the first and drop the second without a word. The same name twice is
    one unit, as before."""
    units = tmp_path / "units.txt"
    units.write_text("涪城区\nｃ区\n涪城区\nc 区\n", encoding="utf-8")
    result = run("template", "--kind", "county", "--units", units, "-o", tmp_path / "t.xlsx")
    assert result.code == 2
    assert "“ｃ区”与“c 区”只差全角/半角字符或空格，mypm 会当作同一单位" in result.err
    assert not (tmp_path / "t.xlsx").exists()
    units.write_text("涪城区\nc区\n涪城区\n", encoding="utf-8")
    assert (
        run("template", "--kind", "county", "--units", units, "-o", tmp_path / "t.xlsx").code == 0
    )
