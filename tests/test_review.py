"""Issue 25, claims and their review: the rule files say which certifiers are the unit's own
claims and who reviews a claim where the guide names no certifying body; the office records a
decision on each claim (`mypm review`), a correction is scored like a certification, and status
and publish know what is still to review."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COUNTY, DEPARTMENT
from mypm.core.rules import load_rule_file

# --- the model in the rule files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reviewed"),
    [
        (
            COUNTY,
            [
                "org.leading_group",
                "org.duties",
                "org.rules",
                "progress.plan",
                "progress.inspections",
            ],
        ),
        (
            DEPARTMENT,
            ["org.leadership", "org.office", "org.rules", "progress.supporting_docs"],
        ),
    ],
)
def test_the_bundled_rules_name_the_claims_and_who_reviews_them(path: Path, reviewed) -> None:
    rules = load_rule_file(path).rules
    assert rules.claims == {
        "self_document": "文件",
        "self_explanation": "说明",
        "self_copy": "复印件",
        "self_entries": "条目",
    }
    # the fields only a 自查提交… certifier certifies: the office (市民生办) reviews them
    assert [leaf.key for leaf in rules.leaves if leaf.reviewed_by] == reviewed
    assert {leaf.reviewed_by for leaf in rules.leaves if leaf.reviewed_by} == {"mslb"}
    # each one is a local choice, quoting the guide's 考核组织
    reasons = {c.path: c.reason for c in rules.local_choices() if c.attribute == "reviewed_by"}
    assert sorted(reasons) == sorted(reviewed)
    assert all(r.startswith("指南考核组织为“自查提交") for r in reasons.values())


def test_a_claim_with_a_certifying_body_is_decided_by_precedence_not_review() -> None:
    rules = load_rule_file(COUNTY).rules
    publicity = rules.leaf_by_key["bonus.publicity.national"]
    assert publicity.reviewed_by is None
    assert publicity.evidence_asked == ("条目",)
    assert rules.claim_certifiers(publicity) == ("self_entries",)
    funding = rules.leaf_by_key["progress.funding"]  # 市财政局核定: no claim, no evidence asked
    assert funding.evidence_asked == () and funding.reviewed_by is None


def _edited(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = COUNTY.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path = tmp_path / "county.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_a_claim_nobody_reviews_is_a_rule_error_at_its_line(run, tmp_path: Path) -> None:
    path = _edited(tmp_path, "        reviewed_by: mslb\n", "")
    result = run("validate", path)
    assert result.code == 1
    assert (
        f"{path}:73:9：categories[0].indicators[0].certified_by：此项只由单位自查提交（自查提交文件），"
        "指南未写核定单位：请用 reviewed_by 写明由谁对照佐证材料审核（如 mslb），并在 local 中说明"
        "这是本地取值"
    ) in result.err


def test_a_reviewer_where_a_body_certifies_or_a_claim_reviewing_is_refused(
    run, tmp_path: Path
) -> None:
    path = _edited(
        tmp_path, "      precedence: [[mslb], [self_copy]]\n", "      reviewed_by: mslb\n"
    )
    result = run("validate", path)
    assert result.code == 1
    assert (
        "bonus.items[2].reviewed_by：此项有核定单位，由核定优先（precedence）决定计分" in result.err
    )
    path = _edited(tmp_path, "        reviewed_by: mslb\n", "        reviewed_by: self_copy\n")
    result = run("validate", path)
    assert result.code == 1
    assert (
        "categories[0].indicators[0].reviewed_by：reviewed_by 须是 certifiers 中不属于 claims "
        "的考核组织（mslb、finance、third_party、mdb、propaganda、work_committee），不能是“self_copy”"
    ) in result.err
