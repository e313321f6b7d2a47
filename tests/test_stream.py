"""The scored workbook is streamed: XlsxWriter's constant_memory mode puts each row on disk as it
is written, so memory does not grow with the units, and nothing of it is left behind when the
writing stops half-way."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest

from mypm.core.rules.model import Unit
from mypm.jobs.scoring import ScoreOptions, score_files
from mypm.render.workbook.scored import write_scored_workbook
from test_score import FUCHENG


@pytest.fixture
def scored(entry_workbook, tmp_path: Path):
    """Score `count` units that all typed 涪城区's inputs."""

    def make(count: int):  # type: ignore[no-untyped-def]
        units = [Unit(name=f"单位{i:04d}", group="组") for i in range(count)]
        path = entry_workbook("county", {u.name: FUCHENG for u in units}, units=units)
        unit_list = tmp_path / "units.txt"
        unit_list.write_text("".join(f"{u.name}\n" for u in units), encoding="utf-8")
        return score_files([path], ScoreOptions(units_file=unit_list))

    return make


def _peak_while_writing(scored, path: Path) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        write_scored_workbook(path, scored.report, scored.rule_file.rules)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_details(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # too many units to print: no row heights and page breaks, which are kept per row
    monkeypatch.setattr("mypm.render.workbook.scored.MAX_PAGE_BREAKS", 10)
    few, many = scored(100), scored(500)
    small = _peak_while_writing(few, tmp_path / "few.xlsx")
    large = _peak_while_writing(many, tmp_path / "many.xlsx")
    # 400 more units are 14,000 more 明细 rows, 140,000 cells: held until the end they would
    # take over 10 MB (XlsxWriter keeps a cell in about 80 bytes, its text besides)
    assert large - small < 2_000_000, (small, large)
    with zipfile.ZipFile(tmp_path / "many.xlsx") as archive:
        # streamed text is written in its cell, not gathered into a shared table
        assert "xl/sharedStrings.xml" not in archive.namelist()


def test_a_write_stopped_half_way_leaves_no_row_files(
    scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    result = scored(3)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    def interrupted(step: str, done: int, total: int | None) -> None:
        raise KeyboardInterrupt  # Ctrl-C once the first rows are on disk

    with pytest.raises(KeyboardInterrupt):
        write_scored_workbook(
            tmp_path / "out.xlsx", result.report, result.rule_file.rules, progress=interrupted
        )
    assert list(temporary.iterdir()) == []
