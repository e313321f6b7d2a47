"""Issue 22: the message catalogue as a package. Every key is used and every used key exists,
both languages take the same parameters, and the language is one per thread."""

from __future__ import annotations

import ast
import re
import string
import threading
from pathlib import Path
from typing import get_args

import pytest

from conftest import REPO
from mypm import api
from mypm.cli import cli
from mypm.core.appeals import State
from mypm.core.results import Level
from mypm.jobs.rulediff import Change, Element
from mypm.read.sniff import MAGIC
from mypm.text.catalogue import AREAS, CATALOGUE, set_language, t
from mypm.text.vocabulary import REVIEW_COLUMNS

SOURCE = REPO / "src" / "mypm"
CATALOGUE_PACKAGE = SOURCE / "text" / "catalogue"
EXAMPLE = REPO / "examples" / "county-2013.xlsx"

LOCAL_ATTRIBUTES = (
    "points",
    "measure",
    "certified_by",
    "criterion",
    "parts",
    "cap",
    "units",
    "grades",
    "bonus.cap",
    "deductions.cap",
    "rounding",
)
# Keys made at run time, `t(f"section.{section}")`: the part before `{` and every member it
# can be given. The test finds each of these in the source, and any other key-like f-string
# fails it until it is listed here (or below, as not a key).
FAMILIES: dict[str, tuple[str, ...]] = {
    "section.": ("bonus", "deductions"),
    "progress.": ("read", "write"),
    "level.": get_args(Level),
    "diff.": get_args(Change),
    "element.": get_args(Element),
    "attribute.": (
        "id",
        "title",
        "document",
        "year",
        "base_points",
        "self_check_deadline",
        "rounding",
        "name",
        "group",
        "role",
        "points",
        "certified_by",
        "criterion",
        "measure",
        "note",
        "cap",
        "min",
        "reason",
    ),
    "appeals.state.": get_args(State),
    "local.attr.": (
        *LOCAL_ATTRIBUTES,
        "field_rounding",
        "floor",
        "ranking",
        "mean_of",
        "precedence",
        "reviewed_by",
        "claims",
    ),
    "guide.": (
        "category",
        "category_points",
        "indicator",
        "indicator_points",
        "certifier",
        "criterion",
        "measure",
        "note",
        "local",
        "key",
    ),
    "help.": ("cli", *cli.commands),
    "evidence.type.": (*{kind for _, _, kind in MAGIC}, "text", "other"),
    "review.verdict.": ("accept", "correct"),
    "review.column.": REVIEW_COLUMNS,
}
NOT_KEYS = {"units."}  # the path of a unit in rulediff
# in the publish templates: `t("publish.nav")`, and `t("section." ~ section)` for a family
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""")
TEMPLATE_FAMILY = re.compile(r"""\bt\(\s*["']([a-z_.]+\.)["']\s*~""")


def source_files() -> list[Path]:
    """mypm's modules, the catalogue's messages left out (a key there is not a use)."""
    return [p for p in sorted(SOURCE.rglob("*.py")) if p.parent != CATALOGUE_PACKAGE] + [
        CATALOGUE_PACKAGE / "__init__.py"
    ]


def literal_strings() -> set[str]:
    found = set()
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    for template in sorted(SOURCE.rglob("*.j2")):
        found.update(TEMPLATE_KEY.findall(template.read_text(encoding="utf-8")))
    return found


def key_families_in_source() -> set[str]:
    """The literal head of every f-string that starts like a catalogue key (`diff.`)."""
    areas = {key.split(".")[0] for key in CATALOGUE}
    heads = set()
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    head = first.value
                    if re.fullmatch(r"[a-z_]+\.[a-z_.]*", head) and head.split(".")[0] in areas:
                        heads.add(head)
    for template in sorted(SOURCE.rglob("*.j2")):
        heads.update(TEMPLATE_FAMILY.findall(template.read_text(encoding="utf-8")))
    return heads


def test_every_key_made_at_run_time_is_of_a_listed_family() -> None:
    assert key_families_in_source() == set(FAMILIES) | NOT_KEYS


def test_every_member_of_a_family_is_in_the_catalogue() -> None:
    missing = [f"{head}{m}" for head, members in FAMILIES.items() for m in members]
    assert [key for key in missing if key not in CATALOGUE] == []


def test_every_key_in_the_catalogue_is_used() -> None:
    used = literal_strings() | {f"{head}{m}" for head, ms in FAMILIES.items() for m in ms}
    assert sorted(set(CATALOGUE) - used) == []


def test_every_key_said_in_the_source_is_in_the_catalogue() -> None:
    wrong = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value not in CATALOGUE
            ):
                wrong.append(f"{path.name}:{node.lineno}: {node.args[0].value}")
    for template in sorted(SOURCE.rglob("*.j2")):
        text = template.read_text(encoding="utf-8")
        wrong += [f"{template.name}: {k}" for k in TEMPLATE_KEY.findall(text) if k not in CATALOGUE]
    assert wrong == []


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# English-only: the plural endings (`{s}`, or `{ws}` and `{ns}` for two counts in one line)
ENGLISH_ONLY = {"s", "ws", "ns"}
# Chinese says the range of points a certifier may award; English says "points awarded"
CHINESE_ONLY = {"measure.points": {"points"}}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    zh, en = CATALOGUE[key]
    assert placeholders(zh) == placeholders(en) - ENGLISH_ONLY | CHINESE_ONLY.get(key, set())


def test_no_key_is_in_two_areas() -> None:
    keys = [key for area in AREAS for key in area.MESSAGES]
    assert len(keys) == len(set(keys)) == len(CATALOGUE)


def test_the_help_of_every_command_and_option_is_a_catalogue_key() -> None:
    for command in [cli, *cli.commands.values()]:
        assert f"help.{command.name}" in CATALOGUE
        for param in command.params:
            if getattr(param, "help", None):
                assert param.help in CATALOGUE, param.help


def test_two_threads_score_in_their_own_languages() -> None:
    # a library caller scores in Chinese and in English at once: each thread sets its language,
    # and both have set it before either says a word
    both_set = threading.Barrier(2)
    said: dict[str, str] = {}

    def work(lang: str) -> None:
        set_language(lang)  # type: ignore[arg-type]
        both_set.wait()
        said[lang] = api.scored_text(api.score(EXAMPLE), "csv").splitlines()[0]

    threads = [threading.Thread(target=work, args=(lang,)) for lang in ("zh", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert said["zh"].startswith("\ufeff名次,组内名次,单位,分组,组织管理体系（4）")
    assert said["en"].startswith("\ufeffRank,Group rank,Unit,Group,组织管理体系 (4)")
    assert t("label.rank") == "名次"  # this thread's language is its own too (Chinese, as set)
