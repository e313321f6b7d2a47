"""Outputs: never a file the command reads, never a file that appeared meanwhile, never a
leftover temporary file, and the permissions a user expects."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from badfiles import GOOD_ROW, REPO, good_workbook

import mypm.core.files
from fill import fill_entry_workbook
from mypm.core.rules import load_rule_file
from mypm.core.rules.model import Unit
from mypm.render.workbook.template import TemplateOptions, write_template

# --- no file a command reads can be its output ----------------------------------------------


def _relative(target: Path, work: Path) -> Path:
    return Path(os.path.relpath(target, work))


def _absolute(target: Path, work: Path) -> Path:
    return target.resolve()


def _dotdot(target: Path, work: Path) -> Path:
    return target.parent / ".." / target.parent.name / target.name


def _symlink(target: Path, work: Path) -> Path:
    link = work / f"link{target.suffix}"
    link.symlink_to(target)
    return link


def _hard_link(target: Path, work: Path) -> Path:
    link = work / f"hard{target.suffix}"
    os.link(target, link)
    return link


SPELLINGS: dict[str, Callable[[Path, Path], Path]] = {
    "relative": _relative,
    "absolute": _absolute,
    "dotdot": _dotdot,
    "symlink": _symlink,
    "hard link": _hard_link,
}


def _inputs(work: Path) -> dict[str, Path]:
    data = work / "data"
    data.mkdir()
    shutil.copy(REPO / "rules" / "county.yaml", data / "county.yaml")
    (data / "units.txt").write_text("涪城区\n", encoding="utf-8")
    (data / "units.csv").write_text("单位\n涪城区\n", encoding="utf-8")
    _unit_workbook(data / "units.xlsx")  # a unit list may be a workbook (its 单位 column)
    return {
        "workbook": good_workbook(data / "in.xlsx"),
        "rule file": data / "county.yaml",
        "units txt": data / "units.txt",
        "units csv": data / "units.csv",
        "units xlsx": data / "units.xlsx",
    }


def _unit_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["单位", "分组"])
    wb.active.append(["涪城区", "县市区"])
    wb.save(path)


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize(
    ("command", "read"),
    [
        ("score", "workbook"),
        ("score", "rule file"),
        ("score", "units txt"),
        ("score", "units csv"),
        ("score", "units xlsx"),
        ("template", "rule file"),
        ("template", "units txt"),
        ("template", "units xlsx"),
    ],
)
def test_no_file_a_command_reads_is_its_output(
    run, tmp_path: Path, monkeypatch, command: str, read: str, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    files = _inputs(tmp_path)
    units = files[read] if read.startswith("units") else files["units txt"]
    output = SPELLINGS[spelling](files[read], tmp_path)
    before = {p: p.read_bytes() for p in files.values()}
    options = ["--rules", files["rule file"], "--units", units, "-o", output, "--force"]
    if command == "score":  # --format, so that -o's extension (.yaml, .txt) is no hindrance
        fmt = "csv" if output.suffix == ".csv" else "xlsx"
        result = run("score", files["workbook"], *options, "--format", fmt)
    else:
        result = run("template", "--kind", "county", *options)
    assert result.code == 2, result.err
    assert "输出文件不能是输入文件之一" in result.err
    assert {p: p.read_bytes() for p in files.values()} == before


def test_bundled_rules_are_never_an_output(run, tmp_path: Path, monkeypatch) -> None:
    bundled = tmp_path / "bundled"
    shutil.copytree(REPO / "rules", bundled)
    monkeypatch.setattr("mypm.core.rules.bundled_rules_dir", lambda: bundled)
    monkeypatch.setattr("mypm.jobs.rules.bundled_rules_dir", lambda: bundled)
    monkeypatch.setattr("mypm.jobs.clashes.bundled_rules_dir", lambda: bundled)
    rules = bundled / "county.yaml"
    before = rules.read_bytes()
    result = run("template", "--kind", "county", "-o", rules, "--force")
    assert result.code == 2 and "输出文件不能是输入文件之一" in result.err
    assert rules.read_bytes() == before


# --- the final move never replaces a file that appeared during the run ----------------------

OUTPUT_KINDS = {
    "score xlsx": ("score", "{in}", "-o", "{out}.xlsx"),
    "score json": ("score", "{in}", "--format", "json", "-o", "{out}.json"),
    "score csv": ("score", "{in}", "--format", "csv", "-o", "{out}.csv"),
    "template": ("template", "--kind", "county", "-o", "{out}.xlsx"),
}


def _args(kind: str, source: Path, out: Path) -> list[str]:
    return [a.replace("{in}", str(source)).replace("{out}", str(out)) for a in OUTPUT_KINDS[kind]]


@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_a_file_that_appears_during_the_run_is_kept(
    run, tmp_path: Path, monkeypatch, kind: str
) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    args = _args(kind, source, tmp_path / "out")
    out = Path(args[-1])
    real_set_mode = mypm.core.files._set_mode

    def someone_else_writes(temporary: Path, target: Path) -> None:
        out.write_bytes(b"someone else's file")  # another program saves there meanwhile
        real_set_mode(temporary, target)

    monkeypatch.setattr(mypm.core.files, "_set_mode", someone_else_writes)
    result = run(*args)
    assert result.code == 2, result.err
    assert f"{out}：输出文件已存在" in result.err
    assert out.read_bytes() == b"someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx", out.name]


def _mypm(*args: object, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "mypm", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        **kwargs,
    )


def test_two_runs_to_one_output_do_not_both_succeed(tmp_path: Path) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    out = tmp_path / "out.xlsx"
    runs = [_mypm("score", source, "-o", out, "--quiet") for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in runs)
    assert codes == [0, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.xlsx", "out.xlsx"]


# --- no temporary file is left behind -------------------------------------------------------


def _big_workbook(path: Path, units: int) -> Path:
    names = [f"单位{i}" for i in range(units)]
    rule_file = load_rule_file(REPO / "rules" / "county.yaml")
    unit_list = [Unit(name=n, group="县市区") for n in names]
    write_template(rule_file, TemplateOptions(units=unit_list), path)
    fill_entry_workbook(path, dict.fromkeys(names, GOOD_ROW))
    return path


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory) -> Path:
    return _big_workbook(tmp_path_factory.mktemp("big") / "big.xlsx", 3_000)


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and SIGHUP are POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("command", ["score", "template"])
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, big_workbook: Path, command: str, signum: int
) -> None:
    source = tmp_path / "big.xlsx"
    shutil.copy(big_workbook, source)
    units = tmp_path / "units.txt"
    units.write_text("\n".join(f"单位{i}" for i in range(20_000)), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    if command == "score":
        process = _mypm("score", source, "--units", units, "-o", out, "--quiet")
    else:
        process = _mypm("template", "--kind", "county", "--units", units, "-o", out)
    deadline = time.monotonic() + 300  # a loaded machine builds 20,000 rows slowly
    while not _temporaries(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if not _temporaries(tmp_path):
        _, err = process.communicate(timeout=60)
        pytest.fail(f"the run ended before it wrote anything: {err.decode()}")
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert b"Traceback" not in err
    assert _temporaries(tmp_path) == []
    assert not out.exists()


def test_a_later_run_removes_stale_temporary_files(run, tmp_path: Path) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    an_hour_ago = time.time() - 3600
    stale = [tmp_path / ".mypm-tmp-k1ll3d.xlsx", tmp_path / ".mypm-tmp-x9.csv"]
    others = [tmp_path / ".out-abc.xlsx", tmp_path / ".mypm-tmp-folder"]
    for path in [*stale, others[0]]:
        path.write_bytes(b"left by a killed run")
        os.utime(path, (an_hour_ago, an_hour_ago))
    others[1].mkdir()
    assert run("score", source, "-o", tmp_path / "out.xlsx").code == 0
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in others)  # not mypm's, or not a file: left alone


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_force_keeps_the_replaced_files_permissions(run, tmp_path: Path, kind: str) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    args = _args(kind, source, tmp_path / "out")
    out = Path(args[-1])
    out.write_bytes(b"last year's")
    out.chmod(0o640)
    assert run(*args, "--force").code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_a_new_output_follows_the_umask(run, tmp_path: Path, kind: str, umask: int) -> None:
    source = good_workbook(tmp_path / "county.xlsx")
    args = _args(kind, source, tmp_path / "out")
    previous = os.umask(umask)
    try:
        assert run(*args).code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(Path(args[-1]).stat().st_mode) == 0o666 & ~umask
