"""Shared fixtures: run the CLI in-process, and paths to the bundled rules."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from fill import fill_entry_workbook
from mypm.cli import main
from mypm.core.rules import load_rule_file
from mypm.core.rules.model import Unit
from mypm.render.workbook.template import TemplateOptions, write_template
from mypm.text.catalogue import set_language

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
COUNTY = RULES / "county.yaml"
DEPARTMENT = RULES / "department.yaml"
# status.xlsx of the county example: everything came back, so the matrix is its one sheet
COUNTY_STATUS_SHEETS = ["收回情况"]


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see what a user on a Chinese Windows desktop sees, unless they ask for --lang en."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_language(None)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run `mypm ARGS...` in-process and return its exit code, stdout and stderr."""

    def invoke(*args: object) -> Result:
        set_language(None)
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def entry_workbook(tmp_path: Path):
    """Make a filled entry workbook the way a user would: template, then type values in."""

    def make(
        kind: str,
        data: dict[str, dict[str, object]],
        *,
        name: str | None = None,
        certifier: str | None = None,
        units: list[Unit] | None = None,
    ) -> Path:
        path = tmp_path / (name or f"{kind}.xlsx")
        rule_file = load_rule_file(RULES / f"{kind}.yaml")
        write_template(rule_file, TemplateOptions(units=units, certifier=certifier), path)
        fill_entry_workbook(path, data)
        return path

    return make


def libreoffice(convert_to: str, outdir: Path, *files: Path, timeout: int = 300) -> None:
    """Convert `files` with headless LibreOffice (`pdf`, `csv:…`, `xlsx:…`) into `outdir`, with
    a profile of its own so that another soffice running does not interfere. Skips when
    LibreOffice is missing, except under CI, where .ci/run installs it."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have soffice (.ci/run installs it)")
        pytest.skip("needs soffice")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            convert_to,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        check=True,
        timeout=timeout,
        env={**os.environ, "LANG": "C.UTF-8"},  # a locale it has, for the sheets' file names
    )


@pytest.fixture
def returned(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A season of two units with every certifier's form back at full marks (test_status's
    FIELDS), and 宣传报道 claimed as 2 national articles: no evidence received yet."""
    from fill import fill_entry_workbook
    from mypm.read.entries import open_input
    from test_status import FIELDS

    units = tmp_path / "单位名单.csv"
    names = ["涪城区", "游仙区"]
    units.write_text("单位,分组\n" + "".join(f"{u},县市区\n" for u in names), encoding="utf-8")
    root = tmp_path / "2013年度考核"
    made = run("init", root, "--kind", "county", "--units", units, "--deadline", "2014-01-20")
    assert made.code == 0, made.err
    monkeypatch.chdir(root)
    assert run("template", "--by-certifier").code == 0
    mail = tmp_path / "回收"
    mail.mkdir()
    for form in sorted((root / "发出表格").glob("*.xlsx")):
        book = open_input(form)
        book.close()
        certifier = book.metadata.get("mypm.certifier", "")
        values = {"bonus.publicity.national": 2} if certifier == "self_entries" else {}
        values = FIELDS.get(certifier, values) or values
        if not values:
            continue
        copy = mail / form.name
        copy.write_bytes(form.read_bytes())
        fill_entry_workbook(copy, {u: values for u in names})
    received = run("receive", mail, "--received-at", "2014-01-15 10:00")
    assert received.code == 0, received.err
    return root
