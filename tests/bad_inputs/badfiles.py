"""Generators for hostile and broken inputs: every bad file is made by code, none is stored."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fill import fill_entry_workbook
from mypm.core.rules import load_rule_file
from mypm.render.workbook.template import TemplateOptions, write_template

REPO = Path(__file__).resolve().parents[2]

# One unit, every base field filled: a workbook that scores on its own.
GOOD_ROW = {
    "org.leading_group": "是",
    "org.duties": "是",
    "org.rules": "是",
    "org.liaison": "是",
    "progress.plan": "是",
    "progress.funding": "是",
    "progress.inspections": 2,
    "progress.rectification": "是",
    "progress.meetings.attendance": 1,
    "progress.meetings.reports": 4,
    "disclosure.column": "是",
    "disclosure.quarterly": 4,
    "disclosure.history": "是",
    "public.evaluation": 90,
    "targets.completion": 0.9,
}


def good_workbook(path: Path, data: dict[str, dict[str, object]] | None = None) -> Path:
    """A filled county entry workbook (涪城区 only, unless `data` says otherwise)."""
    rule_file = load_rule_file(REPO / "rules" / "county.yaml")
    write_template(rule_file, TemplateOptions(), path)
    fill_entry_workbook(path, data if data is not None else {"涪城区": GOOD_ROW})
    return path


def rewrite_member(path: Path, member: str, change) -> None:
    """Rewrite one file inside the .xlsx zip with `change(text) -> text`."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    path.write_bytes(buffer.getvalue())


ENTITY_BOMB = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def with_doctype(doctype: str, reference: str):
    """A `change` for rewrite_member that adds a DOCTYPE and uses its entity in a cell."""

    def change(text: str) -> str:
        body = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
        body = body.replace("<v>", f"<v>{reference}", 1) if "<v>" in body else body
        return doctype + body

    return change


def zip_bomb(path: Path, megabytes: int = 60) -> Path:
    """A zip that names itself a workbook and inflates a thousandfold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (1 << 20)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def with_extra_members(path: Path, members: dict[str, bytes]) -> None:
    """Add or replace members of the .xlsx zip (stored as they come, deflated)."""
    with zipfile.ZipFile(path) as source:
        items = [(i.filename, source.read(i.filename)) for i in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in items:
            target.writestr(name, members.pop(name, data))
        for name, data in members.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def incompressible_shared_strings(count: int) -> bytes:
    """A sharedStrings part of `count` distinct random strings (it compresses about 2×)."""
    import secrets

    body = "".join(f"<si><t>{secrets.token_hex(6)}</t></si>" for _ in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">{body}</sst>'
    ).encode()


# Excel's "Strict Open XML Spreadsheet" writes the same parts under other namespaces.
STRICT_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        "http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def to_strict(text: str) -> str:
    """A part's XML as the Strict format writes it (also in its relationship types)."""
    for transitional, strict in STRICT_NAMESPACES.items():
        text = text.replace(transitional, strict)
    return text
