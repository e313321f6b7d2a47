"""Both bundled examples score, rank, grade and explain exactly as they did before the redesign.

tests/golden/*.json is the `--format json` output of `score` and `explain` (every unit) saved from
main at 3b3e2f1, before issues 11-16 changed any code. It is a regression pin, not an oracle: the
figures themselves are checked by hand-worked tests elsewhere. New keys may appear in the output;
every key saved here must still be there with the same value. Volatile keys (the time, the
version, input paths and the rule file's hash) were left out when it was saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
EXAMPLES = {
    "county-2013": REPO / "examples" / "county-2013.xlsx",
    "department-2013": REPO / "examples" / "department-2013.xlsx",
    "county-2013-split": REPO / "examples" / "county-2013-split",
}


def differences(saved: Any, now: Any, where: str = "") -> list[str]:
    """Where `now` lacks or changes a value of `saved` (extra keys in `now` are fine)."""
    if isinstance(saved, dict) and isinstance(now, dict):
        return [
            problem
            for key, value in saved.items()
            for problem in (
                differences(value, now[key], f"{where}.{key}")
                if key in now
                else [f"{where}.{key}: missing"]
            )
        ]
    if isinstance(saved, list) and isinstance(now, list):
        if len(saved) != len(now):
            return [f"{where}: {len(saved)} entries before, {len(now)} now"]
        return [
            p
            for i, (a, b) in enumerate(zip(saved, now, strict=True))
            for p in differences(a, b, f"{where}[{i}]")
        ]
    return [] if saved == now and type(saved) is type(now) else [f"{where}: {saved!r} → {now!r}"]


def test_differences_sees_a_changed_figure_a_missing_key_and_a_type_change() -> None:
    saved = {"units": [{"total": 97.93, "grade": "优秀", "rank": 1}]}
    assert (
        differences(saved, {"units": [{"total": 97.93, "grade": "优秀", "rank": 1, "new": 0}]})
        == []
    )
    assert differences(saved, {"units": [{"total": 97.94, "grade": "优秀", "rank": 1}]}) == [
        ".units[0].total: 97.93 → 97.94"
    ]
    assert differences(saved, {"units": [{"total": 97.93, "rank": 1}]}) == [
        ".units[0].grade: missing"
    ]
    assert differences(saved, {"units": [{"total": 97.93, "grade": "优秀", "rank": 1.0}]}) == [
        ".units[0].rank: 1 → 1.0"
    ]
    assert differences(saved, {"units": []}) == [".units: 1 entries before, 0 now"]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_scores_and_explanations_are_unchanged(name: str, run) -> None:
    saved = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    result = run("score", EXAMPLES[name], "--format", "json", "--lang", "zh")
    assert result.code == 0, result.err
    problems = differences(saved["score"], json.loads(result.out), "score")
    for unit, explanation in saved["explain"].items():
        result = run("explain", EXAMPLES[name], "--unit", unit, "--format", "json", "--lang", "zh")
        assert result.code == 0, result.err
        problems += differences(explanation, json.loads(result.out), f"explain[{unit}]")
    assert problems == []
