"""What a file really is, told by its content rather than its name.

A workbook named `noext` is read; an `.ods` renamed `.xlsx` is named as an OpenDocument file; a
scored workbook made by mypm is told from an entry workbook. Only the zip's directory and two
small parts are read, so a folder of large files is sorted quickly.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from defusedxml.ElementTree import fromstring

from mypm.core.files import NotRegularFile, open_regular
from mypm.read import layout as L
from mypm.read import ooxml
from mypm.text.vocabulary import SHEETS

Kind = Literal[
    "xlsx",  # an Office Open XML workbook (.xlsx, .xlsm), whatever its name
    "scored",  # a scored workbook made by `mypm score`
    "ods",  # OpenDocument spreadsheet (LibreOffice, WPS)
    "xlsb",  # Excel binary workbook
    "numbers",  # Apple Numbers
    "ole",  # an old .xls, or a password-protected workbook (both are OLE compound files)
    "zip",  # a zip that is none of the above (a .docx, a damaged workbook, …)
    "empty",
    "text",  # CSV or other text
    "other",
]

# Names that promise a spreadsheet: such a file in a folder is read or refused, never skipped.
SPREADSHEET_SUFFIXES = frozenset(
    {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".numbers", ".et", ".ett", ".xltx"}
)
SUMMARY_SHEETS = tuple(
    frozenset(names) for names in zip(SHEETS["summary"], SHEETS["details"], strict=True)
)
_OPENDOCUMENT = b"application/vnd.oasis.opendocument.spreadsheet"
CUSTOM_PART = "docProps/custom.xml"
_SNIFF_BYTES = 4096
MAX_PART_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    created: str = ""  # for a scored workbook: when mypm made it (ISO 8601), if it says

    @property
    def made(self) -> str:
        """When it was made, as people write it (2014-01-20 09:30), or "?" when unknown."""
        return self.created[:16].replace("T", " ") or "?"


def sniff(source: Path | bytes) -> Sniffed:
    """The kind of a file (a path, or bytes already read)."""
    if isinstance(source, bytes):
        head = source[:_SNIFF_BYTES]
    else:
        try:
            with open_regular(source) as file:
                head = file.read(_SNIFF_BYTES)
        except NotRegularFile:  # a FIFO, a device: read by name or skipped, never waited on
            return Sniffed("other")
    if not head:
        return Sniffed("empty")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Sniffed("ole")
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
                return _zip_kind(z)
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, KeyError, SyntaxError):
            return Sniffed("zip")
    if _is_text(head):
        return Sniffed("text")
    return Sniffed("other")


def _zip_kind(archive: zipfile.ZipFile) -> Sniffed:
    names = set(archive.namelist())
    if "mimetype" in names and _small_part(archive, "mimetype").startswith(_OPENDOCUMENT):
        return Sniffed("ods")
    if "xl/workbook.bin" in names:
        return Sniffed("xlsb")
    if any(name.startswith("Index/") and name.endswith(".iwa") for name in names):
        return Sniffed("numbers")
    try:
        parts = ooxml.part_names(names)
    except ooxml.Damaged:  # two entries of one name: the reader names the damage
        return Sniffed("xlsx")
    package = parts.get(ooxml.ROOT_RELS)
    found = ooxml.relationships(_elements(archive, package), "") if package else {}
    workbook = parts.get(ooxml.workbook_part(found))
    if workbook is None:
        return Sniffed("zip")
    custom = parts.get(ooxml.part_key(CUSTOM_PART))
    if custom is not None:
        try:
            properties = custom_properties(_small_part(archive, custom))
        except (ValueError, SyntaxError):  # damaged or hostile: the reader names it
            properties = {}
        if L.META_SCORED in properties:
            return Sniffed("scored", properties[L.META_SCORED])
        if L.META_RULES_ID in properties:
            return Sniffed("xlsx")
    sheets = _sheet_names(_small_part(archive, workbook))
    if any(summary <= sheets for summary in SUMMARY_SHEETS):
        return Sniffed("scored")
    return Sniffed("xlsx")


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small part's bytes; b"" for one too large to be what it claims (never inflated)."""
    return archive.read(name) if archive.getinfo(name).file_size <= MAX_PART_BYTES else b""


def _elements(archive: zipfile.ZipFile, name: str) -> list[Any]:
    """The elements of a small part (none for one too large)."""
    xml = _small_part(archive, name)
    return list(fromstring(xml).iter()) if xml else []


def custom_properties(xml: bytes) -> dict[str, str]:
    """mypm's custom document properties (`mypm.*`); ValueError or SyntaxError when the part
    is damaged or hostile (an entity, a DOCTYPE)."""
    found: dict[str, str] = {}
    if not xml:
        return found
    for element in fromstring(xml):
        name = element.get("name", "")
        if name.startswith(L.META_PREFIX):
            found[name] = "".join(element.itertext()).strip()
    return found


def _sheet_names(xml: bytes) -> frozenset[str]:
    if not xml:
        return frozenset()
    return frozenset(
        element.get("name", "")
        for element in fromstring(xml).iter()
        if element.tag.endswith("}sheet")
    )


# Magic numbers: (offset, bytes, type). Evidence files are told by these alone, never opened as
# what they are (a zip is not listed, a PDF not parsed).
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "pdf"),
    (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF8", "gif"),
    (0, b"II*\x00", "tiff"),
    (0, b"MM\x00*", "tiff"),
    (0, b"BM", "bmp"),
    (8, b"WEBP", "webp"),
    (4, b"ftypheic", "heic"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc .xls .ppt .wps .et
    (0, b"PK\x03\x04", "zip"),  # .docx .xlsx .pptx .ofd, or an archive
    (0, b"Rar!\x1a\x07", "rar"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"{\\rtf", "rtf"),
    (0, b"MZ", "executable"),
    (0, b"\x7fELF", "executable"),
)
MAGIC_BYTES = 16  # the most `file_type` looks at


def file_type(head: bytes) -> str:
    """What a file is by its first MAGIC_BYTES bytes alone: a MAGIC type, "text" or "other"."""
    for offset, magic, kind in MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return kind
    return "text" if head and _is_text(head) else "other"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False
