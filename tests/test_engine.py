"""The engine on its own (SPEC §2.3, §4): rounding, one unit's trace, caps and the floor, ranks,
grades and gaps, points lost by field, derived values and blank inputs.

Every expected figure is worked out by hand from SPEC §3 and §4 (the arithmetic is in the
comments), never taken from mypm's output. The tests call the engine directly with parsed values,
so `mutmut run` gets an answer in about a second per mutant.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from conftest import COUNTY, DEPARTMENT
from mypm.core.engine import (
    Rounder,
    apply_derived,
    check_inputs,
    gaps,
    grade_of,
    leaf_score,
    points_lost_by_field,
    rank,
    score_all,
)
from mypm.core.errors import Problem, WorkbookError
from mypm.core.messages import Msg
from mypm.core.results import Derivation, FieldValue, Issue, Source, UnitInput
from mypm.core.rules import load_rule_file
from mypm.core.trace import Capped, Goal

COUNTY_RULES = load_rule_file(COUNTY).rules
DEPARTMENT_RULES = load_rule_file(DEPARTMENT).rules


# --- rounding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("places", "mode", "value", "expected"),
    [
        (2, "half_up", "0.005", "0.01"),
        (2, "half_up", "0.125", "0.13"),
        (2, "half_up", "69.825", "69.83"),
        (2, "half_up", "0.1249", "0.12"),
        (2, "half_even", "0.125", "0.12"),  # 2 is even: stays
        (2, "half_even", "0.135", "0.14"),  # 3 is odd: goes up to 4
        (2, "half_even", "69.825", "69.82"),
        (2, "half_even", "0.1251", "0.13"),  # past the half: up, whatever the digit
        (0, "half_up", "2.5", "3"),
        (0, "half_even", "2.5", "2"),
        (1, "half_up", "0.45", "0.5"),
        (3, "half_up", "0.0005", "0.001"),
    ],
)
def test_rounder(places: int, mode: str, value: str, expected: str) -> None:
    rounded = Rounder(places, mode)(D(value))
    assert (rounded, str(rounded)) == (D(expected), expected)


def test_rounder_shares_equal_results() -> None:
    """Equal rounded figures are one object, which keeps 100,000 units' figures small."""
    rounder = Rounder(2, "half_up")
    assert rounder(D("0.125")) is rounder(D("0.1251"))


def test_rounder_does_not_depend_on_the_callers_decimal_context() -> None:
    """Rounding keeps its own precision: 21 digits before the point and 10 after are 31, more
    than the 28 of Python's default context, and still round without InvalidOperation."""
    value = D("123456789012345678901.01234567891")
    assert Rounder(10, "half_up")(value) == D("123456789012345678901.0123456789")


# --- one unit: SPEC §4 on county.yaml (SPEC §3.1) ----------------------------------------------

YES, NO = True, False

# A unit worked through by hand. org: 1 + 0 + 1 + 1 = 3.
# progress: plan 1 + funding 0 + inspections 1 × 1/2 = 0.5 + rectification 1
#   + attendance 0.5 × 87.5/100 = 0.4375 → 0.44 + reports 0.5 × 3/4 = 0.375 → 0.38 = 3.32.
# disclosure: column 2 + quarterly 2 × 3/4 = 1.5 + history 0 = 3.5.
# public: 10 × 82.7/100 = 8.27.  targets: 75 × 93.1/100 = 69.825 → 69.83.
# base: 3 + 3.32 + 3.5 + 8.27 + 69.83 = 87.92.
# bonus: publicity 3 × 0.5 + 2 × 0.3 + 1 × 0.1 = 2.2, item cap 2 → 2; overachieve 5 × 0.5 = 2.5,
#   its own cap 2 → 2; commendation 1 × 2 = 2 (cap 3); meetings blank → 0;
#   2 + 2 + 2 + 0 = 6, section cap 5 → 5.
# deductions: superior 1 × 1 = 1 + linkage 3 × 0.5 = 1.5 = 2.5 (no cap).
# total: 87.92 + 5 − 2.5 = 90.42.
WORKED = {
    "org.leading_group": YES,
    "org.duties": NO,
    "org.rules": YES,
    "org.liaison": YES,
    "progress.plan": YES,
    "progress.funding": NO,
    "progress.inspections": D(1),
    "progress.rectification": YES,
    "progress.meetings.attendance": D("87.5"),
    "progress.meetings.reports": D(3),
    "disclosure.column": YES,
    "disclosure.quarterly": D(3),
    "disclosure.history": NO,
    "public.evaluation": D("82.7"),
    "targets.completion": D("93.1"),
    "bonus.publicity.national": D(3),
    "bonus.publicity.provincial": D(2),
    "bonus.publicity.city": D(1),
    "bonus.overachieve": D(5),
    "bonus.commendation.national": D(1),
    "deductions.superior": D(1),
    "deductions.linkage": D(3),
}
# Every base field at its best (SPEC §3.1): each category earns its points, base 100.
FULL = {
    "org.leading_group": YES,
    "org.duties": YES,
    "org.rules": YES,
    "org.liaison": YES,
    "progress.plan": YES,
    "progress.funding": YES,
    "progress.inspections": D(2),
    "progress.rectification": YES,
    "progress.meetings.attendance": D(100),
    "progress.meetings.reports": D(4),
    "disclosure.column": YES,
    "disclosure.quarterly": D(4),
    "disclosure.history": YES,
    "public.evaluation": D(100),
    "targets.completion": D(100),
}


def unit(name: str, values: dict[str, object], group: str = "县市区") -> UnitInput:
    return UnitInput(name, group, "assessed", {k: FieldValue(v, None) for k, v in values.items()})  # type: ignore[arg-type]


def test_one_unit_worked_by_hand() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", WORKED)]).results
    assert trace.categories == {
        "org": D(3),
        "progress": D("3.32"),
        "disclosure": D("3.5"),
        "public": D("8.27"),
        "targets": D("69.83"),
    }
    assert (trace.base, trace.bonus, trace.deductions, trace.total) == (
        D("87.92"),
        D(5),
        D("2.5"),
        D("90.42"),
    )
    assert not trace.floored
    assert str(trace.total) == "90.42"  # rounded to the rule set's 2 places


def test_each_leaf_keeps_its_terms_its_exact_and_its_rounded_points() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", WORKED)]).results
    completion = trace.leaf("targets.completion")
    assert completion.terms == Msg.of("explain.percent", value="93.1", points="75")
    assert (completion.points, completion.score) == (D("69.825"), D("69.83"))
    assert completion.loss == D("5.17")  # 75 − 69.83
    reports = trace.leaf("progress.meetings.reports")
    assert reports.terms == Msg.of("explain.count", value="3", target=4)
    assert (reports.points, reports.score) == (D("0.375"), D("0.38"))
    blank = trace.leaf("bonus.meetings.city")
    assert blank.terms == Msg.of("explain.blank")
    assert (blank.points, blank.score, str(blank.score)) == (D(0), D(0), "0.00")
    overachieve = trace.leaf("bonus.overachieve")
    assert (overachieve.points, overachieve.score) == (D(2), D(2))  # min(5 × 0.5, 2)
    assert trace.leaf_scores[0] == D(1)  # org.leading_group, the first leaf


def test_items_and_sections_keep_their_terms_and_caps() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", WORKED)]).results
    publicity, overachieve, commendation, meetings = trace.items[:4]
    assert publicity == Capped((D("1.50"), D("0.60"), D("0.10")), D(2), D(2))
    assert (publicity.raw, publicity.capped) == (D("2.2"), True)
    assert overachieve == Capped((D(2),), None, D(2))
    assert commendation == Capped((D(2), D(0)), D(3), D(2))
    assert meetings == Capped((D(0), D(0)), D(2), D(0))
    assert not commendation.capped
    assert trace.bonus_sum == Capped((D(2), D(2), D(2), D(0)), D(5), D(5))
    assert (trace.bonus_sum.raw, trace.bonus_sum.capped) == (D(6), True)
    assert trace.deductions_sum == Capped((D(1), D("1.5"), D(0), D(0), D(0)), None, D("2.5"))
    assert not trace.deductions_sum.capped


def test_the_trace_names_the_unit_and_its_group() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", FULL, group="园区")]).results
    assert (trace.unit, trace.group) == ("甲", "园区")


def test_units_with_the_same_input_share_one_figure() -> None:
    """Each leaf's arithmetic is made once per value, which keeps 100,000 units small."""
    first, second = score_all(COUNTY_RULES, [unit("甲", WORKED), unit("乙", WORKED)]).results
    assert all(a is b for a, b in zip(first.figures, second.figures, strict=True))


def test_units_with_the_same_items_share_one_capped_sum() -> None:
    """Each capped sum is made once per terms (most items are 0 for most units)."""
    first, second = score_all(COUNTY_RULES, [unit("甲", WORKED), unit("乙", WORKED)]).results
    assert all(a is b for a, b in zip(first.items, second.items, strict=True))
    assert first.bonus_sum is second.bonus_sum
    assert first.deductions_sum is second.deductions_sum
    # within a unit too: maintenance, false_data and self_adjust are each (0) without a cap
    maintenance, false_data, self_adjust = first.items[-3:]
    assert maintenance is false_data is self_adjust
    assert first.items[3] == Capped((D(0), D(0)), D(2), D(0))  # meetings: same score, own cap


def test_a_rule_set_without_bonus_or_deduction_items_scores_them_0() -> None:
    empty = COUNTY_RULES.bonus.model_copy(update={"items": []})
    rules = COUNTY_RULES.model_copy(update={"bonus": empty, "deductions": empty})
    values = {k: v for k, v in WORKED.items() if not k.startswith(("bonus.", "deductions."))}
    [trace] = score_all(rules, [unit("甲", values)]).results
    assert (trace.bonus, trace.deductions, trace.total) == (D(0), D(0), D("87.92"))
    assert str(trace.bonus) == "0.00"


def test_a_full_unit_earns_every_category_and_100() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", FULL)]).results
    assert trace.categories == {
        "org": D(4),
        "progress": D(5),
        "disclosure": D(6),
        "public": D(10),
        "targets": D(75),
    }
    assert (trace.base, trace.bonus, trace.deductions, trace.total) == (D(100), 0, 0, D(100))
    assert all(leaf.loss == 0 for leaf in trace.leaves)


def test_deductions_past_the_base_floor_the_total_at_0() -> None:
    # every base field 0; deductions false_data 3 × 2 = 6: max(0, 0 + 0 − 6) = 0
    nothing = {key: (NO if isinstance(v, bool) else D(0)) for key, v in FULL.items()}
    [trace] = score_all(
        COUNTY_RULES, [unit("甲", nothing | {"deductions.false_data": D(3)})]
    ).results
    assert (trace.base, trace.deductions, trace.total) == (D(0), D(6), D(0))
    assert trace.floored


def test_deductions_equal_to_the_base_leave_0_unfloored() -> None:
    # org.leading_group alone: base 1; deductions superior 1 × 1 = 1: 1 − 1 = 0, not below 0
    nothing = {key: (NO if isinstance(v, bool) else D(0)) for key, v in FULL.items()}
    values = nothing | {"org.leading_group": YES, "deductions.superior": D(1)}
    [trace] = score_all(COUNTY_RULES, [unit("甲", values)]).results
    assert (trace.base, trace.total, trace.floored) == (D(1), D(0), False)


def test_half_even_rules_round_each_leaf_half_even() -> None:
    rules = COUNTY_RULES.model_copy(
        update={"rounding": COUNTY_RULES.rounding.model_copy(update={"mode": "half_even"})}
    )
    [trace] = score_all(rules, [unit("甲", WORKED)]).results
    # targets 69.825 → 69.82 (2 is even); reports 0.375 → 0.38 (7 is odd);
    # attendance 0.4375 → 0.44 (past the half); progress 1 + 0 + 0.5 + 1 + 0.44 + 0.38 = 3.32
    assert trace.categories["targets"] == D("69.82")
    assert trace.categories["progress"] == D("3.32")
    assert trace.total == D("90.41")  # 87.91 + 5 − 2.5


def test_leaf_score_rounds_once_and_a_blank_scores_0() -> None:
    rounder = Rounder(2, "half_up")
    completion = COUNTY_RULES.leaf_by_key["targets.completion"]
    assert leaf_score(completion, D("93.1"), rounder) == D("69.83")
    assert leaf_score(completion, None, rounder) == D(0)


# --- across units: ranks, grades, gaps ---------------------------------------------------------


def with_total(name: str, group: str, total: str):  # type: ignore[no-untyped-def]
    [trace] = score_all(COUNTY_RULES, [unit(name, FULL)]).results
    return replace(trace, unit=name, group=group, total=D(total))


def test_ranks_share_ties_and_skip_and_count_within_groups() -> None:
    traces = [
        with_total("甲", "g1", "85"),
        with_total("乙", "g2", "92"),
        with_total("丙", "g2", "85"),
        with_total("丁", "g1", "60"),
        with_total("戊", "g1", "92"),
        with_total("己", "g2", "59.99"),
        with_total("庚", "g1", "85"),
        with_total("辛", "g3", "0"),
        with_total("壬", "g4", "70"),
        with_total("癸", "g4", "70"),
    ]
    ranked = rank(COUNTY_RULES, traces)
    # by total, ties in input order: 乙 戊 (92) 甲 丙 庚 (85) 壬 癸 (70) 丁 (60) 己 (59.99) 辛 (0)
    assert [(r.unit, r.rank, r.group_rank, r.grade) for r in ranked] == [
        ("乙", 1, 1, "优秀"),
        ("戊", 1, 1, "优秀"),
        ("甲", 3, 2, "良好"),  # g1: 戊 1, then 甲 and 庚 share 2
        ("丙", 3, 2, "良好"),  # g2: 乙 1, 丙 2
        ("庚", 3, 2, "良好"),
        ("壬", 6, 1, "合格"),  # g4: a tie at the top shares 1
        ("癸", 6, 1, "合格"),
        ("丁", 8, 4, "合格"),  # g1: 戊, 甲, 庚 above: 4; 60 is 合格's min
        ("己", 9, 3, "不合格"),
        ("辛", 10, 1, "不合格"),  # alone in g3, with 0: still first there
    ]
    gaps_of = {r.unit: r.gaps for r in ranked}
    assert gaps_of["乙"] == gaps_of["戊"] == ()  # top grade, top rank
    assert gaps_of["甲"] == (Goal("grade", "优秀", D(90), D(5)), Goal("rank", "乙", D(92), D(7)))
    assert gaps_of["丁"] == (Goal("grade", "良好", D(80), D(20)), Goal("rank", "壬", D(70), D(10)))
    assert gaps_of["癸"] == (Goal("grade", "良好", D(80), D(10)), Goal("rank", "甲", D(85), D(15)))
    assert gaps_of["己"] == (
        Goal("grade", "合格", D(60), D("0.01")),
        Goal("rank", "丁", D(60), D("0.01")),
    )


def test_grade_is_the_first_whose_min_is_reached() -> None:
    # county grades: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below
    assert [grade_of(COUNTY_RULES, D(t)) for t in ("100", "90", "89.99", "80", "60", "0")] == [
        "优秀",
        "优秀",
        "良好",
        "良好",
        "合格",
        "不合格",
    ]
    no_grades = COUNTY_RULES.model_copy(update={"grades": []})
    assert grade_of(no_grades, D(95)) == ""


def test_gaps_to_the_next_grade_and_the_nearest_higher_total() -> None:
    assert gaps(COUNTY_RULES, D("79.5"), None) == (Goal("grade", "良好", D(80), D("0.5")),)
    assert gaps(COUNTY_RULES, D(95), None) == ()
    above = with_total("乙", "g", "96")
    assert gaps(COUNTY_RULES, D(95), above) == (Goal("rank", "乙", D(96), D(1)),)


def test_points_lost_by_field() -> None:
    scoring = score_all(COUNTY_RULES, [unit("甲", WORKED), unit("乙", FULL)])
    losses = {row.key: row for row in scoring.losses}
    # only base fields: 15 of them, bonus and deductions lose nothing
    assert len(scoring.losses) == 15
    completion = losses["targets.completion"]
    # 甲 loses 75 − 69.83 = 5.17, 乙 nothing: 1 of 2 units, mean 5.17 / 2 = 2.585 → 2.59
    assert (completion.category, completion.label, completion.maximum) == (
        "目标完成考核",
        COUNTY_RULES.leaf_by_key["targets.completion"].label,
        D(75),
    )
    assert (completion.units_losing, completion.total_lost, completion.units) == (1, D("5.17"), 2)
    assert completion.mean_lost == D("2.59")
    assert scoring.losses[0] is completion  # the biggest loss first: 5.17
    # public 10 − 8.27 = 1.73; disclosure.history 2; org.duties 1; full fields lose nothing
    assert losses["public.evaluation"].total_lost == D("1.73")
    assert [r.key for r in scoring.losses[1:3]] == ["disclosure.history", "public.evaluation"]
    assert (losses["org.rules"].units_losing, losses["org.rules"].total_lost) == (0, D(0))


def test_points_lost_with_no_unit_is_0() -> None:
    rows = points_lost_by_field(COUNTY_RULES, [])
    assert len(rows) == 15
    assert {(row.units, row.total_lost, row.mean_lost) for row in rows} == {(0, D(0), D(0))}


# --- derived values (SPEC §2.3, department.yaml) -----------------------------------------------

SOURCE = Source("d.xlsx", "参照单位", "B7")
EVALUATION = DEPARTMENT_RULES.leaf_by_key["public.evaluation"].label


def department(values: dict[str, object]) -> list[UnitInput]:
    """The department units named in `values` with only public.evaluation set."""
    units = []
    for name, value in values.items():
        role = "reference" if name in ("水务集团", "燃气集团") else "assessed"
        field = value if isinstance(value, FieldValue) else FieldValue(value, None)  # type: ignore[arg-type]
        units.append(UnitInput(name, "组", role, {"public.evaluation": field}))
    return units


def evaluation(units: list[UnitInput], name: str) -> FieldValue:
    return next(u for u in units if u.name == name).values["public.evaluation"]


def test_a_derived_value_is_the_exact_mean_of_its_peers() -> None:
    units, issues, problems = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": None, "水务集团": D("89.5"), "燃气集团": D("90.2")}),
    )
    # (89.5 + 90.2) / 2 = 89.85
    derivation = Derivation((("水务集团", D("89.5")), ("燃气集团", D("90.2"))), 2, D("89.85"))
    assert evaluation(units, "市国资委") == FieldValue(D("89.85"), None, None, derivation)
    assert evaluation(units, "水务集团").value == D("89.5")  # peers keep their own
    assert (issues, problems) == ([], [])


def test_mean_of_all_takes_assessed_units_with_their_own_value() -> None:
    units, _, problems = apply_derived(
        DEPARTMENT_RULES,
        department(
            {
                "市教育局": D(80),
                "市民政局": D(91),
                "市人社局": None,  # blank: not in the mean
                "市总工会": D(10),  # derived itself: not in the mean
                "团市委": None,
                "水务集团": D(50),  # a reference unit: not in the mean
            }
        ),
    )
    # (80 + 91) / 2 = 85.5, for both derived units present
    derivation = Derivation((("市教育局", D(80)), ("市民政局", D(91))), 2, D("85.5"), True)
    assert evaluation(units, "市总工会") == FieldValue(D("85.5"), None, None, derivation)
    assert evaluation(units, "团市委") == FieldValue(D("85.5"), None, None, derivation)
    assert problems == []


def test_a_typed_value_for_a_derived_unit_is_replaced_with_a_note() -> None:
    typed = FieldValue(D(70), SOURCE, 70)
    units, issues, _ = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": typed, "水务集团": D(89), "燃气集团": D(91)}),
    )
    derivation = Derivation((("水务集团", D(89)), ("燃气集团", D(91))), 2, D(90))
    assert evaluation(units, "市国资委").value == D(90)  # (89 + 91) / 2
    message = Msg.of("engine.derived_replaced", typed="70", basis=derivation.basis())
    assert issues == [Issue("info", message, "市国资委", "public.evaluation", SOURCE)]


def gas_group_missing() -> tuple[Msg, Msg, str]:
    """What is said when 燃气集团, one of the two peers 市国资委's evaluation is the mean of, has no
    value: the message, the advice and who certifies it."""
    message = Msg.of(
        "engine.derived_peer_missing",
        unit="燃气集团",
        field=EVALUATION,
        targets=("市国资委",),
        peers=("水务集团", "燃气集团"),
        used=("水务集团",),
    )
    certifier = "由市直机关工委组织实施"
    return message, Msg.of("engine.missing_advice", certifier=certifier), certifier


def test_a_blank_peer_is_a_problem_at_its_cell() -> None:
    blank = FieldValue(None, SOURCE)
    units, issues, problems = apply_derived(
        DEPARTMENT_RULES, department({"市国资委": None, "水务集团": D(89), "燃气集团": blank})
    )
    message, advice, certifier = gas_group_missing()
    assert problems == [Problem("", message, advice, certifier, "d.xlsx", "参照单位", "B7")]
    assert issues == []
    assert evaluation(units, "市国资委").value is None  # nothing derived from half the peers


@pytest.mark.parametrize("peer", ["absent", "no column"])
def test_a_peer_without_a_cell_is_a_problem_named_by_the_peer(peer: str) -> None:
    units = department({"市国资委": None, "水务集团": D(89)})
    if peer == "no column":
        units.append(UnitInput("燃气集团", "组", "reference", {}))
    _, _, problems = apply_derived(DEPARTMENT_RULES, units)
    message, advice, certifier = gas_group_missing()
    assert problems == [Problem("燃气集团", message, advice, certifier)]


def test_a_blank_peer_stops_only_its_own_rule() -> None:
    units, _, problems = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": None, "水务集团": None, "市教育局": D(80), "市总工会": None}),
    )
    assert [p.where for p in problems] == ["水务集团", "燃气集团"]
    assert evaluation(units, "市总工会").value == D(80)  # the next rule: mean of all = 80 / 1


def test_allow_missing_with_no_peer_value_is_one_problem_naming_the_peers() -> None:
    units, issues, problems = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": None, "水务集团": None, "市教育局": D(80), "市总工会": None}),
        allow_missing=True,
    )
    assert [(i.level, i.unit) for i in issues] == [("warning", "水务集团"), ("warning", "燃气集团")]
    message = Msg.of(
        "engine.derived_empty",
        field=EVALUATION,
        units=("市国资委",),
        sources=("水务集团", "燃气集团"),
    )
    assert problems == [Problem("", message, certifier="由市直机关工委组织实施")]
    assert evaluation(units, "市总工会").value == D(80)  # the next rule is still derived


def test_a_derived_unit_needs_no_column_of_its_own() -> None:
    units = department({"水务集团": D(89), "燃气集团": D(90)})
    units.append(UnitInput("市国资委", "市级部门", "assessed", {}))
    units, issues, problems = apply_derived(DEPARTMENT_RULES, units)
    assert evaluation(units, "市国资委").value == D("89.5")  # (89 + 90) / 2
    assert (issues, problems) == ([], [])


def test_check_inputs_derives_with_the_same_options() -> None:
    blank = FieldValue(None, SOURCE)
    units = department({"市国资委": None, "水务集团": D(89), "燃气集团": blank})

    def derived(found: list[Issue] | list[Problem]) -> list[str]:
        """The keys of what is said about derived values (the other fields have no column)."""
        keys = [f.message.key for f in found]  # type: ignore[union-attr]
        return [key for key in keys if key.startswith("engine.derived")]

    _, issues, problems = check_inputs(DEPARTMENT_RULES, units)
    assert (derived(issues), derived(problems)) == ([], ["engine.derived_peer_missing"])
    _, issues, problems = check_inputs(DEPARTMENT_RULES, units, allow_missing=True)
    assert (derived(issues), derived(problems)) == (["engine.derived_partial"], [])
    unreadable = {("燃气集团", "public.evaluation")}
    _, _, problems = check_inputs(DEPARTMENT_RULES, units, unreadable=unreadable)
    assert derived(problems) == []  # the unreadable cell has its own problem already


def test_allow_missing_takes_the_mean_of_the_peers_that_have_a_value() -> None:
    blank = FieldValue(None, SOURCE)
    units, issues, problems = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": None, "水务集团": D("82.7"), "燃气集团": blank}),
        allow_missing=True,
    )
    assert problems == []
    assert evaluation(units, "市国资委").value == D("82.7")  # 82.7 / 1
    args = {
        "unit": "燃气集团",
        "field": EVALUATION,
        "targets": ("市国资委",),
        "peers": ("水务集团", "燃气集团"),
        "used": ("水务集团",),
    }
    message = Msg.of("engine.derived_partial", **args)
    assert issues == [Issue("warning", message, "燃气集团", "public.evaluation", SOURCE)]


def test_an_unreadable_peer_has_its_own_problem_already() -> None:
    blank = FieldValue(None, SOURCE)
    _, _, problems = apply_derived(
        DEPARTMENT_RULES,
        department({"市国资委": None, "水务集团": D(89), "燃气集团": blank}),
        unreadable={("燃气集团", "public.evaluation")},
    )
    assert problems == []


def test_no_peer_value_at_all_is_one_problem() -> None:
    _, _, problems = apply_derived(
        DEPARTMENT_RULES, department({"市总工会": None, "市教育局": None})
    )
    message = Msg.of(
        "engine.derived_empty",
        field=EVALUATION,
        units=("市总工会",),
        sources=Msg.of("engine.all_units"),
    )
    assert problems == [Problem("", message, certifier="由市直机关工委组织实施")]


def test_no_derived_unit_present_derives_nothing() -> None:
    units, issues, problems = apply_derived(
        DEPARTMENT_RULES, department({"市教育局": D(80), "水务集团": D(89)})
    )
    assert evaluation(units, "市教育局").value == D(80)
    assert (issues, problems) == ([], [])


# --- blank inputs (SPEC §2.2) ------------------------------------------------------------------


def test_a_blank_required_cell_is_a_problem_naming_the_certifier() -> None:
    values = {k: FieldValue(v, None) for k, v in FULL.items()}  # type: ignore[arg-type]
    values["org.duties"] = FieldValue(None, SOURCE)
    units = [UnitInput("甲", "县市区", "assessed", values)]
    _, issues, problems = check_inputs(COUNTY_RULES, units)
    message = Msg.of("engine.missing", unit="甲", field="部门责任明确")
    advice = Msg.of("engine.missing_advice", certifier="自查提交文件")
    assert problems == [SOURCE.problem(message, advice, "自查提交文件")]
    assert issues == []
    with pytest.raises(WorkbookError):
        score_all(COUNTY_RULES, units)


def test_allow_missing_scores_a_blank_0_with_a_warning() -> None:
    values = {k: FieldValue(v, None) for k, v in FULL.items()}  # type: ignore[arg-type]
    values["org.duties"] = FieldValue(None, SOURCE)
    units = [UnitInput("甲", "县市区", "assessed", values)]
    scoring = score_all(COUNTY_RULES, units, allow_missing=True)
    warning = Issue("warning", Msg.of("engine.missing_zero"), "甲", "org.duties", SOURCE)
    assert scoring.issues == [warning]
    assert scoring.results[0].total == D(99)  # 100 − org.duties' 1


def test_a_field_no_file_has_is_one_problem_naming_its_units() -> None:
    full = {k: FieldValue(v, None) for k, v in FULL.items() if k != "org.duties"}  # type: ignore[arg-type]
    units = [
        UnitInput("甲", "县市区", "assessed", full),
        UnitInput("乙", "县市区", "assessed", full),
        UnitInput("参", "县市区", "reference", {}),  # not assessed: needs nothing
    ]
    _, _, problems = check_inputs(COUNTY_RULES, units)
    message = Msg.of(
        "engine.missing_column", field="部门责任明确", key="org.duties", count=2, units=("甲", "乙")
    )
    advice = Msg.of("engine.missing_column_advice", certifier="自查提交文件")
    assert problems == [Problem("", message, advice, "自查提交文件")]
    _, _, problems = check_inputs(COUNTY_RULES, units, misnamed={"org.duties"})
    assert problems == []  # the unknown key's own problem names it
    fewer = [
        replace(u, values={k: v for k, v in u.values.items() if k != "org.rules"}) for u in units
    ]
    _, _, problems = check_inputs(COUNTY_RULES, fewer, misnamed={"org.duties"})
    assert [p.message.param("key") for p in problems] == ["org.rules"]  # type: ignore[union-attr]
    _, _, problems = check_inputs(
        COUNTY_RULES, units, unreadable={("甲", "org.duties"), ("乙", "org.duties")}
    )
    assert problems == []


def test_blank_bonus_and_deduction_cells_mean_0() -> None:
    [trace] = score_all(COUNTY_RULES, [unit("甲", FULL)]).results
    assert (trace.bonus, trace.deductions) == (D(0), D(0))


def test_reference_units_are_not_scored() -> None:
    units = [unit("甲", FULL), UnitInput("参", "组", "reference", {})]
    assert [r.unit for r in score_all(COUNTY_RULES, units).results] == ["甲"]
