"""The `--units FILE` lists: .txt, .csv and .xlsx."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from mypm.core.errors import InputFileError, Problem
from mypm.core.files import read_input_file
from mypm.core.messages import Msg
from mypm.core.rules.model import Unit, canonical_unit, former_name_clashes
from mypm.text.vocabulary import FORMER_HEADERS, FORMER_SEPARATORS, GROUP_HEADERS, UNIT_HEADERS

MAX_UNIT_LIST_BYTES = 10 * 1024 * 1024  # a .txt or .csv list: 10 MB is some 500,000 names


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030 as older Chinese Windows programs save."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError([Problem(str(path), Msg.of("units.encoding"))])


def read_unit_list(path: Path, known: Sequence[Unit]) -> list[Unit]:
    """Units from a .txt (a name a line), .csv or .xlsx (单位/unit and optional 分组/group and
    曾用名/former columns; several former names separated by 、).

    A unit without a group takes the group the rule set gives it, if any, and its former
    names too. A former name that is a current name, or another unit's, is an InputFileError.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from mypm.read.entries import read_table

        # the same checks as any input workbook: what the file is, zip-bomb limits
        return _units_from_rows(path, read_table(path), known)
    data = read_input_file(path, MAX_UNIT_LIST_BYTES)
    rows: list[tuple[int, Sequence[object]]]
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(decode_text(data, path)))
        rows = [(reader.line_num, list(r)) for r in reader]
    else:
        rows = [
            (number, [line]) for number, line in enumerate(decode_text(data, path).splitlines(), 1)
        ]
        rows.insert(0, (0, [UNIT_HEADERS[0]]))
    return _units_from_rows(path, rows, known)


def _units_from_rows(
    path: Path, rows: Sequence[tuple[int, Sequence[object]]], known: Sequence[Unit]
) -> list[Unit]:
    """The units of `rows`, each with its line (a workbook's row number); a problem is named
    at `file:line:column`."""
    header = [str(c or "").strip().lower() for c in rows[0][1]] if rows else []
    unit_col = next((i for i, h in enumerate(header) if h in UNIT_HEADERS), None)
    if unit_col is None:
        raise InputFileError([Problem(str(path), Msg.of("units.no_column"))])
    group_col = next((i for i, h in enumerate(header) if h in GROUP_HEADERS), None)
    former_col = next((i for i, h in enumerate(header) if h in FORMER_HEADERS), None)
    groups = {canonical_unit(u.name): u.group for u in known}
    formers = {canonical_unit(u.name): u.former for u in known}
    units: list[Unit] = []
    lines: list[int] = []  # each unit's line
    seen: dict[str, str] = {}  # a name's canonical form → its first spelling
    spellings: list[Problem] = []
    for line, row in rows[1:]:
        name = str(row[unit_col] or "").strip() if unit_col < len(row) else ""
        if not name:
            continue
        canon = canonical_unit(name)
        if canon in seen:  # a name listed twice; ｃ区 and c区: one unit, or two?
            if seen[canon] != name:
                message = Msg.of("units.spellings", first=seen[canon], name=name)
                spellings.append(Problem(f"{path}:{line}:{unit_col + 1}", message))
            continue
        seen[canon] = name
        group = ""
        if group_col is not None and group_col < len(row):
            group = str(row[group_col] or "").strip()
        former: list[str] = []
        if former_col is not None and former_col < len(row):
            text = str(row[former_col] or "")
            former = [n.strip() for n in re.split(f"[{FORMER_SEPARATORS}]", text) if n.strip()]
        lines.append(line)
        units.append(
            Unit(
                name=name,
                group=group or groups.get(canon, ""),
                former=former or formers.get(canon, []),
            )
        )
    if spellings:
        raise InputFileError(spellings)
    if not units:
        raise InputFileError([Problem(str(path), Msg.of("units.empty"))])
    clashes = former_name_clashes(units)
    if clashes:
        column = f":{former_col + 1}" if former_col is not None else ""  # else the rules'
        raise InputFileError(
            [
                Problem(f"{path}:{lines[index]}{column}", Msg.of("units.former_clash", name=name))
                for index, name in clashes
            ]
        )
    return units
