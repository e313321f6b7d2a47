"""Running the worked examples a rule file carries (`tests:`), through the real engine."""

from __future__ import annotations

from decimal import Decimal

from mypm.engine import score_all
from mypm.errors import MypmError
from mypm.i18n import t
from mypm.labels import number
from mypm.results import FieldValue, UnitInput, UnitResult
from mypm.rules.model import Loc, RuleSet, RuleTest
from mypm.values import ValueProblem, display, parse_value

TEST_UNIT = "用例"


def figure(result: UnitResult, key: str) -> Decimal | None:
    """A figure of a scored unit by name: a field or item key, a category id, or a total."""
    if key in result.categories:
        return result.categories[key]
    totals = {
        "base": result.base,
        "bonus": result.bonus,
        "deductions": result.deductions,
        "total": result.total,
    }
    if key in totals:
        return totals[key]
    return next((line.score for line in result.lines if line.key == key), None)


def run_rule_tests(rules: RuleSet) -> list[tuple[Loc, str]]:
    """Every failing expectation of every test, located at its `expect` entry."""
    problems: list[tuple[Loc, str]] = []
    for index, test in enumerate(rules.tests):
        problems += _run_one(rules, index, test)
    return problems


def _run_one(rules: RuleSet, index: int, test: RuleTest) -> list[tuple[Loc, str]]:
    loc: Loc = ("tests", index)
    given = {TEST_UNIT: test.values} if test.values is not None else test.units or {}
    roles = {u.name: u.role for u in rules.units}
    groups = {u.name: u.group for u in rules.units}
    inputs, problems = [], []
    for unit, values in given.items():
        parsed: dict[str, FieldValue] = {}
        for key, raw in values.items():
            leaf = rules.leaf_by_key[key]
            where: Loc = (
                (*loc, "values", key) if test.values is not None else (*loc, "units", unit, key)
            )
            try:
                value = parse_value(raw, leaf)
            except ValueProblem as exc:
                problems.append((where, t("ruletest.bad_value", name=test.name, error=exc)))
                continue
            parsed[key] = FieldValue(value, None, display(value, leaf))
        inputs.append(UnitInput(unit, groups.get(unit, ""), roles.get(unit, "assessed"), parsed))
    if problems:
        return problems
    try:
        results, _ = score_all(rules, inputs, allow_missing=True)
    except MypmError as exc:
        return [(loc, t("ruletest.error", name=test.name, error=exc))]
    by_unit = {r.unit: r for r in results}
    expected = {TEST_UNIT: test.expect} if test.values is not None else test.expect
    for unit, figures in expected.items():
        assert isinstance(figures, dict)
        where = (*loc, "expect") if test.values is not None else (*loc, "expect", unit)
        if unit not in by_unit:
            problems.append((where, t("ruletest.no_unit", name=test.name, unit=unit)))
            continue
        for key, want in figures.items():
            got = figure(by_unit[unit], key)
            if got != want:
                shown = "—" if got is None else number(got)
                problems.append(
                    (
                        (*where, key),
                        t("ruletest.failed", name=test.name, expected=number(want), actual=shown),
                    )
                )
    return problems
