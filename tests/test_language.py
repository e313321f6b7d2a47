"""Issue 11: the user's language everywhere: --lang on every command, click's own words,
one colon style in Chinese, ASCII punctuation in English, and CSV that Excel and WPS open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from mypm.cli import cli
from mypm.text.catalogue import CATALOGUE
from mypm.text.clickzh import CLICK_ZH, MO_FILE, mo_bytes

EXAMPLE = REPO / "examples" / "county-2013.xlsx"
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_command_takes_lang_and_its_help_is_chinese(run, command: list[str]) -> None:
    chinese = run(*command, "--lang", "zh", "--help")
    assert chinese.code == 0, chinese.err
    assert chinese.out.startswith("用法：mypm")
    assert "选项：" in chinese.out and "显示本帮助并退出。" in chinese.out
    assert "Options" not in chinese.out and "Show this message" not in chinese.out
    english = run(*command, "--lang", "en", "--help")
    assert english.out.startswith("Usage: mypm")
    assert "Show this message and exit." in english.out


def test_the_command_list_is_chinese(run) -> None:
    listing = run("--lang", "zh", "--help").out.split("命令：")[1]
    lines = [line.split(maxsplit=1) for line in listing.splitlines() if line.strip()]
    assert {name for name, _ in lines} == set(COMMANDS)
    english = [name for name, said in lines if not re.search(r"[\u4e00-\u9fff]", said)]
    assert english == []  # a command group's line too (appeal)


def test_lang_before_the_command(run) -> None:
    assert run("--lang", "zh", "--help").out.startswith("用法：mypm")
    assert run("schema", "--lang", "en").code == 0
    result = run("--lang", "en", "score", "nope.xlsx")
    assert "nope.xlsx: file not found" in result.err
    assert result.err.splitlines()[-1] == "1 problem; nothing was written."


def test_clicks_usage_errors_are_chinese(run) -> None:
    missing = run("score")
    assert missing.code == 2
    assert "用法：mypm score [OPTIONS] FILES..." in missing.err
    assert "错误：缺少参数 'FILES...'" in missing.err
    bad = run("score", "x.xlsx", "--format", "pdf")
    assert "错误：'--format' 的值无效：'pdf' 不是可选值之一：'xlsx', 'json', 'csv'。" in bad.err
    assert "错误：没有命令 'scor'。" in run("scor").err
    assert "Error: Missing argument 'FILES...'." in run("score", "--lang", "en").err


def test_the_compiled_click_catalogue_is_up_to_date() -> None:
    # `python -m mypm.text.clickzh` writes it again
    assert MO_FILE.read_bytes() == mo_bytes(CLICK_ZH)


FULL_WIDTH_PUNCTUATION = re.compile(r"[，。：；（）“”‘’、…–—·›！？【】]")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_english_uses_ascii_punctuation_and_chinese_one_colon(key: str) -> None:
    zh, en = CATALOGUE[key]
    if key != "rules.fullwidth_colon":  # it quotes the full-width colon it is about
        assert not FULL_WIDTH_PUNCTUATION.search(en), en
    # a colon in Chinese text is the full-width one (ASCII only inside key.path or times)
    assert not re.search(r"[\u4e00-\u9fff）”]:|: ", zh), zh


def test_plurals_in_english(run, tmp_path: Path) -> None:
    assert "1 problem;" in run("score", tmp_path / "a.xlsx", "--lang", "en").err


def test_template_file_name_does_not_depend_on_the_language(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("template", "--kind", "county", "--lang", "en").code == 0
    assert run("template", "--kind", "county", "--certifier", "finance", "--lang", "en").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "county-填报-市财政局核定.xlsx",
        "county-填报.xlsx",
    ]


def test_csv_on_standard_output_keeps_its_bom_and_crlf(capfdbinary) -> None:
    from mypm.cli import main

    assert main(["score", str(EXAMPLE), "--format", "csv"]) == 0
    out = capfdbinary.readouterr().out
    assert out.startswith("\ufeff名次,组内名次,单位".encode())
    assert b"\r\n" in out and b"\r\r\n" not in out
