"""Running the worked examples a rule file carries (`tests:`) through the real engine, and
reading each expected figure from the trace. Failures are messages said by `validate`."""

from __future__ import annotations

from mypm.core.engine import score_all
from mypm.core.errors import MypmError
from mypm.core.messages import Msg, number
from mypm.core.results import FieldValue, UnitInput
from mypm.core.rules.model import Loc, RuleTest
from mypm.core.rules.ruleset import RuleSet
from mypm.core.values import ValueProblem


def run_rule_tests(rules: RuleSet) -> list[tuple[Loc, Msg]]:
    """Every failing expectation of every test, located at its `expect` entry."""
    problems: list[tuple[Loc, Msg]] = []
    for index, test in enumerate(rules.tests):
        problems += _run_one(rules, index, test)
    return problems


def _run_one(rules: RuleSet, index: int, test: RuleTest) -> list[tuple[Loc, Msg]]:
    roles = {u.name: u.role for u in rules.units}
    groups = {u.name: u.group for u in rules.units}
    inputs: list[UnitInput] = []
    problems: list[tuple[Loc, Msg]] = []
    for unit, (where, values) in test.given().items():
        parsed: dict[str, FieldValue] = {}
        for key, raw in values.items():
            leaf = rules.leaf_by_key[key]
            try:
                value = leaf.parse(raw)
            except ValueProblem as exc:
                error = Msg.of("ruletest.bad_value", name=test.name, error=exc.message)
                problems.append((("tests", index, *where, key), error))
                continue
            parsed[key] = FieldValue(value, None, raw)
        inputs.append(UnitInput(unit, groups.get(unit, ""), roles.get(unit, "assessed"), parsed))
    if problems:
        return problems
    try:
        scoring = score_all(rules, inputs, allow_missing=True)
    except MypmError as exc:
        errors = tuple(p.message for p in exc.problems)
        return [(("tests", index), Msg.of("ruletest.error", name=test.name, error=errors))]
    by_unit = {r.unit: r for r in scoring.results}
    for unit, (where, figures) in test.expected().items():
        loc: Loc = ("tests", index, *where)
        if unit not in by_unit:
            problems.append((loc, Msg.of("ruletest.no_unit", name=test.name, unit=unit)))
            continue
        for key, want in figures.items():
            got = by_unit[unit].figure_of(key)
            if got != want:
                shown = "—" if got is None else number(got)
                failed = Msg.of(
                    "ruletest.failed", name=test.name, expected=number(want), actual=shown
                )
                problems.append(((*loc, key), failed))
    return problems
