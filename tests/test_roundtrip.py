"""Hostile text survives every output, read back by readers nobody here wrote.

Unit and group names, rule texts (a category, an indicator, a grade) and the input's file name hold
formula characters, `<`, `&`, quotes and characters outside the Basic Multilingual Plane; the file
name also holds a control character. The scored workbook is read with openpyxl, the JSON with
json.loads and the CSV with Python's csv module. Each text must come back whole and as text: a
formula-like text never becomes a formula (in a CSV it carries the quote prefix Excel shows as
text). A workbook cell holds the control character escaped as Excel escapes it (_x0001_), which
openpyxl leaves to its `unescape`, as Excel and LibreOffice do when they open the file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.utils.escape import unescape

from conftest import COUNTY

UNITS = [
    "=1+2",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3",
    "<b>&amp;</b> & <",
    "\"引号\" '单引'",
    "𠀀𝄞😀县",
]
GROUP = '=组<&>"𠀀"'
CATEGORY = "@类别<&>'😀'"
INDICATOR = '-指标<i>&"𝄞"'
GRADE = "+优秀<&>"
FILE_NAME = '=1+2 <&> "q" 𠀀\x01.xlsx'


def full_marks(measure: dict[str, Any], points: Any) -> Any:
    """The input that earns a leaf's full points (SPEC §2.1)."""
    kind = measure["type"]
    if kind == "yes_no":
        return "否" if measure.get("award_if") == "no" else "是"
    return {"count": measure.get("target"), "percent": 100, "score": measure.get("scale")}.get(
        kind, points
    )


def hostile_rules(path: Path) -> list[tuple[str, Any]]:
    """The county rules with hostile names; returns each base field's key and full-marks input."""
    rules = yaml.safe_load(COUNTY.read_text(encoding="utf-8"))
    rules["units"] = [{"name": name, "group": GROUP} for name in UNITS]
    rules["categories"][0]["name"] = CATEGORY
    rules["categories"][0]["indicators"][0]["name"] = INDICATOR
    rules["grades"][0]["name"] = GRADE
    path.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")
    fields = []
    for category in rules["categories"]:
        for indicator in category["indicators"]:
            key = f"{category['id']}.{indicator['id']}"
            for part in indicator.get("parts") or [indicator]:
                leaf_key = key if part is indicator else f"{key}.{part['id']}"
                fields.append((leaf_key, full_marks(part["measure"], part["points"])))
    return fields


def hostile_entries(folder: Path) -> tuple[Path, Path]:
    """The hostile rule file and an entry workbook (named FILE_NAME) in which every unit has
    full marks, both in `folder`."""
    rule_path = folder / "hostile.yaml"
    fields = hostile_rules(rule_path)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["unit", *(key for key, _ in fields)])
    for name in UNITS:
        sheet.append([name, *(value for _, value in fields)])
        sheet.cell(sheet.max_row, 1).data_type = "s"  # typed as text, as Excel does after a '
    source = folder / FILE_NAME
    workbook.save(source)
    return rule_path, source


def test_hostile_text_round_trips_through_workbook_json_and_csv(run, tmp_path: Path) -> None:
    rule_path, source = hostile_entries(tmp_path)
    options = ("--rules", rule_path, "--kind", "county", "--lang", "zh")

    result = run("score", source, *options, "-o", tmp_path / "out.xlsx", "--quiet")
    assert result.code == 0, result.err
    scored = openpyxl.load_workbook(tmp_path / "out.xlsx")
    cells = [cell for ws in scored.worksheets for row in ws.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell may be a formula"
    texts = [unescape(c.value) for c in cells if c.data_type == "s"]
    for name in [*UNITS, GROUP, GRADE]:
        assert name in texts, name
    for text in (CATEGORY, INDICATOR, FILE_NAME):
        assert any(text in t for t in texts), text

    result = run("score", source, *options, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert sorted(u["unit"] for u in data["units"]) == sorted(UNITS)
    assert {(u["group"], u["grade"]) for u in data["units"]} == {(GROUP, GRADE)}
    assert [Path(i["path"]).name for i in data["inputs"]] == [FILE_NAME]

    result = run("score", source, *options, "--format", "csv")
    assert result.code == 0, result.err
    header, *rows = csv.reader(io.StringIO(result.out.removeprefix("\ufeff")))

    def shown(text: str) -> str:  # Excel shows '=1+2 as the text =1+2
        return f"'{text}" if text[0] in "=+-@" else text

    assert sorted(row[header.index("单位")] for row in rows) == sorted(map(shown, UNITS))
    assert {row[header.index("分组")] for row in rows} == {shown(GROUP)}
    assert {row[header.index("等次")] for row in rows} == {shown(GRADE)}
    assert any(CATEGORY in title for title in header)
