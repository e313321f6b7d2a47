"""The merge of rows from several files (SPEC §5.2), checked directly on rows built here: which
value each unit keeps, and every problem it names, with its cell, advice and certifier."""

from __future__ import annotations

from decimal import Decimal as D

from conftest import REPO
from mypm.core.errors import Problem
from mypm.core.merge import Merger
from mypm.core.messages import Msg
from mypm.core.results import EntryRow, FieldValue, Issue, RawCell, Source
from mypm.core.rules import load_rule_file
from mypm.core.rules.model import Unit

RULES = load_rule_file(REPO / "rules" / "county.yaml").rules
UNITS = [u.name for u in RULES.assessed_units]  # 涪城区, 游仙区, 江油市 … in the rule set's order


def row(
    unit: str,
    values: dict[str, object],
    *,
    file: str = "a.xlsx",
    number: int = 6,
    group: str = "",
    percent: frozenset[str] = frozenset(),
    blanks: dict[str, str] | None = None,
) -> EntryRow:
    """A unit's row: its name in A, each value in the column given by its order (C, D …)."""
    cells = {
        key: RawCell(value, key in percent, Source(file, "填报", f"{chr(67 + n)}{number}"))
        for n, (key, value) in enumerate(values.items())
    }
    return EntryRow(unit, group, Source(file, "填报", f"A{number}"), number, cells, blanks or {})


def merged(*files: list[EntryRow], certifiers: dict[str, str] | None = None) -> Merger:
    merger = Merger(RULES)
    for n, rows in enumerate(files):
        file = rows[0].unit_source.file if rows else f"f{n}.xlsx"
        merger.add_file(rows, file=file, certifier=(certifiers or {}).get(file, ""))
    return merger


def test_values_of_several_files_make_one_unit() -> None:
    merger = merged(
        [row("涪城区", {"org.leading_group": "是"}, file="a.xlsx")],
        [row("涪城区 ", {"progress.inspections": 2}, file="b.xlsx", number=9)],
    )
    assert merger.problems == [] and merger.rows == 2
    units, issues = merger.result()
    first = units[0]
    assert (first.name, first.group, first.role) == ("涪城区", "县市区", "assessed")
    assert first.values == {
        "org.leading_group": FieldValue(True, Source("a.xlsx", "填报", "C6"), "是"),
        "progress.inspections": FieldValue(D(2), Source("b.xlsx", "填报", "C9"), 2),
    }
    # every other assessed unit had no row: each is a warning, and none is scored
    assert [u.name for u in units if u.role == "assessed"] == ["涪城区"]
    assert issues == [
        Issue("warning", Msg.of("merge.no_row", unit=name), unit=name) for name in UNITS[1:]
    ]


def test_a_reference_unit_is_kept_without_a_row() -> None:
    rules = load_rule_file(REPO / "rules" / "department.yaml").rules
    merger = Merger(rules)
    merger.add_file([row("市教育局", {"org.leadership": "是"})])
    units, _ = merger.result()
    assert [u.name for u in units] == ["市教育局", "水务集团", "燃气集团"]
    assert {u.role for u in units[1:]} == {"reference"}


def test_a_name_alone_is_no_data() -> None:
    merger = merged([row("涪城区", {}), row("游仙区", {"org.leading_group": "否"}, number=7)])
    units, issues = merger.result()
    assert [u.name for u in units if u.role == "assessed"] == ["游仙区"]
    assert Issue("warning", Msg.of("merge.no_row", unit="涪城区"), unit="涪城区") in issues
    assert merger.rows == 2


def test_the_group_typed_in_a_row_is_kept_when_the_list_has_none() -> None:
    merger = Merger(RULES, units=[Unit(name="新区", group=""), Unit(name="老区", group="园区")])
    merger.add_file(
        [
            row("新区", {"org.leading_group": "是"}, group="园区"),
            row("老区", {"org.leading_group": "是"}, group="县市区", number=7),
        ]
    )
    units, _ = merger.result()
    assert [(u.name, u.group) for u in units[:2]] == [("新区", "园区"), ("老区", "园区")]


def test_a_unit_twice_in_one_file_is_one_problem_and_the_first_row_counts() -> None:
    merger = merged(
        [
            row("涪城区", {"org.leading_group": "是"}),
            row("涪城区", {"org.leading_group": "否"}, number=8),
            row("涪城区", {}, number=9),  # a name alone does no harm
        ]
    )
    first = Source("a.xlsx", "填报", "A6")
    assert merger.problems == [
        Problem(
            "",
            Msg.of("merge.duplicate_row", unit="涪城区", first=first),
            Msg.of("merge.duplicate_row_advice"),
            file="a.xlsx",
            sheet="填报",
            cell="A8",
        )
    ]
    assert merger.rows == 3
    units, _ = merger.result()
    assert units[0].values["org.leading_group"].value is True


def test_the_same_unit_in_two_files_is_no_duplicate() -> None:
    merger = merged(
        [row("涪城区", {"org.leading_group": "是"}, file="a.xlsx")],
        [row("涪城区", {"org.leading_group": "是"}, file="b.xlsx")],
    )
    assert merger.problems == [] and merger.conflicts == []


def test_an_unknown_unit_is_named_with_the_closest_name() -> None:
    merger = merged(
        [
            row("涪城", {"org.leading_group": "是"}),
            row("火星基地", {"org.duties": "是"}, number=7),
            row("不在册", {}, number=8),
        ]
    )
    advice = Msg.of("merge.unknown_unit_advice")
    assert merger.problems == [
        Problem(
            "",
            Msg.of("merge.unknown_unit_close", unit="涪城", close="涪城区"),
            advice,
            file="a.xlsx",
            sheet="填报",
            cell="A6",
        ),
        Problem(
            "",
            Msg.of("merge.unknown_unit", unit="火星基地"),
            advice,
            file="a.xlsx",
            sheet="填报",
            cell="A7",
        ),
    ]


def test_no_suggestion_is_looked_for_among_too_many_names() -> None:
    many = [Unit(name=f"单位{n}", group="") for n in range(2_001)]
    merger = Merger(RULES, units=many)
    merger.add_file([row("单位1x", {"org.leading_group": "是"})])
    assert [p.message for p in merger.problems] == [Msg.of("merge.unknown_unit", unit="单位1x")]
    exactly = Merger(RULES, units=many[:2_000])
    exactly.add_file([row("单位1x", {"org.leading_group": "是"})])
    assert [p.message for p in exactly.problems] == [
        Msg.of("merge.unknown_unit_close", unit="单位1x", close="单位1")
    ]


def test_an_unreadable_value_is_a_problem_at_its_cell_for_its_certifier() -> None:
    merger = merged(
        [
            row(
                "涪城区",
                {"org.duties": " ", "progress.inspections": "两次", "org.leading_group": "是"},
            )
        ]
    )
    assert merger.problems == [
        Problem(
            "",
            Msg.of(
                "merge.value",
                unit="涪城区",
                field="定期督促检查项目",
                problem=Msg.of("value.number", text="两次"),
            ),
            Msg.of("value.type_number"),
            "自查提交说明",
            file="a.xlsx",
            sheet="填报",
            cell="D6",
        )
    ]
    assert merger.bad == {("涪城区", "progress.inspections")}
    units, _ = merger.result()
    assert list(units[0].values) == ["org.leading_group"]


def test_a_percent_cell_is_read_by_its_format() -> None:
    merger = merged(
        [
            row("涪城区", {"targets.completion": 0.95}, percent=frozenset({"targets.completion"})),
            row("游仙区", {"targets.completion": 0.95}, number=7),
        ]
    )
    units, _ = merger.result()
    assert units[0].values["targets.completion"].value == D(95)
    assert [p.cell for p in merger.problems] == ["C7"]  # 0.95 % or 95 %?


def test_equal_contents_are_parsed_once_and_shared() -> None:
    merger = merged(
        [row(name, {"public.evaluation": "88.5"}, number=6 + n) for n, name in enumerate(UNITS[:3])]
    )
    units, _ = merger.result()
    values = [u.values["public.evaluation"].value for u in units[:3]]
    assert values == [D("88.5")] * 3
    assert values[0] is values[1] is values[2]
    assert len(merger.parsed) == 1


def test_a_blank_base_cell_is_named_and_a_blank_bonus_cell_is_not() -> None:
    merger = merged(
        [
            row(
                "涪城区",
                {"org.leading_group": "是"},
                blanks={"org.duties": "D6", "bonus.overachieve": "Z6"},
            ),
            row("涪城区", {}, file="a.xlsx", number=9, blanks={"org.duties": "E9"}),
        ]
    )
    units, _ = merger.result()
    assert units[0].values["org.duties"] == FieldValue(None, Source("a.xlsx", "填报", "D6"))
    assert "bonus.overachieve" not in units[0].values


def test_a_value_given_in_one_file_fills_a_blank_of_another() -> None:
    merger = merged(
        [row("涪城区", {"org.leading_group": "是"}, file="a.xlsx", blanks={"org.duties": "D6"})],
        [row("涪城区", {"org.duties": "否"}, file="b.xlsx")],
    )
    units, _ = merger.result()
    assert units[0].values["org.duties"] == FieldValue(False, Source("b.xlsx", "填报", "C6"), "否")


def test_two_values_that_differ_are_a_conflict_for_the_certifier_to_settle() -> None:
    merger = merged(
        [row("涪城区", {"public.evaluation": 88}, file="a.xlsx")],
        [row("涪城区", {"public.evaluation": "88.0"}, file="b.xlsx")],  # the same value
        [row("涪城区", {"public.evaluation": 90}, file="c.xlsx", number=7)],
    )
    first = Source("a.xlsx", "填报", "C6")
    expected = Problem(
        "",
        Msg.of(
            "merge.conflict",
            unit="涪城区",
            field="主要就民生工程实施总体情况进行社会评估",
            value="90",
            other="88",
            where=first,
        ),
        Msg.of("merge.conflict_ask", certifier="市目督办组织"),
        "市目督办组织",
        file="c.xlsx",
        sheet="填报",
        cell="C7",
    )
    assert merger.conflicts == [expected] and merger.problems == [expected]
    units, _ = merger.result()
    assert units[0].values["public.evaluation"].value == D(88)  # the first stays


def test_a_conflict_names_the_file_to_correct_when_one_file_is_the_certifiers() -> None:
    field = "主要就民生工程实施总体情况进行社会评估"
    owner = merged(
        [row("涪城区", {"public.evaluation": 88}, file="mdb.xlsx")],
        [row("涪城区", {"public.evaluation": 90}, file="self.xlsx")],
        certifiers={"mdb.xlsx": "mdb", "self.xlsx": "self_document"},
    )
    assert [p.advice for p in owner.conflicts] == [
        Msg.of("merge.conflict_owner", certifier="市目督办组织", keep="mdb.xlsx", wrong="self.xlsx")
    ]
    later = merged(
        [row("涪城区", {"public.evaluation": 90}, file="self.xlsx")],
        [row("涪城区", {"public.evaluation": 88}, file="mdb.xlsx")],
        certifiers={"mdb.xlsx": "mdb"},
    )
    assert [p.advice for p in later.conflicts] == [
        Msg.of("merge.conflict_owner", certifier="市目督办组织", keep="mdb.xlsx", wrong="self.xlsx")
    ]
    assert later.conflicts[0].message == Msg.of(
        "merge.conflict",
        unit="涪城区",
        field=field,
        value="88",
        other="90",
        where=Source("self.xlsx", "填报", "C6"),
    )
    both = merged(
        [row("涪城区", {"public.evaluation": 90}, file="x.xlsx")],
        [row("涪城区", {"public.evaluation": 88}, file="y.xlsx")],
        certifiers={"x.xlsx": "mdb", "y.xlsx": "mdb"},
    )
    assert [p.advice for p in both.conflicts] == [
        Msg.of("merge.conflict_ask", certifier="市目督办组织")
    ]
    assert owner.file_certifier == {"mdb.xlsx": "mdb", "self.xlsx": "self_document"}


def test_a_logical_value_is_not_taken_for_the_number_it_equals() -> None:
    # True == 1 and hash(True) == hash(1): the parsed contents are told apart by their type
    merger = merged(
        [
            row("涪城区", {"progress.inspections": 1}),
            row("游仙区", {"progress.inspections": True}, number=7),
        ]
    )
    assert [(p.cell, p.message.key) for p in merger.problems] == [("C7", "merge.value")]


def test_a_name_half_like_a_listed_one_is_suggested() -> None:
    # 涪城ab and 涪城区 share 2 of 7 characters' worth: a ratio of 4/7, over difflib's 0.5
    merger = merged([row("涪城ab", {"org.leading_group": "是"})])
    assert [p.message for p in merger.problems] == [
        Msg.of("merge.unknown_unit_close", unit="涪城ab", close="涪城区")
    ]
