"""`mypm diff`: one change of each kind between two rule files, each found and shown."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import COUNTY

# Each edit turns the 2013 county rules into a "next year" that still loads (every sum holds).
EDITS = [
    # the indicator org.rules is removed and org.archive added in its place (org stays 4)
    (
        "      - id: rules\n        name: 工作制度规范\n",
        "      - id: archive\n        name: 档案管理规范\n",
    ),
    # progress.rectification moves to org: org 4 → 5, progress 5 → 4
    ("    name: 组织管理体系\n    points: 4\n", "    name: 组织管理体系\n    points: 5\n"),
    ("    name: 推进过程管理\n    points: 5\n", "    name: 推进过程管理\n    points: 4\n"),
    # the meetings part attendance gives up 0.25 to a new part, minutes
    (
        "          - {id: attendance, name: 按时参会, points: 0.5, measure: {type: percent}",
        "          - {id: minutes, name: 会议纪要, points: 0.25, measure: {type: yes_no}}\n"
        "          - {id: attendance, name: 按时参会, points: 0.25, measure: {type: percent}",
    ),
    # a measure: two inspections for full points become three
    ("measure: {type: count, target: 2}", "measure: {type: count, target: 3}"),
    # a certifier: the website column is checked by the office itself
    (
        "        name: 本级政务网站设立民生工程专栏\n        points: 2\n"
        "        certified_by: [third_party]\n",
        "        name: 本级政务网站设立民生工程专栏\n        points: 2\n"
        "        certified_by: [mslb]\n",
    ),
    # a criterion: two words changed
    (
        "criterion: 是否有民生工作领导小组及办公室成立（调整）的相关文件",
        "criterion: 是否有民生工作领导小组成立（调整）的正式文件",
    ),
    # bonus and deduction values
    ("bonus:\n  cap: 5\n", "bonus:\n  cap: 6\n"),
    (
        "measure: {type: per_item, per: 2}\n      note: 指南未列",
        "measure: {type: per_item, per: 3}\n      note: 指南未列",
    ),
    # a local choice's reason
    (
        "bonus.cap: 指南未定加分总上限，5分为本地取值",
        "bonus.cap: 指南未定加分总上限，6分为本地取值",
    ),
    # a grade line
    ("{name: 良好, min: 80,", "{name: 良好, min: 85,"),
]


def next_year(tmp_path: Path) -> Path:
    text = COUNTY.read_text(encoding="utf-8").split("\ntests:\n")[0]  # its tests pin 2013
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    # the moved indicator: cut from progress, pasted at the end of org
    block_start = text.index("      - id: rectification\n")
    block_end = text.index("      - id: meetings\n", block_start)
    block = text[block_start:block_end]
    text = text[:block_start] + text[block_end:]
    org_end = text.index("  - id: progress\n")
    text = text[:org_end].rstrip("\n") + "\n" + block + "\n" + text[org_end:]
    path = tmp_path / "county-next.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def changes(run, a: Path, b: Path) -> list[dict]:
    result = run("diff", a, b, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)["changes"]


def test_one_change_of_each_kind(run, tmp_path: Path) -> None:
    found = {
        (c["change"], c["path"], c["attribute"], c["before"], c["after"])
        for c in changes(run, COUNTY, next_year(tmp_path))
    }
    assert found == {
        ("removed", "org.rules", "", "", ""),
        ("added", "org.archive", "", "", ""),
        ("moved", "org.rectification", "", "progress.rectification", "org.rectification"),
        ("changed", "org", "points", "4", "5"),
        ("changed", "progress", "points", "5", "4"),
        ("changed", "progress.meetings.attendance", "points", "0.5", "0.25"),
        ("added", "progress.meetings.minutes", "", "", ""),
        ("changed", "progress.inspections", "measure", "次数，2次满分", "次数，3次满分"),
        ("changed", "disclosure.column", "certified_by", "市民生办委托第三方核查", "市民生办核定"),
        (
            "changed",
            "org.leading_group",
            "criterion",
            "是否有民生工作领导小组及办公室成立（调整）的相关文件",
            "是否有民生工作领导小组成立（调整）的正式文件",
        ),
        ("changed", "bonus", "cap", "5", "6"),
        ("changed", "deductions.false_data", "measure", "每次扣2分", "每次扣3分"),
        ("changed", "grades.良好", "min", "80", "85"),
        (
            "changed",
            "bonus.cap",
            "reason",
            "指南未定加分总上限，5分为本地取值",
            "指南未定加分总上限，6分为本地取值",
        ),
    }


def test_a_criterion_is_shown_character_by_character(run, tmp_path: Path) -> None:
    criterion = next(
        c for c in changes(run, COUNTY, next_year(tmp_path)) if c["attribute"] == "criterion"
    )
    assert criterion["segments"] == [
        ["=", "是否有民生工作领导小组"],
        ["-", "及办公室"],
        ["=", "成立（调整）的"],
        ["-", "相关"],
        ["+", "正式"],
        ["=", "文件"],
    ]
    result = run("diff", COUNTY, next_year(tmp_path))
    assert result.code == 0
    assert (
        "~ 考核指标 org.leading_group 领导体系健全 · 结果认定："
        "是否有民生工作领导小组[-及办公室-]成立（调整）的[-相关-]{+正式+}文件"
    ) in result.out
    assert (
        "→ 考核指标 org.rectification 问题整改及时到位：progress.rectification → org.rectification"
        in result.out
    )


def test_the_same_rules_have_no_differences(run) -> None:
    result = run("diff", COUNTY, COUNTY)
    assert (result.code, result.out) == (0, "两套规则没有差异。\n")


def test_a_bad_rule_file_is_named_and_nothing_is_compared(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nid: x\n", encoding="utf-8")
    result = run("diff", COUNTY, bad)
    assert result.code == 1
    assert "bad.yaml" in result.err
    assert result.out == ""


def test_two_missing_rule_files_are_both_named(run, tmp_path: Path) -> None:
    result = run("diff", tmp_path / "2013.yaml", tmp_path / "2014.yaml")
    assert result.code == 1
    assert f"{tmp_path / '2013.yaml'}：找不到规则文件" in result.err
    assert f"{tmp_path / '2014.yaml'}：找不到规则文件" in result.err
