"""Cost bounded by the limits: only regular files are read, sizes are checked before reading,
and every bound on files, numbers and work holds for the whole run."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from badfiles import (
    GOOD_ROW,
    REPO,
    good_workbook,
    incompressible_shared_strings,
    rewrite_member,
    with_extra_members,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from mypm.core import budget
from mypm.core.rules.loader import MAX_RULE_NUMBER
from mypm.core.values import MAX_COUNT

MEMORY_LIMIT = 1536 * 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = f"{RELATIONSHIPS}/worksheet"
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
    assert f"{bad}：{SPECIAL[special] or SIZE[bad.suffix]}" in result.stderr
    assert not out.exists()


# --- numbers: every bound holds, and nothing within the bounds can break the arithmetic ------

COUNTY_TEXT = (REPO / "rules" / "county.yaml").read_text(encoding="utf-8")
COUNTY_EXAMPLE = REPO / "examples" / "county-2013.xlsx"


def _line_column(text: str, needle: str) -> str:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        ("measure: {type: per_item, per: 1}", "measure: {type: per_item, per: 1}", "1"),
        ("base_points: 100", "base_points: 1000001", "1000001"),
        ("points: 75", "points: 1.0e30", "1.0e30"),
        ("per: 0.5}", "per: 0.1234567}", "0.1234567"),
        ("per: 0.5}", "per: 1.0e999999999}", "1.0e999999999"),
        ("{name: 优秀, min: 90", "{name: 优秀, min: -1000001", "-1000001"),
        ("target: 2}", "target: 100000000000000000000000000}", "100000000000000000000000000"),
        (
            "targets.completion: 69.83,",
            "targets.completion: 69.830000000000000000000000001,",
            "69.830000",
        ),
        # YAML 1.2 numbers without a point, and with digit separators, are bounded too
        ("cap: 5\n", "cap: 1e40\n", "1e40"),
        ("points: 75", "points: 1e308", "1e308"),
        ("per: 0.5}", "per: 1e999999999}", "1e999999999"),
        ("points: 75", "points: 1_000_000_000", "1_000_000_000"),
    ],
    ids=[
        *("at-the-bound", "base", "points", "places", "exponent", "grade", "target", "expect"),
        *("cap-1e40", "points-1e308", "per-1e999999999", "points-separated"),
    ],
)
def test_rule_file_numbers_are_bounded(run, tmp_path: Path, old: str, new: str, value: str) -> None:
    assert old in COUNTY_TEXT
    text = COUNTY_TEXT.replace(old, new, 1)
    path = tmp_path / "county.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    if old == new:  # per: 1 and everything else within the bounds
        assert result.code == 0, result.err
        return
    place = f"{path}:{_line_column(text, value)}：数值超出范围"
    for command in (
        ("validate", path),
        ("score", COUNTY_EXAMPLE, "--rules", path, "--format", "json"),
        ("diff", REPO / "rules" / "county.yaml", path, "--format", "json"),
    ):
        result = run(*command)
        assert result.code == 1, result.err
        assert place in result.err, result.err
        assert "Traceback" not in result.err and "内部错误" not in result.err


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("points: 75", "points: '75'", "'75'"),
        ("measure: {type: per_item, per: 1}", 'measure: {type: per_item, per: "1"}', '"1"'),
        ("{name: 优秀, min: 90", "{name: 优秀, min: '90'", "'90'"),
        ("targets.completion: 69.83,", "targets.completion: '69.83',", "'69.83'"),
    ],
    ids=["points", "per", "grade", "expect"],
)
def test_quoted_numbers_are_refused_where_they_stand(
    run, tmp_path: Path, old: str, new: str, needle: str
) -> None:
    assert old in COUNTY_TEXT
    text = COUNTY_TEXT.replace(old, new, 1)
    path = tmp_path / "county.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.code == 1, result.err
    assert f"{path}:{_line_column(text, needle)}：" in result.err, result.err
    assert "应为数字，不要加引号" in result.err


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("progress.inspections", 1_000_000, 0),  # a count at the bound is read (and capped)
        ("progress.inspections", 1_000_001, 1),
        ("progress.inspections", 10**26, 1),
        ("deductions.superior", 10**26, 1),  # uncapped per item: 10^26 × 1 once crashed
        ("deductions.superior", "1" + "0" * 30, 1),
    ],
    ids=["count-at-bound", "count-past", "count-huge", "per-item-huge", "per-item-text"],
)
def test_counts_are_bounded(run, tmp_path: Path, field: str, value: object, code: int) -> None:
    path = good_workbook(tmp_path / "county.xlsx", {"涪城区": {**GOOD_ROW, field: value}})
    result = run("score", path, "--format", "json")
    assert result.code == code, result.err
    if code:
        assert "county.xlsx › 填报 › " in result.err
        assert "超出上限 1000000" in result.err
        assert "Traceback" not in result.err and "内部错误" not in result.err


PER = st.decimals(
    min_value=Decimal("0.000001"), max_value=MAX_RULE_NUMBER, places=6, allow_nan=False
)


@given(
    per=PER,
    cap=st.none() | st.decimals(min_value=0, max_value=MAX_RULE_NUMBER, places=6),
    places=st.integers(0, 10),
    count=st.integers(0, MAX_COUNT + 10),
)
@settings(max_examples=200, deadline=None)
def test_no_value_within_the_bounds_breaks_the_arithmetic(
    per: Decimal, cap: Decimal | None, places: int, count: int
) -> None:
    """Per-item deductions at and past every bound, every rounding: the engine never raises, and
    a count past the bound is refused as a value, never met by the arithmetic."""
    from mypm.core.engine import score_all
    from mypm.core.results import FieldValue, UnitInput
    from mypm.core.rules import load_rule_file
    from mypm.core.rules.ruleset import RuleSet
    from mypm.core.values import ValueProblem

    rules = load_rule_file(REPO / "rules" / "county.yaml").rules
    data = rules.model_dump(by_alias=True, exclude={"tests", "derived"})
    data["rounding"]["places"] = places
    item = data["deductions"]["items"][0]
    item["measure"] = {"type": "per_item", "per": per, "cap": cap}
    bonus = next(i for i in data["bonus"]["items"] if i["id"] == "overachieve")
    bonus["measure"] = {"type": "per_item", "per": per, "cap": cap}
    data["bonus"]["cap"] = None
    bounded = RuleSet.model_validate(data)
    values = {}
    for leaf in bounded.leaves:
        raw = count if leaf.key in ("deductions.superior", "bonus.overachieve") else None
        try:
            values[leaf.key] = FieldValue(leaf.parse(raw), None)
        except ValueProblem:
            assert count > MAX_COUNT
            return
    [result] = score_all(
        bounded, [UnitInput("甲", "组", "assessed", values)], allow_missing=True
    ).results
    raw_points = count * per if cap is None else min(count * per, cap)
    assert result.deductions == raw_points.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


# --- the budgets hold for the whole run -----------------------------------------------------


STRINGS_REL = (
    '<Relationship Id="rId99" Target="{target}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sharedStrings.xml"])
def test_a_part_read_whole_is_bounded_wherever_it_lies(run, tmp_path: Path, part: str) -> None:
    # under xl/worksheets/ it escaped the budget: 10 s and 367 MB for 40 MB of strings
    path = good_workbook(tmp_path / "county.xlsx")
    # 150,000 strings of 12 random hex digits: some 4.5 MB inflated, about 2× compressed
    with_extra_members(path, {part: incompressible_shared_strings(150_000)})
    rewrite_member(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda text: text.replace("</Relationships>", STRINGS_REL.format(target=f"/{part}")),
    )
    result = run("score", path)
    assert result.code == 2, result.err
    assert f"{path}：{part} 等须整体读入内存的部分" in result.err
    assert "超过 3 MB" in result.err


def test_parts_never_read_are_never_counted(run, tmp_path: Path) -> None:
    """A theme, comments and drawings are not read: however large, they cost nothing."""
    path = good_workbook(tmp_path / "county.xlsx")
    big = incompressible_shared_strings(150_000)  # 4.5 MB, more than all parts read whole
    with_extra_members(path, {"xl/theme/theme1.xml": big, "xl/comments/comment1.xml": big})
    assert run("score", path, "--format", "json").code == 0


def test_a_part_is_paid_for_each_time_it_is_parsed(run, tmp_path: Path) -> None:
    """One sheet part named by 100 <sheet> entries (26 s before: charged once, parsed 100
    times): the run's budget stops it."""
    path = good_workbook(tmp_path / "county.xlsx")
    junk = "<x/>" * 250_000  # 1 MB of elements that are no cell
    with_extra_members(
        path,
        {"xl/worksheets/junk.xml": f'<worksheet xmlns="{MAIN}"><sheetData/>{junk}</worksheet>'},
    )
    rels = "".join(
        f'<Relationship Id="rJ{n}" Target="worksheets/junk.xml" Type="{WORKSHEET}"/>'
        for n in range(98)
    )
    sheets = "".join(
        f'<sheet xmlns:r="{RELATIONSHIPS}" name="j{n}" sheetId="{100 + n}" r:id="rJ{n}"/>'
        for n in range(98)
    )
    rewrite_member(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda text: text.replace("</Relationships>", rels + "</Relationships>"),
    )
    rewrite_member(
        path, "xl/workbook.xml", lambda text: text.replace("</sheets>", sheets + "</sheets>")
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = mypm_bounded("score", path, "-o", tmp_path / "out.xlsx")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the processor time it took (a shared machine's wall clock says little)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 10
    assert result.returncode == 2, result.stderr
    assert re.search(
        rf"{re.escape(str(path))} › j\d+：本次读取的 XML 元素超过 1000000 个", result.stderr
    )


@pytest.mark.parametrize("kind", ["county", "department"])
def test_the_offices_own_forms_are_all_read(run, tmp_path: Path, kind: str) -> None:
    """Every form of `template --per-unit --by-certifier`, through status and score (14 of
    the county's were refused: their theme, comments and drawings counted as read whole)."""
    forms = tmp_path / "forms"
    assert run("template", "--kind", kind, "--per-unit", "--by-certifier", "-o", forms).code == 0
    count = len(list(forms.glob("*.xlsx")))
    assert count > 100
    status = run("status", forms)
    assert "有问题的文件 0 个，错误 0 处" in status.out + status.err, status.err
    scored = run("score", forms)
    assert scored.code == 1  # the one problem: blank forms, every one of them read
    assert f"没有任何被考核单位填写了数据（读取了 {count} 个文件）" in scored.err
    assert "共 1 个问题" in scored.err


def test_sheets_per_workbook_are_bounded(run, tmp_path: Path) -> None:
    path = good_workbook(tmp_path / "county.xlsx")
    wb = openpyxl.load_workbook(path)
    for n in range(99):  # with 填报 and 说明: 101
        wb.create_sheet(f"s{n}")
    wb.save(path)
    result = run("score", path)
    assert result.code == 2, result.err
    assert f"{path}：工作簿有 101 个工作表，超过上限 100 个" in result.err


def _spent(path: Path, what: str) -> int:
    """How much of the budget scoring `path` alone spends (cells or inflated bytes)."""
    from mypm.jobs.scoring import ScoreOptions, score_files

    with budget.run_budget() as spent:
        score_files([path], ScoreOptions(kind="county"))
    fresh = budget.Budget()
    return getattr(fresh, what) - getattr(spent, what)


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("cells", "本次读取的单元格超过"),
        ("inflated", "本次读取的各部分解压后合计超过"),
    ],
)
def test_budgets_hold_for_the_whole_run_not_per_file(
    run, tmp_path: Path, monkeypatch, what: str, message: str
) -> None:
    """Two files that each fit, but not together: the second is refused, by name."""
    first = good_workbook(tmp_path / "a.xlsx")
    second = tmp_path / "b.xlsx"
    shutil.copy(first, second)
    one_file = _spent(first, what)
    monkeypatch.setattr(
        "mypm.core.budget.DEFAULT", replace(budget.DEFAULT, **{what: one_file * 3 // 2})
    )
    assert run("score", first, "--format", "json").code == 0
    result = run("score", first, second, "--format", "json")
    assert result.code == 2, result.err
    assert f"{second}" in result.err and message in result.err, result.err
    assert str(first) + ":" not in result.err


@pytest.mark.parametrize("what", ["cells", "inflated"])
def test_large_lifts_the_budgets_for_a_trusted_big_run(
    run, tmp_path: Path, monkeypatch, what: str
) -> None:
    """A run over the default budget is refused, and read in full under `mypm --large`."""
    path = good_workbook(tmp_path / "a.xlsx")
    monkeypatch.setattr("mypm.core.budget.DEFAULT", replace(budget.DEFAULT, **{what: 1}))
    assert run("score", path, "--format", "json").code == 2
    assert run("--large", "score", path, "--format", "json").code == 0


def test_a_unit_list_is_read_within_the_cell_budget(run, tmp_path: Path) -> None:
    """The declared sheet size is never trusted; a row costs the width it really has."""
    units = tmp_path / "units.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["单位"])
    for n in range(10):
        wb.active.append([f"单位{n}"])
    wb.save(units)
    rewrite_member(
        units,
        "xl/worksheets/sheet1.xml",
        lambda text: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD11"', text),
    )
    result = run("template", "--kind", "county", "--units", units, "-o", tmp_path / "t.xlsx")
    assert result.code == 0, result.err
    names = [row[0] for row in openpyxl.load_workbook(tmp_path / "t.xlsx").active.values]
    assert [f"单位{n}" for n in range(10)] == [n for n in names if str(n)[2:].isdigit()]

    for row in range(1, 12):  # a cell in XFD: 11 rows of 16,384 cells each, over 100,000
        wb.active.cell(row, 16_384).value = "x"
    wb.save(units)
    result = run("template", "--kind", "county", "--units", units, "-o", tmp_path / "u.xlsx")
    assert result.code == 2, result.err
    assert f"{units} › Sheet：本次读取的单元格超过 100000 个" in result.err
    assert not (tmp_path / "u.xlsx").exists()
