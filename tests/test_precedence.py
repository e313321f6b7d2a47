"""Certification precedence: where a field's certifiers are ranked (自查提交… / …核定), the
certified value is scored over the unit's claim and the difference is said; two certifiers of
one rank that disagree are still a conflict."""

from __future__ import annotations

import json

from mypm.core.rules.model import Unit
from test_status import FIELDS

WHOLE = {key: value for fields in FIELDS.values() for key, value in fields.items()}
UNITS = [Unit(name="涪城区", group="县市区"), Unit(name="游仙区", group="县市区")]


def forms(entry_workbook, claims: dict[str, int]) -> list:
    """A whole form with every base field, and one form per certifier of 宣传报道·国家级."""
    base = entry_workbook("county", {u.name: WHOLE for u in UNITS}, units=UNITS, name="全.xlsx")
    return [base] + [
        entry_workbook(
            "county",
            {"涪城区": {"bonus.publicity.national": count}},
            certifier=certifier,
            units=UNITS,
            name=f"{certifier}.xlsx",
        )
        for certifier, count in claims.items()
    ]


def test_the_certified_count_is_scored_over_the_claim(run, entry_workbook) -> None:
    files = forms(entry_workbook, {"self_entries": 3, "propaganda": 1})
    result = run("score", *files, "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    unit = next(u for u in document["units"] if u["unit"] == "涪城区")
    # base 99 (社会公众评价 90 of 100 gives 9 of 10); 宣传报道 1 national article × 0.5 = 0.5
    # (the claimed 3 would have given 1.5)
    assert unit["total"] == 99.5
    notes = [i for i in document["issues"] if i["code"] == "merge.certified_down"]
    assert len(notes) == 1
    message = notes[0]["message"]
    assert message.startswith("涪城区 的 宣传报道·国家级：自查 3（self_entries.xlsx › 填报 › ")
    assert "核定 1（propaganda.xlsx › 填报 › " in message and message.endswith(
        "按核定值计分（核减）"
    )


def test_the_claim_arriving_last_does_not_replace_the_certified_value(run, entry_workbook) -> None:
    files = forms(entry_workbook, {"propaganda": 1, "self_entries": 0})
    result = run("score", *reversed(files), "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    unit = next(u for u in document["units"] if u["unit"] == "涪城区")
    assert unit["total"] == 99.5
    assert [i["code"] for i in document["issues"] if i["code"].startswith("merge.certified")] == [
        "merge.certified_up"
    ]


def test_two_certifiers_of_one_rank_that_disagree_are_a_conflict(run, entry_workbook) -> None:
    files = forms(entry_workbook, {"propaganda": 1, "mslb": 2})
    result = run("score", *files)
    assert result.code == 1
    assert "冲突" in result.err or "不一致" in result.err
