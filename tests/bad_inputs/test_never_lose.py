"""No file mypm did not write is ever replaced or deleted, and a set of files is written whole.

`publish --force` replaces only a folder that an earlier publish wrote whole (its marker lists
every file); `template --per-unit` gives every unit a file of its own, with a name at most 100
characters long, and writes the set all or nothing; a killed run leaves only a temporary folder
that the next run removes.
"""

from __future__ import annotations

import os
import shutil
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mypm.core import files
from mypm.core.errors import OutputError

REPO = Path(__file__).resolve().parents[2]
COUNTY = REPO / "examples" / "county-2013.xlsx"


def test_publish_force_replaces_a_folder_an_earlier_publish_wrote(run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("publish", COUNTY, "-o", site).code == 0
    marker = (site / files.MARKER).read_text(encoding="utf-8").splitlines()
    assert "index.html" in marker and any(n.startswith("units/") for n in marker)
    (site / "index.html").write_text("stale", encoding="utf-8")
    assert run("publish", COUNTY, "-o", site, "--force").code == 0
    assert (site / "index.html").read_text(encoding="utf-8") != "stale"


@pytest.mark.parametrize(
    "stranger",
    ["own-page.html", "notes/own.html", "county-2013.html", "photo.png"],
)
def test_publish_force_never_deletes_a_file_it_did_not_write(
    run, tmp_path: Path, stranger: str
) -> None:
    site = tmp_path / "site"
    assert run("publish", COUNTY, "-o", site).code == 0
    own = site / stranger
    own.parent.mkdir(exist_ok=True)
    own.write_bytes(b"the office's own file")
    result = run("publish", COUNTY, "-o", site, "--force")
    assert result.code == 2, result.err
    assert "不会被替换" in result.err and stranger.split("/")[-1] in result.err
    assert own.read_bytes() == b"the office's own file"
    assert (site / "index.html").is_file()


def test_publish_force_never_replaces_a_folder_of_the_users_pages(run, tmp_path: Path) -> None:
    site = tmp_path / "pages"
    site.mkdir()
    (site / "index.html").write_text("the office's own page", encoding="utf-8")
    result = run("publish", COUNTY, "-o", site, "--force")
    assert result.code == 2 and "不会被替换" in result.err
    assert (site / "index.html").read_text(encoding="utf-8") == "the office's own page"


def test_publish_never_replaces_a_folder_that_holds_an_input(run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("publish", COUNTY, "-o", site).code == 0
    workbook = site / "index.html"  # a workbook the office saved under a page's name
    shutil.copy(COUNTY, workbook)
    before = workbook.read_bytes()
    result = run("publish", workbook, "-o", site, "--force")
    assert result.code != 0
    assert workbook.read_bytes() == before


class _Competitor(dict[str, str]):
    """The pages of a run that, while they are written, sees another run finish first."""

    def __init__(self, folder: Path) -> None:
        super().__init__({"index.html": "ours"})
        self.folder = folder

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        self.folder.mkdir()
        (self.folder / "index.html").write_text("theirs", encoding="utf-8")
        return iter(dict(self).items())


def test_two_publish_runs_at_once_one_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with pytest.raises(OutputError) as refused:
        files.write_folder_atomically(site, _Competitor(site), force=False)
    assert refused.value.problems[0].message.key == "output.exists"  # type: ignore[union-attr]
    assert (site / "index.html").read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


UNITS = ["甲/乙", "甲:乙", "Town", "TOWN", "ｔｏｗｎ", "县" * 300]


def test_per_unit_forms_get_a_file_each_with_a_short_name(run, tmp_path: Path) -> None:
    units = tmp_path / "units.txt"
    units.write_text("\n".join(UNITS), encoding="utf-8")
    folder = tmp_path / "forms"
    result = run("template", "--kind", "county", "--per-unit", "--units", units, "-o", folder)
    assert result.code == 0, result.err
    written = sorted(folder.iterdir())
    assert len(written) == len(UNITS)
    assert all(len(p.name) <= files.MAX_NAME_CHARS for p in written)
    assert all(len(p.name.encode("utf-8")) <= files.MAX_NAME_BYTES for p in written)
    folded = {unicodedata.normalize("NFKC", p.name).casefold() for p in written}
    assert len(folded) == len(UNITS)  # no two names differ only in case
    named = {}
    for path in written:
        book = load_workbook(path)
        (unit,) = [u for u in UNITS if any(u in row for row in book.active.values)]
        named[unit] = path.name  # the full name is inside each workbook, on its unit's row
    assert set(named) == set(UNITS)
    assert named["县" * 300].startswith("county-填报-县")


def test_a_failed_per_unit_run_writes_no_file(run, tmp_path: Path, monkeypatch) -> None:
    from mypm.render.workbook import template

    real = template.write_template
    written: list[Path] = []

    def fail_on_the_fifth(rule_file, options, path: Path) -> None:  # type: ignore[no-untyped-def]
        if len(written) == 4:
            raise KeyboardInterrupt  # Ctrl-C, or SIGTERM/SIGHUP turned into an exception
        real(rule_file, options, path)
        written.append(path)

    monkeypatch.setattr(template, "write_template", fail_on_the_fifth)
    monkeypatch.setattr("mypm.api.write_template", fail_on_the_fifth, raising=False)
    fresh = tmp_path / "fresh"
    result = run("template", "--kind", "county", "--per-unit", "-o", fresh)
    assert result.code == 130
    assert not fresh.exists()
    assert list(tmp_path.iterdir()) == []

    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "notes.txt").write_text("kept", encoding="utf-8")
    written.clear()
    result = run("template", "--kind", "county", "--per-unit", "-o", existing)
    assert result.code == 130
    assert sorted(p.name for p in existing.iterdir()) == ["notes.txt"]


def test_a_per_unit_run_replaces_its_files_with_force_and_restores_them_on_failure(
    run, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "forms"
    assert run("template", "--kind", "county", "--per-unit", "-o", folder).code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert run("template", "--kind", "county", "--per-unit", "-o", folder).code == 2
    assert run("template", "--kind", "county", "--per-unit", "-o", folder, "--force").code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(before)

    def no_room(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = []
    real_replace = os.replace

    def replace_then_fail(source, target) -> None:  # type: ignore[no-untyped-def]
        calls.append(target)
        if len(calls) == 7:  # the fourth file's move, after three were in place
            no_room(Path(source), Path(target))
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", replace_then_fail)
    result = run("template", "--kind", "county", "--per-unit", "-o", folder, "--force")
    assert result.code == 2, result.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _gone_pid() -> int:
    """The id of no process: one past the highest the kernel gives (a finished child's id can
    be given again at once where processes are many)."""
    pid_max = Path("/proc/sys/kernel/pid_max")
    return int(pid_max.read_text()) + 1 if pid_max.exists() else 2**22 + 1


@pytest.mark.skipif(os.name != "posix", reason="a process's liveness is asked on POSIX")
def test_a_killed_run_leaves_only_a_temporary_folder_that_the_next_run_removes(
    run, tmp_path: Path
) -> None:
    left = tmp_path / f"{files.TEMP_PREFIX}{_gone_pid()}-0123456789abcdef"
    (left / "units").mkdir(parents=True)
    (left / "units" / "page.html").write_text("half", encoding="utf-8")
    a_day_ago = time.time() - 86_400  # before this test run began, however long it has run
    os.utime(left, (a_day_ago, a_day_ago))
    assert run("publish", COUNTY, "-o", tmp_path / "site").code == 0
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.skipif(os.name != "posix", reason="a process's liveness is asked on POSIX")
def test_another_runs_temporary_folder_is_never_touched(run, tmp_path: Path) -> None:
    """A run that started earlier and is still writing (here: this test's parent process, alive)
    keeps its temporary folder, though its pages went into a subfolder and left the folder's own
    time old."""
    writing = tmp_path / f"{files.TEMP_PREFIX}{os.getppid()}-fedcba9876543210"
    (writing / "units").mkdir(parents=True)
    (writing / "units" / "page.html").write_text("being written", encoding="utf-8")
    a_day_ago = time.time() - 86_400  # its age alone would make it stale; its process does not
    os.utime(writing, (a_day_ago, a_day_ago))
    replaced = tmp_path / f"{files.TEMP_PREFIX}{_gone_pid()}-00112233aabbccdd" / files.REPLACED
    replaced.mkdir(parents=True)
    (replaced / "form.xlsx").write_bytes(b"last year's form")
    os.utime(replaced.parent, (a_day_ago, a_day_ago))
    assert run("publish", COUNTY, "-o", tmp_path / "site").code == 0
    assert (writing / "units" / "page.html").read_text(encoding="utf-8") == "being written"
    assert (replaced / "form.xlsx").read_bytes() == b"last year's form"  # never deleted


def test_a_per_unit_run_that_fails_while_moving_in_takes_its_files_out_again(
    run, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    links = []
    real_link = os.link

    def link_then_fail(source, target) -> None:  # type: ignore[no-untyped-def]
        links.append(target)
        if len(links) == 3:  # two forms are in place
            raise OSError(28, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr(files.os, "link", link_then_fail)
    result = run("template", "--kind", "county", "--per-unit", "-o", folder)
    assert result.code == 2, result.err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="a device that is always full: Linux")
@pytest.mark.parametrize(
    "command",
    [
        ("score", COUNTY, "--format", "csv"),
        ("score", COUNTY, "--format", "json"),
        ("explain", COUNTY, "--unit", "涪城区"),
        ("compare", COUNTY, REPO / "examples" / "county-2013-corrected.xlsx"),
        ("validate",),
        ("--help",),
    ],
    ids=["csv", "json", "explain", "compare", "validate", "help"],
)
def test_a_full_standard_output_is_an_output_error_in_one_line(command: tuple[object, ...]) -> None:
    import subprocess
    import sys

    with FULL.open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mypm", *map(str, command)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "zh_CN.UTF-8"},
            cwd=REPO,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("无法写入标准输出"), result.stderr


def test_a_run_that_wrote_its_output_never_says_nothing_was_written(
    run, tmp_path: Path, monkeypatch
) -> None:
    """The scored workbook is written, then the problems list cannot be: the last line says
    what was written, not that nothing was."""
    from mypm import api

    def no_room(*args: object, **kwargs: object) -> None:
        raise OutputError([files.Problem("p.xlsx", files.Msg.of("output.locked"))])

    monkeypatch.setattr(api, "write_problems", no_room)
    scored = tmp_path / "scored.xlsx"
    result = run("score", COUNTY, "-o", scored, "--problems", tmp_path / "p.xlsx")
    assert result.code == 2, result.err
    assert scored.is_file()
    assert "未写出任何文件" not in result.err
    assert f"此前已写出 {scored}，其余未写出" in result.err


def test_an_output_and_the_problems_list_at_one_path_are_refused(run, tmp_path: Path) -> None:
    """-o and --problems naming one file: the scored workbook would have been replaced by the
    problems list without a word."""
    same = tmp_path / "same.xlsx"
    result = run("score", COUNTY, "-o", same, "--problems", tmp_path / "." / "same.xlsx")
    assert result.code == 2, result.err
    assert "两个输出是同一个文件" in result.err
    names = {p.name: p.value for p in load_workbook(same).custom_doc_props}
    assert "mypm.scored" not in names  # what is there is the problems list, as it says


def test_a_unit_named_like_a_windows_device_gets_a_file_windows_can_make() -> None:
    names = files.unique_file_names(["CON", "aux", "com1.x", "CONSOLE", "LPT9"], ".xlsx")
    assert names == ["CON_.xlsx", "aux_.xlsx", "com1_.x.xlsx", "CONSOLE.xlsx", "LPT9_.xlsx"]


@pytest.mark.skipif(os.name != "posix", reason="a pipe closed by its reader: POSIX")
def test_a_pipe_closed_by_its_reader_ends_the_run_quietly() -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "mypm", "score", str(COUNTY), "--format", "json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader leaves before the run writes (scoring takes a while)
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141, err
    assert err == ""
