"""The season folder: init, the ledger, receive (tests/test_season_flow.py runs the whole flow)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from conftest import DEPARTMENT, REPO
from fill import fill_entry_workbook
from mypm.season import ledger as ledger_module
from mypm.season.folder import find_season, open_season
from mypm.season.layout import CONFIG_NAME, LEDGER_NAME
from mypm.season.ledger import GENESIS, Ledger, canonical_json
from mypm.season.receipts import current_files, versions

SEASON_PAGE = (REPO / "docs" / "en" / "season.md").read_text(encoding="utf-8")
UNITS_CSV = "单位,分组\n涪城区,县市区\n游仙区,县市区\n"


@pytest.fixture
def season_dir(tmp_path: Path, run) -> Path:
    units = tmp_path / "名单.csv"
    units.write_text(UNITS_CSV, encoding="utf-8")
    root = tmp_path / "2013季"
    result = run("init", root, "--kind", "county", "--units", units, "--deadline", "2014-01-20")
    assert result.code == 0, result.err
    return root


def form(season_dir: Path, run, certifier: str, values: dict[str, dict[str, object]]) -> Path:
    """A certifier's form from the season's forms folder, filled in, as a unit sends it back."""
    out = season_dir.parent / f"{certifier}-{len(list(season_dir.parent.iterdir()))}.xlsx"
    result = run(
        "template", "--kind", "county", "--certifier", certifier,
        "--units", season_dir / "规则" / "名单.csv", "-o", out,
    )  # fmt: skip
    assert result.code == 0, result.err
    fill_entry_workbook(out, values)
    return out


def entries(root: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(root / LEDGER_NAME) as db:
        return list(db.execute("SELECT seq, kind FROM entries ORDER BY seq"))


# --- init ------------------------------------------------------------------------------------


def test_init_makes_the_folders_copies_the_rules_and_opens_the_ledger(season_dir: Path) -> None:
    names = sorted(p.name for p in season_dir.iterdir())
    assert names == sorted(
        [
            CONFIG_NAME,
            "season.schema.json",
            LEDGER_NAME,
            "规则",
            "发出表格",
            "收回文件",
            "评分结果",
            "佐证材料",
        ]
    )
    assert sorted(p.name for p in (season_dir / "规则").iterdir()) == ["county.yaml", "名单.csv"]
    season = open_season(season_dir)
    assert season.config.deadline == dt.date(2014, 1, 20)
    assert season.config.year == 2013  # the rule file's year
    assert [u.name for u in season.units()] == ["涪城区", "游仙区"]
    assert entries(season_dir) == [(1, "season")]
    assert not (season_dir / f"{LEDGER_NAME}-journal").exists()  # one file when idle


def test_init_refuses_a_folder_that_is_not_empty_without_force(tmp_path: Path, run) -> None:
    root = tmp_path / "季"
    root.mkdir()
    (root / "旧文件.txt").write_text("x", encoding="utf-8")
    refused = run("init", root, "--kind", "county")
    assert refused.code == 2
    assert "文件夹不是空的" in refused.err and "--force" in refused.err
    assert sorted(p.name for p in root.iterdir()) == ["旧文件.txt"]  # nothing half made
    assert run("init", root, "--kind", "county", "--force").code == 0
    assert (root / "旧文件.txt").read_text(encoding="utf-8") == "x"
    again = run("init", root, "--kind", "county", "--force")
    assert again.code == 2 and "已是一个考核季" in again.err


def test_init_with_a_rule_file_takes_its_kind_and_its_deadline(tmp_path: Path, run) -> None:
    assert run("init", tmp_path / "季", "--rules", DEPARTMENT).code == 0
    config = open_season(tmp_path / "季").config
    assert config.kind == "department"
    assert config.deadline == dt.date(2014, 1, 15)  # the rule file's self_check_deadline


def test_the_reply_deadline_is_kept_and_may_not_come_before_the_return_deadline(
    tmp_path: Path, run
) -> None:
    def init(folder: str, *reply: str):
        return run(
            "init", tmp_path / folder, "--kind", "county", "--deadline", "2014-01-20", *reply
        )

    assert init("季").code == 0
    assert open_season(tmp_path / "季").config.reply_deadline is None  # the 反馈单 leaves it blank
    refused = init("另季", "--reply-deadline", "2014-01-19")
    assert refused.code == 2 and "--reply-deadline" in refused.err and "早于" in refused.err
    assert not (tmp_path / "另季").exists()
    kept = init("另季", "--reply-deadline", "2014-02-10")
    assert kept.code == 0, kept.err
    assert open_season(tmp_path / "另季").config.reply_deadline == dt.date(2014, 2, 10)
    assert 'reply_deadline: "2014-02-10"' in (tmp_path / "另季" / CONFIG_NAME).read_text("utf-8")


def test_a_deadline_that_is_no_date_is_a_usage_error(tmp_path: Path, run) -> None:
    result = run("init", tmp_path / "季", "--kind", "county", "--deadline", "2014-13-01")
    assert result.code == 2
    assert not (tmp_path / "季").exists()


def test_a_configuration_error_is_located(season_dir: Path, run) -> None:
    config = season_dir / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('deadline: "2014-01-20"', 'deadline: "1月20日"'), "utf-8")
    line = next(
        n for n, t in enumerate(config.read_text("utf-8").splitlines(), 1) if "1月20日" in t
    )
    result = run("receive", "--season", season_dir, season_dir / CONFIG_NAME)
    assert result.code == 1
    assert f"{CONFIG_NAME}:{line}:1" in result.err and "deadline" in result.err


def test_a_changed_rule_file_is_refused(season_dir: Path, run) -> None:
    rules = season_dir / "规则" / "county.yaml"
    rules.write_text(rules.read_text("utf-8") + "\n# 改一下\n", "utf-8")
    result = run(
        "extend", "涪城区", "--until", "2014-02-01", "--reason", "x", "--season", season_dir
    )
    assert result.code == 1 and "规则文件在建立后被改动过" in result.err


def test_the_season_is_found_from_the_option_the_variable_or_a_parent(
    season_dir: Path, tmp_path: Path
) -> None:
    inner = season_dir / "收回文件"
    assert find_season(None, {}, inner) == season_dir
    assert find_season(None, {"MYPM_SEASON": str(season_dir)}, tmp_path) == season_dir
    assert find_season(season_dir, {}, tmp_path) == season_dir
    assert find_season(None, {}, tmp_path) is None


# --- the ledger -------------------------------------------------------------------------------


def test_each_entry_carries_the_hash_of_the_one_before(tmp_path: Path) -> None:
    moment = dt.datetime(2014, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with Ledger.create(tmp_path / "l.sqlite") as ledger, ledger.writing():
        first = ledger.append("note", {"甲": 1}, moment)
        second = ledger.append("note", {"乙": [1, 2]}, moment)
    import hashlib

    expected = {"seq": 1, "kind": "note", "at": "2014-01-15T09:30:00+08:00"}
    body = canonical_json({**expected, "user": first.user, "data": {"甲": 1}, "prev": GENESIS})
    assert body.startswith(b'{"at":"2014-01-15T09:30:00+08:00","data":{"\xe7\x94\xb2":1}')
    assert first.hash == hashlib.sha256(body).hexdigest()
    assert second.prev == first.hash
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        assert ledger.check_chain() == []
        assert ledger.head() == second


def test_history_is_never_rewritten_and_a_hand_edit_is_found(tmp_path: Path) -> None:
    moment = dt.datetime(2014, 1, 15, tzinfo=dt.timezone.utc)
    path = tmp_path / "l.sqlite"
    with Ledger.create(path) as ledger, ledger.writing():
        for number in range(3):
            ledger.append("note", {"n": number}, moment)
    with sqlite3.connect(path) as db, pytest.raises(sqlite3.DatabaseError, match="never"):
        db.execute("UPDATE entries SET data = '{\"n\":9}' WHERE seq = 2")
    with sqlite3.connect(path) as db:  # a determined hand: drops the guard first
        db.execute("DROP TRIGGER entries_never_updated")
        db.execute("UPDATE entries SET data = '{\"n\":9}' WHERE seq = 2")
    with Ledger.open(path) as ledger:
        assert [(b.seq, b.message.key) for b in ledger.check_chain()] == [(2, "ledger.edited")]
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER entries_never_deleted")
        db.execute("DELETE FROM entries WHERE seq = 1")
    with Ledger.open(path) as ledger:
        found = [(b.seq, b.message.key) for b in ledger.check_chain()]
    assert found == [(2, "ledger.gap"), (2, "ledger.bad_link"), (2, "ledger.edited")]


def test_a_newer_missing_or_damaged_ledger_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    Ledger.create(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ledger_module.LedgerError) as newer:
        Ledger.open(path)
    assert newer.value.problems[0].message.key == "ledger.newer"
    with pytest.raises(ledger_module.LedgerError) as missing:
        Ledger.open(tmp_path / "none.sqlite")
    assert missing.value.problems[0].message.key == "ledger.missing"
    (tmp_path / "bad.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ledger_module.LedgerError) as damaged:
        Ledger.open(tmp_path / "bad.sqlite")
    assert damaged.value.problems[0].message.key == "ledger.damaged"


def test_an_old_ledger_is_migrated_and_keeps_its_chain(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "l.sqlite"
    with Ledger.create(path) as ledger, ledger.writing():
        kept = ledger.append("note", {"n": 1}, dt.datetime(2014, 1, 1, tzinfo=dt.timezone.utc))
    step = ("CREATE TABLE later (x INTEGER)",)
    monkeypatch.setattr(ledger_module, "MIGRATIONS", (*ledger_module.MIGRATIONS, step))
    monkeypatch.setattr(ledger_module, "SCHEMA_VERSION", 2)
    with Ledger.open(path) as ledger:
        assert ledger.head() == kept and ledger.check_chain() == []
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM later").fetchone()[0] == 0


def test_a_second_writer_waits_then_is_refused(season_dir: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(ledger_module, "LOCK_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(season_dir / LEDGER_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run, writing
    try:
        result = run(
            "extend", "涪城区", "--until", "2014-02-01", "--reason", "病假", "--season", season_dir
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 75
    assert "另一个 mypm 命令正在写台账" in result.err
    assert entries(season_dir) == [(1, "season")]
    again = run(
        "extend", "涪城区", "--until", "2014-02-01", "--reason", "病假", "--season", season_dir
    )
    assert again.code == 0


# --- receive ----------------------------------------------------------------------------------


def test_versions_duplicates_lateness_and_extensions(season_dir: Path, run) -> None:
    first = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "是"}})
    second = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "否"}})
    at = ["--season", season_dir, "--received-at"]
    assert run("receive", first, *at, "2014-01-15 09:30").code == 0
    dup = run("receive", first, *at, "2014-01-16 09:30")
    assert dup.code == 0 and "内容相同" in dup.out
    late = run("receive", second, *at, "2014-01-21 00:00")  # the deadline's day has ended
    assert late.code == 0
    assert "county-填报-市财政局核定-收到20140121-000000.xlsx" in late.out and "逾期" in late.out
    assert "取代了 收回文件/county-填报-市财政局核定-收到20140115-093000.xlsx" in late.out
    assert "仍有 1 个必填单元格为空" in late.out  # 游仙区's funding
    # the chase list: who still owes which cell, and where to fill it
    assert f"游仙区 · 财政资金保障到位（{second.name} › 填报 › C7）" in late.out
    season = open_season(season_dir)
    with season.ledger() as ledger:
        found = {v.name: (v.state, v.late) for v in versions(season, ledger.entries())}
    assert found == {
        "county-填报-市财政局核定-收到20140115-093000.xlsx": ("superseded", False),
        "county-填报-市财政局核定-收到20140121-000000.xlsx": ("current", True),
    }
    assert [k for _, k in entries(season_dir)] == ["season", "receipt", "duplicate", "receipt"]
    assert (
        run(
            "extend",
            "市财政局核定",
            "--until",
            "2014-01-21",
            "--reason",
            "系统故障",
            "--season",
            season_dir,
        ).code
        == 0
    )
    with season.ledger() as ledger:
        assert not any(v.late for v in versions(season, ledger.entries()))
    kept = sorted(p.name for p in (season_dir / "收回文件").iterdir())
    assert len(kept) == 2  # the superseded version is kept


def test_withdraw_and_restore_choose_the_version_that_counts(season_dir: Path, run) -> None:
    first = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "是"}})
    second = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "否"}})
    at = ["--season", season_dir, "--received-at"]
    run("receive", first, *at, "2014-01-15 09:30")
    run("receive", second, *at, "2014-01-16 09:30")
    old, new = (
        "county-填报-市财政局核定-收到20140115-093000.xlsx",
        "county-填报-市财政局核定-收到20140116-093000.xlsx",
    )
    season = open_season(season_dir)

    def counted() -> list[str]:
        with season.ledger() as ledger:
            return [v.name for v in current_files(season, ledger)]

    assert counted() == [new]
    assert run("withdraw", new, "--reason", "填错了", "--season", season_dir).code == 0
    assert counted() == [old]
    assert run("restore", new, "--reason", "核实无误", "--season", season_dir).code == 0
    assert counted() == [new]
    assert run("restore", old, "--reason", "以第一版为准", "--season", season_dir).code == 0
    assert counted() == [old]
    unknown = run("withdraw", "无此文件.xlsx", "--reason", "x", "--season", season_dir)
    assert unknown.code == 2 and "没有名为" in unknown.err
    # a file received earlier than the one that counts does not take its place
    third = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "是"}})
    run("receive", third, *at, "2014-01-10 08:00")
    assert counted() == [old]


def test_one_bad_file_never_stops_the_others(season_dir: Path, run, tmp_path: Path) -> None:
    good = form(season_dir, run, "finance", {"涪城区": {"progress.funding": "是"}})
    text = tmp_path / "说明.txt"
    text.write_text("不是工作簿", encoding="utf-8")
    old = tmp_path / "旧格式.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    other = tmp_path / "部门表.xlsx"
    assert run("template", "--kind", "department", "-o", other).code == 0
    result = run("receive", text, old, other, good, "--season", season_dir)
    assert result.code == 1
    assert "说明.txt：不是表格文件" in result.err  # no form at all
    assert "旧格式.xls：" in result.err and "另存为" in result.err  # the save-as advice
    assert "另一套规则的表格" in result.err
    assert "已收取" in result.out
    assert [k for _, k in entries(season_dir)] == ["season", "receipt"]
    assert len(list((season_dir / "收回文件").iterdir())) == 1


# --- the library ------------------------------------------------------------------------------


def test_the_season_page_example_runs_and_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    example = SEASON_PAGE.split("```python", 1)[1].split("```", 1)[0]
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "county-2013.xlsx").write_bytes(
        (REPO / "examples" / "county-2013.xlsx").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "season.md", "exec"), {})  # our own documentation
    printed = capsys.readouterr().out.splitlines()
    said = [line.split("# ", 1)[1] for line in example.splitlines() if "print(" in line]
    assert len(printed) == len(said) == 5
    for out, comment in zip(printed, said, strict=True):
        assert comment.startswith(out), (out, comment)
