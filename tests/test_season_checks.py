"""Issue 24, what the independent check found: status merges as score does (a certified count
over a unit's claim, a former name), every command holds the received files to their receipts
and the ledger to its chain, dates are refused in the user's language, a season side of compare
is named by the season, and the minor points (explain and extend by former or certifier name,
what receive says, log's 逾期/取代 and duplicates, the unit list's hash, a README received)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import COUNTY
from fill import fill_entry_workbook
from mypm.cli import main
from mypm.core.rules import load_rule_file
from mypm.read import layout as L
from mypm.read.entries import open_input
from mypm.season.ledger import Ledger
from test_status import FIELDS

UNITS_CSV = "单位,分组,曾用名\n涪城区,县市区,\n安州区,县市区,安县\n"
RECEIPT_OF_FINANCE = "county-填报-市财政局核定-收到20140115-090000.xlsx"


def _certifier_of(path: Path) -> str:
    book = open_input(path)
    book.close()
    return book.metadata.get(L.META_CERTIFIER, "")


def _rename_rows(path: Path, old: str, new: str) -> None:
    """Type a unit's former name over its name, as a county still using it would."""
    book = load_workbook(path)
    for ws in book.worksheets:
        keys = {c.value: c.column for c in ws[L.KEY_ROW] if isinstance(c.value, str)}
        if L.UNIT_KEY in keys:
            for row in range(L.FIRST_DATA_ROW, ws.max_row + 1):
                if ws.cell(row, keys[L.UNIT_KEY]).value == old:
                    ws.cell(row, keys[L.UNIT_KEY]).value = new
    book.save(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A season whose every certifier's form came back at full marks on 2014-01-15, with 宣传报道
    市级 claimed 3 by the units (自查提交条目) and certified 1 by 市委宣传部, and every file naming
    安州区 by its former name 安县."""
    base = tmp_path_factory.mktemp("season")
    (base / "名单.csv").write_text(UNITS_CSV, encoding="utf-8")
    root = base / "2013年度考核"
    assert main(["init", str(root), "--kind", "county", "--units", str(base / "名单.csv"),
                 "--deadline", "2014-01-20"]) == 0  # fmt: skip
    assert main(["template", "--by-certifier", "--season", str(root)]) == 0
    mail = base / "邮件"
    mail.mkdir()
    for form in sorted((root / "发出表格").glob("*.xlsx")):
        certifier = _certifier_of(form)
        values = dict(FIELDS[certifier])
        if certifier == "self_entries":
            values = {"bonus.publicity.city": 3}
        if certifier == "propaganda":
            values = {"bonus.publicity.city": 1}
        copy = mail / form.name
        copy.write_bytes(form.read_bytes())
        fill_entry_workbook(copy, {"涪城区": values, "安州区": values})
        _rename_rows(copy, "安州区", "安县")
    received = ["receive", str(mail), "--received-at", "2014-01-15 09:00", "--season", str(root)]
    assert main(received) == 0
    # the units' evidence (佐证材料) for every field asking one, so that status has all it needs
    delivery = base / "佐证材料"
    owners = {leaf.owner for leaf in load_rule_file(COUNTY).rules.leaves if leaf.evidence_asked}
    for unit in ("涪城区", "安州区"):
        for owner in owners:
            (delivery / unit / owner).mkdir(parents=True)
            (delivery / unit / owner / "a.pdf").write_bytes(f"%PDF-1.4 {unit} {owner}".encode())
    assert main(["receive", "--evidence", str(delivery), "--season", str(root)]) == 0
    return root


@pytest.fixture
def season(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built season, the working folder."""
    root = tmp_path / built.name
    shutil.copytree(built, root)
    (tmp_path / "邮件").mkdir()
    for mail in (built.parent / "邮件").iterdir():
        shutil.copy(mail, tmp_path / "邮件" / mail.name)
    monkeypatch.chdir(root)
    return root


# --- 1. status merges as score does ------------------------------------------------------------


def test_status_shows_a_certified_count_over_a_claim_as_score_scores_it(season: Path, run) -> None:
    status = run("status")
    assert status.code == 0, status.out + status.err
    assert "冲突" not in status.out and "已全部收齐" in status.out
    assert "涪城区 的 宣传报道·市级：自查 3" in status.out and "按核定值计分（核减）" in status.out
    document = json.loads(run("status", "--format", "json").out)
    assert document["complete"] is True and document["conflicts"] == []
    reduced = [n["message"] for n in document["notes"] if "核减" in n["message"]]
    assert len(reduced) == 2  # 涪城区 and 安州区
    # score counts the certified 1 (市级 0.1 a report): 99 + 0.1, not 99 + 0.3
    scored = json.loads(run("score", "--format", "json").out, parse_float=Decimal)
    totals = {u["unit"]: u["total"] for u in scored["units"]}
    assert totals == {"涪城区": Decimal("99.10"), "安州区": Decimal("99.10")}


def test_two_certifiers_of_one_rank_that_disagree_are_a_conflict_for_status_and_score(
    season: Path, run, tmp_path: Path
) -> None:
    """市民生办 and 市委宣传部 certify 宣传报道 at one rank: 2 against 1 is a conflict, the
    same one for status and for score."""
    mslb = next(p for p in (tmp_path / "邮件").iterdir() if "市民生办核定" in p.name)
    fill_entry_workbook(mslb, {"涪城区": {"bonus.publicity.city": 2}})
    assert run("receive", mslb, "--received-at", "2014-01-16 09:00").code == 0
    status, scored = run("status"), run("score", "-q")
    assert status.code == 1 and scored.code == 1
    conflict = (
        "涪城区 · 宣传报道·市级：此处填 2，与 county-填报-市委宣传部核定-收到20140115-090000.xlsx"
    )
    assert conflict in status.out and conflict in scored.err
    assert "冲突 1 处" in status.out


def test_status_reads_a_former_name_as_the_unit_and_says_so(season: Path, run) -> None:
    status = run("status")
    assert "未交" not in status.out
    assert "“安县”是 安州区 的曾用名，按 安州区 读取" in status.out
    document = json.loads(run("status", "--format", "json").out)
    anzhou = next(u for u in document["units"] if u["unit"] == "安州区")
    assert all(cell["returned"] for cell in anzhou["certifiers"].values())


# --- 2. a received file edited by hand ---------------------------------------------------------


def test_a_received_file_edited_by_hand_is_refused_by_every_reading_command(
    season: Path, run, tmp_path: Path
) -> None:
    assert run("score", "-q").code == 0
    results = sorted((season / "评分结果").iterdir())
    current = season / "收回文件" / RECEIPT_OF_FINANCE
    kept = current.read_bytes()
    fill_entry_workbook(current, {"涪城区": {"progress.funding": "否"}})
    edited = current.read_bytes()
    other = tmp_path / "另一份.json"
    for command in (
        ["status"],
        ["score", "-q"],
        ["explain", "--unit", "涪城区"],
        ["publish"],
        ["compare", results[0]],
        ["compare", results[0], season],
    ):
        result = run(*command)
        assert result.code == 1, (command, result.out, result.err)
        assert f"收回文件/{RECEIPT_OF_FINANCE}：收取后被改动过" in result.err, command
        assert "台账第 7 条收取记录（2014-01-15 09:00 收到，原名 county-填报-市财政局核定.xlsx" in (
            result.err
        )
        assert "mypm receive" in result.err and "从备份中恢复" in result.err
    assert sorted((season / "评分结果").iterdir()) == results  # nothing written
    assert current.read_bytes() == edited and not other.exists()  # nothing touched
    verified = run("verify", results[0])
    assert verified.code == 1 and "收取后被改动过" in verified.out
    assert "共 1 处不同" in verified.out  # the one input changed, said once
    # received again as a new version, the edited copy no longer counts: status reads the new one
    again = run("receive", current, "--received-at", "2014-01-16 09:00")
    assert again.code == 0, again.err
    assert run("status").code == 0  # the edited copy, superseded, is no longer read
    current.write_bytes(kept)


def test_a_received_file_removed_is_named(season: Path, run) -> None:
    (season / "收回文件" / RECEIPT_OF_FINANCE).unlink()
    result = run("status")
    assert result.code == 1 and "收回文件不见了" in result.err and "第 7 条" in result.err


# --- 3. a ledger changed behind mypm's back -----------------------------------------------------


def _tamper(season: Path, seq: int) -> None:
    with sqlite3.connect(season / "ledger.sqlite") as db:
        db.execute("DROP TRIGGER entries_never_updated")
        data = db.execute("SELECT data FROM entries WHERE seq = ?", (seq,)).fetchone()[0]
        changed = data.replace("2014-01-15", "2014-01-14")
        db.execute("UPDATE entries SET data = ? WHERE seq = ?", (changed, seq))


def test_log_shows_an_entry_whose_data_is_no_longer_json_as_stored(season: Path, run) -> None:
    with sqlite3.connect(season / "ledger.sqlite") as db:
        db.execute("DROP TRIGGER entries_never_updated")
        db.execute("UPDATE entries SET data = '{not json' WHERE seq = 3")
    result = run("log")
    assert result.code == 1 and "内部错误" not in result.err
    (line,) = [x for x in result.out.splitlines() if x.startswith("#3 ")]
    assert "此条记录已被改动" in line and "{not json" in line
    assert "台账第 3 条记录被手工改动过" in result.err


def test_a_broken_chain_is_refused_once_by_every_command_but_log_and_verify(
    season: Path, run
) -> None:
    assert run("score", "-q").code == 0  # a result for verify
    _tamper(season, 3)
    for command in (
        ["status"],
        ["score", "-q"],
        ["explain", "--unit", "涪城区"],
        ["template", "--certifier", "finance", "-o", season.parent / "x.xlsx"],
        ["receive", season.parent / "邮件"],
        ["extend", "涪城区", "--until", "2014-02-01", "--reason", "x"],
        ["withdraw", RECEIPT_OF_FINANCE, "--reason", "x"],
    ):
        result = run(*command)
        assert result.code == 1, (command, result.out, result.err)
        assert result.err.count("第 3 条") == 1, result.err  # said once
        assert "台账第 3 条记录被手工改动过" in result.err
        assert "从考核季文件夹的备份或归档中取回 ledger.sqlite" in result.err
        assert "mypm log" in result.err
    assert not (season.parent / "x.xlsx").exists()
    log = run("log")
    assert log.code == 1 and "台账不符：台账第 3 条记录被手工改动过" in log.err
    verified = run("verify")
    assert verified.code == 1 and "ledger.sqlite：台账第 3 条记录被手工改动过" in verified.out


def test_the_chain_is_checked_from_the_rows_as_stored(tmp_path: Path) -> None:
    """The check hashes each row as stored (no JSON parsed) and agrees with the entries' own
    hashes; a row whose data is the same JSON spelled otherwise was changed by hand."""
    import datetime as dt

    path = tmp_path / "ledger.sqlite"
    at = dt.datetime(2014, 1, 15, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with Ledger.create(path) as ledger, ledger.writing():
        for n in range(3):
            ledger.append("run", {"名": "涪城区", "n": n, "x": [1.5, None, True]}, at)
    with Ledger.open(path) as ledger:
        assert ledger.check_chain() == []
        assert all(e.computed_hash() == e.hash for e in ledger.entries())
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER entries_never_updated")
        db.execute("UPDATE entries SET data = ' ' || data WHERE seq = 2")
    with Ledger.open(path) as ledger:
        assert [b.seq for b in ledger.check_chain()] == [2]


def test_checking_the_chain_parses_no_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cheap way: every entry is hashed from its row as stored, none is parsed (on 20,000
    entries parsing them took 1.9 s, hashing the rows 0.3 s)."""
    import datetime as dt

    path = tmp_path / "ledger.sqlite"
    at = dt.datetime(2014, 1, 15, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    inputs = [{"file": "收回文件/x.xlsx", "sha256": "a" * 64}]
    with Ledger.create(path) as ledger, ledger.writing():
        for _ in range(2_000):
            ledger.append("run", {"command": ["mypm", "score"], "inputs": inputs}, at)

    def parsed(*args: object, **kwargs: object) -> object:
        raise AssertionError("an entry was parsed")

    with Ledger.open(path) as ledger:
        monkeypatch.setattr(json, "loads", parsed)
        ledger.check_intact()


# --- 5. dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "option", "example"),
    [
        (["init", "新季", "--deadline", "2014-13-01"], "--deadline", "2014-01-15"),
        (
            ["init", "新季", "--reply-deadline", "2月10日"],
            "--reply-deadline",
            "2014-01-15",
        ),
        (["receive", "x.xlsx", "--received-at", "昨天"], "--received-at", "2014-01-15 09:30"),
        (["extend", "涪城区", "--until", "1.2", "--reason", "x"], "--until", "2014-01-15"),
        (["publish", "x.xlsx", "--deadline", "2014/02/10"], "--deadline", "2014-01-15"),
    ],
)
def test_a_date_that_is_no_date_is_refused_in_chinese(
    season: Path, run, command: list[str], option: str, example: str
) -> None:
    result = run(*command)
    assert result.code == 2
    assert f"'{option}' 的值无效" in result.err and f"请按 {example} 的形式填写" in result.err
    assert "does not match" not in result.err
    english = run(*command, "--lang", "en")
    assert f"write it as {example}" in english.err


# --- 6. compare names the season side by the season ---------------------------------------------


def test_compare_inside_a_season_names_the_season_side_by_its_year(season: Path, run) -> None:
    assert run("score", "-q").code == 0
    result = next((season / "评分结果").iterdir())
    shown = run("compare", result)
    assert shown.code == 0, shown.err
    assert "总分（2013年度考核季）" in shown.out
    assert "收到20140115" not in shown.out  # no file of the season names it
    document = json.loads(run("compare", result, "--format", "json").out)
    assert document["b"]["source"] == str(season)


# --- 7. the minor points ------------------------------------------------------------------------


def test_explain_takes_a_former_name(season: Path, run) -> None:
    result = run("explain", "--unit", "安县")
    assert result.code == 0, result.err
    assert result.out.startswith("安州区（县市区） 总分 99.10")
    assert "“安县”是 安州区 的曾用名" in result.err


def test_extend_takes_a_certifier_or_a_former_name_and_says_the_name(season: Path, run) -> None:
    by_name = run("extend", "市财政局核定", "--until", "2014-01-25", "--reason", "系统故障")
    assert by_name.code == 0 and "已延期：市财政局核定 至 2014-01-25" in by_name.out
    former = run("extend", "安县", "--until", "2014-01-25", "--reason", "改名")
    assert former.code == 0 and "已延期：安州区 至 2014-01-25" in former.out
    unknown = run("extend", "市委宣传部", "--until", "2014-01-25", "--reason", "x")
    assert unknown.code == 2 and "市委宣传部核定" in unknown.err and "propaganda" not in unknown.err
    assert "延期 市财政局核定 至 2014-01-25：系统故障" in run("log").out


def test_receive_says_what_a_file_holds_and_log_what_became_of_it(
    season: Path, run, tmp_path: Path
) -> None:
    finance = next(p for p in (tmp_path / "邮件").iterdir() if "市财政局" in p.name)
    duplicate = run("receive", finance, "--received-at", "2014-01-16 09:00")
    assert duplicate.code == 0 and "内容相同" in duplicate.out
    corrected = tmp_path / "财政局-更正.xlsx"
    corrected.write_bytes(finance.read_bytes())
    fill_entry_workbook(corrected, {"涪城区": {"progress.funding": "否"}})
    late = run("receive", corrected, "--received-at", "2014-01-22 10:00")
    assert late.code == 0, late.err
    said = "（2014-01-22 10:00 收到，有效，逾期）：市财政局核定的填报表，含 2 个单位的行"
    assert said in late.out
    log = run("log").out.splitlines()
    first = next(line for line in log if f"收取 收回文件/{RECEIPT_OF_FINANCE}" in line)
    assert first.endswith("：已被取代，现以 county-填报-市财政局核定-收到20140122-100000.xlsx 为准")
    assert next(line for line in log if "收到20140122-100000.xlsx（原名" in line).endswith("：逾期")
    again = next(line for line in log if "重复收到" in line)
    assert "重复收到 county-填报-市财政局核定.xlsx（2014-01-16 09:00:00+08:00 收到" in again
    assert f"与已收的 收回文件/{RECEIPT_OF_FINANCE} 内容相同" in again
    kinds = [e["kind"] for e in json.loads(run("log", "--format", "json").out)["entries"]]
    assert kinds.count("duplicate") == 1 and kinds.count("receipt") == 10


def test_the_unit_list_is_held_to_its_hash(season: Path, run) -> None:
    config = (season / "season.yaml").read_text(encoding="utf-8")
    import hashlib

    listed = (season / "规则" / "名单.csv").read_bytes()
    assert f'units_sha256: "{hashlib.sha256(listed).hexdigest()}"' in config
    assert run("score", "-q").code == 0
    (season / "规则" / "名单.csv").write_bytes(listed + "游仙区,县市区,\n".encode())
    for command in (["status"], ["verify"]):
        result = run(*command)
        assert result.code == 1 and "单位名单在建立后被改动过" in result.err, command


def test_a_season_made_before_the_unit_list_hash_still_opens(season: Path, run) -> None:
    config = season / "season.yaml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if "units_sha256" not in x), encoding="utf-8")
    assert run("status").code == 0


def test_a_file_that_is_no_spreadsheet_is_not_received(season: Path, run, tmp_path: Path) -> None:
    readme = tmp_path / "README.txt"
    readme.write_text("请查收", encoding="utf-8")
    letter = tmp_path / "说明.docx"
    with zipfile.ZipFile(letter, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    result = run("receive", readme, letter)
    assert result.code == 1
    for path in (readme, letter):
        assert f"{path}：不是表格文件（不是 Excel/WPS 工作簿），不是填报表，未收取" in result.err
    assert "另存为" not in result.err
    kinds = [e["kind"] for e in json.loads(run("log", "--format", "json").out)["entries"]]
    assert "duplicate" not in kinds and kinds.count("receipt") == 9


# --- the second check ---------------------------------------------------------------------------


def test_template_takes_a_certifier_by_name_and_refuses_an_unknown_one_cleanly(
    season: Path, run
) -> None:
    by_name = run("template", "--per-unit", "--certifier", "市财政局核定", "--force")
    assert by_name.code == 0, by_name.err
    forms = sorted(p.name for p in (season / "发出表格").iterdir())
    assert "county-填报-市财政局核定-安州区.xlsx" in forms, forms
    for wrong, said in (
        ("自查提交条目s", "是否指“自查提交条目”"),
        ("foo", "没有考核组织“foo”；可用：self_document（自查提交文件）、"),
    ):
        result = run("template", "--per-unit", "--certifier", wrong)
        assert result.code == 2 and said in result.err, result.err
        assert "内部错误" not in result.err
    both = run("template", "--certifier", "市财政局核定", "--by-certifier")
    assert both.code == 2 and "内部错误" not in both.err, both.err


def _cut(season: Path, after: int) -> None:
    with sqlite3.connect(season / "ledger.sqlite") as db:
        db.execute("DROP TRIGGER IF EXISTS entries_never_deleted")
        db.execute("DELETE FROM entries WHERE seq > ?", (after,))


def test_entries_cut_off_the_end_are_found_by_the_files_they_kept_or_wrote(
    season: Path, run, tmp_path: Path
) -> None:
    before = len(json.loads(run("log", "--format", "json").out)["entries"])
    assert run("score", "-q").code == 0
    _cut(season, before)
    said = f"台账第 {before} 条之后的记录不见了：考核季中有 1 个文件（如 评分结果/county-评分-"
    for command in (["status"], ["score", "-q"], ["explain", "--unit", "涪城区"]):
        result = run(*command)
        assert result.code == 1 and said in result.err, (command, result.err)
        assert "取回 ledger.sqlite" in result.err
    assert run("log").code == 1 and run("verify").code == 1
    assert said in run("verify").out
    # an evidence file, a received file its entry no longer names: the same
    entries = json.loads(run("log", "--format", "json").out)["entries"]
    last_receipt = max(e["seq"] for e in entries if e["kind"] == "receipt")
    for cut, said in (
        (before - 1, "有 1 个文件（如 佐证材料/涪城区/progress.plan/a.pdf）"),
        (last_receipt - 1, "有 15 个文件（如 佐证材料/"),  # 14 evidence files, 1 received
    ):
        fresh = tmp_path / f"fresh{cut}"
        shutil.copytree(season, fresh)
        _cut(fresh, cut)
        shutil.rmtree(fresh / "评分结果")
        result = run("status", "--season", fresh)
        assert result.code == 1 and f"台账第 {cut} 条之后的记录不见了" in result.err, result.err
        assert said in result.err, result.err


def test_a_file_of_the_system_or_an_open_workbook_is_no_cut(season: Path, run) -> None:
    (season / "收回文件" / "Thumbs.db").write_bytes(b"x")
    (season / "收回文件" / f"~${RECEIPT_OF_FINANCE}").write_bytes(b"x")
    (season / "评分结果" / "说明.docx").write_bytes(b"x")
    assert run("status").code == 0


def test_a_time_received_later_than_now_is_refused(season: Path, run, tmp_path: Path) -> None:
    finance = next(p for p in (tmp_path / "邮件").iterdir() if "市财政局" in p.name)
    fill_entry_workbook(finance, {"涪城区": {"progress.funding": "否"}})
    before = sorted((season / "收回文件").iterdir())
    result = run("receive", finance, "--received-at", "2099-01-01 00:00")
    assert result.code == 2 and "收到时间 2099-01-01 00:00 晚于现在" in result.err, result.err
    assert sorted((season / "收回文件").iterdir()) == before


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("2014-01-16 09：30", "收到20140116-093000"),  # a full-width colon, as the IME types it
        ("２０１４-０１-１６ ０９:３０", "收到20140116-093000"),  # full-width digits
        ("2014-01-16", "收到20140116-000000"),  # a date alone: the start of that day
    ],
)
def test_received_at_takes_full_width_forms_and_a_date_alone(
    season: Path, run, tmp_path: Path, given: str, name: str
) -> None:
    finance = next(p for p in (tmp_path / "邮件").iterdir() if "市财政局" in p.name)
    fill_entry_workbook(finance, {"涪城区": {"progress.funding": "否"}})
    result = run("receive", finance, "--received-at", given)
    assert result.code == 0, result.err
    assert (season / "收回文件" / f"county-填报-市财政局核定-{name}.xlsx").is_file()


def test_the_blank_form_sent_out_is_refused_and_an_empty_file_is_pointed_out(
    season: Path, run, tmp_path: Path
) -> None:
    blank = season / "发出表格" / "county-填报-市财政局核定.xlsx"
    sent = run("receive", blank)
    assert sent.code == 1
    assert "这是本考核季发出的空白填报表 county-填报-市财政局核定.xlsx" in sent.err, sent.err
    assert not any("20140115" not in p.name for p in (season / "收回文件").iterdir())
    saved = tmp_path / "财政局.xlsx"  # the blank form saved again by a spreadsheet program
    saved.write_bytes(blank.read_bytes())
    fill_entry_workbook(saved, {})
    empty = run("receive", saved, "--received-at", "2014-01-16 09:00")
    assert empty.code == 0, empty.err
    assert "此文件一个数值也没有填（所有单元格都是空的）" in empty.err
    finance = next(p for p in (tmp_path / "邮件").iterdir() if "市财政局" in p.name)
    filled = run("receive", finance, "--received-at", "2014-01-17 09:00")
    assert "一个数值也没有填" not in filled.err
    bonus_only = next(p for p in (tmp_path / "邮件").iterdir() if "宣传部" in p.name)
    fill_entry_workbook(bonus_only, {"涪城区": {"bonus.publicity.city": 2}})  # no required field
    received = run("receive", bonus_only, "--received-at", "2014-01-17 09:00")
    assert received.code == 0 and "一个数值也没有填" not in received.err


def test_a_claim_against_a_form_of_no_certifier_is_advised_by_precedence(
    season: Path, run, tmp_path: Path
) -> None:
    """The unit claims 2 provincial reports; a form of every certifier says 1. The claim is no
    certifier's final word: the advice sends the clerk to 市委宣传部/市民生办, never says the
    claim's file counts."""
    claims = next(p for p in (tmp_path / "邮件").iterdir() if "自查提交条目" in p.name)
    fill_entry_workbook(claims, {"涪城区": {"bonus.publicity.provincial": 2}})
    assert run("receive", claims, "--received-at", "2014-01-16 09:00").code == 0
    assert run("template", "-o", tmp_path / "全部.xlsx").code == 0
    fill_entry_workbook(tmp_path / "全部.xlsx", {"涪城区": {"bonus.publicity.provincial": 1}})
    assert run("receive", tmp_path / "全部.xlsx", "--received-at", "2014-01-16 10:00").code == 0
    status = run("status")
    assert status.code == 1 and "冲突 1 处" in status.out
    assert "按规则此项以“市委宣传部核定、市民生办核定”核定的值为准" in status.out
    assert "自查提交条目-收到20140116-090000.xlsx 中只是单位的自查值" in status.out
    assert "为准：请改正" not in status.out


def test_a_letter_or_a_scan_beside_the_forms_in_a_folder_is_skipped_with_a_note(
    season: Path, run, tmp_path: Path
) -> None:
    folder = tmp_path / "邮件"
    finance = next(p for p in folder.iterdir() if "市财政局" in p.name)
    fill_entry_workbook(finance, {"涪城区": {"progress.funding": "否"}})
    (folder / "README.txt").write_text("请查收", encoding="utf-8")
    (folder / "盖章件.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (folder / "盖章件.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    result = run("receive", folder, "--received-at", "2014-01-16 09:00")
    assert result.code == 0, result.out + result.err
    for name in ("README.txt", "盖章件.pdf", "盖章件.jpg"):
        assert f"未收取 {folder / name}：不是表格文件（文件夹中的其他文件，已跳过）" in result.out
    assert "市财政局核定-收到20140116-090000.xlsx" in result.out
    alone = run("receive", folder / "盖章件.pdf")
    assert alone.code == 1 and "不是表格文件（不是 Excel/WPS 工作簿）" in alone.err


def test_a_wrong_time_zone_and_a_damaged_ledger_are_said_in_chinese(season: Path, run) -> None:
    config = season / "season.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('timezone: "Asia/Shanghai"', 'timezone: "Asia/Beijing"'))
    wrong = run("status")
    assert wrong.code == 1, wrong.err
    assert "season.yaml:" in wrong.err and "timezone" in wrong.err
    assert "不认识的时区“Asia/Beijing”；请填 IANA 时区名，如 Asia/Shanghai" in wrong.err
    assert "unknown time zone" not in wrong.err
    config.write_text(text, encoding="utf-8")
    (season / "ledger.sqlite").write_bytes(b"not a ledger at all" * 100)
    damaged = run("status")
    said = "台账已损坏（文件不是 SQLite 数据库：file is not a database）"
    assert damaged.code == 1 and said in damaged.err, damaged.err


@pytest.mark.parametrize(
    ("lang", "header", "deadline"),
    [
        ("zh", "# mypm 考核季配置：", "# 交回填报表的截止日（到当天结束）。"),
        ("en", "# mypm season configuration:", "# The day files are due back (end of that day)."),
    ],
)
def test_season_yaml_comments_are_in_the_users_language(
    run, tmp_path: Path, lang: str, header: str, deadline: str
) -> None:
    made = run(
        "init", tmp_path / "季", "--kind", "county", "--deadline", "2015-01-20", "--lang", lang
    )
    assert made.code == 0, made.err
    lines = (tmp_path / "季" / "season.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith(header)
    assert lines[lines.index('deadline: "2015-01-20"') - 1] == deadline
    assert run("status", "--season", tmp_path / "季").code == 1  # read back: nothing received
    from mypm.season.config import COMMENTS, SeasonConfig

    assert set(COMMENTS) == set(SeasonConfig.model_fields)  # a new key gets its comment


def test_compare_written_inside_a_season_is_a_run_of_the_ledger(season: Path, run) -> None:
    assert run("score", "-q").code == 0
    scored = next((season / "评分结果").iterdir())
    written = season.parent / "比较.xlsx"
    assert run("compare", scored, "-o", written, "-q").code == 0
    entries = json.loads(run("log", "--format", "json").out)["entries"]
    last = entries[-1]
    assert last["kind"] == "run" and last["data"]["command"][:2] == ["mypm", "compare"]
    assert last["data"]["outputs"][0]["file"] == str(written.resolve())
    assert last["data"]["options"]["sides"] == [str(scored), str(season)]


def test_verify_checks_a_status_or_comparison_it_recorded_by_its_hash(season: Path, run) -> None:
    status = season.parent / "收回情况.xlsx"
    assert run("status", "-o", status).code == 0
    verified = run("verify", status)
    assert verified.code == 0, verified.out + verified.err
    assert "文件未被改动（按 sha256 核对）" in verified.out and "不重新评分" in verified.out
    assert "没有找到含字段键行" not in verified.out + verified.err
    edited = status.read_bytes() + b"\0"
    status.write_bytes(edited)
    changed = run("verify", status)
    assert changed.code == 1 and "共 1 处不同" in changed.out, changed.out


def test_a_season_inside_another_is_refused_naming_the_outer_one(season: Path, run) -> None:
    result = run("init", season / "sub", "--kind", "county", "--deadline", "2015-01-20")
    assert result.code == 2 and not (season / "sub").exists()
    assert f"此处在考核季 {season.resolve()} 之中" in result.err, result.err


def test_a_unit_list_problem_is_named_at_its_line_and_column(run, tmp_path: Path) -> None:
    listed = tmp_path / "名单-冲突.csv"
    listed.write_text("单位,分组,曾用名\n涪城区,县市区,安县\n游仙区,县市区,\n安州区,县市区,安县\n")
    clash = run("init", tmp_path / "季", "--kind", "county", "--units", listed)
    assert clash.code == 2 and f"{listed}:4:3：曾用名“安县”与现有单位名" in clash.err, clash.err
    spelled = tmp_path / "名单.txt"
    spelled.write_text("涪城区\n\n涪城 区\n", encoding="utf-8")
    twice = run("init", tmp_path / "季", "--kind", "county", "--units", spelled)
    assert twice.code == 2 and f"{spelled}:3:1：" in twice.err, twice.err


def test_a_mistyped_unit_row_is_said_at_the_received_files_cells(
    season: Path, run, tmp_path: Path
) -> None:
    """市民生办 types 涪城 for 涪城区: its fields are owed in the file received, not in a blank
    form never received, and score says the row is missing, not the column."""
    mslb = next(p for p in (tmp_path / "邮件").iterdir() if "市民生办核定" in p.name)
    _rename_rows(mslb, "涪城区", "涪城")
    assert run("receive", mslb, "--received-at", "2014-01-16 09:00").code == 0
    status = run("status")
    received = "county-填报-市民生办核定-收到20140116-090000.xlsx"
    assert f"{received} › 填报 › A6：单位“涪城”不在" in status.out + status.err
    assert "是否应为“涪城区”" in status.out + status.err
    owed = f"涪城区 · 有明确固定的工作联络员 · 收回的 {received} 中没有这个单位的行" in status.out
    assert owed, status.out
    assert "county-填报-市民生办核定.xlsx ›" not in status.out  # the blank form, never received
    scored = run("score", "-q")
    assert scored.code == 1 and "任何文件中都没有" not in scored.err
    assert "这一列的文件中没有 涪城区 的行（1 个单位缺此值）" in scored.err, scored.err
