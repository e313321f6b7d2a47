"""Appeals (申诉/复核) in a season, from the command line (issue 25): recorded by command and
by the appeals workbook, decided (维持/采纳/部分采纳, revised with the earlier decision kept),
listed, applied by score with their provenance, compared before/after, stopping a final publish
until decided, and verified. Every score is worked by hand from the county rules.

The season: 涪城区 and 游仙区, every form returned. Full marks but where said:
- 涪城区: 定期督促检查项目 1 of 2 inspections (0.50 of 1), 季度公开 2 of 4 quarters (2 × 2/4 =
  1.00 of 2), 领导体系健全 否 (0 of 1), 社会公众评价 90 (9 of 10): 100 − 0.5 − 1 − 1 − 1 = 96.50.
- 游仙区: 社会公众评价 70 (7 of 10): 100 − 3 = 97.00, so first before any appeal.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fill import fill_entry_workbook
from test_season_flow import _certifier_of
from test_status import FIELDS

UNITS = ["涪城区", "游仙区"]
CHANGED = {
    "涪城区": {
        "progress.inspections": 1,
        "disclosure.quarterly": 2,
        "org.leading_group": "否",
        "public.evaluation": 90,
    },
    "游仙区": {"public.evaluation": 70},
}


@pytest.fixture
def season(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A season with every form returned (the values above), reply deadline 2014-02-10."""
    units = tmp_path / "单位名单.csv"
    units.write_text("单位,分组,曾用名\n涪城区,县市区,涪城县\n游仙区,县市区,\n", encoding="utf-8")
    root = tmp_path / "2013年度考核"
    made = run(
        "init", root, "--kind", "county", "--units", units,
        "--deadline", "2014-01-20", "--reply-deadline", "2014-02-10",
    )  # fmt: skip
    assert made.code == 0, made.err
    monkeypatch.chdir(root)
    assert run("template", "--by-certifier").code == 0
    mail = tmp_path / "邮件"
    mail.mkdir()
    for form in sorted((root / "发出表格").iterdir()):
        fields = FIELDS[_certifier_of(form)]
        copy = mail / form.name
        copy.write_bytes(form.read_bytes())
        values = {unit: {k: CHANGED[unit].get(k, v) for k, v in fields.items()} for unit in UNITS}
        fill_entry_workbook(copy, values)
    received = run("receive", mail, "--received-at", "2014-01-15 10:00")
    assert received.code == 0, received.out + received.err
    return root


def totals(run, *args: str) -> dict[str, tuple[float, int]]:
    result = run("score", "--format", "json", *args)
    assert result.code == 0, result.err
    return {u["unit"]: (u["total"], u["rank"]) for u in json.loads(result.out)["units"]}


def test_the_scores_before_any_appeal(season: Path, run) -> None:
    assert totals(run) == {"涪城区": (96.5, 2), "游仙区": (97, 1)}


def test_appeals_recorded_decided_applied_and_verified(season: Path, run, tmp_path) -> None:
    added = run(
        "appeal", "add", "涪城区", "progress.inspections", "--claim", "2",
        "--reason", "第二次督查有通报", "--received-at", "2014-02-08 10:00",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.startswith(
        "已登记 申诉 1：涪城区 的 定期督促检查项目（progress.inspections），申诉值 2，"
        "收到 2014-02-08 10:00"
    )
    # by a former name, and a field's name found once in the rules
    second = run(
        "appeal", "add", "涪城县", "按季度公布推进情况", "--claim", "4",
        "--reason", "四个季度均已公开", "--received-at", "2014-02-09 16:00",
    )  # fmt: skip
    assert second.code == 0, second.err
    assert "申诉 2：涪城区 的 " in second.out and "（disclosure.quarterly）" in second.out
    late = run(
        "appeal", "add", "涪城区", "领导体系健全", "--claim", "是",
        "--reason", "已成立领导小组", "--received-at", "2014-02-11 09:00",
    )  # fmt: skip
    assert late.code == 0, late.err
    assert "申诉 3：" in late.out and "（逾期）" in late.out and "2014-02-10" in late.out
    # undecided appeals stop a final publish, naming each; a draft is published
    refused = run("publish")
    assert refused.code == 1
    assert refused.err.count("尚未决定") == 3 and "申诉 2 尚未决定" in refused.err
    assert not any(p.name.startswith("county-发布") for p in (season / "评分结果").iterdir())
    draft = run("publish", "--draft")
    assert draft.code == 0, draft.err
    folder = next(p for p in (season / "评分结果").iterdir() if p.name.startswith("county-发布"))
    pages = [p for p in folder.rglob("*.html")]
    assert pages and all("草稿：本页结果尚未最终确定" in p.read_text("utf-8") for p in pages)
    # decisions: accept 1, partly accept 2 (3 of 4 quarters), uphold 3
    decided = run("appeal", "decide", "1", "accept", "--reason", "通报属实", "--by", "复核组")
    assert decided.code == 0, decided.err
    assert decided.out.startswith("申诉 1 已决定：采纳，按 2 计分（复核组，")
    assert (
        run("appeal", "decide", "2", "partial", "--value", "3", "--reason", "第四季度未公开").code
        == 0
    )
    assert run("appeal", "decide", "3", "accept", "--reason", "先采纳").code == 0
    twice = run("appeal", "decide", "3", "uphold", "--reason", "改为维持")
    assert twice.code == 2
    assert "申诉 3 已于" in twice.err and "--revise" in twice.err
    revised = run("appeal", "decide", "3", "uphold", "--reason", "逾期且材料不足", "--revise")
    assert revised.code == 0, revised.err
    assert "修改了原决定：采纳，按 是 计分" in revised.out
    # after: 定期督促检查项目 2/2 → 1.00 (+0.50), 季度公开 3/4 × 2 → 1.50 (+0.50), 领导体系
    # 健全 stays 否: 96.50 + 1.00 = 97.50, now first; 游仙区 97.00 second
    assert totals(run) == {"涪城区": (97.5, 1), "游仙区": (97, 2)}
    assert totals(run, "--before-appeals") == {"涪城区": (96.5, 2), "游仙区": (97, 1)}
    document = json.loads(run("score", "--format", "json").out)
    fields = next(u for u in document["units"] if u["unit"] == "涪城区")["fields"]
    inspections = fields["progress.inspections"]
    assert inspections["score"] == 1
    assert inspections["decision"]["kind"] == "appeal"
    assert inspections["decision"]["ref"] == "申诉 1"
    assert (inspections["decision"]["before"], inspections["decision"]["before_score"]) == (
        "1",
        0.5,
    )
    assert (
        "复核调整：原值 1 → 0.50，新值 2 → 1.00，依据 申诉 1：通报属实"
        in inspections["explanation"]
    )
    assert fields["disclosure.quarterly"]["score"] == 1.5
    explained = json.loads(run("explain", "--unit", "涪城区", "--format", "json").out)
    nodes = [n for top in explained["tree"] for ind in top.get("children", []) for n in [ind]]
    node = next(n for n in nodes if n["key"] == "progress.inspections")
    assert node["decision"]["ref"] == "申诉 1" and node["decision"]["difference"] == 0.5
    assert "decision" not in fields["org.leading_group"]  # upheld: unchanged
    # the list: states, the earlier decision kept, per unit counts
    listed = run("appeal", "list")
    assert listed.code == 0, listed.err
    assert "原决定：采纳，按 是 计分" in listed.out
    assert "涪城区：申诉 3 件，采纳 1 件，部分采纳 1 件，维持 1 件，未决定 0 件" in listed.out
    data = json.loads(run("appeal", "list", "--format", "json").out)
    assert [a["state"] for a in data["appeals"]] == ["accept", "partial", "uphold"]
    assert [a["late"] for a in data["appeals"]] == [False, False, True]
    assert data["appeals"][2]["earlier_decisions"][0]["outcome"] == "accept"
    assert data["units"] == [
        {"unit": "涪城区", "count": 3, "pending": 0, "uphold": 1, "accept": 1, "partial": 1}
    ]
    # before and after, unit by unit with ranks
    compared = json.loads(run("compare", "--appeals", "--format", "json").out)
    moved = {
        u["unit"]: (u["before"]["total"], u["after"]["total"], u["before"]["rank"], u["rank_moved"])
        for u in compared["units"]
    }
    assert moved == {"涪城区": (96.5, 97.5, 2, 1), "游仙区": (97, 97, 1, -1)}
    changed = {(f["unit"], f["key"], f["moved"]) for f in compared["fields"]}
    assert changed == {
        ("涪城区", "progress.inspections", 0.5),
        ("涪城区", "disclosure.quarterly", 0.5),
    }
    # a final publish, every claim reviewed, now works and says 复核后, dated by the last decision
    assert run("review", "--accept-all").code == 0
    assert run("publish").code == 0
    final = sorted(p for p in (season / "评分结果").iterdir() if p.name.startswith("county-发布"))[
        -1
    ]
    index = (final / "index.html").read_text("utf-8")
    assert "复核后结果：已按申诉复核决定调整（最后一次决定 " in index and "草稿" not in index
    # the scored workbook and its verification, with the decisions recorded in the ledger
    assert run("score", "-q").code == 0
    assert run("verify").code == 0
    log = run("log")
    assert "申诉 1：涪城区 的 progress.inspections，申诉值 2" in log.out
    assert "申诉 3 的决定：维持" in log.out


def ledger_size(run) -> int:
    return len(json.loads(run("log", "--format", "json").out)["entries"])


def test_the_appeals_workbook_is_written_and_received(season: Path, run, tmp_path) -> None:
    written = run("template", "--appeals")
    assert written.code == 0, written.err
    form = season / "发出表格" / "county-申诉表.xlsx"
    assert form.is_file()
    book = load_workbook(form)
    assert book.sheetnames == UNITS
    sheet = book["游仙区"]
    assert sheet["A1"].value == "游仙区" and sheet.column_dimensions["A"].hidden
    keys = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert "public.evaluation" in keys and "bonus.publicity.national" in keys
    row = 4 + keys.index("public.evaluation")
    # a row with a claim but no reason, and a claim the field cannot take: both named, and
    # nothing of the workbook is recorded
    bad = tmp_path / "申诉-有误.xlsx"
    sheet.cell(row, 5).value = "很多"
    sheet.cell(row, 6).value = "漏计"
    sheet.cell(row - 1, 5).value = "是"
    book.save(bad)
    before = ledger_size(run)
    refused = run("receive", bad)
    assert refused.code == 1
    assert f"申诉-有误.xlsx › 游仙区 › E{row - 1}：填写了申诉值但没有申诉理由" in refused.err
    assert (
        f"申诉-有误.xlsx › 游仙区 › E{row}：游仙区 的 " in refused.err
        and "“很多”不是数值" in refused.err
    )
    assert ledger_size(run) == before
    assert not any("申诉表" in p.name for p in (season / "收回文件").iterdir())
    # filled right: 游仙区 claims 80 for 社会公众评价 (80/100 × 10 = 8.00, one point more)
    good = tmp_path / "游仙区-申诉.xlsx"
    sheet.cell(row - 1, 5).value = None
    sheet.cell(row, 5).value = "80"
    sheet.cell(row, 7).value = "评估报告复印件"
    book.save(good)
    received = run("receive", good, "--received-at", "2014-02-09 11:00")
    assert received.code == 0, received.err
    assert "收到申诉表" in received.out and "登记 1 件申诉" in received.out
    assert "申诉 1：游仙区 的 " in received.out
    again = run("receive", good)
    assert again.code == 0 and "内容相同" in again.out
    listed = json.loads(run("appeal", "list", "--format", "json").out)["appeals"]
    assert len(listed) == 1
    appeal = listed[0]
    assert (appeal["unit"], appeal["field"], appeal["claim"], appeal["reason"]) == (
        "游仙区", "public.evaluation", "80", "漏计"
    )  # fmt: skip
    assert appeal["materials"] == "评估报告复印件" and appeal["late"] is False
    assert appeal["source"].startswith("收回文件/county-申诉表-收到20140209-110000.xlsx!游仙区!E")
    assert (season / appeal["source"].split("!")[0]).is_file()
    assert run("appeal", "decide", "1", "accept", "--reason", "评估报告漏计").code == 0
    assert totals(run) == {"涪城区": (96.5, 2), "游仙区": (98, 1)}


def test_appeal_files_are_kept_with_the_field_evidence(season: Path, run, tmp_path) -> None:
    scan = tmp_path / "督查通报.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    before = ledger_size(run)
    appeal = ("appeal", "add", "涪城区", "progress.inspections", "--claim", "2", "--reason", "通报")
    refused = run(*appeal, scan, empty)
    assert refused.code == 2 and "空文件" in refused.err
    assert ledger_size(run) == before and not (season / "佐证材料" / "涪城区").exists()
    added = run(*appeal, scan)
    assert added.code == 0, added.err
    kept = season / "佐证材料" / "涪城区" / "progress.inspections" / "督查通报.pdf"
    assert kept.read_bytes() == b"%PDF-1.4 scan"
    listed = json.loads(run("appeal", "list", "--format", "json").out)["appeals"]
    assert listed[0]["files"] == ["佐证材料/涪城区/progress.inspections/督查通报.pdf"]
    assert "材料：佐证材料/涪城区/progress.inspections/督查通报.pdf" in run("appeal", "list").out
    # the appeal's file is the field's evidence wherever the score is shown
    document = json.loads(run("score", "--format", "json").out)
    fields = next(u for u in document["units"] if u["unit"] == "涪城区")["fields"]
    assert [e["file"] for e in fields["progress.inspections"]["evidence"]] == [
        "佐证材料/涪城区/progress.inspections/督查通报.pdf"
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("add", "安州区", "progress.inspections", "--claim", "2", "--reason", "x"),
            "没有单位“安州区”",
        ),
        (("add", "涪城区", "国家级", "--claim", "2", "--reason", "x"), "bonus.publicity.national"),
        (
            ("add", "涪城区", "progress.meetings", "--claim", "2", "--reason", "x"),
            "progress.meetings.reports",
        ),
        (
            ("add", "涪城区", "progress.inspections", "--claim", "很多", "--reason", "x"),
            "“很多”不是数值",
        ),
        (("add", "涪城区", "org.leading_group", "--claim", "也许", "--reason", "x"), "也许"),
        (("add", "涪城区", "progress.inspections", "--claim", " ", "--reason", "x"), "不能为空"),
        (("add", "涪城区", "progress.inspections", "--claim", "2", "--reason", " "), "须写明理由"),
        (
            ("add", "涪城区", "progress.inspections", "--claim", "2", "--reason", "x", "."),
            "是文件夹",
        ),
        (("decide", "1", "accept", "--reason", "x"), "尚未登记任何申诉"),
    ],
)
def test_bad_input_is_refused_with_nothing_recorded(season: Path, run, args, said) -> None:
    before = ledger_size(run)
    result = run("appeal", *args)
    assert result.code == 2, result.out
    assert said in result.err and "Traceback" not in result.err
    assert ledger_size(run) == before


def test_a_decision_is_checked_and_revised_only_on_purpose(season: Path, run) -> None:
    assert (
        run("appeal", "add", "涪城区", "disclosure.quarterly", "--claim", "4", "--reason", "x").code
        == 0
    )
    before = ledger_size(run)
    for args, said in [
        (("9", "accept"), "没有第 9 号申诉（已登记：1）"),
        (("1", "partial"), "部分采纳须用 --value"),
        (("1", "partial", "--value", "很多"), "“很多”不是数值"),
        (("1", "accept", "--value", "3"), "采纳 不带 --value"),
        (("1", "uphold", "--revise"), "尚未作出决定"),
    ]:
        result = run("appeal", "decide", *args, "--reason", "x")
        assert result.code == 2 and said in result.err, (args, result.err)
    assert ledger_size(run) == before
    assert run("appeal", "decide", "1", "uphold", "--reason", "维持").code == 0
    assert totals(run)["涪城区"] == (96.5, 2)


def test_a_result_made_before_a_decision_still_verifies(season: Path, run) -> None:
    assert (
        run("appeal", "add", "涪城区", "progress.inspections", "--claim", "2", "--reason", "x").code
        == 0
    )
    assert run("score", "-q").code == 0
    first = sorted((season / "评分结果").iterdir())[-1]
    assert run("appeal", "decide", "1", "accept", "--reason", "属实").code == 0
    assert run("score", "-q").code == 0
    # each result re-scores with the decisions the ledger held when its run began
    assert run("verify", first).code == 0
    assert run("verify").code == 0
    latest = max((season / "评分结果").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    details = [c for r in load_workbook(latest)["明细"].iter_rows(values_only=True) for c in r]
    assert any(
        isinstance(c, str) and "复核调整：原值 1 → 0.50，新值 2 → 1.00" in c for c in details
    )
    sheet = load_workbook(latest)["申诉"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] == "1"]
    assert rows[0][1:4] == ("涪城区", "定期督促检查项目（progress.inspections）", "2")
    assert rows[0][6] == "采纳" and rows[0][7] == "2"


def test_the_library_records_and_decides_appeals(season: Path) -> None:
    from mypm import Season

    found = Season(season)
    appeal = found.add_appeal("涪城区", "disclosure.quarterly", "4", "四个季度都公布了")
    assert (appeal.number, appeal.state) == (1, "pending")
    decided = found.decide_appeal(1, "partial", "第四季度未公布", value="3")
    assert decided.state == "partial" and decided.ruling is not None
    assert decided.ruling.value == "3"
    # 3 of 4 quarters: 2 × 3/4 = 1.50 of 2, half a point more: 96.50 + 0.50 = 97.00
    scored = found.score()
    assert {u.unit: u.total for u in scored.report.units}["涪城区"] == Decimal("97.00")
    before = found.score(before_appeals=True)
    assert {u.unit: u.total for u in before.report.units}["涪城区"] == Decimal("96.50")
    assert [a.number for a in found.appeals()] == [1]
    assert found.write_appeals_form().name == "county-申诉表.xlsx"


def test_outside_a_season_appeals_are_refused(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MYPM_SEASON", raising=False)
    listed = run("appeal", "list")
    assert listed.code == 2 and "考核季" in listed.err
    assert run("template", "--appeals").code == 2
    assert run("compare", "--appeals").code == 2
