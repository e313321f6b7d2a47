"""Rule files: the bundled rule sets, the loader's checks, and `mypm validate` / `mypm schema`."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import COUNTY, DEPARTMENT, REPO, RULES
from mypm.core.errors import RulesError
from mypm.core.measures import PerItem, YesNo
from mypm.core.messages import Msg
from mypm.core.rules import load_rule_file
from mypm.core.rules.ruleset import RuleSet

# A small, valid rule file; the tests break one line of it at a time and expect that line named.
MINIMAL = """\
schema: 1
id: tiny-2013
kind: county
title: 小规则
issuer: 市目督办
document: 测试
year: 2013
base_points: 10
certifiers:
  mslb: 市民生办核定
units:
  - {name: 甲县, group: 县}
  - {name: 参照, role: reference}
categories:
  - id: org
    name: 组织
    points: 4
    indicators:
      - id: a
        name: 指标甲
        points: 4
        certified_by: [mslb]
        criterion: 是否
        measure: {type: yes_no}
  - id: targets
    name: 目标
    points: 6
    indicators:
      - id: b
        name: 指标乙
        points: 6
        certified_by: [mslb]
        criterion: 完成率
        parts:
          - {id: x, name: 分项, points: 3, measure: {type: percent}}
          - {id: y, name: 分项二, points: 3, measure: {type: count, target: 2}}
derived:
  - field: org.a
    units: [甲县]
    mean_of: [参照]
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace_line(text: str, line: int, new: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def test_minimal_rule_file_is_valid(tmp_path: Path) -> None:
    rules = load_rule_file(write(tmp_path, MINIMAL)).rules
    assert [leaf.key for leaf in rules.leaves] == ["org.a", "targets.b.x", "targets.b.y"]


def test_validate_lists_both_bundled_rule_sets(run) -> None:
    result = run("validate", RULES)
    assert result.code == 0, result.err
    assert "mianyang-livelihood-county-2013" in result.out
    assert "mianyang-livelihood-department-2013" in result.out
    assert "基础分 100（4+5+6+10+75）" in result.out
    assert "基础分 100（4+10+8+10+68）" in result.out


def test_validate_tree_shows_indicators_parts_and_measures(run) -> None:
    result = run("validate", "--tree", DEPARTMENT)
    assert result.code == 0
    for text in (
        "科学分解目标任务",
        "是/否（填“否”得分）",
        "progress.meetings.reports",
        "次数，4次满分",
    ):
        assert text in result.out


def test_validate_in_english(run) -> None:
    result = run("validate", "--lang", "en", COUNTY)
    assert result.code == 0
    assert "5 categories, 28 fields, base 100 (4+5+6+10+75), bonus cap 5" in result.out


@pytest.mark.parametrize(
    ("line", "new", "where", "message"),
    [
        (17, "    points: 5", ":17:5：categories[0].points：", "各考核指标分值之和为 4，应等于 5"),
        (8, "base_points: 12", ":8:1：base_points：", "各考核项目分值之和为 10，应等于 12"),
        (
            35,
            "          - {id: x, name: 分项, points: 2, measure: {type: percent}}",
            ":31:9：categories[1].indicators[0].points：",
            "各分项分值之和为 5，应等于 6",
        ),
        (3, "id: tiny-2014", ":3:1：", "键“id”重复（第 2 行已出现）"),
        (
            22,
            "        certified_by: [mslbb]",
            ":22:24：categories[0].indicators[0].certified_by[0]：",
            "未知的考核组织“mslbb”",
        ),
        (20, "        nmae: 指标甲", ":20:9：categories[0].indicators[0].nmae：", "未知的键"),
        (38, "  - field: org.z", ":38:5：derived[0].field：", "派生规则引用的字段“org.z”不存在"),
        (
            39,
            "    units: [乙县]",
            ":39:13：derived[0].units[0]：",
            "派生规则引用的单位“乙县”不在 units 中",
        ),
        (10, "  mslb: [市民生办核定", ":11:6：", "YAML 语法错误"),
        (
            21,
            "        points: true",
            ":21:9：categories[0].indicators[0].points：",
            "类型不对：应为数字",
        ),
        (2, "id： tiny", ":3:1：", "全角冒号"),
        (
            24,
            "        measure: {type: yes_no}\n        local: {pionts: 本地}",
            ":25:17：categories[0].indicators[0].local.pionts：",
            "local 中的“pionts”不是这里的键",
        ),
    ],
    ids=[
        "indicators-sum",
        "categories-sum",
        "parts-sum",
        "duplicate-key",
        "unknown-certifier",
        "typo-key",
        "derived-missing-field",
        "derived-missing-unit",
        "invalid-yaml",
        "boolean-points",
        "full-width-colon",
        "local-typo",
    ],
)
def test_broken_rule_file_names_file_and_line(
    run, tmp_path: Path, line: int, new: str, where: str, message: str
) -> None:
    path = write(tmp_path, replace_line(MINIMAL, line, new))
    result = run("validate", path)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith(f"{path}{where}")]
    assert lines, result.err
    assert message in lines[0]


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    text = replace_line(MINIMAL, 22, "        certified_by: [nobody]")
    text = replace_line(text, 38, "  - field: org.z")
    with pytest.raises(RulesError) as caught:
        load_rule_file(write(tmp_path, text))
    assert [p.where.rsplit(":", 2)[1] for p in caught.value.problems] == ["22", "38"]


def test_yaml_aliases_are_rejected(tmp_path: Path) -> None:
    text = MINIMAL.replace("certifiers:\n", "certifiers: &c\n").replace(
        "units:\n", "extra: *c\nunits:\n"
    )
    with pytest.raises(RulesError) as caught:
        load_rule_file(write(tmp_path, text))
    assert [p.message for p in caught.value.problems] == [Msg.of("rules.alias")]


def test_yaml_one_one_words_stay_words(tmp_path: Path) -> None:
    # `no` is the string "no" (YAML 1.2), so award_if: no means what it says.
    text = MINIMAL.replace("measure: {type: yes_no}", "measure: {type: yes_no, award_if: no}")
    rules = load_rule_file(write(tmp_path, text)).rules
    assert rules.leaves[0].measure == YesNo(type="yes_no", award_if="no")


def test_decimal_points_are_exact(tmp_path: Path) -> None:
    rules = load_rule_file(COUNTY).rules
    publicity = rules.leaf_by_key["bonus.publicity.provincial"].measure
    assert isinstance(publicity, PerItem) and publicity.per == Decimal("0.3")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_rule_file(path).rules.id == "tiny-2013"


def test_schema_json_is_committed_and_current(run) -> None:
    result = run("schema")
    assert result.code == 0
    assert (RULES / "schema.json").read_text(encoding="utf-8") == result.out


@pytest.mark.parametrize("path", [COUNTY, DEPARTMENT], ids=["county", "department"])
def test_rule_files_point_editors_at_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=schema.json"
    )


@pytest.mark.parametrize("path", [COUNTY, DEPARTMENT], ids=["county", "department"])
def test_local_choices_are_marked_in_notes(path: Path) -> None:
    rules = load_rule_file(path).rules
    for cat in rules.categories:
        if len(cat.indicators) > 1:  # the guide fixes only the category total
            for ind in cat.indicators:
                assert "本地取值" in ind.note, ind.id
    for item in [*rules.bonus.items, *rules.deductions.items]:
        assert "本地取值" in item.note, item.id
    for grade in rules.grades:
        assert "本地取值" in grade.note


def test_local_choices_are_listed_with_path_attribute_and_reason(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "base_points: 10\n", "base_points: 10\nlocal: {units: 名单, bonus.cap: 上限}\n"
    )
    text = text.replace(
        "        measure: {type: yes_no}\n",
        "        measure: {type: yes_no}\n        local: {points: 分值, certified_by: 沿用}\n",
    )
    text = text.replace(
        "measure: {type: count, target: 2}}",
        "measure: {type: count, target: 2}, local: {measure: 比例}}",
    )
    rules = load_rule_file(write(tmp_path, text)).rules
    assert list(rules.local_choices()) == [
        ("", "units", "名单"),
        ("", "bonus.cap", "上限"),
        ("org.a", "points", "分值"),
        ("org.a", "certified_by", "沿用"),
        ("targets.b.y", "measure", "比例"),
    ]


# The yes/no fields whose criterion in the guide asks two things (…并…), read by hand.
TWO_CONDITIONS = {
    COUNTY: {"org.liaison", "progress.rectification", "disclosure.column"},
    DEPARTMENT: {"org.liaison", "progress.guidance.rectification"},
}


def _marked(path: Path) -> tuple[RuleSet, dict[str, set[str]]]:
    rules = load_rule_file(path).rules
    marks: dict[str, set[str]] = {}
    for choice in rules.local_choices():
        marks.setdefault(choice.path, set()).add(choice.attribute)
    return rules, marks


@pytest.mark.parametrize("path", [COUNTY, DEPARTMENT], ids=["county", "department"])
def test_every_value_the_guide_does_not_fix_carries_the_local_mark(path: Path) -> None:
    rules, marks = _marked(path)
    engine = {"field_rounding", "floor", "ranking"}  # SPEC §4, which the guide does not say
    assert {"units", "grades", "bonus.cap", "deductions.cap", "rounding", *engine} <= marks[""]
    for cat in rules.categories:
        for ind in cat.indicators:
            key = f"{cat.id}.{ind.id}"
            # The guide gives category totals only: an indicator's points are fixed by it only
            # when it is its category's single indicator (社会公众评价 10, 目标完成考核 75/68).
            assert ("points" in marks.get(key, set())) == (len(cat.indicators) > 1), key
            for part in ind.parts or []:
                assert "points" in marks[f"{key}.{part.id}"], part.id
    for leaf in rules.leaves:
        owner = leaf.key.rsplit(".", 1)[0] if leaf.part_name else leaf.key
        here = marks.get(leaf.key, set()) | marks.get(owner, set())
        # Partial credit (count below target, percentages, scores, points) and every bonus or
        # deduction amount are read into the guide, which only says 是否 / 为准 / nothing.
        # A 是 scored all or nothing where the criterion asks two things is read into it too.
        two = leaf.key in TWO_CONDITIONS[path]
        if not isinstance(leaf.measure, YesNo) or leaf.measure.award_if == "no" or two:
            assert "measure" in here, leaf.key
        else:
            assert "measure" not in here, leaf.key
    for section in ("bonus", "deductions"):
        for item in getattr(rules, section).items:
            if item.cap is not None:
                assert "cap" in marks[f"{section}.{item.id}"], item.id


# The 考核组织 cells the guide leaves blank, which the rule files fill from the cell above.
CARRIED_DOWN = {
    COUNTY: ["org.duties", "org.rules", "progress.meetings", "disclosure.quarterly",
             "disclosure.history"],
    DEPARTMENT: ["org.office", "org.rules", "progress.targets", "progress.meetings",
                 "disclosure.policies", "disclosure.quarterly", "disclosure.history"],
}  # fmt: skip


@pytest.mark.parametrize("path", [COUNTY, DEPARTMENT], ids=["county", "department"])
def test_certifiers_carried_down_or_split_are_marked(path: Path) -> None:
    rules, marks = _marked(path)
    carried = CARRIED_DOWN[path] + [f"deductions.{i.id}" for i in rules.deductions.items]
    carried.append("bonus.publicity")  # the guide's one body, split into three (a local choice)
    assert sorted(p for p, attrs in marks.items() if "certified_by" in attrs) == sorted(carried)


def test_validate_tree_shows_local_choices(run) -> None:
    result = run("validate", "--tree", COUNTY)
    assert result.code == 0
    lines = result.out.splitlines()
    inspections = next(line for line in lines if "progress.inspections" in line)
    assert inspections.endswith("本地取值：分值、计分方法、审核")
    evaluation = next(line for line in lines if "public.evaluation" in line)
    assert evaluation.endswith("本地取值：计分方法")
    assert any(line.endswith("本地取值") for line in lines)
    assert "加分上限：指南未定加分总上限，5分为本地取值" in result.out


def test_caps_read_alike_in_the_tree_the_form_and_the_rubric_page(run, tmp_path: Path) -> None:
    # county: other bonus capped at 5, 宣传报道 at 2, other deductions not capped
    tree = run("validate", "--tree", COUNTY).out
    assert "其他加分 上限5分" in tree and "宣传报道 上限2分" in tree
    assert "其他扣分 不设上限" in tree and "≤" not in tree
    form = tmp_path / "form.xlsx"
    assert run("template", "--kind", "county", "-o", form).code == 0
    cells = {c.value for row in load_workbook(form)["填报"].iter_rows() for c in row}
    assert "其他扣分\n（不设上限）" in cells  # the column's heading on 填报
    pages = tmp_path / "pages"
    example = REPO / "examples" / "county-2013.xlsx"
    assert run("publish", example, "-o", pages, "--public").code == 0
    rubric = (pages / "rules.html").read_text(encoding="utf-8")
    assert "其他扣分（不设上限）" in rubric and "（上限2分）" in rubric


SEED = REPO.parent / "shared" / "seeds" / "000_cac29dabc19cfd67.txt"


@pytest.mark.skipif(not SEED.exists(), reason="the guide's text lives in ../shared/seeds")
@pytest.mark.parametrize("path", [COUNTY, DEPARTMENT], ids=["county", "department"])
def test_criteria_are_quoted_from_the_guide(path: Path) -> None:
    guide = re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))
    rules = load_rule_file(path).rules
    for leaf in rules.leaves:
        if leaf.criterion:
            assert re.sub(r"\s+", "", leaf.criterion) in guide, leaf.key


def test_bundled_rules_match_spec_tables() -> None:
    county = load_rule_file(COUNTY).rules
    assert [(c.id, c.points) for c in county.categories] == [
        ("org", 4),
        ("progress", 5),
        ("disclosure", 6),
        ("public", 10),
        ("targets", 75),
    ]
    department = load_rule_file(DEPARTMENT).rules
    assert [(c.id, c.points) for c in department.categories] == [
        ("org", 4),
        ("progress", 10),
        ("disclosure", 8),
        ("public", 10),
        ("targets", 68),
    ]
    assert [(d.units, d.mean_of) for d in department.derived] == [
        (["市国资委"], ["水务集团", "燃气集团"]),
        (["市总工会", "团市委", "市妇联"], "all"),
    ]
    assert [u.name for u in department.reference_units] == ["水务集团", "燃气集团"]
    assert len(county.assessed_units) == 14


# --- rule test cases ------------------------------------------------------------------------------


def test_bundled_rule_tests_pass_and_are_counted(run) -> None:
    result = run("validate", RULES)
    assert result.code == 0, result.err
    assert "加分上限 5，14 个用例通过" in result.out
    assert "加分上限 5，7 个用例通过" in result.out


def test_failing_rule_test_names_case_and_line(run, tmp_path: Path) -> None:
    text = COUNTY.read_text(encoding="utf-8").replace(
        "expect: {targets.completion: 69.83, targets: 69.83",
        "expect: {targets.completion: 69.82, targets: 69.83",
    )
    path = write(tmp_path, text, "county.yaml")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "targets.completion: 69.82" in s)
    result = run("validate", path)
    assert result.code == 1
    assert result.err.startswith(f"{path}:{line}:")
    assert (
        "tests[5].expect.targets.completion：用例“四舍五入：75×93.1%=69.825 → 69.83" in result.err
    )
    assert "期望 69.82，实际 69.83" in result.err
    assert run("validate", "--no-tests", path).code == 0


def test_rule_test_with_unknown_figure_or_field(run, tmp_path: Path) -> None:
    text = MINIMAL + ("tests:\n  - name: typo\n    values: {org.aa: 是}\n    expect: {totl: 4}\n")
    path = write(tmp_path, text)
    result = run("validate", path)
    assert result.code == 1
    assert f"{path}:43:14：tests[0].values.org.aa：用例中的字段“org.aa”不存在" in result.err
    assert f"{path}:44:14：tests[0].expect.totl：“totl”不是可检验的得分" in result.err


def test_derived_rule_test_in_minimal_rules(run, tmp_path: Path) -> None:
    # 甲县's org.a is 参照's raw value 50 (its own 10 is replaced): 4 × 50/100 = 2
    text = MINIMAL.replace("measure: {type: yes_no}", "measure: {type: score, scale: 100}") + (
        "tests:\n"
        "  - name: 均值\n"
        "    units:\n"
        "      甲县: {org.a: 10}\n"
        "      参照: {org.a: 50}\n"
        "    expect:\n"
        "      甲县: {org.a: 2, total: 2}\n"
    )
    result = run("validate", write(tmp_path, text))
    assert result.code == 0, result.err
    assert "1 个用例通过" in result.out


def test_the_notes_averages_are_marked_local() -> None:
    """附件2's 备注 names who is averaged, not how: who counts and when the mean is rounded are
    the rules' choice, marked on each derived rule."""
    _, marks = _marked(DEPARTMENT)
    assert marks["derived.1"] == marks["derived.2"] == {"mean_of"}
    rules = load_rule_file(DEPARTMENT).rules
    reasons = [c.reason for c in rules.local_choices() if c.path.startswith("derived.")]
    assert len(reasons) == 2 and all("不先四舍五入" in r for r in reasons)
    assert "被推算的市总工会、团市委、市妇联不计入" in reasons[1]


def test_the_guides_words_stand_beside_a_split_certifier() -> None:
    rules = load_rule_file(COUNTY).rules
    (publicity,) = [c for c in rules.local_choices() if c.path == "bonus.publicity"
                    and c.attribute == "certified_by"]  # fmt: skip
    assert "“自查提交条目 / 市委宣传部和市民生办核定”" in publicity.reason
    department = load_rule_file(DEPARTMENT).rules
    assert department.certifiers["work_committee"] == "由市直机关工委组织实施"


def test_a_form_sent_under_the_old_certifier_name_still_reads(run, tmp_path: Path) -> None:
    """Forms went out as 市直机关工委组织实施 before the guide's 由 was restored: they are read by
    the certifier's key, and score as before (社会评估 90 of 100 → 90/100 × 10 = 9.00)."""
    import json

    from fill import fill_entry_workbook

    text = DEPARTMENT.read_text(encoding="utf-8")
    old = tmp_path / "old" / "department.yaml"
    old.parent.mkdir()
    old.write_text(text.replace("由市直机关工委组织实施", "市直机关工委组织实施"), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    made = run("template", "--rules", old, "--kind", "department", "--certifier",
               "work_committee", "-o", form)  # fmt: skip
    assert made.code == 0, made.err
    fill_entry_workbook(form, {"市教育局": {"public.evaluation": 90}})
    result = run("score", form, "--allow-missing", "--format", "json")
    assert result.code == 0, result.err
    (unit,) = [u for u in json.loads(result.out)["units"] if u["unit"] == "市教育局"]
    assert unit["fields"]["public.evaluation"]["score"] == 9
