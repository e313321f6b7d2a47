"""Regenerate the example workbooks from the bundled rules: `python examples/make_examples.py`.

Each workbook is made by `mypm template`, then filled with made-up but plausible values (the
same every run), so the examples never drift from the rules. The county data is also split
into one file per certifier, which `mypm score examples/county-2013-split/*.xlsx` merges back.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from mypm.cli import main as mypm
from mypm.rules import Leaf, bundled_rules_dir, load_rule_file
from mypm.rules.model import Count, Percent, PerItem, Points, Score, YesNo
from mypm.workbook.fill import fill_entry_workbook

HERE = Path(__file__).resolve().parent


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


def make(kind: str, rng: random.Random) -> dict[str, dict[str, object]]:
    rules = load_rule_file(bundled_rules_dir() / f"{kind}.yaml").rules
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
        data = make(kind, rng)
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


if __name__ == "__main__":
    main()
