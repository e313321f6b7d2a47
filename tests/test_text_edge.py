"""Issue 22: text only at the edge. The trace carries a yes/no answer as a boolean and a blank as
blank; the screen says them in the user's language, JSON and the workbooks as the office writes
them (是/否, 空) whatever the language."""

from __future__ import annotations

import ast
import json
import re

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


# --- no Chinese in the code outside the text package -------------------------------------------

SOURCE = REPO / "src" / "mypm"
TEXT_PACKAGE = SOURCE / "text"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def cjk_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant holding a CJK character or full-width punctuation,
    f-strings' parts included; docstrings and pydantic `description=` texts (documentation) are
    left out."""
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                exempt.add(id(first.value))
        if isinstance(node, ast.keyword) and node.arg == "description":
            exempt.update(id(n) for n in ast.walk(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and CJK.search(node.value)
    ]


def test_no_module_outside_the_text_package_has_chinese_in_a_string() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{line}: {text!r}"
        for path in sorted(SOURCE.rglob("*.py"))
        if not path.is_relative_to(TEXT_PACKAGE)
        for line, text in cjk_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_chinese_check_finds_a_word_a_join_and_an_f_string_but_not_documentation() -> None:
    module = '''"""说明：模块的文档。"""
from pydantic import BaseModel, Field


class Answer(BaseModel):
    """是/否。"""

    award_if: str = Field("yes", description="填“是”得分")


def shown(value: bool, names: list[str], unit: str) -> str:
    """文档。"""
    label = "是" if value else "no"
    return "、".join(names) + f"{unit}（{label}）"
'''
    assert sorted(cjk_literals(module)) == [(13, "是"), (14, "、"), (14, "（"), (14, "）")]
