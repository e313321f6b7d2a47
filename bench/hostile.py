"""Build the costliest inputs that stay within every limit, and time `mypm score` on each.

    python bench/hostile.py            # builds into bench/out/hostile, then times each case

Each case is timed in a fresh process with `/usr/bin/time -v` (elapsed time and peak memory).
The goal, from the hardening issue: any run on hostile files within the limits finishes in under
10 s and 500 MB. The cases:
  * strings: three workbooks in one folder whose shared strings (the smallest distinct strings)
    use up the run's budget for parts read whole;
  * cells:   one entry workbook with every field of as many units as the cell budget allows,
             so that all of it is merged, scored and written;
  * sheets:  one workbook of 100 sheets (the limit) whose cells use up the cell budget in
             columns mypm does not read;
  * bytes:   inline-string cells of 32,000 random characters, up to the run's inflated budget.
Run it on demand; it is not part of the test suite.
"""

from __future__ import annotations

import io
import random
import re
import string
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "hostile"
sys.path.insert(0, str(HERE.parent / "src"))

from mypm.core import budget  # noqa: E402
from mypm.core.measures import Count, Percent, PerItem, Points, Score, YesNo  # noqa: E402
from mypm.core.rules import bundled_rules_dir, load_rule_file  # noqa: E402
from mypm.core.rules.model import Unit  # noqa: E402
from mypm.render.workbook.template import TemplateOptions, write_template  # noqa: E402

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def rewrite(path: Path, change: dict[str, bytes], content_types: str = "") -> None:
    with zipfile.ZipFile(path) as source:
        items = {i.filename: source.read(i.filename) for i in source.infolist()}
    items.update(change)
    if content_types:
        types = items["[Content_Types].xml"].decode()
        items["[Content_Types].xml"] = types.replace(
            "</Types>", content_types + "</Types>"
        ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in items.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def template(path: Path, units: list[str]) -> Path:
    rule_file = load_rule_file(bundled_rules_dir() / "county.yaml")
    options = TemplateOptions(units=[Unit(name=n, group="县市区") for n in units])
    write_template(rule_file, options, path)
    return path


def value(leaf, rng: random.Random) -> str:  # type: ignore[no-untyped-def]
    m = leaf.measure
    if isinstance(m, YesNo):
        return "是"
    if isinstance(m, Count | PerItem):
        return str(rng.randint(0, 3))
    if isinstance(m, Percent):
        return f"{rng.uniform(60, 100):.1f}"
    if isinstance(m, Score):
        return f"{rng.uniform(60, float(m.scale)):.1f}"
    if isinstance(m, Points):
        return str(leaf.points)
    return str(min(m.cap, 1))


def sheet_xml(rows: list[str]) -> bytes:
    return f"<worksheet {NS}><sheetData>{''.join(rows)}</sheetData></worksheet>".encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def cells_case() -> Path:
    """An entry sheet: the template's key row, then every field of as many units as fit."""
    from openpyxl.utils import get_column_letter

    rules = load_rule_file(bundled_rules_dir() / "county.yaml").rules
    keys = ["unit", "group", *(leaf.key for leaf in rules.leaves)]
    units = budget.DEFAULT.cells // len(keys) - 10
    path = template(OUT / "cells.xlsx", ["单位0"])
    rng = random.Random(1)
    letters = [get_column_letter(c) for c in range(1, len(keys) + 1)]
    header = "".join(inline(f"{c}5", k) for c, k in zip(letters, keys, strict=True))
    rows = [f'<row r="5">{header}</row>']
    for i in range(units):
        r = i + 6
        texts = [f"单位{i:06d}", "县市区", *(value(leaf, rng) for leaf in rules.leaves)]
        rows.append(
            f'<row r="{r}">'
            + "".join(inline(f"{c}{r}", x) for c, x in zip(letters, texts, strict=True))
            + "</row>"
        )
    rewrite(path, {"xl/worksheets/sheet1.xml": sheet_xml(rows)})
    return path


def strings_case() -> Path:
    """Three workbooks whose shared strings use up the budget for parts read whole."""
    folder = OUT / "strings"
    folder.mkdir(exist_ok=True)
    per_file = budget.DEFAULT.whole // 3 - 200_000  # what else each file reads whole
    alphabet = string.ascii_letters + string.digits
    for n in range(3):
        path = template(folder / f"strings{n}.xlsx", ["涪城区"])
        parts, size, i = [], 0, 0
        while size < per_file:
            text = "".join(alphabet[(i // 62**k) % 62] for k in range(4))  # distinct, short
            item = f"<si><t>{text}</t></si>"
            parts.append(item)
            size += len(item)
            i += 1
        sst = f'<sst {NS} count="{i}" uniqueCount="{i}">{"".join(parts)}</sst>'.encode()
        override = (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
        rewrite(path, {"xl/sharedStrings.xml": sst}, override)
    return folder


def sheets_case() -> Path:
    """100 sheets, each with cells in columns mypm does not read, up to the cell budget."""
    path = template(OUT / "sheets.xlsx", ["涪城区"])
    with zipfile.ZipFile(path) as source:
        workbook = source.read("xl/workbook.xml").decode()
        rels = source.read("xl/_rels/workbook.xml.rels").decode()
    present = len(re.findall(r"<sheet ", workbook))
    per_sheet = budget.DEFAULT.cells // 100
    row = "".join(f"<c><v>{n}</v></c>" for n in range(100))
    xml = sheet_xml([f"<row>{row}</row>"] * (per_sheet // 100))
    change, sheets, links, types = {}, "", "", ""
    for n in range(100 - present):
        name = f"xl/worksheets/extra{n}.xml"
        change[name] = xml
        sheets += f'<sheet name="x{n}" sheetId="{100 + n}" r:id="rX{n}"/>'
        links += (
            f'<Relationship Id="rX{n}" Target="/{name}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet"/>'
        )
        types += (
            f'<Override PartName="/{name}" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
    change["xl/workbook.xml"] = workbook.replace("</sheets>", sheets + "</sheets>").encode()
    change["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", links + "</Relationships>"
    ).encode()
    rewrite(path, change, types)
    return path


def bytes_case() -> Path:
    """Cells of 32,000 random characters in a column mypm does not read, up to the budget for
    inflated bytes (random text keeps the compression ratio far under the bomb limit)."""
    path = template(OUT / "bytes.xlsx", ["涪城区"])
    rng = random.Random(2)
    cell = 32_000
    count = (budget.DEFAULT.inflated - 2_000_000) // (cell + 60)
    rows = ['<row r="5">' + inline("A5", "unit") + "</row>"]
    for i in range(count):
        text = "".join(rng.choices(string.ascii_letters, k=cell))
        rows.append(f'<row r="{i + 6}">{inline(f"Z{i + 6}", text)}</row>')
    rewrite(path, {"xl/worksheets/sheet1.xml": sheet_xml(rows)})
    return path


def timed(target: Path) -> str:
    out = OUT / f"{target.stem}-scored.xlsx"
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "mypm", "score", str(target)]
    command += ["-o", str(out), "--force", "--quiet", "--lang", "en"]
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (.*)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    first = done.stderr.splitlines()[0] if done.returncode else "written"
    return (
        f"{target.name}: exit {done.returncode}, {elapsed.group(1) if elapsed else '?'} elapsed, "
        f"peak {int(peak.group(1)) // 1024 if peak else '?'} MiB ({first})"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (strings_case, cells_case, sheets_case, bytes_case):
        print(timed(make()), flush=True)


if __name__ == "__main__":
    main()
