"""Issue 25, claims and their review: the rule files say which certifiers are the unit's own
claims and who reviews a claim where the guide names no certifying body; the office records a
decision on each claim (`mypm review`), a correction is scored like a certification, and status
and publish know what is still to review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import COUNTY, DEPARTMENT
from mypm.core.rules import load_rule_file

# --- the model in the rule files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reviewed"),
    [
        (
            COUNTY,
            [
                "org.leading_group",
                "org.duties",
                "org.rules",
                "progress.plan",
                "progress.inspections",
            ],
        ),
        (
            DEPARTMENT,
            ["org.leadership", "org.office", "org.rules", "progress.supporting_docs"],
        ),
    ],
)
def test_the_bundled_rules_name_the_claims_and_who_reviews_them(path: Path, reviewed) -> None:
    rules = load_rule_file(path).rules
    assert rules.claims == {
        "self_document": "文件",
        "self_explanation": "说明",
        "self_copy": "复印件",
        "self_entries": "条目",
    }
    # the fields only a 自查提交… certifier certifies: the office (市民生办) reviews them
    assert [leaf.key for leaf in rules.leaves if leaf.reviewed_by] == reviewed
    assert {leaf.reviewed_by for leaf in rules.leaves if leaf.reviewed_by} == {"mslb"}
    # each one is a local choice, quoting the guide's 考核组织
    reasons = {c.path: c.reason for c in rules.local_choices() if c.attribute == "reviewed_by"}
    assert sorted(reasons) == sorted(reviewed)
    assert all(r.startswith("指南考核组织为“自查提交") for r in reasons.values())


def test_a_claim_with_a_certifying_body_is_decided_by_precedence_not_review() -> None:
    rules = load_rule_file(COUNTY).rules
    publicity = rules.leaf_by_key["bonus.publicity.national"]
    assert publicity.reviewed_by is None
    assert publicity.evidence_asked == ("条目",)
    assert rules.claim_certifiers(publicity) == ("self_entries",)
    funding = rules.leaf_by_key["progress.funding"]  # 市财政局核定: no claim, no evidence asked
    assert funding.evidence_asked == () and funding.reviewed_by is None


def _edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = COUNTY.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path = tmp_path / "county.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_a_claim_nobody_reviews_is_a_rule_error_at_its_line(run, tmp_path: Path) -> None:
    path = _edited(tmp_path, "        reviewed_by: mslb\n", "")
    result = run("validate", path)
    assert result.code == 1
    assert (
        f"{path}:73:9：categories[0].indicators[0].certified_by：此项只由单位自查提交（自查提交文件），"
        "指南未写核定单位：请用 reviewed_by 写明由谁对照佐证材料审核（如 mslb），并在 local 中说明"
        "这是本地取值"
    ) in result.err


def test_a_reviewer_where_a_body_certifies_or_a_claim_reviewing_is_refused(
    run, tmp_path: Path
) -> None:
    path = _edited(
        tmp_path, "      precedence: [[mslb], [self_copy]]\n", "      reviewed_by: mslb\n"
    )
    result = run("validate", path)
    assert result.code == 1
    assert (
        "bonus.items[2].reviewed_by：此项有核定单位，由核定优先（precedence）决定计分" in result.err
    )
    path = _edited(tmp_path, "        reviewed_by: mslb\n", "        reviewed_by: self_copy\n")
    result = run("validate", path)
    assert result.code == 1
    assert (
        "categories[0].indicators[0].reviewed_by：reviewed_by 须是 certifiers 中不属于 claims "
        "的考核组织（mslb、finance、third_party、mdb、propaganda、work_committee），不能是“self_copy”"
    ) in result.err


# --- reviewing the claims in a season -----------------------------------------------------------
# The season of test_evidence: two units, every form back at full marks but 社会公众评价 90 of
# 100 (10 × 90/100 = 9), and 宣传报道 claimed as 2 national articles (2 × 0.5 = 1 bonus point).
# Base 100 − 1 = 99, total 99 + 1 = 100 for each unit (worked by hand).

REVIEWED = ["org.leading_group", "org.duties", "org.rules", "progress.plan", "progress.inspections"]


def entries(run, kind: str) -> list[dict]:
    log = json.loads(run("log", "--format", "json").out)["entries"]
    return [e for e in log if e["kind"] == kind]


def totals(run) -> dict[str, float]:
    result = run("score", "--format", "json")
    assert result.code == 0, result.err
    return {u["unit"]: u["total"] for u in json.loads(result.out)["units"]}


def test_a_correction_is_scored_like_a_certification(returned, run) -> None:
    assert totals(run) == {"涪城区": 100, "游仙区": 100}
    result = run(
        "review", "涪城区", "部门责任明确", "correct", "--value", "否", "--reason", "文件为上年度"
    )
    assert result.code == 0, result.err
    (entry,) = entries(run, "review")
    assert result.out.strip() == (
        f"已记录审核 #{entry['seq']}：涪城区 › org.duties 自查 是，更正为 否；理由：文件为上年度"
    )
    assert entry["data"]["verdict"] == "correct" and entry["data"]["value"] == "否"
    # 部门责任明确 1 point lost: 99 for 涪城区, 游仙区 unchanged
    assert totals(run) == {"涪城区": 99, "游仙区": 100}
    document = json.loads(run("score", "--format", "json").out)
    field = next(u for u in document["units"] if u["unit"] == "涪城区")["fields"]["org.duties"]
    assert field["value"] == "否" and field["score"] == 0
    assert field["certification"]["change"] == "核减"
    assert (field["certification"]["claimed"], field["certification"]["certified"]) == ("是", "否")
    assert field["certification"]["difference"] == -1
    assert field["decision"]["kind"] == "review"
    assert field["decision"]["reason"] == "文件为上年度"
    explained = run("explain", "--unit", "涪城区")
    line = next(x for x in explained.out.splitlines() if "部门责任明确" in x)
    assert "否 → 0.00（按核定值计分；自查 是 → 1.00" in line and "核减 1.00" in line
    assert f"复核依据 #{entry['seq']}：文件为上年度" in line
    # accepting it again later counts instead (the latest decision): back to 100
    assert run("review", "涪城区", "org.duties", "accept", "--reason", "补交了本年度文件").code == 0
    assert totals(run) == {"涪城区": 100, "游仙区": 100}


def test_accept_all_records_each_pending_claim_once(returned, run) -> None:
    result = run("review", "--accept-all", "游仙区")
    assert result.code == 0, result.err
    recorded = entries(run, "review")
    assert [(e["data"]["unit"], e["data"]["key"]) for e in recorded] == [
        ("游仙区", key) for key in REVIEWED
    ]
    assert all(e["data"]["verdict"] == "accept" for e in recorded)
    assert result.out.splitlines()[-1].endswith(
        "游仙区 › progress.inspections 自查 2，接受；理由：全部接受"
    )
    status = json.loads(run("status", "--format", "json").out)
    assert [(p["unit"], p["key"]) for p in status["reviews_pending"]] == [
        ("涪城区", key) for key in REVIEWED
    ]
    assert run("review", "--accept-all").code == 0
    again = run("review", "--accept-all")
    assert again.code == 0 and again.out.strip() == "没有待审核的自查值"
    assert len(entries(run, "review")) == 2 * len(REVIEWED)
    assert json.loads(run("status", "--format", "json").out)["reviews_pending"] == []


def test_status_lists_the_claims_to_review_and_the_evidence_owed(returned, run, tmp_path) -> None:
    result = run("status")
    assert result.code == 1  # the forms are all in, the evidence is not
    assert "已全部收齐，各文件一致。" in result.out
    assert "缺佐证（12 项，请单位补交）：" in result.out
    assert (
        "  涪城区 · 领导体系健全 · 自查提交文件 · 交到 佐证材料/涪城区/org.leading_group"
        in result.out
    )
    assert "  游仙区 · 宣传报道 · 自查提交条目 · 交到 佐证材料/游仙区/bonus.publicity" in result.out
    assert "待审核的自查值（10 项）：" in result.out
    cell = "county-填报-自查提交说明-收到20140115-100000.xlsx › 填报 › C6"
    assert f"  涪城区 · 定期督促检查项目 · 自查 2 · {cell}" in result.out
    document = json.loads(run("status", "--format", "json").out)
    assert document["complete"] is False
    assert len(document["missing_evidence"]) == 12
    # the workbook that goes to the units chases the evidence too, and lists the claims
    from openpyxl import load_workbook

    written = run("status", "-o", tmp_path / "收回情况.xlsx")
    assert written.code == 1, written.err
    book = load_workbook(tmp_path / "收回情况.xlsx")
    owed = [r for r in book["缺佐证"].iter_rows(values_only=True) if r[0] in ("涪城区", "游仙区")]
    assert len(owed) == 12
    assert ("涪城区", "领导体系健全", "自查提交文件", "佐证材料/涪城区/org.leading_group") in owed
    pending = [r for r in book["待审核"].iter_rows(values_only=True) if r[0] == "涪城区"]
    assert ("涪城区", "定期督促检查项目", "2", cell) in pending
    # the evidence, a folder per unit holding a folder per field (宣传报道 by its item's key)
    delivery = tmp_path / "交付"
    for unit in ("涪城区", "游仙区"):
        for key in [*REVIEWED, "bonus.publicity"]:
            (delivery / unit / key).mkdir(parents=True)
            (delivery / unit / key / "a.pdf").write_bytes(
                b"%PDF-1.4 " + key.encode() + unit.encode()
            )
    assert run("receive", "--evidence", delivery).code == 0
    done = run("status")
    assert done.code == 0, done.out
    assert "缺佐证" not in done.out and "待审核的自查值（10 项）：" in done.out


def test_a_claim_changed_since_its_review_is_to_review_again(returned, run, tmp_path) -> None:
    from fill import fill_entry_workbook

    assert run("review", "--accept-all").code == 0
    form = next((returned / "发出表格").glob("*自查提交说明*.xlsx"))
    changed = tmp_path / form.name
    changed.write_bytes(form.read_bytes())
    fill_entry_workbook(
        changed, {"涪城区": {"progress.inspections": 1}, "游仙区": {"progress.inspections": 2}}
    )
    assert run("receive", changed, "--received-at", "2014-01-16 10:00").code == 0
    pending = json.loads(run("status", "--format", "json").out)["reviews_pending"]
    assert [(p["unit"], p["key"], p["claim"]) for p in pending] == [
        ("涪城区", "progress.inspections", "1")
    ]


def test_a_final_publish_needs_every_claim_reviewed(returned, run) -> None:
    refused = run("publish")
    assert refused.code == 1
    lines = refused.err.splitlines()
    assert lines[0] == (
        "涪城区：领导体系健全（org.leading_group）自查 是，尚未审核；用 mypm review 单位 指标 "
        "accept|correct --reason 理由 逐项审核，或 mypm review --accept-all；试发布请加 --draft"
    )
    assert lines[-1] == "共 10 个问题，未写出任何文件。"
    assert not list((returned / "评分结果").iterdir())
    assert run("review", "--accept-all").code == 0
    published = run("publish")
    assert published.code == 0, published.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["涪城", "org.duties", "accept", "--reason", "x"],
            "涪城：本考核季没有单位“涪城”，是否指“涪城区”？",
        ),
        (
            ["涪城区", "财政资金保障到位", "accept", "--reason", "x"],
            "涪城区 › progress.funding：财政资金保障到位 由 市财政局核定 核定，不由考核办审核"
            "（只有指南未写核定单位的自查项才审核，见规则文件的 reviewed_by）",
        ),
        (
            ["涪城区", "org.duties", "correct", "--value", "7", "--reason", "x"],
            "涪城区 › org.duties：部门责任明确 不能取值“7”：“7”不是“是”或“否”；填“是”或“否”",
        ),
        (
            ["涪城区", "定期督促检查项目", "correct", "--value", "-1", "--reason", "x"],
            "涪城区 › progress.inspections：定期督促检查项目 不能取值“-1”：",
        ),
        (
            ["涪城区", "org.duties", "correct", "--reason", "x"],
            "涪城区 › org.duties：更正 部门责任明确 须用 --value 给出核定的值",
        ),
        (
            ["涪城区", "org.duties", "accept", "--value", "否", "--reason", "x"],
            "--value：接受（accept）自查值时不写 --value；要改值请用 correct",
        ),
        (
            ["涪城区", "org.duties", "accept"],
            "review：用法：mypm review 单位 指标 accept|correct [--value 值] --reason 理由，"
            "或 mypm review --accept-all [单位]",
        ),
    ],
)
def test_a_bad_review_is_refused_and_nothing_is_recorded(returned, run, args, message) -> None:
    before = len(json.loads(run("log", "--format", "json").out)["entries"])
    result = run("review", *args)
    assert result.code == 2
    assert result.err.splitlines()[0].startswith(message)
    assert len(json.loads(run("log", "--format", "json").out)["entries"]) == before


def test_the_review_form_lists_each_claim_and_is_received_like_any_form(
    returned, run, tmp_path
) -> None:
    from openpyxl import load_workbook

    pdf = tmp_path / "纪要.pdf"
    pdf.write_bytes(b"%PDF-1.4 minutes")
    assert run("receive", "--evidence", "涪城区", "org.leading_group", pdf).code == 0
    written = run("template", "--review")
    assert written.code == 0, written.err
    form = returned / "发出表格" / "county-审核表-市民生办核定.xlsx"
    assert form.is_file()
    ws = load_workbook(form)["审核"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [
        "单位", "考核指标", "字段键", "自查值", "自查值所在单元格", "佐证材料",
        "审核结论（接受/更正）", "更正值", "理由",
    ]  # fmt: skip
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        (unit, key, "2" if key == "progress.inspections" else "是")
        for unit in ("涪城区", "游仙区")
        for key in REVIEWED
    ]
    assert rows[1][4] == "county-填报-自查提交文件-收到20140115-100000.xlsx › 填报 › C6"
    assert rows[1][5].startswith("纪要.pdf（sha256 ")
    assert rows[2][5] == "缺佐证（指南要求自查提交文件）"
    # the reviewer accepts one claim and corrects another on paper; the clerk types it in
    filled = tmp_path / "审核表.xlsx"
    book = load_workbook(form)
    sheet = book["审核"]
    sheet["G2"], sheet["I2"] = "接受", "会议纪要属实"
    sheet["G3"], sheet["H3"], sheet["I3"] = "更正", "否", "文件为上年度"
    book.save(filled)
    received = run("receive", filled)
    assert received.code == 0, received.err
    assert "记录审核 2 项" in received.out
    recorded = entries(run, "review")
    assert [(e["data"]["key"], e["data"]["verdict"], e["data"]["value"]) for e in recorded] == [
        ("org.leading_group", "accept", ""),
        ("org.duties", "correct", "否"),
    ]
    assert recorded[1]["data"]["source"] == "审核表.xlsx!审核!G3"
    assert totals(run) == {"涪城区": 99, "游仙区": 100}  # 部门责任明确 corrected: 1 point less
    again = run("receive", filled)
    assert again.code == 0 and "内容相同" in again.out
    assert len(entries(run, "review")) == 2
    # a decision that is neither 接受 nor 更正 is refused at its cell, nothing recorded
    wrong = tmp_path / "审核表-错.xlsx"
    sheet["G4"] = "同意"
    book.save(wrong)
    refused = run("receive", wrong)
    assert refused.code == 1
    assert "审核表-错.xlsx › 审核 › G4：审核结论应为“接受”或“更正”，这里是“同意”" in refused.err
    assert len(entries(run, "review")) == 2


def test_a_result_scored_after_a_correction_verifies(returned, run) -> None:
    args = ["涪城区", "org.duties", "correct", "--value", "否", "--reason", "文件为上年度"]
    assert run("review", *args).code == 0
    assert run("score", "-q").code == 0
    (result,) = (returned / "评分结果").glob("*.xlsx")
    # a later decision does not change what that run scored with
    assert run("review", "涪城区", "org.duties", "accept", "--reason", "补交").code == 0
    verified = run("verify", result)
    assert verified.code == 0, verified.out + verified.err
    assert "一致" in verified.out
