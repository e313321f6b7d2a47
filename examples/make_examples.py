"""Regenerate the example workbooks from the bundled rules: `python examples/make_examples.py`.

Each workbook is made by `mypm template`, then filled with made-up but plausible values (the
same every run), so the examples never drift from the rules. The county data is also split
into one file per certifier, which `mypm score examples/county-2013-split/*.xlsx` merges back.

For `mypm compare` (see docs/guide/compare.md) the county example also has:
- county-2013-self-check.xlsx: the units' self-check (自查) forms, claiming more than was
  certified here and there;
- county-2013-corrected.xlsx: the certified data after one correction;
- county-2014.yaml and county-2014.xlsx: a second year, with rules changed from rules/county.yaml
  by the edits in NEXT_YEAR.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from mypm.cli import main as mypm
from mypm.core.measures import Count, Percent, PerItem, Points, Score, YesNo
from mypm.core.rules import Leaf, RuleSet, bundled_rules_dir, load_rule_file

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # fill.py: typing values in as a person would

from fill import fill_entry_workbook  # noqa: E402


def sample_value(leaf: Leaf, rng: random.Random) -> object:
    """A plausible value for one field, as a person would type it into Excel."""
    m = leaf.measure
    if isinstance(m, YesNo):
        yes = rng.random() < (0.15 if m.award_if == "no" else 0.9)
        return "是" if yes else "否"
    if isinstance(m, Count):
        return rng.choice([m.target, m.target, m.target, m.target - 1, m.target + 1])
    if isinstance(m, Percent):
        return round(rng.uniform(0.72, 1.0), 3)  # a fraction in a percent-formatted cell
    if isinstance(m, Score):
        return round(rng.uniform(70, 96), 1)
    if isinstance(m, Points):
        return float(rng.choice([Decimal(1), Decimal("1.5"), Decimal(2)]))
    assert isinstance(m, PerItem)
    if leaf.section == "deductions":
        return rng.choice([None, None, None, None, 1])
    return rng.choice([None, None, None, 0, 1, 1, 2, 4])


def make(rules: RuleSet, rng: random.Random) -> dict[str, dict[str, object]]:
    derived = {(name, d.field) for d in rules.derived for name in d.units}
    data = {}
    for unit in rules.units:
        values = {}
        for leaf in rules.leaves:
            if unit.role == "reference" and leaf.key not in {d.field for d in rules.derived}:
                continue
            if (unit.name, leaf.key) not in derived:
                values[leaf.key] = sample_value(leaf, rng)
        data[unit.name] = values
    return data


def run(*args: str) -> None:
    if mypm(list(args)) != 0:
        sys.exit(f"mypm {' '.join(args)} failed")


def main() -> None:
    rng = random.Random(2013)
    for kind in ("county", "department"):
        data = make(load_rule_file(bundled_rules_dir() / f"{kind}.yaml").rules, rng)
        target = HERE / f"{kind}-2013.xlsx"
        run("template", "--kind", kind, "-o", str(target), "--force", "--lang", "zh")
        fill_entry_workbook(target, data, sample=True)
        if kind == "county":
            split = HERE / "county-2013-split"
            split.mkdir(exist_ok=True)
            for old in split.glob("*.xlsx"):
                old.unlink()
            rules = load_rule_file(bundled_rules_dir() / "county.yaml").rules
            used = {c for leaf in rules.leaves for c in leaf.certified_by}
            for certifier in (c for c in rules.certifiers if c in used):
                part = split / f"county-2013-{certifier}.xlsx"
                run(
                    "template",
                    "--kind",
                    kind,
                    "--certifier",
                    certifier,
                    "-o",
                    str(part),
                    "--lang",
                    "zh",
                )
                fill_entry_workbook(part, data, sample=True)
            make_compare_examples(data)


# The second year's rules: rules/county.yaml with these edits (each must match exactly once).
NEXT_YEAR = [
    ("id: mianyang-livelihood-county-2013", "id: mianyang-livelihood-county-2014"),
    ("year: 2013", "year: 2014"),
    ("self_check_deadline: 2014-01-15", "self_check_deadline: 2015-01-15"),
    ("{name: 安县, group: 县市区}", "{name: 安州区, group: 县市区}"),
    ("      - id: rules\n", "      - id: systems\n"),
    (
        "criterion: 是否组织对当年实施的民生工程项目进行不低于二次的全面督查\n"
        "        measure: {type: count, target: 2}",
        "criterion: 是否组织对当年实施的民生工程项目进行不低于三次的全面督查\n"
        "        measure: {type: count, target: 3}",
    ),
    ("{name: 良好, min: 80,", "{name: 良好, min: 85,"),
]
# Who claims more in the self-check than was certified: unit → fields
OVERCLAIMS = {
    "涪城区": ["targets.completion", "org.liaison"],
    "江油市": ["public.evaluation"],
    "高新区": ["org.duties", "progress.meetings.attendance"],
}
# The correction made after the first scoring: unit → field → corrected value
CORRECTION = {"盐亭县": {"targets.completion": 0.998}}


def make_compare_examples(data: dict[str, dict[str, object]]) -> None:
    """The self-check forms, the corrected data, and a second year, for `mypm compare`."""
    rules = load_rule_file(bundled_rules_dir() / "county.yaml").rules
    claims = {unit: dict(values) for unit, values in data.items()}
    for unit, keys in OVERCLAIMS.items():
        for key in keys:
            claims[unit][key] = best_value(rules.leaf_by_key[key], claims[unit][key])
    target = HERE / "county-2013-self-check.xlsx"
    run(
        "template", "--kind", "county", "--self-check", "-o", str(target), "--force", "--lang", "zh"
    )
    fill_entry_workbook(target, claims, sample=True)

    corrected = {unit: {**values, **CORRECTION.get(unit, {})} for unit, values in data.items()}
    target = HERE / "county-2013-corrected.xlsx"
    run("template", "--kind", "county", "-o", str(target), "--force", "--lang", "zh")
    fill_entry_workbook(target, corrected, sample=True)

    next_rules = HERE / "county-2014.yaml"
    next_rules.write_text(next_year_rules(), encoding="utf-8")
    next_data = make(load_rule_file(next_rules).rules, random.Random(2014))
    target = HERE / "county-2014.xlsx"
    run(
        "template",
        "--kind",
        "county",
        "--rules",
        str(next_rules),
        "-o",
        str(target),
        "--force",
        "--lang",
        "zh",
    )
    fill_entry_workbook(target, next_data, sample=True)


def next_year_rules() -> str:
    """The text of county-2014.yaml: rules/county.yaml with the NEXT_YEAR edits."""
    text = (bundled_rules_dir() / "county.yaml").read_text(encoding="utf-8")
    text = text.split("\ntests:\n")[0]  # its worked examples pin the 2013 figures
    for old, new in NEXT_YEAR:
        if text.count(old) != 1:
            sys.exit(f"NEXT_YEAR edit no longer matches rules/county.yaml: {old!r}")
        text = text.replace(old, new)
    header = (
        "# 示例：第二年的规则，由 examples/make_examples.py 从 rules/county.yaml 改出（非正式）\n"
    )
    return header + text


def best_value(leaf: Leaf, value: object) -> object:
    """What a unit claiming full marks types in its self-check."""
    m = leaf.measure
    if isinstance(m, YesNo):
        return "是" if m.award_if == "yes" else "否"
    if isinstance(m, Count):
        return m.target
    if isinstance(m, Percent):
        return 1.0
    if isinstance(m, Score):
        return float(m.scale) * 0.95
    return value


if __name__ == "__main__":
    main()
