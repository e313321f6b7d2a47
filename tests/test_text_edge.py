"""Issue 22: text only at the edge. The trace carries a yes/no answer as a boolean and a blank as
blank; the screen says them in the user's language, JSON and the workbooks as the office writes
them (是/否, 空) whatever the language."""

from __future__ import annotations

import json

from conftest import REPO
from test_score import COUNTY_DATA

EXAMPLE = REPO / "examples" / "county-2013.xlsx"
LIAISON = "有明确固定的工作联络员"  # org.liaison, a yes/no field worth 1 point


def test_explain_says_a_yes_no_answer_in_the_users_language(run) -> None:
    # 涪城区 answered 否 for org.liaison in the example: 0 of 1 point, and the what-if flips it
    chinese = run("explain", EXAMPLE, "--unit", "涪城区").out
    assert f"{LIAISON}  0.00 / 1  失 1.00  否 → 0.00" in chinese
    assert f"{LIAISON} 否 → 是（+1.00）" in chinese
    english = run("explain", EXAMPLE, "--unit", "涪城区", "--lang", "en").out
    assert f"{LIAISON}  0.00 / 1  lost 1.00  no → 0.00" in english
    assert f"{LIAISON} no → yes (+1.00)" in english
    assert "否 →" not in english and "→ 是" not in english


def test_json_holds_a_yes_no_answer_as_the_office_writes_it_in_both_languages(run) -> None:
    for lang in ("zh", "en"):
        scored = json.loads(run("score", EXAMPLE, "--format", "json", "--lang", lang).out)
        unit = next(u for u in scored["units"] if u["unit"] == "涪城区")
        assert unit["fields"]["org.liaison"]["value"] == "否"
        assert unit["fields"]["org.leading_group"]["value"] == "是"
        explained = run("explain", EXAMPLE, "--unit", "涪城区", "--format", "json", "--lang", lang)
        changes = [c for g in json.loads(explained.out)["what_if"] for p in g["plans"] for c in p]
        liaison = next(c for c in changes if c["key"] == "org.liaison")
        assert (liaison["from"], liaison["to"]) == ("否", "是")


def test_a_blank_input_in_the_what_if(run, entry_workbook) -> None:
    # 江油市 left org.liaison blank (scored 0 with --allow-missing); typing 是 gains its point
    data = {unit: dict(values) for unit, values in COUNTY_DATA.items()}
    del data["江油市"]["org.liaison"]
    path = entry_workbook("county", data)
    args = ("explain", path, "--unit", "江油市", "--allow-missing")
    assert f"{LIAISON} 空 → 是（+1.00）" in run(*args).out
    assert f"{LIAISON} blank → yes (+1.00)" in run(*args, "--lang", "en").out
    for lang in ("zh", "en"):
        doc = json.loads(run(*args, "--format", "json", "--lang", lang).out)
        changes = [c for g in doc["what_if"] for p in g["plans"] for c in p]
        liaison = next(c for c in changes if c["key"] == "org.liaison")
        assert (liaison["from"], liaison["to"]) == ("空", "是")
