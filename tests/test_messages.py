"""Issue 16: problems and issues are codes with parameters, said in the user's language only
when shown. The same run gives the same codes and parameters in Chinese and in English; every
key the source uses is in the catalogue in both languages; importing the core never loads the
catalogue; every cell a person reads is named one way."""

from __future__ import annotations

import ast
import json
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COUNTY, REPO
from mypm.core.errors import Problem
from mypm.core.messages import Msg
from mypm.core.results import Issue, Source
from mypm.core.rules import load_rule_file
from mypm.text.catalogue import CATALOGUE, say, say_problem, set_language

SOURCE = REPO / "src" / "mypm"
EXAMPLES = REPO / "examples"


def issues_of(run, *args: object, lang: str) -> list[dict]:
    result = run("score", *args, "--format", "json", "--lang", lang)
    assert result.code == 0, result.err
    return json.loads(result.out)["issues"]


def test_json_issues_have_the_same_codes_and_params_in_both_languages(run, tmp_path: Path) -> None:
    folder = tmp_path / "returned"
    shutil.copytree(EXAMPLES / "county-2013-split", folder)
    (folder / "readme.txt").write_text("各单位请于1月15日前报送", encoding="utf-8")
    (folder / "old").mkdir()
    units = tmp_path / "units.txt"  # the rules' units, and one that sent nothing
    listed = [u.name for u in load_rule_file(COUNTY).rules.assessed_units]
    units.write_text("\n".join([*listed, "安州区"]), encoding="utf-8")
    zh = issues_of(run, folder, "--units", units, lang="zh")
    en = issues_of(run, folder, "--units", units, lang="en")

    def data(issues: list[dict]) -> list[tuple]:
        return [(i["level"], i["code"], i["params"], i["unit"], i["source"]) for i in issues]

    assert data(zh) == data(en)
    assert [i["message"] for i in zh] != [i["message"] for i in en]
    found = {(i["code"], json.dumps(i["params"], ensure_ascii=False)) for i in zh}
    assert ("merge.no_row", '{"unit": "安州区"}') in found
    assert ("input.skipped_other", "{}") in found
    assert ("input.skipped_folder", "{}") in found
    said = {i["code"]: (i["message"], e["message"]) for i, e in zip(zh, en, strict=True)}
    assert said["merge.no_row"] == (
        "单位“安州区”在名单中，但所有文件中都没有它的填报数据，未参加评分",
        "unit '安州区' is listed but no file has any value for it; it is not scored",
    )


def test_a_cell_named_in_a_message_is_said_one_way() -> None:
    message = Msg.of(
        "merge.conflict",
        unit="涪城区",
        field="公开",
        value="2.50",
        other=Msg.of("label.yes"),
        where=Source("a.xlsx", "填报", "D6"),
    )
    set_language("zh")
    assert say(message) == "涪城区 · 公开：此处填 2.50，与 a.xlsx › 填报 › D6 的 是 不一致"
    set_language("en")
    assert say(message) == "涪城区, 公开: 2.50 here differs from yes at a.xlsx > 填报 > D6"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "zh",
            "a.xlsx › 填报 › D6：单位“甲”在同一文件中出现两次（另见 a.xlsx › 填报 › D5）；"
            "删去其中一行，或把两行合成一行",
        ),
        (
            "en",
            "a.xlsx > 填报 > D6: unit '甲' appears twice in one file (also at a.xlsx > 填报 > "
            "D5); delete one of the rows, or combine them into one",
        ),
    ],
)
def test_a_problem_is_said_with_its_cell_message_and_advice(lang: str, line: str) -> None:
    first = Source("a.xlsx", "填报", "D5")
    problem = Source("a.xlsx", "填报", "D6").problem(
        Msg.of("merge.duplicate_row", unit="甲", first=first), Msg.of("merge.duplicate_row_advice")
    )
    set_language(lang)  # type: ignore[arg-type]
    assert say_problem(problem) == line


def test_lists_are_joined_in_the_language_shown() -> None:
    message = Msg.of("score.unknown_kind", kind="city", kinds=("county", "department"))
    set_language("zh")
    assert say(message) == "没有 kind 为“city”的规则集；可用：county、department"
    set_language("en")
    assert say(message) == "no rule set of kind 'city'; available: county, department"


def test_an_issue_without_a_cell_is_placed_by_where() -> None:
    issue = Issue("info", Msg.of("input.skipped_other"), where="in/readme.txt")
    set_language("zh")
    assert say_problem(issue.as_problem()) == "in/readme.txt：不是电子表格文件，已跳过"
    assert say_problem(Problem("", "已说好的话")) == "已说好的话"


# --- every key the source uses is in the catalogue, in both languages, with its parameters ----


def msg_calls() -> list[tuple[str, int, ast.Call, list[str]]]:
    """Every `Msg.of(...)` call in mypm's source: its file, line, and the keys it may make (a
    key chosen by `a if c else b`, also through a variable of the same function)."""
    calls = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)] or [tree]
        for scope in scopes:
            for node in ast.walk(scope):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "of"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "Msg"
                ):
                    keys = possible_keys(node.args[0], scope)
                    calls.append((path.relative_to(SOURCE).as_posix(), node.lineno, node, keys))
    return list({(f, n): (f, n, c, k) for f, n, c, k in calls}.values())  # nested functions


def possible_keys(expression: ast.expr, scope: ast.AST) -> list[str]:
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, ast.IfExp):
        return possible_keys(expression.body, scope) + possible_keys(expression.orelse, scope)
    if isinstance(expression, ast.Name):
        return [
            key
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == expression.id for t in node.targets)
            for key in possible_keys(node.value, scope)
        ]
    return []


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_source_makes_messages() -> None:
    # the files this issue converted hold no text of their own any more
    files = {file for file, _, _, _ in msg_calls()}
    assert {
        "core/merge.py",
        "core/rules/loader.py",
        "core/rules/ruleset.py",
        "jobs/scoring.py",
        "read/units.py",
        "core/files.py",
    } <= files


# A leaf's arithmetic (an `explain.*` message made by a measure) gets its rounded score when it
# is said (labels.leaf_text): the only parameter a renderer adds.
SAID_WITH = {"score"}


def test_every_message_key_is_in_the_catalogue_with_its_parameters() -> None:
    wrong = []
    for file, line, call, keys in msg_calls():
        if not keys:
            wrong.append(f"{file}:{line}: the key is not written out")
        given = {k.arg for k in call.keywords}
        if "count" in given:
            given.add("s")
        for key in keys:
            if key not in CATALOGUE:
                wrong.append(f"{file}:{line}: {key} is not in the catalogue")
                continue
            entry = CATALOGUE[key]
            if len(entry) != 2 or not all(entry):
                wrong.append(f"{file}:{line}: {key} lacks Chinese or English")
                continue
            if None in given:
                continue  # **params: checked where they are made
            added = SAID_WITH if key.startswith("explain.") else set()
            for template in entry:
                missing = placeholders(template) - given - added
                if missing:
                    wrong.append(f"{file}:{line}: {key} is not given {', '.join(sorted(missing))}")
    assert wrong == []


def test_core_modules_load_no_catalogue() -> None:
    core = (
        "mypm.core.errors",
        "mypm.core.results",
        "mypm.core.messages",
        "mypm.core.files",
        "mypm.read.units",
        "mypm.core.rules",
        "mypm.core.rules.ruleset",
    )
    script = (
        f"import sys\nfor m in {core!r}: __import__(m)\nprint('mypm.text.catalogue' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


@pytest.mark.parametrize(
    "module",
    [
        "core/merge.py",
        "core/rules/loader.py",
        "core/rules/ruleset.py",
        "core/errors.py",
        "core/results.py",
    ],
)
def test_the_core_imports_no_i18n(module: str) -> None:
    tree = ast.parse((SOURCE / module).read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert "mypm.text.catalogue" not in imported


def test_the_problems_list_says_each_problem_once_with_its_advice_apart(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from mypm.render.workbook.problems import write_problems

    set_language("zh")
    cell = Source("a.xlsx", "填报", "A8").problem(
        Msg.of("merge.unknown_unit", unit="市人社"), Msg.of("merge.unknown_unit_advice")
    )
    general = Problem("--units", Msg.of("units.empty"), Msg.of("merge.duplicate_row_advice"))
    listed = tmp_path / "problems.xlsx"
    write_problems(listed, [general, cell])
    wb = load_workbook(listed)
    rows = {ws.title: [[c.value for c in r] for r in ws.iter_rows(min_row=3)] for ws in wb}
    assert rows == {
        "a": [
            [
                "填报",
                "A8",
                "单位“市人社”不在规则的单位名单中",
                None,
                "把单位名称改成名单中的写法；如果名单本身要改，请用 --units 指定本单位名单",
            ]
        ],
        "其他": [[None, None, "--units：单位清单为空", None, "删去其中一行，或把两行合成一行"]],
    }


@pytest.mark.parametrize(
    ("new", "zh", "en"),
    [
        (
            "        measure: {type: yes_no}\n"
            "        parts: [{id: x, name: 甲, points: 4, measure: {type: yes_no}}]",
            ":19:9：categories[0].indicators[0]：考核指标须有 measure 或 parts 二者之一"
            "（不能都有，也不能都没有）",
            ":19:9: categories[0].indicators[0]: an indicator has either `measure` or `parts`, "
            "not both or neither",
        ),
        (
            "        parts: []",
            ":24:9：categories[0].indicators[0].parts：parts 不能为空",
            ":24:9: categories[0].indicators[0].parts: `parts` must not be empty",
        ),
    ],
    ids=["measure-and-parts", "no-parts"],
)
def test_the_rule_models_own_checks_are_said_in_the_users_language(
    run, tmp_path: Path, new: str, zh: str, en: str
) -> None:
    from test_rules import MINIMAL, replace_line, write

    path = write(tmp_path, replace_line(MINIMAL, 24, new))  # indicator a's measure
    assert run("validate", path).err.splitlines()[0] == f"{path}{zh}"
    assert run("validate", path, "--lang", "en").err.splitlines()[0] == f"{path}{en}"


def test_a_problem_quotes_a_long_name_cut_and_a_path_whole() -> None:
    """An error line quotes at most 40 characters of what the user typed (a unit's name of
    32,000 characters, say), but names a file however long its path."""
    from mypm.core.errors import Problem
    from mypm.text.catalogue import say_problem

    name = "长" * 32_000
    path = "/" + "folder/" * 20 + "rules.yaml"
    unknown = Problem("b.xlsx › 填报 › A6", Msg.of("merge.unknown_unit", unit=name))
    line = say_problem(unknown)
    assert "长" * 39 + "…" in line and "长" * 40 not in line
    assert len(line) < 200
    missing = Problem("--rules", Msg.of("rules.not_found", path=path))
    assert path in say_problem(missing)
