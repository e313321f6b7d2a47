"""Values decided on the record after the forms are merged (issue 25): a review's correction
replaces the unit's claim as a certified value does (核减/核增, both values), an appeal's decision
becomes the field's final value with the value before it kept ("复核调整：原值 → 新值"). Checked
in the core on rows built here; every score is worked by hand from the county rules."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import REPO
from mypm.core.engine import check_inputs, score_checked
from mypm.core.errors import Problem
from mypm.core.merge import Merger
from mypm.core.messages import Msg
from mypm.core.results import Decided, FieldValue, Source
from mypm.core.rules import load_rule_file
from mypm.core.rules.model import Unit
from mypm.core.trace import UnitTrace
from mypm.render.labels import adjustment_dict, leaf_text
from test_merge import RULES, row
from test_status import FIELDS

WHOLE = {key: value for fields in FIELDS.values() for key, value in fields.items()}
PERCENT = frozenset({"progress.meetings.attendance", "targets.completion"})  # 100% as 1.0
UNITS = [
    Unit(name="涪城区", group="县市区", former=("涪城县",)),
    Unit(name="游仙区", group="县市区"),
]


def decided(
    unit: str, key: str, value: object, kind: str = "appeal", ref: str = "申诉 1"
) -> Decided:
    return Decided(
        unit, key, value, kind, "补交了督查通报", "王科长", "2026-12-06T10:00+08:00", ref
    )  # type: ignore[arg-type]


def scored(*decisions: Decided, **values: dict[str, object]) -> tuple[dict[str, UnitTrace], Merger]:
    """Both units scored from one whole form (涪城区's values changed by `values`), with the
    decisions applied."""
    merger = Merger(RULES, units=UNITS)
    rows = [
        row(name, {**WHOLE, **values.get(name, {})}, file="全.xlsx", number=6 + n, percent=PERCENT)
        for n, name in enumerate(["涪城区", "游仙区"])
    ]
    merger.add_file(rows, file="全.xlsx")
    merger.decide(decisions)
    units, issues = merger.result()
    if merger.problems:
        return {}, merger
    checked, more, problems = check_inputs(RULES, units)
    assert problems == []
    result = score_checked(RULES, checked, [*issues, *more])
    return {unit.unit: unit for unit in result.results}, merger


def test_without_decisions_the_whole_form_scores_99() -> None:
    # every field full but 社会公众评价 90 of 100, which gives 9 of its 10 points: 99
    units, _ = scored()
    assert units["涪城区"].total == D("99.00")


def test_an_appeal_becomes_the_final_value_and_keeps_the_value_before() -> None:
    # 定期督促检查项目: 1 of 2 inspections gives 0.50 of 1 (total 98.50); the appeal's 2 gives
    # 1.00, so the total is 99.00 and 游仙区 (99.00 all along) is untouched
    units, merger = scored(
        decided("涪城区", "progress.inspections", "2"),
        涪城区={"progress.inspections": 1},
    )
    fucheng = units["涪城区"]
    assert (fucheng.total, units["游仙区"].total) == (D("99.00"), D("99.00"))
    leaf = fucheng.leaf("progress.inspections")
    assert (leaf.value, leaf.score, leaf.source, leaf.certification) == (
        D(2),
        D("1.00"),
        None,
        None,
    )
    adjustment = leaf.adjustment
    assert adjustment is not None
    assert adjustment.before.value == D(1) and adjustment.before_figure.score == D("0.50")
    assert adjustment.before.source == Source(
        "全.xlsx", "填报", f"{chr(67 + list(WHOLE).index('progress.inspections'))}6"
    )
    assert adjustment.change == D("0.50")
    assert leaf_text(leaf) == (
        "2/2 次 → 1.00（复核调整：原值 1 → 0.50，新值 2 → 1.00，依据 申诉 1：补交了督查通报）"
    )
    assert adjustment_dict(adjustment) == {
        "kind": "appeal",
        "ref": "申诉 1",
        "reason": "补交了督查通报",
        "by": "王科长",
        "at": "2026-12-06T10:00+08:00",
        "before": "1",
        "before_score": 0.5,
        "before_source": str(adjustment.before.source),
        "value": "2",
        "score": 1,
        "difference": 0.5,
    }
    notes = [i.message for i in merger.issues if i.field == "progress.inspections"]
    assert notes == [
        Msg.of(
            "decided.appeal",
            unit="涪城区",
            field="定期督促检查项目",
            value="2",
            before="1",
            ref="申诉 1",
        )
    ]


def test_a_review_correction_replaces_the_claim_like_a_certification() -> None:
    # 领导体系健全 claimed 是 (1.00), corrected to 否 (0.00): 核减 1.00, total 99 − 1 = 98.00
    units, _ = scored(decided("涪城区", "org.leading_group", "否", "review", "复核 #7"))
    leaf = units["涪城区"].leaf("org.leading_group")
    assert units["涪城区"].total == D("98.00")
    certification = leaf.certification
    assert certification is not None and certification.reduced
    assert certification.claim.value is True and certification.claimed.score == D("1.00")
    assert certification.change == D("-1.00")
    assert leaf.field == FieldValue(False, None, "否", claim=certification.claim)
    text = leaf_text(leaf)
    assert text.startswith(
        "否 → 0.00（按核定值计分；自查 是 → 1.00，全.xlsx › 填报 › C6；核减 1.00）"
    )
    assert text.endswith("（复核依据 复核 #7：补交了督查通报）")
    assert leaf.adjustment is not None
    data = adjustment_dict(leaf.adjustment)
    assert (data["kind"], data["before"], data["value"], data["difference"]) == (
        "review",
        "是",
        "否",
        -1,
    )


def test_an_appeal_after_a_review_starts_from_the_reviewed_value() -> None:
    # reviewed 否 (0), then the appeal restores 是 (1): the total is 99.00 again; the appeal's
    # value before is the reviewed one, whichever order the decisions are given in
    units, _ = scored(
        decided("涪城区", "org.leading_group", "是", "appeal", "申诉 2"),
        decided("涪城区", "org.leading_group", "否", "review", "复核 #7"),
    )
    leaf = units["涪城区"].leaf("org.leading_group")
    assert units["涪城区"].total == D("99.00")
    assert leaf.adjustment is not None and leaf.adjustment.before.value is False
    assert leaf.adjustment.before.claim is not None and leaf.adjustment.before.claim.value is True
    assert leaf.certification is None


def test_a_former_name_and_another_spelling_find_the_unit() -> None:
    units, _ = scored(decided(" 涪城县", "org.leading_group", "否"))
    assert units["涪城区"].total == D("98.00")


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (
            decided("涪城区", "progress.inspections", "很多"),
            Msg.of(
                "decided.value",
                ref="申诉 1",
                unit="涪城区",
                field="定期督促检查项目",
                problem=Msg.of("value.number", text="很多"),
            ),
        ),
        (
            decided("涪城区", "org.leading_group", ""),
            Msg.of("decided.blank", ref="申诉 1", unit="涪城区", field="领导体系健全"),
        ),
        (
            decided("安州区", "org.leading_group", "是"),
            Msg.of("decided.unknown_unit", ref="申诉 1", unit="安州区", field="org.leading_group"),
        ),
        (
            decided("涪城区", "org.nothing", "是"),
            Msg.of("decided.unknown_field", ref="申诉 1", unit="涪城区", field="org.nothing"),
        ),
    ],
)
def test_a_decision_that_cannot_apply_is_a_problem_naming_it(decision, message) -> None:
    units, merger = scored(decision)
    assert units == {}
    assert [(p.where, p.message) for p in merger.problems] == [("", message)]
    assert all(isinstance(p, Problem) for p in merger.problems)


def test_a_value_derived_from_peers_takes_no_decision() -> None:
    # 市国资委's 社会公众评价 is the mean of 水务集团 and 燃气集团 (the rules' 备注): a decided
    # value would be replaced by the mean without a word, so it is a problem instead
    rules = load_rule_file(REPO / "rules" / "department.yaml").rules
    merger = Merger(rules)
    merger.add_file([row("市国资委", {"org.leadership": "是"})])
    merger.decide([decided("市国资委", "public.evaluation", "95")])
    label = rules.leaf_by_key["public.evaluation"].label
    assert [p.message for p in merger.problems] == [
        Msg.of("decided.derived", ref="申诉 1", unit="市国资委", field=label)
    ]
