"""Cost bounded by the limits: only regular files are read, sizes are checked before reading,
and every bound on files, numbers and work holds for the whole run."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from badfiles import REPO, good_workbook

MEMORY_LIMIT = 1536 * 1024 * 1024
SPECIAL = {
    "fifo": "不是普通文件",
    "dev zero": "不是普通文件",
    "3 GB": "",  # the message depends on what the file should be: see SIZE
}
SIZE = {".xlsx": "文件超过 200 MB", ".yaml": "规则文件过大", ".txt": "文件超过 10 MB"}

# (what the file is, how it is passed, its name)
PLACES = {
    "workbook": (["score", "{file}"], "bad.xlsx"),
    "workbook in a folder": (["score", "{folder}"], "bad.xlsx"),
    "rule file": (["score", "{good}", "--rules", "{file}"], "bad.yaml"),
    "rule folder": (["score", "{good}", "--rules", "{folder}"], "bad.yaml"),
    "units txt": (["score", "{good}", "--units", "{file}"], "bad.txt"),
    "units xlsx": (["template", "--kind", "county", "--units", "{file}"], "bad.xlsx"),
}


def _make_special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev zero":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as file:  # sparse: 3 GB long, nothing on disk
            file.truncate(3 * 1024**3)


def mypm_bounded(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run mypm in a child process with at most 1.5 GB of address space, so that a wait or a
    runaway read fails this test instead of hanging the suite or starving the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    try:
        return subprocess.run(
            [sys.executable, "-m", "mypm", *map(str, args), "--lang", "zh"],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mypm ran for more than {timeout} s")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("special", SPECIAL)
@pytest.mark.parametrize("place", PLACES)
def test_only_regular_files_are_read_and_their_size_comes_first(
    tmp_path: Path, place: str, special: str
) -> None:
    args, name = PLACES[place]
    folder = tmp_path / "in"
    folder.mkdir()
    if place == "rule folder":
        shutil.copy(REPO / "rules" / "county.yaml", folder / "county.yaml")
    bad = folder / name
    _make_special(bad, special)
    good = good_workbook(tmp_path / "good.xlsx")
    out = tmp_path / "out.xlsx"
    result = mypm_bounded(*[a.format(file=bad, folder=folder, good=good) for a in args], "-o", out)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert f"{bad}: {SPECIAL[special] or SIZE[bad.suffix]}" in result.stderr
    assert not out.exists()
