"""mypm as a library: the functions under the CLI give what the CLI gives, raise located errors,
write nothing they are not asked to, and keep `import mypm` light."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

import mypm
from conftest import COUNTY, REPO, RULES
from mypm.core.errors import InputFileError, MypmError, OptionError, RulesError, WorkbookError
from mypm.text.catalogue import problem_place
from test_score import FUCHENG

EXAMPLE = REPO / "examples" / "county-2013.xlsx"
LIBRARY = (REPO / "docs" / "en" / "library.md").read_text(encoding="utf-8")


def library_example() -> str:
    return LIBRARY.split("```python", 1)[1].split("```", 1)[0]


def test_the_library_page_example_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(library_example(), "library.md", "exec"), {})  # our own documentation
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 14  # the county example's 14 units, one line each
    assert lines[0].split()[:2] == ["1", "三台县"]
    assert (
        "2 江油市 96.42 优秀" in lines
    )  # the explain session of docs/en/commands.md: 94.92 + 4.00 − 2.50
    book = load_workbook(tmp_path / "county-填报.xlsx", read_only=True)
    assert "填报" in book.sheetnames
    book.close()


def test_score_gives_the_totals_and_ranks_of_score_json(run) -> None:
    result = run("score", EXAMPLE, "--format", "json")
    assert result.code == 0, result.err
    expected = [
        (u["unit"], Decimal(str(u["total"])), u["rank"]) for u in json.loads(result.out)["units"]
    ]

    scored = mypm.score(EXAMPLE)

    assert [(u.unit, u.total, u.rank) for u in scored.report.units] == expected
    assert len(expected) == 14
    jiangyou = next(u for u in scored.report.units if u.unit == "江油市")
    # the explain session of docs/en/commands.md: base 94.92, bonus 0 + 2 + 0 + 2 = 4.00,
    # deductions 0 + 0 + 0.5 + 2 + 0 = 2.50, total 94.92 + 4.00 − 2.50 = 96.42, rank 2
    assert (jiangyou.base, jiangyou.bonus, jiangyou.deductions) == (
        Decimal("94.92"),
        Decimal("4"),
        Decimal("2.5"),
    )
    assert (jiangyou.total, jiangyou.rank) == (Decimal("96.42"), 2)


def test_score_writes_nothing_and_leaves_the_inputs_alone(tmp_path: Path) -> None:
    folder = tmp_path / "returned"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    mypm.score(folder, kind="county", rules=RULES)  # a folder, the kind and rules as the CLI's

    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_a_bad_cell_raises_a_workbook_error_naming_file_sheet_and_cell(entry_workbook) -> None:
    path = entry_workbook("county", {"涪城区": {**FUCHENG, "progress.inspections": "三次"}})
    with pytest.raises(WorkbookError) as caught:
        mypm.score(path)
    assert caught.value.exit_code == 1
    located = [(p.file, p.sheet, p.cell) for p in caught.value.problems]
    assert ("county.xlsx", "填报", "I6") in located
    assert sorted(path.parent.iterdir()) == [path]


def test_strict_turns_a_warning_into_an_error(tmp_path: Path) -> None:
    # The example was made from the bundled rules; scored under an edited copy, its rules
    # sha256 no longer matches: a warning, which strict makes an error.
    rules = tmp_path / "rules"
    rules.mkdir()
    text = COUNTY.read_text(encoding="utf-8")
    (rules / "county.yaml").write_text(text + "\n# edited\n", encoding="utf-8")
    assert any(i.level == "warning" for i in mypm.score(EXAMPLE, rules=rules).report.issues)
    with pytest.raises(WorkbookError):
        mypm.score(EXAMPLE, rules=rules, strict=True)


@pytest.mark.parametrize(
    ("call", "error", "exit_code"),
    [
        (lambda tmp: mypm.score(tmp / "nowhere.xlsx"), InputFileError, 2),
        (lambda tmp: mypm.score(EXAMPLE, kind="city"), OptionError, 2),
        (lambda tmp: mypm.load_rules(tmp / "nowhere.yaml"), RulesError, 1),
        (lambda tmp: mypm.load_rules(RULES), OptionError, 2),  # two rule sets: which one?
        (
            lambda tmp: mypm.template(kind="county", certifier="nobody", output=tmp / "t.xlsx"),
            OptionError,
            2,
        ),
    ],
)
def test_errors_are_mypm_errors_with_located_problems(
    tmp_path: Path, call, error, exit_code
) -> None:
    with pytest.raises(error) as caught:
        call(tmp_path)
    assert isinstance(caught.value, MypmError) and caught.value.exit_code == exit_code
    assert caught.value.problems and all(problem_place(p) for p in caught.value.problems)
    assert list(tmp_path.iterdir()) == []


def test_load_rules_reads_a_file_a_folder_by_kind_and_the_bundled_rules() -> None:
    assert mypm.load_rules(COUNTY).rules.kind == "county"
    assert mypm.load_rules(RULES, kind="department").rules.kind == "department"
    assert mypm.load_rules(kind="county").sha256 == mypm.load_rules(COUNTY).sha256


def test_template_writes_the_workbook_it_returns_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    assert mypm.template(kind="county", certifier="finance", output=out) == [out]
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "填报"
    book.close()
    with pytest.raises(MypmError) as caught:
        mypm.template(kind="county", output=out)
    assert caught.value.exit_code == 2


def test_explain_unit_gives_the_tree_and_what_if_of_one_unit() -> None:
    explanation = mypm.explain_unit(mypm.score(EXAMPLE), "江油市")
    assert (explanation.unit.unit, explanation.unit.total) == ("江油市", Decimal("96.42"))
    assert explanation.goals


def test_write_scored_writes_the_json_score_prints(run, tmp_path: Path) -> None:
    out = tmp_path / "scored.json"
    mypm.write_scored(mypm.score(EXAMPLE), out)
    printed = json.loads(run("score", EXAMPLE, "--format", "json").out)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [u["total"] for u in written["units"]] == [u["total"] for u in printed["units"]]
    source = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, source)
    with pytest.raises(MypmError):  # never over an input, even with force
        mypm.write_scored(mypm.score(source), source, format="xlsx", force=True)
    assert source.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("name", [n for n in mypm.__all__ if n != "__version__"])
def test_every_public_function_is_documented_and_stays_callable(name: str) -> None:
    # importing mypm's submodules must not hide the library's functions
    import mypm.jobs.compare
    import mypm.jobs.status
    import mypm.render.explain
    import mypm.render.publish

    function = getattr(mypm, name)
    assert callable(function) and function.__doc__
    documented = LIBRARY + (REPO / "docs" / "en" / "season.md").read_text(encoding="utf-8")
    assert f"mypm.{name}" in documented or name in documented


def test_import_mypm_imports_nothing_heavy() -> None:
    code = (
        "import sys, mypm; "
        "print([m for m in ('mypm.api', 'click', 'openpyxl', 'pydantic', 'yaml', 'rich') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_click_is_imported_only_by_the_command_line() -> None:
    importers = set()
    for module in (REPO / "src" / "mypm").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "click" or n.startswith("click.") for n in names):
                importers.add(module.name)
    assert "cli.py" in importers and importers <= {"cli.py", "clickzh.py"}
