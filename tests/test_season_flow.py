"""The whole season from the command line, as the office runs it: init with its own unit list,
forms per certifier, returns (two versions, a duplicate, a late one), status and score with no
file arguments, log and verify; then a hand-edited input, a hand-edited result and a tampered
ledger entry, each found."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fill import fill_entry_workbook
from mypm.season.verify import recorded_head
from test_status import FIELDS

UNITS = ["涪城区", "游仙区"]
# the fields whose 考核组织 asks the unit for a document (自查提交文件, 自查提交说明)
EVIDENCE_ASKED = [
    "org.leading_group",
    "org.duties",
    "org.rules",
    "progress.plan",
    "progress.inspections",
]


@pytest.fixture
def season(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A season with every certifier's form returned at full marks, in the working folder."""
    units = tmp_path / "单位名单.csv"
    units.write_text("单位,分组\n" + "".join(f"{u},县市区\n" for u in UNITS), encoding="utf-8")
    root = tmp_path / "2013年度考核"
    made = run(
        "init", root, "--kind", "county", "--units", units,
        "--deadline", "2014-01-20", "--reply-deadline", "2014-02-10",
    )  # fmt: skip
    assert made.code == 0, made.err
    monkeypatch.chdir(root)
    forms = run("template", "--by-certifier")
    assert forms.code == 0, forms.err
    mail = tmp_path / "邮件"
    mail.mkdir()
    for certifier, fields in FIELDS.items():
        name = next(
            p
            for p in (root / "发出表格").iterdir()
            if p.name.endswith(".xlsx") and _certifier_of(p) == certifier
        ).name
        copy = mail / name
        copy.write_bytes((root / "发出表格" / name).read_bytes())
        fill_entry_workbook(copy, {u: fields for u in UNITS})
    return root


def _certifier_of(path: Path) -> str:
    from mypm.read.entries import open_input

    book = open_input(path)
    book.close()
    return book.metadata.get("mypm.certifier", "")


def test_the_whole_season(season: Path, run, tmp_path: Path) -> None:
    mail = tmp_path / "邮件"
    finance = next(p for p in mail.iterdir() if "市财政局" in p.name)
    third_party = next(p for p in mail.iterdir() if "第三方" in p.name)
    # the finance bureau first sends a wrong file (否 for 涪城区), then corrects it
    wrong = tmp_path / "财政局-初稿.xlsx"
    wrong.write_bytes(finance.read_bytes())
    fill_entry_workbook(wrong, {"涪城区": {"progress.funding": "否"}})
    assert run("receive", wrong, "--received-at", "2014-01-10 09:00").code == 0
    others = [p for p in mail.iterdir() if p not in (third_party,)]
    received = run("receive", *others, "--received-at", "2014-01-15 10:00")
    assert received.code == 0, received.err
    assert "取代了 收回文件/county-填报-市财政局核定-收到20140110-090000.xlsx" in received.out
    again = run("receive", finance, "--received-at", "2014-01-16 10:00")
    assert again.code == 0 and "内容相同" in again.out
    late = run("receive", third_party, "--received-at", "2014-01-22 08:00")
    assert late.code == 0 and "逾期" in late.out
    # the units' evidence (佐证材料), a folder per unit holding a folder per field asking one
    delivery = tmp_path / "佐证材料"
    for unit in UNITS:
        for key in EVIDENCE_ASKED:
            (delivery / unit / key).mkdir(parents=True)
            (delivery / unit / key / "文件.pdf").write_bytes(b"%PDF-1.4 " + key.encode())
    assert run("receive", "--evidence", delivery).code == 0
    # status and score read the current files, with the season's rules and units
    status = run("status")
    assert status.code == 0, status.out + status.err
    assert "考核季已收文件 10 个" in status.out
    document = json.loads(run("status", "--format", "json").out)
    assert document["complete"] is True
    cells = document["units"][0]["certifiers"]
    assert document["units"][0]["unit"] == "涪城区"
    assert cells["finance"]["received"] == {
        "file": "收回文件/county-填报-市财政局核定-收到20140115-100000.xlsx",
        "received_at": "2014-01-15T10:00:00+08:00",
        "late": False,
        "superseded": 1,
    }
    assert cells["third_party"]["received"]["late"] is True
    assert cells["finance"]["blank"] == [] and cells["finance"]["state"] == "complete"
    states = sorted((f["state"], f["late"]) for f in document["files"])
    assert states == [("current", False)] * 8 + [("current", True), ("superseded", False)]
    scored = run("score", "-q")
    assert scored.code == 0, scored.err
    results = sorted((season / "评分结果").iterdir())
    assert len(results) == 1 and results[0].name.startswith("county-评分-")
    book = load_workbook(results[0])
    summary = book.worksheets[0]
    totals = {
        row[1]: row[12] for row in summary.iter_rows(min_row=4, values_only=True) if row[1] in UNITS
    }
    # every base field at full marks but 社会公众评价 90 of 100: 10×90/100 = 9, so 100 − 1 = 99
    assert totals == {"涪城区": 99, "游仙区": 99}
    provenance = {r[0]: r[1] for r in book["规则"].iter_rows(values_only=True) if r[0]}
    kinds = [e["kind"] for e in json.loads(run("log", "--format", "json").out)["entries"]]
    assert kinds == [
        "season",
        "run",
        *["receipt"] * 9,
        "duplicate",
        "receipt",
        *["evidence"] * 10,
        "run",
    ]
    head_before_run = json.loads(run("log", "--format", "json").out)["entries"][-2]["hash"]
    assert provenance["考核季台账记录（哈希）"] == head_before_run
    assert any("逾期收到" in str(v) for v in provenance.values())
    # the season as one side of compare: its current files, by its own rules and units
    compared = run("compare", season, results[0], "--format", "json")
    assert compared.code == 0, compared.err
    same = json.loads(compared.out)
    assert sorted(u["unit"] for u in same["units"]) == UNITS
    assert [u["total_moved"] for u in same["units"]] == [0, 0]
    # one side given inside the season: compared with this season (B), the same comparison
    alone = run("compare", results[0], "--format", "json")
    assert alone.code == 0, alone.err
    with_season = json.loads(alone.out)
    assert with_season["a"]["source"] == str(results[0])
    assert with_season["b"]["source"] == same["a"]["source"]
    assert [u["total_moved"] for u in with_season["units"]] == [0, 0]
    # the 反馈单 carry the season's reply deadline; the pages, the ledger's head in provenance
    # the office reviews the units' claims where the guide names no certifying body
    assert run("review", "--accept-all").code == 0
    head_before_publish = json.loads(run("log", "--format", "json").out)["entries"][-1]["hash"]
    published = run("publish")
    assert published.code == 0, published.err
    pages = list((season / "评分结果").glob("*/units/*.html"))
    assert len(pages) == len(UNITS)
    assert all("于 2014-02-10 前" in p.read_text(encoding="utf-8") for p in pages)
    site = pages[0].parent.parent
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'考核季台账记录（哈希）</th><td class="source">{head_before_publish}</td>' in index
    assert recorded_head(site) == head_before_publish
    second = run("score", "-q")
    assert second.code == 0 and len(list((season / "评分结果").iterdir())) == 3  # none replaced
    # log and verify
    log = run("log")
    assert log.code == 0 and "#1 " in log.out and "收取" in log.out and "运行 mypm score" in log.out
    verified = run("verify", results[0])
    assert verified.code == 0 and "一致" in verified.out, verified.out + verified.err
    assert run("verify").code == 0  # the latest result
    # a result edited by hand
    summary.cell(
        row=next(r for r in range(1, 20) if summary.cell(r, 2).value == "游仙区"),
        column=13,
        value=98,
    )
    book.save(results[0])
    edited = run("verify", results[0])
    assert edited.code == 1
    assert "结果文件在写出后被改动过" in edited.out
    assert "游仙区 的总分：结果中为 98.00，重新评分为 99.00" in edited.out
    # an input edited by hand
    current = next(
        p for p in (season / "收回文件").iterdir() if "市财政局核定-收到20140115" in p.name
    )
    kept = current.read_bytes()
    fill_entry_workbook(current, {"游仙区": {"progress.funding": "否"}})
    changed = run("verify")
    assert changed.code == 1 and "收取后被改动过" in changed.out and "共 1 处不同" in changed.out
    assert current.name in changed.out
    current.write_bytes(kept)
    assert run("verify").code == 0
    # a ledger entry changed by hand
    with sqlite3.connect(season / "ledger.sqlite") as db:
        db.execute("DROP TRIGGER entries_never_updated")
        data = db.execute("SELECT data FROM entries WHERE seq = 3").fetchone()[0]
        db.execute(
            "UPDATE entries SET data = ? WHERE seq = 3", (data.replace("2014-01-10", "2014-01-09"),)
        )
    tampered = run("verify")
    assert tampered.code == 1 and "台账第 3 条记录被手工改动过" in tampered.out
    assert run("log").code == 1


def test_outside_a_season_a_command_without_files_is_a_usage_error(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("score")
    assert result.code == 2 and "FILES" in result.err
    assert run("log").code == 2
    alone = run("compare", tmp_path / "last-year.json")  # no season to compare it with
    assert alone.code == 2 and "'B'" in alone.err
