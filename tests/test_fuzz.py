"""Fuzzing the two parsers of untrusted input: only mypm's own error type may escape.

In CI each runs a short while. For a long run:
    MYPM_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COUNTY
from fill import fill_entry_workbook
from mypm.core.errors import MypmError
from mypm.core.rules import load_rule_file
from mypm.read.entries import open_input, read_entries
from mypm.render.workbook.template import TemplateOptions, write_template

EXAMPLES = int(os.environ.get("MYPM_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
RULE_FILE = load_rule_file(COUNTY)
KEYS = frozenset(RULE_FILE.rules.leaf_by_key)
COUNTY_TEXT = COUNTY.read_text(encoding="utf-8")


def seed_workbook() -> dict[str, bytes]:
    """The members of a small, valid, filled entry workbook."""
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"mypm-fuzz-seed-{os.getpid()}.xlsx"
    write_template(RULE_FILE, TemplateOptions(), path)
    fill_entry_workbook(
        path, {"涪城区": {"org.duties": "是", "public.evaluation": 88.5, "targets.completion": 0.9}}
    )
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    path.unlink()
    return members


SEED = seed_workbook()


def pack(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    with contextlib.suppress(MypmError):  # the one error type allowed out
        for _row in read_entries(open_input(path), KEYS, [], [], set()):
            pass


@st.composite
def mutated_member(draw: st.DrawFn) -> bytes:
    """A valid workbook with one XML member cut, spliced or overwritten at random."""
    members = dict(SEED)
    name = draw(st.sampled_from(sorted(members)))
    data = members[name]
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 64)))
    junk = draw(
        st.binary(max_size=32)
        | st.sampled_from(
            [b"<", b">", b"&", b'"', b"<v>", b"</c>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\xff"]
        )
    )
    members[name] = data[:start] + junk + data[end:]
    return pack(members)


@given(data=mutated_member())
@FUZZ
def test_reader_survives_mutated_xml(tmp_path: Path, data: bytes) -> None:
    read(tmp_path / "fuzz.xlsx", data)


@given(data=st.data())
@FUZZ
def test_reader_survives_mutated_bytes(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(pack(SEED))
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(raw)))
    read(tmp_path / "fuzz.xlsx", bytes(raw[:cut]))


@given(data=st.binary(max_size=2048))
@FUZZ
def test_reader_survives_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    read(tmp_path / "fuzz.xlsx", b"PK\x03\x04" + data)


@given(data=st.data())
@FUZZ
def test_rule_loader_survives_mutated_rules(tmp_path: Path, data: st.DataObject) -> None:
    lines = COUNTY_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = data.draw(
            st.sampled_from(
                [
                    "",
                    lines[i][: len(lines[i]) // 2],
                    lines[i] + lines[i],
                    "  " + lines[i],
                    data.draw(st.text(max_size=40)),
                    "- [",
                    "&a x",
                    "*a",
                    "!!python/name:os.system",
                    "{",
                    "key: value: other",
                    "\t" + lines[i],
                ]
            )
        )
    path = tmp_path / "rules.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with contextlib.suppress(MypmError):
        load_rule_file(path)


@given(text=st.text(max_size=400))
@FUZZ
def test_rule_loader_survives_arbitrary_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(MypmError):
        load_rule_file(path)
