"""mypm runs on its declared dependencies: openpyxl is the tests' independent reader of what
mypm writes (the `test` extra), never something a command needs, and lxml is not needed at all."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import COUNTY_STATUS_SHEETS, REPO

EXAMPLES = REPO / "examples"
# Python with openpyxl unimportable (`import openpyxl` raises ImportError), then mypm's command
WITHOUT_OPENPYXL = (
    "import sys; sys.modules['openpyxl'] = None; from mypm.cli import main; "
    "sys.exit(main(sys.argv[1:]))"
)


def run_without_openpyxl(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_OPENPYXL, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_blocker_blocks() -> None:
    code = "import sys; sys.modules['openpyxl'] = None; import openpyxl"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "ModuleNotFoundError: import of openpyxl halted" in result.stderr


@pytest.mark.parametrize(
    ("args", "output_option", "sheets"),
    [
        (["template", "--kind", "county"], "-o", ["填报", "说明"]),
        (
            ["score", EXAMPLES / "county-2013.xlsx", "-q"],
            "-o",
            ["汇总", "总分图", "明细", "失分分析", "问题", "规则"],
        ),
        (
            ["status", EXAMPLES / "county-2013-split"],
            "-o",
            COUNTY_STATUS_SHEETS,
        ),
        (
            [
                "compare",
                EXAMPLES / "county-2013-self-check.xlsx",
                EXAMPLES / "county-2013.xlsx",
                "-q",
            ],
            "-o",
            ["比较汇总", "字段变化", "自查高报"],
        ),
        (["score", EXAMPLES / "county-2013.xlsx", "-q", "--problems"], "", ["其他"]),
    ],
    ids=["template", "score", "status", "compare", "problems"],
)
def test_no_command_needs_openpyxl(
    tmp_path: Path, args: list[object], output_option: str, sheets: list[str]
) -> None:
    out = tmp_path / "out.xlsx"
    # --problems names the list; the scored workbook goes to -o all the same
    options = [output_option, out] if output_option else [out, "-o", tmp_path / "scored.xlsx"]
    result = run_without_openpyxl(*args, *options)
    assert result.returncode == 0, result.stderr
    assert load_workbook(out, read_only=True).sheetnames == sheets


def test_the_runtime_dependencies_hold_neither_openpyxl_nor_lxml() -> None:
    """What `pip install mypm` installs, read from the installed mypm's metadata."""
    runtime, test = set(), set()
    for requirement in requires("mypm") or []:
        name = re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0].lower()
        marker = requirement.partition(";")[2]
        if not marker:
            runtime.add(name)
        elif re.fullmatch(r"\s*extra\s*==\s*[\"']test[\"']\s*", marker):
            test.add(name)
    assert runtime == {"click", "pyyaml", "pydantic", "rich", "defusedxml", "jinja2", "xlsxwriter"}
    assert "openpyxl" in test
    assert "lxml" not in runtime | test
