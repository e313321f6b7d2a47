"""Issue 25, evidence (佐证材料): files received per unit and field, kept in the season under
佐证材料/<unit>/<field key>/, hashed and recorded in the ledger; bad files refused with nothing
half written; a delivery folder received whole."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

import mypm

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
def season(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "2013年度考核"
    made = run("init", root, "--kind", "county", "--deadline", "2014-01-20")
    assert made.code == 0, made.err
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A unit's mail: a PDF of minutes, a scanned image, a text note."""
    mail = tmp_path / "邮件"
    mail.mkdir()
    (mail / "领导小组会议纪要.pdf").write_bytes(PDF)
    (mail / "成立文件扫描件.png").write_bytes(PNG)
    (mail / "说明.txt").write_text("全年督查两次。\n", encoding="utf-8")
    return mail


def ledger_rows(season: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(season / "ledger.sqlite") as db:
        return db.execute("SELECT kind, data FROM entries ORDER BY seq").fetchall()


def kept(season: Path) -> list[str]:
    folder = season / "佐证材料"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_file_is_kept_under_unit_and_field_hashed_and_recorded(season, files, run) -> None:
    pdf = files / "领导小组会议纪要.pdf"
    result = run("receive", "--evidence", "涪城区", "org.leading_group", pdf)
    assert result.code == 0, result.err
    sha = hashlib.sha256(PDF).hexdigest()
    assert result.out.strip() == (
        "已收佐证材料：涪城区 › 领导体系健全（org.leading_group）：领导小组会议纪要.pdf"
        f"（PDF，1 KB，sha256 {sha[:12]}…）→ 佐证材料/涪城区/org.leading_group/领导小组会议纪要.pdf"
    )
    assert kept(season) == ["涪城区/org.leading_group/领导小组会议纪要.pdf"]
    stored = season / "佐证材料/涪城区/org.leading_group/领导小组会议纪要.pdf"
    assert stored.read_bytes() == PDF
    assert pdf.read_bytes() == PDF  # the unit's file is left as it was
    (season_row,) = [r for r in ledger_rows(season) if r[0] == "evidence"]
    assert '"unit":"涪城区"' in season_row[1]
    assert '"field":"org.leading_group"' in season_row[1]
    assert f'"sha256":"{sha}"' in season_row[1]
    assert f'"size":{len(PDF)}' in season_row[1]
    assert '"original":"领导小组会议纪要.pdf"' in season_row[1]
    assert '"type":"pdf"' in season_row[1]
    log = run("log")
    assert (
        "收佐证材料 涪城区 › org.leading_group：佐证材料/涪城区/org.leading_group/"
        f"领导小组会议纪要.pdf（sha256 {sha[:12]}…）" in log.out
    )


def test_a_field_by_its_name_and_several_files_at_once(season, files, run) -> None:
    result = run(
        "receive", "--evidence", "游仙区", "定期督促检查项目",
        files / "说明.txt", files / "成立文件扫描件.png",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "（文本，" in result.out and "（PNG 图片，" in result.out
    assert kept(season) == [
        "游仙区/progress.inspections/成立文件扫描件.png",
        "游仙区/progress.inspections/说明.txt",
    ]


def test_the_same_file_again_is_not_kept_twice(season, files, run) -> None:
    pdf = files / "领导小组会议纪要.pdf"
    assert run("receive", "--evidence", "涪城区", "org.leading_group", pdf).code == 0
    again = run("receive", "--evidence", "涪城区", "领导体系健全", pdf)
    assert again.code == 0
    assert again.out.strip() == (
        "涪城区 › 领导体系健全（org.leading_group）：领导小组会议纪要.pdf 与已收的 "
        "佐证材料/涪城区/org.leading_group/领导小组会议纪要.pdf 内容相同，不重复收取"
    )
    assert [r[0] for r in ledger_rows(season)].count("evidence") == 1
    # another file of the same name is kept beside it, not over it
    other = files / "b" / "领导小组会议纪要.pdf"
    other.parent.mkdir()
    other.write_bytes(PDF + b"% signed copy\n")
    assert run("receive", "--evidence", "涪城区", "org.leading_group", other).code == 0
    assert kept(season) == [
        "涪城区/org.leading_group/领导小组会议纪要-2.pdf",
        "涪城区/org.leading_group/领导小组会议纪要.pdf",
    ]


def test_an_indicators_key_covers_its_parts(season, files, run) -> None:
    result = run("receive", "--evidence", "涪城区", "bonus.publicity", files / "说明.txt")
    assert result.code == 0, result.err
    assert "涪城区 › 宣传报道（bonus.publicity）" in result.out
    found = mypm.Season(season).evidence()
    rules = mypm.Season(season).folder.rule_file.rules
    covered = [leaf.key for leaf in rules.leaves if found[0].covers(leaf)]
    assert covered == [
        "bonus.publicity.national",
        "bonus.publicity.provincial",
        "bonus.publicity.city",
    ]


@pytest.mark.parametrize(
    ("unit", "field", "message"),
    [
        ("涪城", "org.leading_group", "涪城：本考核季没有单位“涪城”，是否指“涪城区”？"),
        (
            "涪城区",
            "org.leading",
            "org.leading：规则中没有指标“org.leading”，是否指“org.leading_group”？",
        ),
        (
            "涪城区",
            "国家级",
            "国家级：“国家级”在规则中不止一处，请改写字段键：bonus.publicity.national（宣传报道·国家级）、"
            "bonus.commendation.national（上级表彰·国家级）",
        ),
    ],
)
def test_an_unknown_or_ambiguous_name_is_refused(season, files, run, unit, field, message) -> None:
    result = run("receive", "--evidence", unit, field, files / "说明.txt")
    assert result.code == 2
    assert result.err.splitlines()[0] == message
    assert kept(season) == []
    assert [r[0] for r in ledger_rows(season)] == ["season"]


def test_bad_files_are_refused_all_at_once_and_nothing_is_kept(
    season, files, run, tmp_path
) -> None:
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    link = tmp_path / "链接.pdf"
    link.symlink_to(files / "领导小组会议纪要.pdf")
    good = files / "说明.txt"
    result = run(
        "receive", "--evidence", "涪城区", "org.rules",
        good, files, link, empty, "/dev/null", tmp_path / "没有.pdf",
    )  # fmt: skip
    assert result.code == 2
    lines = result.err.splitlines()
    assert (
        f"{files}：是文件夹，不是文件；整批佐证材料请用 mypm receive --evidence 文件夹"
        "（文件夹内每个单位一个文件夹，其中每个指标一个文件夹）" in lines
    )
    assert f"{link}：是快捷方式（符号链接），不予接收；请给出文件本身" in lines
    assert f"{empty}：是空文件（0 字节），不予接收" in lines
    assert (
        "/dev/null：不是普通文件（而是管道、设备或其他特殊文件），不予读取；请给出文件本身" in lines
    )
    assert f"{tmp_path / '没有.pdf'}：文件不存在" in lines
    assert lines[-1] == "共 5 个问题，未写出任何文件。"
    assert kept(season) == []  # the good file was not kept either
    assert [r[0] for r in ledger_rows(season)] == ["season"]


def test_the_size_limits_come_from_season_yaml(season, run, tmp_path) -> None:
    config = season / "season.yaml"
    text = config.read_text(encoding="utf-8")
    assert "evidence_file_mb: 50\n" in text and "evidence_season_mb: 5120\n" in text
    text = text.replace("evidence_file_mb: 50", "evidence_file_mb: 1")
    config.write_text(text.replace("evidence_season_mb: 5120", "evidence_season_mb: 2"))
    big = tmp_path / "大.pdf"
    big.write_bytes(PDF + b"0" * (1024 * 1024))  # 1 MB and a little
    result = run("receive", "--evidence", "涪城区", "org.rules", big)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{big}：文件 1.0 MB，超过每个佐证文件 1.0 MB 的上限；请压缩或拆分后再交（上限可在 "
        "season.yaml 的 limits 中调整）"
    )
    parts = []
    for number in range(3):  # 0.8 MB each: two fit in 2 MB, the third does not
        part = tmp_path / f"第{number}部分.pdf"
        part.write_bytes(PDF + bytes([number]) * (800 * 1024))
        parts.append(part)
    assert run("receive", "--evidence", "涪城区", "org.rules", *parts[:2]).code == 0
    full = run("receive", "--evidence", "涪城区", "org.rules", parts[2])
    assert full.code == 2
    assert "考核季的佐证材料已有 1.6 MB，再收 0.8 MB 将超过 2.0 MB 的上限" in full.err
    assert len(kept(season)) == 2


def test_a_delivery_folder_one_per_unit_one_per_field(season, files, run, tmp_path) -> None:
    delivery = tmp_path / "佐证材料交付"
    (delivery / "涪城区" / "org.leading_group").mkdir(parents=True)
    (delivery / "涪城区" / "org.leading_group" / "纪要.pdf").write_bytes(PDF)
    (delivery / "游仙区" / "部门责任明确").mkdir(parents=True)
    (delivery / "游仙区" / "部门责任明确" / "实施意见.png").write_bytes(PNG)
    (delivery / "游仙区" / "部门责任明确" / "~$实施意见.docx").write_bytes(b"lock")
    result = run("receive", "--evidence", delivery)
    assert result.code == 0, result.err
    assert kept(season) == ["涪城区/org.leading_group/纪要.pdf", "游仙区/org.duties/实施意见.png"]
    # the season's own evidence folder is a delivery too: all of it is there already
    again = run("receive", "--evidence", season / "佐证材料")
    assert again.code == 0 and again.out.count("内容相同，不重复收取") == 2


def test_a_delivery_with_a_wrong_name_or_a_stray_file_is_refused_whole(
    season, run, tmp_path
) -> None:
    delivery = tmp_path / "交付"
    (delivery / "涪城区" / "org.leading_group").mkdir(parents=True)
    (delivery / "涪城区" / "org.leading_group" / "纪要.pdf").write_bytes(PDF)
    (delivery / "游仙" / "org.duties").mkdir(parents=True)
    (delivery / "游仙" / "org.duties" / "a.pdf").write_bytes(PDF)
    (delivery / "涪城区" / "附件.pdf").write_bytes(PDF)
    result = run("receive", "--evidence", delivery)
    assert result.code == 2
    lines = result.err.splitlines()
    assert f"{delivery / '游仙'}：本考核季没有单位“游仙”，是否指“游仙区”？" in lines
    assert any(line.startswith(f"{delivery / '涪城区' / '附件.pdf'}：位置不对") for line in lines)
    assert kept(season) == []


def test_the_library_receives_evidence_and_lists_it(season, files) -> None:
    here = mypm.Season(season)
    receipts = here.receive_evidence(
        "涪城区", "org.leading_group", [files / "领导小组会议纪要.pdf"]
    )
    assert [r.outcome for r in receipts] == ["received"]
    (found,) = here.evidence()
    assert (found.unit, found.field, found.type) == ("涪城区", "org.leading_group", "pdf")
    assert found.sha256 == hashlib.sha256(PDF).hexdigest()
    assert found.user == (os.environ.get("USER") or found.user)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "ole"),
        (b"PK\x03\x04\x14\x00", "zip"),
        ("会议纪要".encode("gb18030"), "text"),
        (b"\x00\x01\x02\x03", "other"),
    ],
)
def test_the_type_is_told_by_the_first_bytes(head: bytes, kind: str) -> None:
    from mypm.read.sniff import file_type

    assert file_type(head) == kind


# --- evidence where the score is ---------------------------------------------------------------

UNITS = ["涪城区", "游仙区"]


# the fields whose 考核组织 asks the unit for a document, and what (county.yaml)
ASKED = {
    "org.leading_group": "文件",
    "org.duties": "文件",
    "org.rules": "文件",
    "progress.plan": "文件",
    "progress.inspections": "说明",
    "bonus.publicity.national": "条目",
}


def test_a_scored_yes_without_its_evidence_is_a_warning_and_fails_strict(returned, run) -> None:
    pdf = returned.parent / "纪要.pdf"
    pdf.write_bytes(PDF)
    assert run("receive", "--evidence", "涪城区", "org.leading_group", pdf).code == 0
    result = run("score", "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    warned = {
        (i["unit"], i["field"]) for i in document["issues"] if i["code"] == "evidence.unproven"
    }
    # every field asking for a document, for both units, but 涪城区's 领导体系健全
    assert warned == {(u, k) for u in UNITS for k in ASKED} - {("涪城区", "org.leading_group")}
    note = next(
        i for i in document["issues"] if (i["unit"], i["field"]) == ("涪城区", "org.duties")
    )
    assert note["message"] == (
        "部门责任明确 已计分，但没有收到指南要求的佐证材料（自查提交文件）；请让单位补交后用 "
        "mypm receive --evidence 收取"
    )
    assert note["level"] == "warning"
    strict = run("score", "--strict", "-q")
    assert strict.code == 1
    assert (
        "涪城区 · 部门责任明确 已计分，但没有收到指南要求的佐证材料（自查提交文件）" in strict.err
    )


def test_the_scored_json_and_explain_name_a_fields_evidence(returned, run) -> None:
    pdf = returned.parent / "纪要.pdf"
    pdf.write_bytes(PDF)
    assert run("receive", "--evidence", "涪城区", "领导体系健全", pdf).code == 0
    sha = hashlib.sha256(PDF).hexdigest()
    document = json.loads(run("score", "--format", "json").out)
    fields = next(u for u in document["units"] if u["unit"] == "涪城区")["fields"]
    assert fields["org.leading_group"]["evidence"] == [
        {
            "name": "纪要.pdf",
            "file": "佐证材料/涪城区/org.leading_group/纪要.pdf",
            "sha256": sha,
            "size": len(PDF),
        }
    ]
    assert fields["org.duties"]["evidence"] == []
    explained = run("explain", "--unit", "涪城区")
    assert explained.code == 0
    line = next(x for x in explained.out.splitlines() if "领导体系健全" in x)
    assert line.endswith(f"佐证材料：纪要.pdf（sha256 {sha[:12]}…）")
    line = next(x for x in explained.out.splitlines() if "部门责任明确" in x)
    assert line.endswith("缺佐证（指南要求自查提交文件）")
    tree = json.loads(run("explain", "--unit", "涪城区", "--format", "json").out)
    assert "纪要.pdf" in json.dumps(tree, ensure_ascii=False)


def test_the_details_sheet_has_an_evidence_column_in_a_season(returned, run) -> None:
    from openpyxl import load_workbook

    pdf = returned.parent / "纪要.pdf"
    pdf.write_bytes(PDF)
    assert run("receive", "--evidence", "涪城区", "org.leading_group", pdf).code == 0
    assert run("score", "-q").code == 0
    (scored,) = (returned / "评分结果").glob("*.xlsx")
    ws = load_workbook(scored)["明细"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "单位")
    assert header[8] == "佐证材料"
    by = {(r[0], r[1]): r for r in rows if r[0] in UNITS}
    sha = hashlib.sha256(PDF).hexdigest()
    assert by[("涪城区", "领导体系健全")][8] == f"佐证材料：纪要.pdf（sha256 {sha[:12]}…）"
    assert by[("游仙区", "领导体系健全")][8] == "缺佐证（指南要求自查提交文件）"
    assert by[("涪城区", "财政资金保障到位")][8] is None  # 市财政局核定: no document asked


def test_the_feedback_pages_link_each_file_and_public_pages_name_none(returned, run) -> None:
    pdf = returned.parent / "领导小组会议纪要.pdf"
    pdf.write_bytes(PDF)
    assert run("receive", "--evidence", "涪城区", "org.leading_group", pdf).code == 0
    assert run("review", "--accept-all").code == 0
    assert run("publish").code == 0
    assert run("publish", "--public").code == 0
    internal = next((returned / "评分结果").glob("county-发布-*"))
    page = next((internal / "units").glob("*涪城区.html"))
    html = page.read_text(encoding="utf-8")
    link = "../../../佐证材料/涪城区/org.leading_group/领导小组会议纪要.pdf"
    assert f'<a href="{link}">领导小组会议纪要.pdf</a>' in html
    assert (page.parent / link).resolve().read_bytes() == PDF  # the link reaches the file
    assert f"sha256 {hashlib.sha256(PDF).hexdigest()[:12]}…" in html
    assert "缺佐证（指南要求自查提交文件）" in html  # 部门责任明确 has none
    public = next((returned / "评分结果").glob("county-公开-*"))
    texts = [p.read_text(encoding="utf-8") for p in public.rglob("*") if p.is_file()]
    assert texts and not any("领导小组会议纪要" in text or "sha256 " in text for text in texts)
    assert not any("缺佐证" in text for text in texts)
