"""Benchmark `mypm score` against the bare cost of reading and writing the same workbooks.

    python bench/run.py                      # 20, 1,000, 10,000 and 100,000 units
    python bench/run.py --sizes 20,1000      # a quicker look

For each size it makes an entry workbook with `mypm template` (the header rows, key row and
metadata) filled with made-up values, then times, each in a fresh process:
  * mypm:     `mypm score FILE -o OUT --force --quiet`
  * baseline: openpyxl read-only read of every value, plus a write-only workbook with the same
              number of summary rows and detail rows (one per unit and score line)
and prints seconds (the median of three runs up to 10,000 units), the ratio, rows per second and
peak memory. It also times `mypm --help` against `python -c "import click"` (the least a click
program can cost), each run --starts times in turn, and compares the medians. The tables go at
the top of bench/RESULTS.md, above the earlier runs, for comparison. Run it on demand; it is not
part of the test suite.

    python bench/run.py --against OTHER/bin/python --sizes 1000,10000 --runs 5

times this checkout's `mypm score` against another mypm (an earlier commit's checkout installed
in its own virtual environment), the two in turn on the same workbook, and prints each one's
median and the ratio of the medians (this one / the other).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
KIND = "county"


def unit_list(units: int) -> Path:
    """The office's own list of the units (as `--units` takes it): a name a line."""
    path = OUT / f"{KIND}-{units}-units.txt"
    if not path.exists():
        path.write_text("".join(f"{unit_name(i)}\n" for i in range(units)), encoding="utf-8")
    return path


def unit_name(i: int) -> str:
    return f"单位{i:06d}"


def make_workbook(units: int) -> Path:
    """`mypm template` for the header and metadata, then rows streamed in write-only mode."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.packaging.custom import StringProperty

    from mypm.core.rules import bundled_rules_dir, load_rule_file
    from mypm.read import layout as L

    target = OUT / f"{KIND}-{units}.xlsx"
    if target.exists():
        return target
    template = OUT / f"{KIND}-template.xlsx"
    if not template.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mypm",
                "template",
                "--kind",
                KIND,
                "-o",
                str(template),
                "--force",
                "--lang",
                "zh",
            ],
            check=True,
        )
    source = load_workbook(template, read_only=True)
    header = [
        list(row) for row in source.worksheets[0].iter_rows(max_row=L.KEY_ROW, values_only=True)
    ]
    props = [(p.name, p.value) for p in source.custom_doc_props]
    source.close()

    rules = load_rule_file(bundled_rules_dir() / f"{KIND}.yaml").rules
    keys = header[L.KEY_ROW - 1]
    rng = random.Random(units)
    wb = Workbook(write_only=True)
    for name, value in props:
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    ws = wb.create_sheet("填报")
    for row in header:
        ws.append(row)
    groups = ["县市区", "园区"]
    for i in range(units):
        row = []
        for key in keys:
            if key == L.UNIT_KEY:
                row.append(unit_name(i))
            elif key == L.GROUP_KEY:
                row.append(groups[i % 2])
            else:
                row.append(_value(rules.leaf_by_key[key], rng))
        ws.append(row)
    wb.save(target)
    return target


def _value(leaf, rng: random.Random) -> object:  # type: ignore[no-untyped-def]
    from mypm.core.measures import Count, Percent, PerItem, Score, YesNo

    m = leaf.measure
    if isinstance(m, YesNo):
        return "是" if rng.random() < 0.9 else "否"
    if isinstance(m, Count):
        return rng.randint(0, m.target + 1)
    if isinstance(m, Percent):
        return round(rng.uniform(70, 100), 1)
    if isinstance(m, Score):
        return round(rng.uniform(70, 96), 1)
    if isinstance(m, PerItem):
        return rng.choice([None, None, 0, 1, 2])
    return None


BASELINE = """
import sys
from openpyxl import Workbook, load_workbook
source, target, lines = sys.argv[1], sys.argv[2], int(sys.argv[3])
wb = load_workbook(source, read_only=True, data_only=True)
rows = [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]
wb.close()
units = rows[5:]
out = Workbook(write_only=True)
summary = out.create_sheet("汇总")
for row in units:
    summary.append([1, 1, row[0], row[1], 4.0, 5.0, 6.0, 10.0, 75.0, 100.0, 5.0, 0.0, 100.0,
                    "优秀", 0.0, 0.0])
details = out.create_sheet("明细")
for row in units:
    for _ in range(lines):
        details.append([row[0], row[1], "org.leading_group", "领导体系健全", "是", 1.0, 1.0,
                        "自查提交文件", "是 → 1.00", "bench.xlsx!填报!C6"])
out.save(target)
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def repeated(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Each command run `runs` times in turn: its median seconds and its highest peak MiB."""
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, found in zip(commands, times, strict=True):
            found.append(timed(command))
    return [(statistics.median(s for s, _ in t), max(m for _, m in t)) for t in times]


def score_command(python: str, source: Path, units_file: Path | None, out: Path) -> list[str]:
    """`mypm score` of one workbook, under the Python (and so the mypm) given."""
    units = ["--units", str(units_file)] if units_file else []
    score = ["score", str(source), *units, "-o", str(out), "--force", "--quiet"]
    return [python, "-m", "mypm", "--large", *score]


def against(other: str, sizes: list[int], runs: int) -> None:
    """This mypm against another one, in turn on the same workbooks: medians and their ratio."""
    for units in sizes:
        source, units_file = make_workbook(units), unit_list(units)
        ours = score_command(sys.executable, source, units_file, OUT / "ours.xlsx")
        theirs = score_command(other, source, units_file, OUT / "theirs.xlsx")
        (this_s, this_mb), (that_s, that_mb) = repeated([ours, theirs], runs)
        print(
            f"{units:>7} units, median of {runs}: this {this_s:.2f} s {this_mb:.0f} MiB | "
            f"other {that_s:.2f} s {that_mb:.0f} MiB | ratio {this_s / that_s:.2f}",
            flush=True,
        )


def startup(runs: int) -> tuple[float, float]:
    """Median wall seconds of `mypm --help` and of `python -c "import click"`."""
    script = Path(sys.executable).with_name("mypm")
    mypm = [str(script)] if script.exists() else [sys.executable, "-m", "mypm"]
    (help_s, _), (click_s, _) = repeated(
        [[*mypm, "--help"], [sys.executable, "-c", "import click"]], runs
    )
    return help_s, click_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20,1000,10000,100000")
    parser.add_argument("--starts", type=int, default=20, help="runs of each start-up command")
    parser.add_argument("--against", help="another mypm's Python: time the two in turn")
    parser.add_argument("--runs", type=int, default=5, help="runs of each, with --against")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.against:
        compileall.compile_dir(HERE.parent / "src" / "mypm", quiet=1)
        against(args.against, [int(s) for s in args.sizes.split(",")], args.runs)
        return
    # mypm's bytecode, as an installed mypm has it (pip compiles it; openpyxl's is): a checkout
    # run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run
    compileall.compile_dir(HERE.parent / "src" / "mypm", quiet=1)
    help_s, click_s = startup(args.starts)
    print(
        f"mypm --help {help_s * 1000:.0f} ms | import click {click_s * 1000:.0f} ms | "
        f"ratio {help_s / click_s:.2f}",
        flush=True,
    )
    from mypm.core.rules import bundled_rules_dir, load_rule_file

    rules = load_rule_file(bundled_rules_dir() / f"{KIND}.yaml").rules
    items = sum(1 for s in ("bonus", "deductions") for i in getattr(rules, s).items if i.parts)
    lines = len(rules.leaves) + items + 3  # leaves, item subtotals, bonus, deductions, total

    results = []
    example = HERE.parent / "examples" / f"{KIND}-2013.xlsx"  # the bundled 14-unit example
    runs = [("example", example, None)] + [
        (str(units), make_workbook(units), unit_list(units))
        for units in (int(s) for s in args.sizes.split(","))
    ]
    for label, source, units_file in runs:
        units = int(label) if units_file else len(rules.assessed_units)
        out = OUT / f"{KIND}-{label}-scored.xlsx"
        score = score_command(sys.executable, source, units_file, out)
        bare = [sys.executable, "-c", BASELINE, str(source), str(OUT / "baseline.xlsx"), str(lines)]
        # a shared machine's speed drifts over seconds and minutes: the median of three, in turn
        # (one each at 100,000 units, which take minutes a run)
        mypm, base = repeated([score, bare], 3 if units <= 10_000 else 1)
        rows = units * (1 + lines)
        results.append((label, units, mypm, base, rows))
        print(
            f"{label:>7} ({units} units): mypm {mypm[0]:7.2f} s {mypm[1]:6.0f} MiB | baseline "
            f"{base[0]:7.2f} s {base[1]:6.0f} MiB | ratio {mypm[0] / base[0]:.2f}",
            flush=True,
        )
    write_results(results, (help_s, click_s, args.starts))


Result = tuple[str, int, tuple[float, float], tuple[float, float], int]


def write_results(results: list[Result], start: tuple[float, float, int]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    try:
        import lxml  # noqa: F401

        machine += ", lxml installed"
    except ImportError:
        machine += ", no lxml"
    commit = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    help_s, click_s, starts = start
    lines = [
        f"## {dt.date.today()}, commit {commit or 'unknown'}",
        "",
        f"`python bench/run.py` on {machine}.",
        "",
        "| workbook | units | mypm s | baseline s | ratio | output rows/s (mypm) | mypm peak MiB | "
        "baseline peak MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, units, (m_s, m_mb), (b_s, b_mb), rows in results:
        name = "examples/county-2013.xlsx" if label == "example" else "generated"
        lines.append(
            f"| {name} | {units:,} | {m_s:.2f} | {b_s:.2f} | {m_s / b_s:.2f} | "
            f"{rows / m_s:,.0f} | {m_mb:.0f} | {b_mb:.0f} |"
        )
    # a child started by this script begins as its copy, so Linux counts the child's peak from
    # this script's own peak so far
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += [
        "",
        f"Peak memory is each run's largest resident size, which Linux counts from this script's "
        f"own peak when it starts the run (at most {own:.0f} MiB here): a smaller peak shows as "
        "that.",
        "",
        f"Start-up, median of {starts} runs each: `mypm --help` {help_s * 1000:.0f} ms, "
        f'`python -c "import click"` {click_s * 1000:.0f} ms, ratio {help_s / click_s:.2f}.',
        "",
    ]
    path = HERE / "RESULTS.md"
    title = (
        "# Benchmark results\n\nThe latest run first; earlier runs below it, for comparison.\n\n"
    )
    earlier = path.read_text(encoding="utf-8").removeprefix(title) if path.exists() else ""
    path.write_text(title + "\n".join(lines) + "\n" + earlier, encoding="utf-8")


if __name__ == "__main__":
    main()
