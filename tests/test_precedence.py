"""Certification precedence: where a field's certifiers are ranked (自查提交… / …核定), the
certified value is scored over the unit's claim and the difference is said; two certifiers of
one rank that disagree are still a conflict."""

from __future__ import annotations

import json
import shutil

from openpyxl import load_workbook

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


def test_the_claim_and_the_certified_value_are_shown_where_the_score_is(
    run, entry_workbook, tmp_path
) -> None:
    """宣传报道: 涪城区 claims 3 national articles, 宣传部 certifies 1: scored 1 × 0.5 = 0.50,
    the claim would have given 3 × 0.5 = 1.50, so 核减 1.00 (worked by hand)."""
    files = forms(entry_workbook, {"self_entries": 3, "propaganda": 1})
    key = "bonus.publicity.national"
    result = run("score", *files, "--format", "json")
    unit = next(u for u in json.loads(result.out)["units"] if u["unit"] == "涪城区")
    entry = unit["fields"][key]
    assert entry["score"] == 0.5
    certification = entry["certification"]
    assert {k: v for k, v in certification.items() if not k.endswith("_source")} == {
        "change": "核减",
        "claimed": "3",
        "claimed_score": 1.5,
        "certified": "1",
        "certified_score": 0.5,
        "difference": -1,
    }
    # the cells as the field's "source" names its cell
    assert certification["claimed_source"].startswith("self_entries.xlsx!填报!")
    assert certification["certified_source"] == entry["source"]
    assert entry["source"].startswith("propaganda.xlsx!填报!")
    assert "自查 3 → 1.50" in entry["explanation"] and "核减 1.00" in entry["explanation"]
    assert "self_entries.xlsx › 填报 › " in entry["explanation"]
    # no claim replaced: no certification entry
    other = next(u for u in json.loads(result.out)["units"] if u["unit"] == "游仙区")
    assert "certification" not in other["fields"][key]

    shown = run("explain", *files, "--unit", "涪城区")
    assert shown.code == 0, shown.err
    assert "自查 3 → 1.50" in shown.out and "核减 1.00" in shown.out

    tree = json.loads(run("explain", *files, "--unit", "涪城区", "--format", "json").out)["tree"]
    bonus = next(n for n in tree if n["key"] == "bonus")
    publicity = next(n for n in bonus["children"] if n["key"] == "bonus.publicity")
    national = next(n for n in publicity["children"] if n["key"] == key)
    assert national["certification"] == certification

    out = tmp_path / "scored.xlsx"
    assert run("score", *files, "-o", out).code == 0
    rows = [r for r in load_workbook(out)["明细"].iter_rows(values_only=True) if r[0] == "涪城区"]
    row = next(r for r in rows if "宣传报道·国家级" in r)
    assert any(isinstance(c, str) and "自查 3 → 1.50" in c and "核减 1.00" in c for c in row)

    folder = tmp_path / "site"
    assert run("publish", *files, "-o", folder).code == 0
    pages = [p.read_text(encoding="utf-8") for p in folder.rglob("*.html")]
    page = next(p for p in pages if "<strong>涪城区</strong>" in p)  # its 反馈单
    assert "自查 3 → 1.50" in page and "核减 1.00" in page


def test_compare_shows_the_claim_a_certified_value_replaced(run, entry_workbook, tmp_path) -> None:
    """Before the 宣传部's count came in, 涪城区's claimed 3 national articles scored 1.50; after,
    the certified 1 scores 0.50 (自查 3，核减): the field moved by -1.00."""
    files = forms(entry_workbook, {"self_entries": 3, "propaganda": 1})
    before, after = tmp_path / "before", tmp_path / "after"
    for folder, chosen in ((before, files[:2]), (after, files)):
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder / path.name)
    key = "bonus.publicity"  # compare counts a capped item's parts as the item
    result = run("compare", before, after, "--format", "json")
    assert result.code == 0, result.err
    change = next(f for f in json.loads(result.out)["fields"] if f["key"] == key)
    assert change["unit"] == "涪城区" and change["moved"] == -1
    assert change["before"]["value"] == "国家级 3" and "certification" not in change["before"]
    after_field = change["after"]
    assert after_field["value"] == "国家级 1" and after_field["score"] == 0.5
    assert after_field["certification"]["change"] == "核减"
    assert after_field["certification"]["claimed"] == "国家级 3"
    assert after_field["certification"]["claimed_score"] == 1.5
    assert after_field["certification"]["claimed_source"].startswith("self_entries.xlsx!填报!")

    shown = run("compare", before, after)
    assert "国家级 1（自查 国家级 3，核减）" in shown.out

    # score's JSON as a side keeps the claim too
    scored = tmp_path / "after.json"
    scored.write_text(run("score", *files, "--format", "json").out, encoding="utf-8")
    again = json.loads(run("compare", before, scored, "--format", "json").out)
    assert next(f for f in again["fields"] if f["key"] == key)["after"] == after_field
