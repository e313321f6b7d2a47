"""The README and the CLI stay honest about each other (like sqlite-utils' test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from mypm.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command: str) -> None:
    result = run(command, "--help")
    assert result.code == 0
    assert cli.commands[command].help


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`mypm {command}" in README


def quick_start() -> list[str]:
    block = README.split("## Quick start", 1)[1].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    install_and_score, install_and_test = quick_start()
    assert install_and_score.startswith("pip install . && mypm score examples/")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    pattern = re.search(r'grep -m1 -E "(.+?)" README.md', ci)
    assert pattern is not None
    assert re.match(pattern.group(1), install_and_test)
    assert install_and_test.endswith("pytest")


def test_quick_start_example_scores(run, tmp_path: Path) -> None:
    example, *options = quick_start()[0].split("mypm score ", 1)[1].split()
    result = run("score", REPO / example, *options, "-o", tmp_path / "out.xlsx", "--quiet")
    assert result.code == 0, result.err
    assert (tmp_path / "out.xlsx").exists()


def test_help_starts_without_heavy_imports() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from mypm.cli import main; "
        "rc = main(['--help']); "
        "heavy = [m for m in ('openpyxl', 'pydantic', 'rich', 'yaml') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_score_reads_and_writes_without_openpyxl(tmp_path: Path) -> None:
    # mypm reads inputs with its own parse and writes with XlsxWriter: openpyxl (and numpy,
    # which it loads where installed) would cost every run a quarter of a second of its start
    import subprocess
    import sys

    code = (
        "import sys; from mypm.cli import main; "
        f"rc = main(['score', {str(REPO / 'examples' / 'county-2013.xlsx')!r}, "
        f"'-o', {str(tmp_path / 'out.xlsx')!r}, '--quiet']); "
        "print(rc, [m for m in sys.modules if m.split('.')[0] == 'openpyxl'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"
    assert (tmp_path / "out.xlsx").exists()


def test_examples_are_made_from_the_current_rules() -> None:
    # examples/make_examples.py remakes them; run it after any change to rules/
    from mypm.core.rules import load_rule_file
    from mypm.read.entries import open_input

    for example in sorted((REPO / "examples").rglob("*-2013*.xlsx")):
        if example.stem.endswith("-scored"):
            continue
        book = open_input(example)
        kind = book.metadata["mypm.kind"]
        rules = load_rule_file(REPO / "rules" / f"{kind}.yaml")
        assert book.metadata["mypm.rules_sha256"] == rules.sha256, example.name
        book.close()


def test_the_compare_examples_are_made_from_the_current_rules() -> None:
    # examples/make_examples.py remakes them; run it after any change to rules/
    import importlib.util

    from mypm.core.rules import load_rule_file
    from mypm.read.entries import open_input

    spec = importlib.util.spec_from_file_location(
        "make_examples", REPO / "examples" / "make_examples.py"
    )
    assert spec is not None and spec.loader is not None
    make_examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_examples)
    next_rules = REPO / "examples" / "county-2014.yaml"
    assert next_rules.read_text(encoding="utf-8") == make_examples.next_year_rules()
    book = open_input(REPO / "examples" / "county-2014.xlsx")
    assert book.metadata["mypm.rules_sha256"] == load_rule_file(next_rules).sha256
    book.close()
    book = open_input(REPO / "examples" / "county-2013-self-check.xlsx")
    assert book.metadata["mypm.self_check"] == "true"
    book.close()


# Every command the site and the README show, run against the bundled examples -------------------

import docs_console  # noqa: E402  (tests/docs_console.py: the convention and the runner)


@pytest.mark.parametrize("group", docs_console.groups(), ids=lambda group: group[0])
def test_every_command_shown_prints_what_the_page_shows(group: list[str], tmp_path: Path) -> None:
    failures = docs_console.check(group, tmp_path)
    assert not failures, "\n\n".join(failures)


def test_the_user_guide_shows_the_season() -> None:
    # the season runs in one folder, in the order of the site's navigation
    shown = {
        step.command.split()[1]
        for page in docs_console.SEASON_PAGES
        for step in docs_console.steps(page)
        if step.command.startswith("mypm ")
    }
    assert {
        "init",
        "validate",
        "template",
        "receive",
        "status",
        "extend",
        "score",
        "explain",
        "publish",
        "compare",
        "log",
        "verify",
    } <= shown
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    places = [nav.index(page) for page in docs_console.SEASON_PAGES]
    assert places == sorted(places)


def test_the_comparison_of_shown_and_printed_can_fail() -> None:
    assert docs_console.matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert not docs_console.matches(["a", "…", "d"], ["a", "b", "c"])
    assert not docs_console.matches(["a", "b"], ["a", "b", "c"])  # a line the page leaves out
    assert not docs_console.matches(["共 6 个问题"], ["共 7 个问题"])
