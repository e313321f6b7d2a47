"""`mypm publish`: the pages opened, clicked and printed in a real browser (Debian's Chromium,
driven by Playwright), and checked against `mypm score --format json`."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, sync_playwright

from conftest import REPO
from mypm.cli import main
from mypm.core.rules.model import Unit
from test_score import FUCHENG

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLES = {"county": REPO / "examples" / "county-2013.xlsx"}
EXAMPLES["department"] = REPO / "examples" / "department-2013.xlsx"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"; }</style><script>alert(2)</script>',  # escapes the printed running head, if it can
]
DATE_LINE = re.compile(r'<p class="date">[^<]*</p>\n')


def needs(program: str) -> None:
    """Skip when a program is missing, except under CI, where the test must run (and fail)."""
    if shutil.which(program) is None and not os.environ.get("CI"):
        pytest.skip(f"{program} is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


def publish(*args: object) -> int:
    return main(["publish", *map(str, args)])


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both examples published, as the office's internal edition and as the public one."""
    out = tmp_path_factory.mktemp("sites")
    made = {}
    for kind, example in EXAMPLES.items():
        for edition in ("internal", "public"):
            folder = out / f"{kind}-{edition}"
            extra = ["--public"] if edition == "public" else ["--deadline", "2014-02-10"]
            assert publish(example, "-o", folder, "--lang", "zh", *extra) == 0
            made[f"{kind}-{edition}"] = folder
    return made


class Visit:
    """A page opened in the browser, with what it logged and every request it made."""

    def __init__(self, browser: Browser, path: Path, *, javascript: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


def pages_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def score_json(example: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "mypm", "score", example, "--format", "json", "--lang", "zh"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


# --- the folder ----------------------------------------------------------------------------------


def test_internal_edition_has_every_page(sites: dict[str, Path]) -> None:
    folder = sites["county-internal"]
    names = [p.relative_to(folder).as_posix() for p in pages_of(folder)]
    assert names[:3] == ["analysis.html", "index.html", "rules.html"]
    # one 反馈单 per unit, numbered in ranking order, named after the unit
    units = [u["unit"] for u in score_json(EXAMPLES["county"])["units"]]
    assert names[3:] == [f"units/{n:03d}-{u}.html" for n, u in enumerate(units, start=1)]


def test_public_edition_has_no_unit_pages_and_leaks_nothing(sites: dict[str, Path]) -> None:
    for kind, example in EXAMPLES.items():
        folder = sites[f"{kind}-public"]
        assert [p.name for p in pages_of(folder)] == ["analysis.html", "index.html", "rules.html"]
        text = "".join(p.read_text(encoding="utf-8") for p in pages_of(folder))
        doc = score_json(example)
        secrets = [example.name, example.stem, "sha256", ".xlsx", ".yaml", "填报!", "units/"]
        secrets += [doc["rules"]["sha256"], *(f["sha256"] for f in doc["inputs"])]
        for unit in doc["units"]:
            for key, field in unit["fields"].items():
                secrets += [key, field["explanation"]]
                if field["source"]:
                    secrets.append(field["source"])
        for secret in secrets:
            assert secret not in text, secret
        # what may be published is there: every unit, total and grade
        for unit in doc["units"]:
            assert unit["unit"] in text
            assert f"{unit['total']:.2f}" in text


PYTHON_WORDS = re.compile(r"\b(?:None|nan|NaN|True|False)\b|\{\{|\}\}|\{%|%\}")


def python_words(folder: Path) -> dict[str, list[str]]:
    """Any word of Python or of a template left in the text of a folder's pages."""
    found = {}
    for path in pages_of(folder):
        text = html.unescape(re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8")))
        if words := PYTHON_WORDS.findall(text):
            found[path.name] = words
    return found


def test_no_page_shows_a_python_word(sites: dict[str, Path]) -> None:
    for folder in sites.values():
        assert python_words(folder) == {}, folder.name


def test_sources_read_file_sheet_cell_and_break_only_between_parts(
    browser: Browser, sites: dict[str, Path]
) -> None:
    page = pages_of(sites["county-internal"])[3]  # 三台县
    visit = Visit(browser, page)
    visit.page.set_viewport_size({"width": 700, "height": 900})  # narrow: the sources wrap
    sources = visit.page.locator("td.source").all_inner_texts()
    # a part of a reference (file, sheet or cell) is never split across two lines
    split = visit.page.evaluate(
        "Array.from(document.querySelectorAll('td.source span'))"
        ".filter(s => s.getClientRects().length > 1).length"
    )
    visit.close()
    assert "county-2013.xlsx › 填报 › Q9" in [" ".join(s.split()) for s in sources]
    assert not any("!" in s for s in sources)
    assert split == 0


def test_internal_edition_names_its_sources(sites: dict[str, Path]) -> None:
    index = (sites["county-internal"] / "index.html").read_text(encoding="utf-8")
    doc = score_json(EXAMPLES["county"])
    assert doc["inputs"][0]["sha256"] in index
    assert "county.yaml" in index


def test_same_inputs_same_bytes_apart_from_the_date_line(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert publish(EXAMPLES["county"], "-o", again, "--lang", "zh", "--deadline", "2014-02-10") == 0
    first = sites["county-internal"]
    assert [p.relative_to(again) for p in pages_of(again)] == [
        p.relative_to(first) for p in pages_of(first)
    ]
    for page in pages_of(again):
        before = (first / page.relative_to(again)).read_bytes()
        assert page.read_bytes() == before, page.name


def test_the_date_line_is_the_only_line_that_changes_with_the_date() -> None:
    from mypm.jobs.scoring import ScoreOptions, goals, score_files
    from mypm.render.publish import PublishOptions, render_site

    scored = score_files([EXAMPLES["department"]], ScoreOptions())
    unit_goals = {r.unit: goals(scored, r) for r in scored.report.units}
    one = render_site(scored, PublishOptions(today=dt.date(2014, 1, 20)), unit_goals)
    two = render_site(scored, PublishOptions(today=dt.date(2014, 1, 21)), unit_goals)
    assert one.keys() == two.keys()
    for name, text in one.items():
        assert text.count('<p class="date">') == 1
        assert DATE_LINE.sub("", text) == DATE_LINE.sub("", two[name])
        assert "2014-01-20" in text and "2014-01-20" not in two[name]


def test_rubric_marks_every_local_choice(sites: dict[str, Path]) -> None:
    from mypm.core.rules import load_rule_file

    for kind in EXAMPLES:
        rules = load_rule_file(REPO / "rules" / f"{kind}.yaml").rules
        choices = list(rules.local_choices())
        assert choices
        for edition in ("internal", "public"):
            page = (sites[f"{kind}-{edition}"] / "rules.html").read_text(encoding="utf-8")
            for _, _, reason in choices:
                assert reason in page, reason
            # each is marked where it applies, and listed once more at the end
            marks = page.count('<span class="tag">本地取值</span>')
            listed = page.split("本地取值一览", 1)[1].count("<tr>") - 1  # minus the header row
            assert marks == listed == len(choices)
            # in the words of the 规则 sheet, never the rule file's keys
            for words in ("计算顺序：指南未定计算顺序", "总分下限：", "排名办法：", "计分精度："):
                assert words in page, words
            assert ("平均值：指南未定" in page) == (kind == "department")
            for key in ("field_rounding", "floor", "ranking", "mean_of"):
                assert f"{key}：" not in page, key


# --- in the browser ------------------------------------------------------------------------------


def test_every_page_loads_with_no_error_and_no_request_outside_the_folder(
    browser: Browser, sites: dict[str, Path]
) -> None:
    for folder in sites.values():
        for path in pages_of(folder):
            visit = Visit(browser, path)
            assert visit.errors == [], path
            assert visit.requests == [path.as_uri()], path  # the page itself, nothing else
            visit.close()


def test_ranking_totals_equal_score_json(browser: Browser, sites: dict[str, Path]) -> None:
    for kind, example in EXAMPLES.items():
        doc = score_json(example)
        expected = [
            [
                str(u["rank"]),
                str(u["group_rank"]),
                u["unit"],
                u["group"],
                *(f"{v:.2f}" for v in u["categories"].values()),
                f"{u['bonus']:.2f}",
                f"{u['deductions']:.2f}",
                f"{u['total']:.2f}",
                u["grade"],
            ]
            for u in doc["units"]
        ]
        for edition in ("internal", "public"):
            visit = Visit(browser, sites[f"{kind}-{edition}"] / "index.html")
            rows = visit.page.eval_on_selector_all(
                "table.sortable >> nth=0 >> tbody tr",
                "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))",
            )
            assert rows == expected, (kind, edition)
            visit.close()


def test_every_unit_page_shows_the_scored_total_rank_and_grade(sites: dict[str, Path]) -> None:
    for kind, example in EXAMPLES.items():
        doc = score_json(example)
        pages = pages_of(sites[f"{kind}-internal"])[3:]
        assert len(pages) == len(doc["units"])
        for page, unit in zip(pages, doc["units"], strict=True):
            html = page.read_text(encoding="utf-8")
            shown = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td[^>]*>(.*?)</td>', html))
            assert shown["单位"] == f"<strong>{unit['unit']}</strong>"
            assert shown["总分"] == f"<strong>{unit['total']:.2f}</strong>"
            assert shown["名次"] == f"第 {unit['rank']} 名（共 {len(doc['units'])} 个单位）"
            assert shown["等次"] == f"<strong>{unit['grade']}</strong>"


def test_unit_page_figures_are_worked_out_by_hand(browser: Browser, sites: dict[str, Path]) -> None:
    # 江油市 in the bundled example: 社会公众评价 71.2/100 × 10 = 7.12; 目标完成 97.2% × 75 = 72.90;
    # 推进过程 80% × 0.5 = 0.40 + 4/4 → 0.50 + 4 × 1 = 4.90; 组织 4 × 1 = 4; 信息公开 3 × 2 = 6;
    # base 7.12 + 72.90 + 4.90 + 4 + 6 = 94.92; bonus 2 + 0 + 2 = 4 (cap 5);
    # deductions 0.5 + 2 = 2.50; total 94.92 + 4 − 2.50 = 96.42.
    page = next(p for p in pages_of(sites["county-internal"]) if p.name.endswith("江油市.html"))
    visit = Visit(browser, page)
    summary = visit.page.inner_text("table.summary")
    assert "96.42" in summary and "优秀" in summary
    rows = visit.page.eval_on_selector_all(
        "table.detail tbody tr",
        "rows => rows.map(r => [r.cells[0].innerText.trim(), r.cells[4].innerText.trim()])",
    )
    figures = dict(rows)
    assert figures["社会公众评价"] == "7.12"
    assert figures["目标完成考核"] == "72.90"
    assert figures["推进过程管理"] == "4.90"
    assert figures["其他加分（上限5分）"] == "4.00"
    assert figures["其他扣分（不设上限）"] == "2.50"
    assert figures["总分"] == "96.42"
    # biggest losses first: 社会公众评价 loses 2.88, 目标完成考核 2.10, 推进过程管理 0.10, …
    categories = visit.page.locator("table.detail tr.level-0 > th").all_inner_texts()
    assert categories[:3] == ["社会公众评价", "目标完成考核", "推进过程管理"]
    closing = visit.page.inner_text("section.closing")
    assert "2014-02-10" in closing and "确认无误" in closing and "联系人" in closing
    visit.close()


def test_unit_page_says_what_it_takes_to_reach_the_next_grade_and_rank(
    browser: Browser, sites: dict[str, Path]
) -> None:
    folder = sites["county-internal"]
    # 游仙区: 4.00 + 4.89 + 6.00 + 7.43 + 67.13 + 2.00 − 3.00 = 88.45 (良好);
    # 优秀 from 90: 90 − 88.45 = 1.55; the unit above, 高新区 at 90.28: 90.28 − 88.45 = 1.83
    visit = Visit(browser, next(p for p in pages_of(folder) if p.name.endswith("游仙区.html")))
    goals = visit.page.locator("ul.goals > li").all_inner_texts()
    visit.close()
    assert len(goals) == 2
    assert goals[0].startswith("距“优秀”（90 分）还差 1.55 分") and "方案 1" in goals[0]
    assert goals[1].startswith("距上一名（高新区 90.28 分）还差 1.83 分") and "方案 1" in goals[1]
    # 三台县 ranks first at 97.93, 优秀: nothing left to reach
    visit = Visit(browser, next(p for p in pages_of(folder) if p.name.endswith("三台县.html")))
    assert visit.page.locator("ul.goals > li").all_inner_texts() == ["已是最高等次、第一名"]
    visit.close()


def test_analysis_losses_add_up_to_each_units_losses(
    browser: Browser, sites: dict[str, Path]
) -> None:
    from decimal import Decimal

    for kind, example in EXAMPLES.items():
        doc = score_json(example)
        rows = {}  # indicator → (units losing, points lost), summed here from every unit's fields
        for unit in doc["units"]:
            for key, field in unit["fields"].items():
                if key.startswith(("bonus.", "deductions.")):
                    continue
                lost = Decimal(str(field["max"])) - Decimal(str(field["score"]))
                count, total = rows.get(key, (0, Decimal(0)))
                rows[key] = (count + (lost > 0), total + lost)
        visit = Visit(browser, sites[f"{kind}-public"] / "analysis.html")
        shown = visit.page.eval_on_selector_all(
            "tbody tr", "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
        )
        visit.close()
        expected = sorted(f"{count} {total:.2f}" for count, total in rows.values())
        assert sorted(f"{row[3]} {row[4]}" for row in shown) == expected, kind
        lost = [Decimal(row[4]) for row in shown]
        assert lost == sorted(lost, reverse=True)  # largest first


def test_peer_derived_values_name_their_peers(browser: Browser, sites: dict[str, Path]) -> None:
    page = next(p for p in pages_of(sites["department-internal"]) if "市国资委" in p.name)
    visit = Visit(browser, page)
    text = visit.page.inner_text("main")
    # 市国资委 takes the mean of 水务集团 and 燃气集团:
    # (82.7 + 72.5) / 2 = 77.6 → 77.6/100 × 10 = 7.76
    assert (
        "市国资委 的“主要就民生工程实施总体情况进行社会评价”取 水务集团、燃气集团 的平均值"
        "（2 个单位）：水务集团 82.7、燃气集团 72.5。" in text
    )
    assert "取 水务集团、燃气集团 的平均值（2 个单位） = 77.6 → 7.76" in text
    visit.close()
    # 市总工会 takes the mean of the 11 assessed units that score it themselves (15 less itself,
    # 团市委, 市妇联 and 市国资委, whose values are taken from peers): (90.2 + 76.9 + 73.8 + 82.1
    # + 72.4 + 80 + 91.8 + 88 + 75.6 + 85.8 + 74.7) / 11 = 891.3 / 11 = 81.0272… → 8.10
    page = next(p for p in pages_of(sites["department-internal"]) if "市总工会" in p.name)
    visit = Visit(browser, page)
    text = visit.page.inner_text("main")
    visit.close()
    # in the words of validate --tree, 说明 and rules.html, naming the 11 and how many, then
    # their values and the working
    eleven = "市教育局、市民政局、市人社局、市卫生局、市住建局、市交通运输局、市农业局、市水务局、"
    eleven += "市林业局、市文广新局、市残联"
    values = (
        "市教育局 90.2、市民政局 76.9、市人社局 73.8、市卫生局 82.1、市住建局 72.4、市交通运输局 80"
        "、市农业局 91.8、市水务局 88、市林业局 75.6、市文广新局 85.8、市残联 74.7"
    )
    assert (
        f"市总工会 的“主要就民生工程实施总体情况进行社会评价”取 {eleven} 的平均值（11 个单位）："
        f"{values}。" in text
    )
    # the working in the table, as 明细 prints it
    assert f"取 {eleven} 的平均值（11 个单位） = ≈81.0273 → 8.10" in text
    assert "均值(11 个被考核单位)" not in text
    assert "全部被考核单位 的平均值" not in text


def test_pages_work_with_javascript_off(browser: Browser, sites: dict[str, Path]) -> None:
    visit = Visit(browser, sites["county-internal"] / "index.html", javascript=False)
    first = visit.page.eval_on_selector_all(
        "table.sortable >> nth=0 >> tbody tr", "rows => rows.map(r => r.cells[0].innerText)"
    )
    assert first[0] == "1" and len(first) == 14
    assert visit.page.locator("th button").count() == 0  # the sort buttons come from the script
    visit.page.click("text=考核细则")
    assert visit.page.url.endswith("rules.html")
    visit.close()


def test_sorting_a_column(browser: Browser, sites: dict[str, Path]) -> None:
    visit = Visit(browser, sites["county-internal"] / "index.html")
    table = visit.page.locator("table.sortable").first
    table.locator("th button", has_text="总分").click()
    totals = table.locator("tbody tr td.total").all_inner_texts()
    assert totals == sorted(totals, key=float)
    assert table.locator("th[aria-sort=ascending]").count() == 1
    assert visit.errors == []
    visit.close()


def test_pages_are_accessible(browser: Browser, sites: dict[str, Path]) -> None:
    folder = sites["county-internal"]
    for path in [*pages_of(folder)[:3], pages_of(folder)[3]]:
        visit = Visit(browser, path)
        page = visit.page
        assert page.get_attribute("html", "lang") == "zh-CN"
        for table in page.locator("table").all():
            assert table.locator("th").count() > 0
        for svg in page.locator("svg[role=img]").all():  # a chart names what it shows
            for part in svg.get_attribute("aria-labelledby").split():
                assert page.locator(f"#{part}").text_content()
        for svg in page.locator("svg:not([role=img])").all():  # bars beside their figures
            assert svg.get_attribute("aria-hidden") == "true"
        # the lowest contrast of any text against the background behind it: WCAG AA is 4.5
        assert page.evaluate(LOWEST_CONTRAST) >= 4.5, path
        visit.close()


LOWEST_CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  let lowest = 21;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || !n.parentElement.getClientRects().length) continue;
    const el = n.parentElement;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    lowest = Math.min(lowest, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  }
  return lowest;
}"""


def test_hostile_unit_names_show_as_text_and_run_nothing(
    browser: Browser, entry_workbook, tmp_path: Path
) -> None:
    units = [Unit(name=name, group="县市区") for name in HOSTILE]
    workbook = entry_workbook("county", dict.fromkeys(HOSTILE, FUCHENG), units=units)
    folder = tmp_path / "pages"
    assert publish(workbook, "--units", write_units(tmp_path, units), "-o", folder) == 0
    assert python_words(folder) == {}
    for path in pages_of(folder):
        visit = Visit(browser, path)
        assert visit.dialogs == [] and visit.errors == [], path
        assert visit.page.locator("img").count() == 0
        assert visit.page.evaluate("document.scripts.length") <= 1  # only the sort script
        text = visit.page.inner_text("body")
        if path.name == "index.html":
            assert all(name in text for name in HOSTILE)
        if path.parent.name == "units":
            assert any(name in text for name in HOSTILE), path
        visit.close()
    # all tied at 涪城区's 96.78 (worked out in test_score.py): the page says so, and prints
    # the hostile name as its running head
    unit_page = pages_of(folder)[-1]
    assert "96.78" in unit_page.read_text(encoding="utf-8")
    needs("pdftotext")
    visit = Visit(browser, unit_page)
    visit.page.pdf(path=str(tmp_path / "unit.pdf"), prefer_css_page_size=True)
    visit.close()
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "unit.pdf"), "-"],
        capture_output=True,
        text=True,
    ).stdout
    assert text.splitlines()[0] in [f"{name} · 考核结果反馈单" for name in HOSTILE]


def write_units(folder: Path, units: list[Unit]) -> Path:
    path = folder / "units.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["单位", "分组"], *([u.name, u.group] for u in units)])
    return path


def test_unit_page_prints_to_a4_with_its_name_and_page_number_on_every_page(
    browser: Browser, sites: dict[str, Path], tmp_path: Path
) -> None:
    needs("pdftotext")
    for kind in EXAMPLES:
        path = pages_of(sites[f"{kind}-internal"])[3]
        unit = path.stem.split("-", 1)[1]
        pdf = tmp_path / f"{kind}.pdf"
        visit = Visit(browser, path)
        visit.page.pdf(path=str(pdf), prefer_css_page_size=True)
        visit.close()
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "(A4)" in info
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 2  # the detail table runs over: its header must repeat
        for n in range(1, pages + 1):
            text = subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
            ).stdout
            assert unit in text, (kind, n)
            assert f"第 {n} 页，共 {pages} 页" in text, (kind, n)
            assert "考核项目 / 指标 / 分项" in text or "单位确认" in text, (kind, n)


def test_on_a_phone_only_the_wide_tables_scroll_sideways(
    browser: Browser, sites: dict[str, Path]
) -> None:
    # at 390 px the page itself keeps to the screen's width: headings and text stay in view and
    # a table or the chart too wide for the screen scrolls inside its own box
    folder = sites["county-internal"]
    for path in [*pages_of(folder)[:3], pages_of(folder)[3]]:
        visit = Visit(browser, path)
        visit.page.set_viewport_size({"width": 390, "height": 800})
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        visit.close()
        assert width <= 390, (path.name, width)


def test_screenshots_of_index_and_a_unit_page(browser: Browser, sites: dict[str, Path]) -> None:
    # Set MYPM_SCREENSHOTS=DIR to keep them and look at them.
    out = Path(os.environ.get("MYPM_SCREENSHOTS") or sites["county-internal"].parent)
    out.mkdir(parents=True, exist_ok=True)
    folder = sites["county-internal"]
    for name, path in [("index", folder / "index.html"), ("unit", pages_of(folder)[4])]:
        visit = Visit(browser, path)
        visit.page.set_viewport_size({"width": 1280, "height": 900})
        shot = out / f"publish-{name}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        visit.close()
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# --- the command ---------------------------------------------------------------------------------


def test_default_folder_is_beside_the_first_input(tmp_path: Path) -> None:
    example = tmp_path / "county-2013.xlsx"
    shutil.copy(EXAMPLES["county"], example)
    assert publish(example) == 0
    assert (tmp_path / "county-2013-publish" / "index.html").is_file()
    assert publish(example, "--public") == 0
    assert (tmp_path / "county-2013-public" / "rules.html").is_file()
    assert oct((tmp_path / "county-2013-public").stat().st_mode & 0o777) != "0o700"


def test_an_existing_folder_is_replaced_only_with_force_and_only_if_it_holds_pages(
    run, tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    assert run("publish", EXAMPLES["county"], "-o", folder).code == 0
    again = run("publish", EXAMPLES["county"], "-o", folder)
    assert again.code == 2 and "--force" in again.err
    assert run("publish", EXAMPLES["county"], "-o", folder, "--public", "--force").code == 0
    assert not (folder / "units").exists()  # replaced as a whole: no stale unit pages
    (folder / "notes.docx").write_text("the office's own file")
    refused = run("publish", EXAMPLES["county"], "-o", folder, "--force")
    assert refused.code == 2 and "不是 mypm publish 写出的文件" in refused.err
    assert (folder / "notes.docx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_english_pages(run, tmp_path: Path) -> None:
    assert run("publish", EXAMPLES["county"], "-o", tmp_path / "en", "--lang", "en").code == 0
    index = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Ranking" in index


# a full-width sign (：（）。、，；) touching English words or figures: Chinese typography left in
# the English pages (a bracket closing a Chinese rule text before " · " is the rule file's own)
CJK_PUNCTUATION_IN_ENGLISH = re.compile(
    r"[A-Za-z0-9 ][：（）。、，；]|[：（。、，；][A-Za-z]|）[A-Za-z]"
)


def test_english_pages_have_english_punctuation_and_plurals(
    run, entry_workbook, tmp_path: Path
) -> None:
    for kind, example in EXAMPLES.items():
        folder = tmp_path / kind
        assert run("publish", example, "-o", folder, "--lang", "en").code == 0
        for path in pages_of(folder):
            text = html.unescape(re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8")))
            assert CJK_PUNCTUATION_IN_ENGLISH.findall(text) == [], path
    unit_page = (tmp_path / "department" / "units").glob("*市国资委.html")
    text = next(unit_page).read_text(encoding="utf-8")
    assert "Contact: " in text and 'Bonus<span class="pts"> (cap 5)</span>' in text
    assert "is the mean of 水务集团, 燃气集团 (2 units): 水务集团 82.7, 燃气集团 72.5." in text
    # one unit in its group: "1 unit", never "1 units"
    units = [Unit(name="江油市", group="县市区")]
    workbook = entry_workbook("county", {"江油市": FUCHENG}, units=units)
    folder = tmp_path / "one"
    assert (
        run(
            "publish",
            workbook,
            "--units",
            write_units(tmp_path, units),
            "-o",
            folder,
            "--lang",
            "en",
        ).code
        == 0
    )
    for path in pages_of(folder):
        assert "1 units" not in path.read_text(encoding="utf-8"), path
    assert "All 1 unit by total" in (folder / "index.html").read_text(encoding="utf-8")


def test_bad_deadline_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("publish", EXAMPLES["county"], "-o", tmp_path / "x", "--deadline", "2月10日")
    assert result.code == 2 and "--deadline" in result.err
    assert not (tmp_path / "x").exists()


def test_self_check_forms_are_not_published_as_results(run, tmp_path: Path) -> None:
    # a self-check form holds the unit's own claims: published, they would read as certified
    # 考核结果 (公示) and 反馈单
    for extra in ([], ["--public"]):
        folder = tmp_path / "pages"
        result = run(
            "publish", REPO / "examples" / "county-2013-self-check.xlsx", "-o", folder, *extra
        )
        assert result.code == 1, result.err
        assert "county-2013-self-check.xlsx" in result.err and "自查表" in result.err
        assert not folder.exists()


def test_one_wording_for_the_grades_and_the_derived_values(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    # validate --tree, the template's 说明 sheet and rules.html word each rule alike
    from openpyxl import load_workbook

    from mypm.core.rules import load_rule_file
    from mypm.render.workbook.template import TemplateOptions, write_template

    rules = REPO / "rules" / "department.yaml"
    # "all": the 15 assessed units less the 4 whose value is derived (市国资委 and the three)
    # are the 11 averaged
    eleven = (
        "市教育局、市民政局、市人社局、市卫生局、市住建局、市交通运输局、市农业局、市水务局、"
        "市林业局、市文广新局、市残联"
    )
    sentences = [
        "市国资委 的“主要就民生工程实施总体情况进行社会评价”取 水务集团、燃气集团 "
        "的平均值（2 个单位）",
        "市总工会、团市委、市妇联 的“主要就民生工程实施总体情况进行社会评价”取 "
        f"{eleven} 的平均值（11 个单位）",
        "优秀 ≥ 90分",
        "良好 ≥ 80分",
        "合格 ≥ 60分",
        "不合格 ≥ 0分",
    ]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["validate", "--tree", str(rules)]) == 0
    tree = re.sub(r"\n[│ ]*", "", out.getvalue())  # the tree wraps long lines
    template = tmp_path / "form.xlsx"
    write_template(load_rule_file(rules), TemplateOptions(), template)
    guide = "\n".join(
        str(c.value) for row in load_workbook(template)["说明"].iter_rows() for c in row
    )
    page = html.unescape((sites["department-internal"] / "rules.html").read_text(encoding="utf-8"))
    for sentence in sentences:
        assert sentence in tree, sentence
        assert sentence in guide, sentence
        assert sentence in page, sentence


def test_a_hostile_rule_set_publishes_no_python_word(tmp_path: Path) -> None:
    """The rule file with formula characters, `<&>`, quotes and characters outside the BMP in
    every name (test_roundtrip): no page says None, nan, True or False, or shows {{ or }}."""
    from test_roundtrip import CATEGORY, INDICATOR, hostile_entries

    rule_path, source = hostile_entries(tmp_path)
    folder = tmp_path / "pages"
    assert publish(source, "--rules", rule_path, "--kind", "county", "-o", folder) == 0
    assert python_words(folder) == {}
    text = html.unescape((folder / "rules.html").read_text(encoding="utf-8"))
    assert CATEGORY in text and INDICATOR in text
