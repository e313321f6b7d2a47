"""Rule files that would change a score silently or harm the machine: each is refused, located."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COUNTY = (REPO / "rules" / "county.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def refused(run, tmp_path: Path, text: str | bytes, where: str, message: str) -> None:
    path = tmp_path / "county.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    result = run("validate", path)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    assert f"{path}{where}" in result.err, result.err
    assert message in result.err, result.err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - id: org\n",
            "  - id: !!python/object/apply:os.system [echo]\n",
            "could not determine a constructor",
        ),
        ("points: 75\n", "points: yes\n", "类型不对：应为数字"),  # YAML 1.1 boolean
        ("points: 75\n", "points: 1:15\n", "类型不对：应为数字"),  # YAML 1.1 base-60
        ("year: 2013\n", "year: 0x7DD\n", "类型不对：应为整数"),
        ("  - id: org\n", "  - id: 0755\n", "类型不对：应为文字（加引号）"),  # YAML 1.1 octal
        ("measure: {type: yes_no}\n", "measure: {type: yes_no, award_if: on}\n", "award_if"),
    ],
    ids=["python-tag", "yes-as-number", "base-60", "hex", "octal-id", "on-as-answer"],
)
def test_yaml_surprises_are_errors(run, tmp_path: Path, old: str, new: str, message: str) -> None:
    text = COUNTY.replace(old, new, 1)
    refused(run, tmp_path, text, f":{line_of(text, new.strip()[:12])}:", message)


def test_full_width_indentation_is_explained(run, tmp_path: Path) -> None:
    text = COUNTY.replace("  mslb: 市民生办核定", "\u3000mslb: 市民生办核定", 1)
    refused(run, tmp_path, text, ":", "缩进须用半角空格，不能用 Tab 或全角空格")


def test_tab_indentation_is_explained(run, tmp_path: Path) -> None:
    text = COUNTY.replace("  mslb: 市民生办核定", "\tmslb: 市民生办核定", 1)
    refused(run, tmp_path, text, ":", "缩进须用半角空格")


def test_windows_code_page_file_is_refused(run, tmp_path: Path) -> None:
    refused(run, tmp_path, COUNTY.encode("gb18030"), "：", "不是 UTF-8 编码的文本")


def test_oversized_file_is_refused(run, tmp_path: Path) -> None:
    refused(run, tmp_path, COUNTY + "#" * (1024 * 1024), "：", "规则文件过大")


@pytest.mark.parametrize("depth", [100, 5000], ids=["ours", "parser's"])
def test_deep_nesting_is_refused(run, tmp_path: Path, depth: int) -> None:
    # libyaml up to PyYAML 6.0.2 stops at its own depth limit first; 6.0.3 leaves it to ours
    text = COUNTY + "extra: " + "[" * depth + "]" * depth + "\n"
    path = tmp_path / "county.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    assert f"{path}:" in result.err, result.err
    assert "嵌套层次过深" in result.err or "exceeded maximum nesting depth" in result.err


def test_billion_laughs_is_refused(run, tmp_path: Path) -> None:
    laughs = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b]\n'
    refused(run, tmp_path, COUNTY + laughs, ":", "不允许使用 YAML 锚点/别名")


@pytest.mark.parametrize(
    ("scalar", "message"),
    [
        ("!!int 0x1F", "not a decimal number"),
        ("!!float abc", "not a decimal number"),
        ("!!timestamp soon", "YAML 语法错误"),
    ],
)
def test_explicit_tags_with_bad_values(run, tmp_path: Path, scalar: str, message: str) -> None:
    refused(run, tmp_path, COUNTY + f"extra: {scalar}\n", "", message)


def test_leading_zero_is_a_decimal_number(tmp_path: Path) -> None:
    # found by the fuzz harness: PyYAML read 08 as a (bad) octal number and crashed
    from mypm.core.rules import load_rule_file

    path = tmp_path / "county.yaml"
    path.write_text(COUNTY.replace("year: 2013", "year: 02013"), encoding="utf-8")
    assert load_rule_file(path).rules.year == 2013


def test_aliases_are_refused_once(run, tmp_path: Path) -> None:
    laughs = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b]\n'
    text = COUNTY + laughs
    refused(run, tmp_path, text, f":{line_of(text, 'a: &a')}:", "不允许使用 YAML 锚点/别名")
    result = run("validate", tmp_path / "county.yaml")
    assert result.err.count("不允许使用 YAML 锚点/别名") == 1, result.err


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85", "\ufffe"], ids=ascii)
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("name: 领导体系健全", 'name: "领{}导体系健全"'),
        ("name: 组织管理体系", 'name: "组{}织管理体系"'),
        ("{name: 优秀, min: 90", '{name: "优{}秀", min: 90'),
        ("title: 绵阳市民生工程", 'title: "绵{}阳市民生工程'),
        ("mslb: 市民生办核定", 'mslb: "市{}民生办核定"'),
        ("{name: 涪城区, group", '{name: "涪{}城区", group'),
    ],
    ids=["indicator", "category", "grade", "title", "certifier", "unit"],
)
def test_control_characters_in_any_text_are_refused_at_their_line(
    run, tmp_path: Path, char: str, old: str, new: str
) -> None:
    escaped = ascii(char)[1:-1]  # "\\x01", "\\ufffe": YAML's double-quoted escapes
    new = new.replace("{}", escaped)
    if new.startswith("title"):  # the rest of the title line is inside the quotes
        line = next(x for x in COUNTY.splitlines() if x.startswith(old))
        text = COUNTY.replace(line, line.replace(old, new, 1) + '"', 1)
    else:
        text = COUNTY.replace(old, new, 1)
    line = line_of(text, new[:12])
    column = text.splitlines()[line - 1].index('"') + 1
    message = f"控制字符 U+{ord(char):04X}（第 2 个字符）"
    refused(run, tmp_path, text, f":{line}:{column}：", message)


@pytest.mark.parametrize("command", ["template", "score"])
def test_a_control_character_stops_every_command_at_its_line(
    run, tmp_path: Path, command: str
) -> None:
    # It once passed validate; then template crashed (exit 70) and score wrote a 明细 sheet
    # that Excel calls damaged.
    text = COUNTY.replace("name: 领导体系健全", 'name: "领\\x01导体系健全"', 1)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "county.yaml").write_text(text, encoding="utf-8")
    args = (
        ["--kind", "county"] if command == "template" else [REPO / "examples" / "county-2013.xlsx"]
    )
    result = run(command, *args, "--rules", rules, "-o", tmp_path / "out.xlsx")
    assert result.code == 1, result.err
    line = line_of(text, "领\\x01导")
    assert f"county.yaml:{line}:15：" in result.err, result.err
    assert not (tmp_path / "out.xlsx").exists()
