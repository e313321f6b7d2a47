"""Running the worked examples a rule file carries (`tests:`), through the real engine."""

from __future__ import annotations

from decimal import Decimal

from mypm.engine import Engine, score_all
from mypm.errors import MypmError
from mypm.i18n import t
from mypm.labels import number
from mypm.results import FieldValue, ScoreLine, UnitInput, UnitResult
from mypm.rules.model import Loc, RuleSet, RuleTest
from mypm.values import ValueProblem, parse_value


def figure(lines: list[ScoreLine], result: UnitResult, key: str) -> Decimal | None:
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
    return next((line.score for line in lines if line.key == key), None)


def run_rule_tests(rules: RuleSet) -> list[tuple[Loc, str]]:
    """Every failing expectation of every test, located at its `expect` entry."""
    problems: list[tuple[Loc, str]] = []
    for index, test in enumerate(rules.tests):
        problems += _run_one(rules, index, test)
    return problems


def _run_one(rules: RuleSet, index: int, test: RuleTest) -> list[tuple[Loc, str]]:
    roles = {u.name: u.role for u in rules.units}
    groups = {u.name: u.group for u in rules.units}
    inputs, problems = [], []
    for unit, (where, values) in test.given().items():
        parsed: dict[str, FieldValue] = {}
        for key, raw in values.items():
            leaf = rules.leaf_by_key[key]
            try:
                value = parse_value(raw, leaf)
            except ValueProblem as exc:
                error = t("ruletest.bad_value", name=test.name, error=exc)
                problems.append((("tests", index, *where, key), error))
                continue
            parsed[key] = FieldValue(value, None)
        inputs.append(UnitInput(unit, groups.get(unit, ""), roles.get(unit, "assessed"), parsed))
    if problems:
        return problems
    try:
        scoring = score_all(rules, inputs, allow_missing=True)
    except MypmError as exc:
        return [(("tests", index), t("ruletest.error", name=test.name, error=exc))]
    engine = Engine(rules)
    by_unit = {r.unit: r for r in scoring.results}
    for unit, (where, figures) in test.expected().items():
        loc: Loc = ("tests", index, *where)
        if unit not in by_unit:
            problems.append((loc, t("ruletest.no_unit", name=test.name, unit=unit)))
            continue
        lines = engine.lines(scoring.inputs[unit], by_unit[unit])
        for key, want in figures.items():
            got = figure(lines, by_unit[unit], key)
            if got != want:
                shown = "—" if got is None else number(got)
                failed = t("ruletest.failed", name=test.name, expected=number(want), actual=shown)
                problems.append(((*loc, key), failed))
    return problems
