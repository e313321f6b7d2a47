"""What the workbooks look like on paper, checked in a spreadsheet program nobody here wrote.

Each workbook is converted to PDF once a session by LibreOffice (`soffice --headless
--convert-to pdf`) and read back with poppler's pdfinfo and pdftotext. Every page carries its
sheet's name at the top left (the header's `&A`), so a page is told to its sheet by its first word.
Without LibreOffice these tests are skipped, except under CI, where they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import COUNTY, COUNTY_STATUS_SHEETS, DEPARTMENT, REPO, libreoffice
from fill import fill_entry_workbook
from mypm.cli import main
from mypm.core.measures import YesNo
from mypm.core.rules import load_rule_file

A4_LANDSCAPE = (841.89, 595.28)  # points
PROGRAMS = ("soffice", "pdfinfo", "pdftotext")


def _require_programs() -> None:
    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must have {', '.join(missing)} (.ci/run installs them)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")


@dataclass
class Pdf:
    path: Path
    pages: list[str]  # pdftotext -raw, one string a page: each cell's text stays together
    sizes: list[tuple[float, float]]  # points
    smallest_text: float  # the smallest printed text, in points

    def sheet(self, name: str) -> list[str]:
        """The pages of one sheet, in order."""
        return [page for page in self.pages if page.split(maxsplit=1)[:1] == [name]]


def _read_pdf(path: Path) -> Pdf:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[: len(sizes)]
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        float(y1) - float(y0)
        for y0, y1 in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes
        )
    ]
    # pdftotext's box around a word is 1.3 times the font size (Noto Sans CJK, measured)
    return Pdf(path, pages, sizes, min(heights) / 1.3)


WORKBOOKS = {
    "county-template": ["template", "--kind", "county"],
    "department-template": ["template", "--kind", "department"],
    "county-mslb-template": ["template", "--kind", "county", "--certifier", "mslb"],
    "county-scored": ["score", REPO / "examples" / "county-2013.xlsx", "-q"],
    "department-scored": ["score", REPO / "examples" / "department-2013.xlsx", "-q"],
    # a bonus takes 高新区 past 100 (100.79): the chart's axis must reach beyond it
    "county-2014-scored": [
        "score",
        REPO / "examples" / "county-2014.xlsx",
        "--rules",
        REPO / "examples" / "county-2014.yaml",
        "-q",
    ],
}


TWENTY = [f"第{n:02d}区" for n in range(1, 21)]


def _twenty_units(folder: Path) -> list[object]:
    """A county workbook of 20 units, every field filled (the 汇总 of 20 is one page)."""
    units = folder / "twenty.txt"
    units.write_text("\n".join(TWENTY), encoding="utf-8")
    book = folder / "twenty.xlsx"
    assert main(["template", "--kind", "county", "--units", str(units), "-o", str(book)]) == 0
    rules = load_rule_file(COUNTY).rules
    values = {leaf.key: "是" if isinstance(leaf.measure, YesNo) else 1 for leaf in rules.leaves}
    fill_entry_workbook(book, {name: values for name in TWENTY})
    return ["score", book, "--units", units, "-q"]


EXAMPLES = REPO / "examples"
# The lists mypm writes, each with its sheets in order: every one is checked by page
LISTS = {
    "status": COUNTY_STATUS_SHEETS,
    "compare": ["比较汇总", "字段变化", "规则差异", "仅一方"],
    "problems": ["county-2013-corrected"],
}


def _lists(folder: Path) -> dict[str, list[object]]:
    """How to make each of LISTS, with the option that names the output last."""
    return {
        "status": ["status", EXAMPLES / "county-2013-split", "-o"],
        "compare": [
            "compare",
            EXAMPLES / "county-2013.xlsx",
            EXAMPLES / "county-2014.xlsx",
            "--rules-b",
            EXAMPLES / "county-2014.yaml",
            "-q",
            "-o",
        ],
        # the corrected file disagrees with the first at one cell: the run stops (exit 1)
        # and writes only the list
        "problems": [
            "score",
            EXAMPLES / "county-2013.xlsx",
            EXAMPLES / "county-2013-corrected.xlsx",
            "-q",
            "-o",
            folder / "not-written.xlsx",
            "--problems",
        ],
    }


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pdf]:
    """Every workbook of WORKBOOKS and LISTS, made by mypm and printed to PDF by LibreOffice."""
    _require_programs()
    folder = tmp_path_factory.mktemp("print")
    WORKBOOKS["twenty-scored"] = _twenty_units(folder)
    runs = {name: [*args, "-o"] for name, args in WORKBOOKS.items()} | _lists(folder)
    books = []
    for name, args in runs.items():
        book = folder / f"{name}.xlsx"
        assert main([*map(str, args), str(book)]) == (1 if name == "problems" else 0), name
        books.append(book)
    libreoffice("pdf", folder, *books)
    return {name: _read_pdf(folder / f"{name}.pdf") for name in runs}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_page_is_a4_landscape_numbered_and_readable(rendered: dict[str, Pdf]) -> None:
    for name, pdf in rendered.items():
        for n, (size, page) in enumerate(zip(pdf.sizes, pdf.pages, strict=True), start=1):
            # the 参照单位 sheet's few fields fit an upright page: it prints upright
            upright = page.startswith("参照单位")
            paper = A4_LANDSCAPE[::-1] if upright else A4_LANDSCAPE
            assert size == pytest.approx(paper, abs=1), (name, n)
            assert f"第 {n} 页 共 {len(pdf.pages)} 页" in page, (name, n)
        # 字段变化 and 规则差异 have more columns than A4 holds at 100 %: scaled to one page wide
        if name != "compare":
            assert pdf.smallest_text >= 8.95, name  # 9 pt at the least


@pytest.mark.parametrize("name", LISTS)
def test_status_comparison_and_problems_print_sheet_by_sheet(
    rendered: dict[str, Pdf], name: str
) -> None:
    """Each page names its sheet at the top left, in the workbook's order, and every sheet
    prints; a sheet's column headers come first on every page of it (after the page's header
    and number)."""
    pdf = rendered[name]
    sheets = LISTS[name]
    assert [page.split(maxsplit=1)[0] for page in pdf.pages] == [
        sheet for sheet in sheets for _ in pdf.sheet(sheet)
    ]
    for sheet in sheets:
        pages = pdf.sheet(sheet)
        assert len({page.splitlines()[2] for page in pages}) == 1, sheet
    assert len(rendered["compare"].sheet("字段变化")) > 1  # so the line above is put to the test


@pytest.mark.parametrize(
    ("name", "rules_path", "certifier"),
    [
        ("county-template", COUNTY, None),
        ("department-template", DEPARTMENT, None),
        ("county-mslb-template", COUNTY, "mslb"),
    ],
)
def test_entry_sheet_prints_in_bands_of_at_most_two_pages(
    rendered: dict[str, Pdf], name: str, rules_path: Path, certifier: str | None
) -> None:
    rules = load_rule_file(rules_path).rules
    units = [u.name for u in rules.assessed_units]
    leaves = [leaf for leaf in rules.leaves if certifier is None or certifier in leaf.certified_by]
    pages = rendered[name].sheet("填报")
    # a band starts on the page with the first unit; every page has the unit columns and header
    bands = [n for n, page in enumerate(pages) if units[0] in page.split()]
    assert bands[0] == 0
    for start, end in zip(bands, [*bands[1:], len(pages)], strict=True):
        assert 1 <= end - start <= 2, (start, end)
        band = " ".join(pages[start:end]).split()
        assert [u for u in band if u in units] == units  # every unit once a band
        # the units balanced over the band's pages: never a page of one lone unit
        counts = [sum(u in page.split() for u in units) for page in pages[start:end]]
        assert max(counts) - min(counts) <= 1, counts
    for page in pages:
        assert "单位" in page and "分组" in page
    text = _flat(" ".join(pages))
    assert _flat(pages[0]).count("填报单位（盖章）：") == 1 and text.count("填报单位（盖章）") == 1
    for label in ("负责人：", "联系人：", "电话：", "日期："):
        assert label in _flat(pages[0])
    # every header whole: an indicator with its points, every part, every hint
    for leaf in leaves:
        if leaf.points is not None and not leaf.part_name:
            assert _flat(f"{leaf.name}（{leaf.points:g}分）") in text, leaf.key
        else:
            assert _flat(leaf.name) in text, leaf.key
        assert _flat(leaf.part_name) in text, leaf.key
    assert "（1分/）" not in text and "（1分\n）" not in " ".join(pages)
    assert not any(leaf.key in text for leaf in leaves)  # the key row is not printed


SHEETS = ["汇总", "总分图", "明细", "失分分析", "问题", "规则"]


@pytest.mark.parametrize(("name", "rules_path"), [("county", COUNTY), ("department", DEPARTMENT)])
def test_scored_workbook_prints_sheet_by_sheet(
    rendered: dict[str, Pdf], name: str, rules_path: Path
) -> None:
    pdf = rendered[f"{name}-scored"]
    rules = load_rule_file(rules_path).rules
    units = [u.name for u in rules.assessed_units]
    # every page belongs to a sheet, in the workbook's order
    assert [page.split(maxsplit=1)[0] for page in pdf.pages] == [
        sheet for sheet in SHEETS for _ in pdf.sheet(sheet)
    ]
    summary = pdf.sheet("汇总")
    assert len(summary) == 1  # up to 20 units on one page
    assert "2013年度绩效考核结果" in summary[0]
    flat = _flat(summary[0])
    for label in ("名次", "组内名次", "基础分", "其他加分", "其他扣分", "总分", "等次"):
        assert label in flat
    assert all(unit in flat for unit in units)
    assert len(pdf.sheet("总分图")) == 1
    # 明细: each unit on pages of its own, at most 2, its name on every one, in rank order
    details = pdf.sheet("明细")
    owners = [[u for u in units if u in page.split()] for page in details]
    assert all(len(names) == 1 for names in owners), owners
    order = [names[0] for names in owners]
    ranked = [w for line in summary[0].splitlines() for w in line.split()[1:2] if w in units]
    assert [u for n, u in enumerate(order) if n == 0 or order[n - 1] != u] == ranked
    assert max(order.count(u) for u in units) == 2  # and no more: 28 and 30 pages, not 42 and 60
    for n, page in enumerate(details):
        assert "考核指标" in page and "计算过程" in page  # the header on every page
        assert not any(leaf.key in page for leaf in rules.leaves)  # no field keys on paper
        if n == 0 or order[n - 1] != order[n]:  # a unit's first page: its line, its file
            assert f"{name}-2013.xlsx" in page.splitlines()[3], page.splitlines()[:4]
    assert len(pdf.sheet("问题")) >= 1
    provenance = _flat(" ".join(pdf.sheet("规则")))
    assert f"{name}.yaml" in provenance and "/" not in provenance.split("规则文件")[1][:40]
    assert load_rule_file(rules_path).sha256 in provenance  # in full, not cut off
    assert "Asia/Shanghai" in provenance and "本地取值" in provenance
    # the rubric: every category with its points, the sections with their caps, every
    # indicator with its criterion, the grades and the 备注 rules in the words of 说明
    for category in rules.categories:
        assert _flat(f"{category.name}（{category.points:g}分）") in provenance
    assert "其他加分（上限5分）" in provenance and "其他扣分（不设上限）" in provenance
    caps = {
        f"{section}.{item.id}": item.cap
        for section in ("bonus", "deductions")
        for item in rules.adjustments(section).items
        if item.cap is not None
    }
    for leaf in rules.leaves:
        cap = caps.get(leaf.key.rsplit(".", 1)[0]) if leaf.part_name else None
        label = f"{leaf.name}（上限{cap:g}分）·{leaf.part_name}" if cap else leaf.label
        assert _flat(label) in provenance and _flat(leaf.criterion) in provenance, leaf.key
    # no label broken inside a word, no line of a lone bracket
    lines = [line.strip() for page in pdf.sheet("规则") for line in page.splitlines()]
    assert any(line.startswith("本地取值：单位名单") for line in lines)
    assert not any(line.startswith(("）", ")")) for line in lines)
    for grade in rules.grades:
        assert _flat(f"{grade.name} ≥ {grade.min:g}分") in provenance
    if name == "department":
        eleven = "市教育局、市民政局、市人社局、市卫生局、市住建局、市交通运输局、市农业局"
        assert (
            _flat(f"市总工会、团市委、市妇联的“主要就民生工程实施总体情况进行社会评价”取{eleven}")
            in provenance
        )


def test_the_chart_reaches_past_the_highest_total(rendered: dict[str, Pdf]) -> None:
    """The axis of 总分图 goes past the highest bar and its label (100.79 in 2014: to 110)."""
    for name in ("county-scored", "department-scored", "county-2014-scored"):
        (chart,) = rendered[name].sheet("总分图")
        axis = next(line for line in chart.splitlines() if line.startswith("0 10 20"))
        totals = [Decimal(w) for w in chart.split() if re.fullmatch(r"\d+\.\d\d", w)]
        assert int(axis.split()[-1]) >= max(totals) + 5, (name, axis, max(totals))
    assert (
        max(
            Decimal(w)
            for w in rendered["county-2014-scored"].sheet("总分图")[0].split()
            if re.fullmatch(r"\d+\.\d\d", w)
        )
        > 100
    )


def test_a_summary_of_twenty_units_prints_on_one_page(rendered: dict[str, Pdf]) -> None:
    summary = rendered["twenty-scored"].sheet("汇总")
    assert len(summary) == 1
    assert all(name in summary[0] for name in TWENTY)


# --- hostile text, read back by openpyxl and by LibreOffice ---------------------------------------

BELL = "铃\x07声=1+1 <&> \"引\" '单' 𠀀"  # a control character: only from an office's unit list


def test_hostile_text_comes_back_whole_through_openpyxl_and_libreoffice(
    run, tmp_path: Path
) -> None:
    """Unit names, rule texts and the input's file name with formula characters, `<`, `&`,
    quotes, characters outside the BMP and a control character: every text of the scored
    workbook reads back as it was, as text, in openpyxl and in LibreOffice. (A rule file may
    hold no control character; a unit list may: BELL is listed but sent no form, so it is
    named in 问题.)"""
    import csv

    import openpyxl
    from openpyxl.utils.escape import unescape

    from test_roundtrip import CATEGORY, FILE_NAME, GRADE, GROUP, INDICATOR, UNITS, hostile_entries

    _require_programs()
    rule_path, source = hostile_entries(tmp_path)
    units = tmp_path / "units.txt"
    units.write_text("".join(f"{name}\n" for name in [*UNITS, BELL]), encoding="utf-8")
    out = tmp_path / "out.xlsx"
    rules = ("--rules", rule_path, "--kind", "county", "--units", units)
    result = run("score", source, *rules, "-o", out, "--quiet")
    assert result.code == 0, result.err

    wb = openpyxl.load_workbook(out)
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == [], "no cell is a formula"
    # Excel's escape of a control character (_x0007_) is left to openpyxl's unescape
    texts = {unescape(c.value) for c in cells if isinstance(c.value, str)}
    assert {*UNITS, BELL, GROUP, GRADE, FILE_NAME, f"{CATEGORY}（4）"} <= texts
    assert any(INDICATOR in text for text in texts)

    # LibreOffice opens it: a CSV of every sheet, comma, quote, UTF-8, out-<sheet>.csv
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    libreoffice(f"csv:Text - txt - csv (StarCalc):{options}", tmp_path, out)

    def rows(sheet: str) -> list[list[str]]:
        with (tmp_path / f"out-{sheet}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    assert sorted(row[1] for row in rows("汇总")[3:]) == sorted(UNITS)
    assert {row[2] for row in rows("汇总")[3:]} == {GROUP}
    assert [row[1] for row in rows("问题")[1:]] == [BELL]
    assert [row[1] for row in rows("规则") if row[0] == "输入文件 1"] == [FILE_NAME]
