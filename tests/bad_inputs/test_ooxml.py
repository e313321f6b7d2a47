"""mypm's own parse of an .xlsx package (workbook/ooxml.py), on parts written here by hand as
Excel, WPS and LibreOffice write them: each value is what Excel shows, and only what the
content causes is a damaged file."""

from __future__ import annotations

import datetime as dt
import io
import json
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from badfiles import good_workbook, to_strict

from conftest import REPO, libreoffice
from mypm.core import budget
from mypm.core.messages import Msg
from mypm.core.values import NO_CACHED_VALUE, CellError
from mypm.read import numfmt
from mypm.read.ooxml import Damaged, Package, Row

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# cellXfs: 0 General, 1 percent (10: 0.00%), 2 built-in date (14), 3 the East Asian date 31
# (yyyy"年"m"月"d"日"), 4 a custom percent with a quoted %, 5 a custom duration; the one named
# style's xf (cellStyleXfs) comes first and is not counted.
STYLES = f"""<styleSheet {NS}>
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/>
<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/><xf numFmtId="31"/>
<xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"""
STRINGS = f"""<sst {NS}><si><t>涪城区</t></si>
<si><r><t>游仙</t></r><r><rPr><b/></rPr><t>区</t></r><rPh sb="0" eb="1"><t>ゆうせん</t></rPh></si>
<si><t>a_x000D_b_x005F_x0041_</t></si></sst>"""


def package(rows: str, *, strings: str = STRINGS, date1904: bool = False, extra: str = "") -> bytes:
    """A workbook of two sheets (the second hidden) whose first sheet holds `rows`."""
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    members = {
        "xl/workbook.xml": f'<workbook {NS} {R_NS}>{pr}<sheets><sheet name="填报" sheetId="1" '
        f'r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/>'
        f'<sheet name="图" sheetId="3" r:id="rId5"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="/xl/worksheets/s2.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId4" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId5" Type="{REL}/chartsheet" Target="chartsheets/c1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": f"<worksheet {NS}><sheetData>{rows}</sheetData>{extra}"
        "</worksheet>",
        "xl/worksheets/s2.xml": f"<worksheet {NS}><sheetData/></worksheet>",
        "xl/chartsheets/c1.xml": f"<chartsheet {NS}/>",
        "xl/sharedStrings.xml": strings,
        "xl/styles.xml": STYLES,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def rebuild(
    data: bytes,
    *,
    rename: Callable[[str], str] = lambda name: name,
    change: Callable[[str, bytes], bytes] = lambda name, content: content,
    add: dict[str, str] | None = None,
    drop: frozenset[str] | set[str] = frozenset(),
) -> bytes:
    """The package with its entries renamed, changed, added (or replaced) and dropped."""
    added = dict(add or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            if name not in drop and name not in added:
                target.writestr(rename(name), change(name, source.read(name)))
        for name, content in added.items():
            target.writestr(name, content)
    return buffer.getvalue()


def read(rows: str, **options: object) -> list[Row]:
    book = Package(package(rows, **options))  # type: ignore[arg-type]
    return list(book.rows(book.sheets[0]))


def values(rows: str, **options: object) -> dict[str, object]:
    """Each cell's value by its reference (A1 …)."""
    return {
        f"{chr(64 + col)}{row.number}": cell.value
        for row in read(rows, **options)
        for col, cell in row.cells.items()
    }


def test_sheets_in_tab_order_with_their_state_and_no_chart_sheet() -> None:
    book = Package(package(""))
    assert [(s.title, s.part, s.hidden) for s in book.sheets] == [
        ("填报", "xl/worksheets/sheet1.xml", False),
        ("隐藏", "xl/worksheets/s2.xml", True),
    ]


def test_each_kind_of_cell_is_read_as_excel_shows_it() -> None:
    got = values(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>江油市</t></is></c>'
        '<c r="D1" t="inlineStr"><is><r><t>安</t></r><r><t>州区</t></r></is></c>'
        '<c r="E1"><v>88.5</v></c><c r="F1"><v>7</v></c><c r="G1"><v>1E-3</v></c>'
        '<c r="H1" t="b"><v>1</v></c><c r="I1" t="b"><v>0</v></c>'
        '<c r="J1" t="e"><v>#REF!</v></c><c r="K1" t="str"><f>A1</f><v>涪城区</v></c>'
        '<c r="L1"><f>1/0</f></c><c r="M1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="N1" s="1"/><c r="O1" t="s"><v>2</v></c><c r="P1" t="str"><v>x_x0001_</v></c></row>'
    )
    assert got == {
        "A1": "涪城区",
        "B1": "游仙区",  # rich text runs joined, the phonetic guide (rPh) left out
        "C1": "江油市",
        "D1": "安州区",
        "E1": 88.5,
        "F1": 7,
        "G1": 0.001,
        "H1": True,
        "I1": False,
        "J1": CellError("#REF!"),
        "K1": "涪城区",  # a formula's saved result
        "L1": NO_CACHED_VALUE,  # a formula whose result was never saved: not blank
        "M1": CellError("#DIV/0!"),
        "N1": None,
        "O1": "a\rb_x0041_",  # _x000D_ is a carriage return; _x005F_ an escaped underscore
        "P1": "x\x01",
    }
    assert type(got["F1"]) is int and isinstance(got["J1"], CellError)


def test_escaped_utf16_halves_pair_up_and_a_lone_one_is_a_replacement_character() -> None:
    # a unit list or group name holding _xD800_ would otherwise reach the scored workbook, which
    # cannot hold it (mypm crashed writing it)
    got = values(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>组_xD800_</t></is></c>'
        '<c r="B1" t="str"><v>_xD83D__xDE00_!</v></c></row>'
    )
    assert got == {"A1": "组\ufffd", "B1": "\U0001f600!"}


def test_number_formats_give_percent_and_dates() -> None:
    # 41639 is 2013-12-31 from 1899-12-30; 0.5 of a day is 12:00; 1.5 in [h]:mm is 36 hours
    rows = read(
        '<row r="2"><c r="A2" s="1"><v>0.95</v></c><c r="B2" s="4"><v>95</v></c>'
        '<c r="C2" s="2"><v>41639</v></c><c r="D2" s="3"><v>41639.5</v></c>'
        '<c r="E2" s="5"><v>1.5</v></c><c r="F2" s="0"><v>41639</v></c>'
        '<c r="G2" s="2"><v>1E+300</v></c></row>'
    )
    cells = rows[0].cells
    assert [cells[c].percent for c in range(1, 8)] == [True] + [False] * 6  # "%" quoted in B
    assert cells[3].value == dt.datetime(2013, 12, 31)
    assert cells[4].value == dt.datetime(2013, 12, 31, 12)  # the East Asian 31: a date
    assert cells[5].value == dt.timedelta(hours=36)
    assert cells[6].value == 41639  # General: a number
    assert cells[7].value == CellError("#VALUE!")  # beyond the dates Excel shows (#######)


def test_the_1904_date_system() -> None:
    # 0 is 1904-01-01 in the 1904 system; 41639 - 1462 days is 2013-12-31 there
    assert values('<row r="1"><c r="A1" s="2"><v>40177</v></c></row>', date1904=True) == {
        "A1": dt.datetime(2013, 12, 31)
    }


# (format id, code in the workbook or "" for a built-in one) → percent, date or time, elapsed
@pytest.mark.parametrize(
    ("fmt_id", "code", "shown"),
    [
        (0, "", (False, False, False)),  # General
        (3, "", (False, False, False)),  # #,##0
        (9, "", (True, False, False)),  # 0%
        (10, "", (True, False, False)),  # 0.00%
        (14, "", (False, True, False)),  # mm-dd-yy
        (18, "", (False, True, False)),  # h:mm AM/PM: a time of day
        (46, "", (False, True, True)),  # [h]:mm:ss
        (31, "", (False, True, False)),  # East Asian: yyyy"年"m"月"d"日", by id alone
        (49, "", (False, False, False)),  # @: text
        (164, "General", (False, False, False)),
        (164, "0.0%", (True, False, False)),
        (164, '0.0"%"', (False, False, False)),  # a quoted % is only shown
        (164, "0.0\\%", (False, False, False)),  # so is an escaped one
        (164, '0.00" days"', (False, False, False)),  # letters in quotes are no date
        (164, "#,##0.00_);[Red](#,##0.00)", (False, False, False)),  # _) and [Red]
        (164, "[DBNum1][$-804]General", (False, False, False)),  # Chinese numerals
        (164, '[$-804]yyyy"年"m"月"d"日"', (False, True, False)),
        (164, "yyyy/m/d h:mm", (False, True, False)),
        (164, "[mm]:ss", (False, True, True)),
        (164, '0;-0;"-";@', (False, False, False)),  # only the first section is a date's
        (164, "0;d", (False, False, False)),
    ],
)
def test_what_a_number_format_shows(fmt_id: int, code: str, shown: tuple[bool, ...]) -> None:
    full = numfmt.code_of(fmt_id, {164: code} if code else {})
    assert (
        numfmt.shows_percent(full),
        numfmt.shows_date(fmt_id, full),
        numfmt.shows_elapsed(full),
    ) == shown


@pytest.mark.parametrize(
    ("serial", "date1904", "elapsed", "shown"),
    [
        (1, False, False, dt.datetime(1900, 1, 1)),  # day 1
        (59, False, False, dt.datetime(1900, 2, 28)),
        (60, False, False, dt.datetime(1900, 2, 28)),  # the day that never was: the day before
        (0, False, False, dt.time(0)),  # Excel's "1900-01-00": midnight
        (61, False, False, dt.datetime(1900, 3, 1)),  # 60 is Excel's 1900-02-29
        (41639.75, False, False, dt.datetime(2013, 12, 31, 18)),
        (0.25, False, False, dt.time(6)),  # under a day: a time of day
        (1462, True, False, dt.datetime(1908, 1, 2)),  # 1904 + 4 years (1461 days) + 1 day
        (1.5, False, True, dt.timedelta(hours=36)),
        (1.4 / 86_400_000, False, True, dt.timedelta(milliseconds=1)),  # 1.4 ms: to the ms
    ],
)
def test_a_date_formats_number_as_excel_shows_it(
    serial: float, date1904: bool, elapsed: bool, shown: object
) -> None:
    assert numfmt.date_of(serial, date1904=date1904, elapsed=elapsed) == shown


def test_a_date_cell_holds_iso_8601_text() -> None:
    # Excel's strict format writes t="d" cells: a date, a date and time, a time, a duration;
    # a zone is dropped (Excel's dates are local); text that names no date is the cell's error
    cells = [
        "2013-12-31",
        "2013-12-31T12:30:00",
        "2013-12-31T00:00:00Z",
        "2013-12-31T12:30:00+08:00",
        "2013-12-31 12:30:00",
        "T08:15:00",
        "08:15:00.5",
        "PT36H0M0S",
        "PT1H30M",
        "PT1.5S",
        "31/12/2013",
    ]
    row = "".join(f'<c r="{chr(65 + i)}1" t="d"><v>{v}</v></c>' for i, v in enumerate(cells))
    assert list(values(f'<row r="1">{row}</row>').values()) == [
        dt.date(2013, 12, 31),
        dt.datetime(2013, 12, 31, 12, 30),
        dt.datetime(2013, 12, 31),
        dt.datetime(2013, 12, 31, 12, 30),
        dt.datetime(2013, 12, 31, 12, 30),
        dt.time(8, 15),
        dt.time(8, 15, 0, 500_000),
        dt.timedelta(hours=36),
        dt.timedelta(hours=1, minutes=30),
        dt.timedelta(seconds=1.5),
        CellError("#VALUE!"),
    ]


def test_rows_and_cells_without_references_follow_the_previous_ones() -> None:
    rows = read(
        '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row>'
        '<row hidden="1"><c><v>3</v></c></row><row r="9" hidden="true"/>'
    )
    assert [(r.number, r.hidden, {c: v.value for c, v in r.cells.items()}) for r in rows] == [
        (3, False, {2: 1, 3: 2}),
        (4, True, {1: 3}),
        (9, True, {}),
    ]


# --- issue 27: what Excel never writes is refused where it is, never read as a guess ----------


@pytest.mark.parametrize(
    ("rows", "message", "cell"),
    [
        pytest.param(
            '<row r="6"><c r="P6"><v>84.36</v></c><c r="P6"><v>77.72</v></c></row>',
            Msg.of("input.cell_twice"),
            "P6",
            id="a cell given twice in a row",
        ),
        pytest.param(
            '<row r="6"><c r="A6"><v>1</v></c><c><v>2</v></c><c r="B6"><v>3</v></c></row>',
            Msg.of("input.cell_twice"),
            "B6",
            id="a cell without a reference, then given again",
        ),
        pytest.param(
            '<row r="6"><c r="P6"><v>1</v></c></row><row r="6"><c r="Q6"><v>2</v></c></row>',
            Msg.of("input.row_twice", row=6),
            "",
            id="a row given twice",
        ),
        pytest.param(
            '<row r="5"><c r="P5"><v>1</v></c></row><row><c r="P6"><v>1</v></c></row>'
            '<row r="6"><c r="P6"><v>2</v></c></row>',
            Msg.of("input.row_twice", row=6),
            "",
            id="a row numbered after the last, then given again",
        ),
        pytest.param(
            '<row r="6"><c r="P999"><v>1</v></c></row>',
            Msg.of("input.cell_outside_row", ref="P999", row=6),
            "",
            id="a cell outside its row",
        ),
        pytest.param(
            '<row r="6"><c r="P"><v>1</v></c></row>',
            Msg.of("input.cell_outside_row", ref="P", row=6),
            "",
            id="a cell reference without its row",
        ),
        pytest.param(
            '<row r="6"><c r="A6"><v>7_1</v></c></row>',
            Msg.of("input.bad_number", text="7_1"),
            "A6",
            id="a digit separator",
        ),
        pytest.param(
            '<row r="6"><c r="A6"><v>٧١</v></c></row>',
            Msg.of("input.bad_number", text="٧١"),
            "A6",
            id="Arabic-Indic digits",
        ),
        pytest.param(
            '<row r="6"><c r="A6"><v>７１.5</v></c></row>',
            Msg.of("input.bad_number", text="７１.5"),
            "A6",
            id="full-width digits",
        ),
        pytest.param(
            '<row r="6"><c r="A6"><v>1_000.5</v></c></row>',
            Msg.of("input.bad_number", text="1_000.5"),
            "A6",
            id="a separator in a decimal",
        ),
        pytest.param(
            '<row r="6"><c><v>1</v></c><c><v> 2</v></c></row>',
            Msg.of("input.bad_number", text=" 2"),
            "B6",
            id="a space, in a cell without a reference",
        ),
    ],
)
def test_what_excel_never_writes_is_refused_at_its_cell(rows: str, message: Msg, cell: str) -> None:
    with pytest.raises(Damaged) as caught:
        read(rows)
    assert (caught.value.part, caught.value.message, caught.value.cell) == (
        "xl/worksheets/sheet1.xml",
        message,
        cell,
    )


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="٧"><c><v>1</v></c></row>',  # an Arabic-Indic row number
        '<row r="1_0"><c><v>1</v></c></row>',
        '<row r="1"><c r="A1" s="1_0"><v>1</v></c></row>',  # a style id
        '<row r="1"><c r="A1" t="s"><v>١</v></c></row>',  # a shared string's index
        '<row r="1"><c r="A1" t="b"><v>١</v></c></row>',  # a logical value
    ],
)
def test_numbers_of_the_package_itself_are_ascii_digits(rows: str) -> None:
    with pytest.raises(Damaged):
        read(rows)


def test_a_row_beyond_excels_last_column_is_damaged() -> None:
    with pytest.raises(Damaged):
        read(f'<row r="1">{"<c/>" * 16_385}</row>')  # cells without references: XFD, then?
    (row,) = read(f'<row r="1">{"<c/>" * 16_384}</row>')
    assert max(row.cells) == 16_384


@pytest.mark.parametrize(
    ("names", "more"),
    [
        # with worksheet, sheetData and extLst: 1,000 names
        ("".join(f"<x{n}/>" for n in range(997)), "<y/>"),
        ("<x " + " ".join(f'a{n}=""' for n in range(996)) + "/>", '<x b=""/>'),
    ],
    ids=["elements", "attributes"],
)
def test_a_part_of_more_names_than_excel_writes_is_damaged(names: str, more: str) -> None:
    # the parser keeps every name it meets: a million made-up ones cost hundreds of MB
    assert read("", extra=f"<extLst>{names}</extLst>") == []
    with pytest.raises(Damaged) as caught:
        read("", extra=f"<extLst>{names}{more}</extLst>")
    assert caught.value.part == "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize(
    ("run", "damaged"),
    [
        ('<x a="' + "b" * (256 * 1024 - 8) + '"/>', False),  # 256 KB from one "<" to the next
        ('<x a="' + "b" * (256 * 1024 - 7) + '"/>', True),
        ("<x>" + "b" * (256 * 1024 - 2) + "</x>", False),  # text between tags likewise
        ("<x>" + "b" * (256 * 1024 - 1) + "</x>", True),
        ('<x a=">"' + ' b=">"' * 50_000 + "/>", True),  # > in values ends no tag
    ],
    ids=["tag", "longer tag", "text", "longer text", "tag of many >"],
)
def test_markup_longer_than_excel_writes_is_damaged(run: str, damaged: bool) -> None:
    # one tag of 2.5 million attributes took 48 s of CPU and 733 MB: the parser reads a tag
    # again at every read until it sees its end
    if damaged:
        with pytest.raises(Damaged) as caught:
            read("", extra=f"<extLst>{run}</extLst>")
        assert caught.value.part == "xl/worksheets/sheet1.xml"
    else:
        assert read("", extra=f"<extLst>{run}</extLst>") == []


def test_references_are_read_as_excel_writes_them() -> None:
    (row,) = read(
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c><c r="AA1048576"><v>2</v></c>'
        '<x/><c r="Z1048576"><v>1e3</v></c><c r="B1048576" t="inlineStr"/>'
        '<c r="C1048576" t="s"><v>3</v></c></row>',
        strings=f"<sst {NS}><si><t/></si><si><r><t/></r></si><si><t>a</t><r><t/></r></si>"
        "<si><t></t></si></sst>",
    )
    assert row.number == 1_048_576
    assert {col: cell.value for col, cell in row.cells.items()} == {
        16_384: 1,
        27: 2,
        26: 1000.0,
        2: None,  # an inline string without its text
        3: "",
    }
    (first,) = read("<row><c><v>1</v></c></row>")
    assert first.number == 1


@pytest.mark.parametrize("ref", ["1A1", "\u00e91", "AAAA1"])
def test_a_column_that_is_no_column_of_excels_is_damaged(ref: str) -> None:
    with pytest.raises(Damaged):
        read(f'<row r="1"><c r="{ref}"><v>1</v></c></row>')


def test_a_cell_given_twice_is_named_by_its_column_letters() -> None:
    with pytest.raises(Damaged) as caught:
        read('<row r="6"><c r="AA6"><v>1</v></c><c r="AA6"><v>2</v></c></row>')
    assert caught.value.cell == "AA6"


def test_a_merged_range_without_its_reference_is_damaged() -> None:
    with pytest.raises(Damaged):
        read("", extra="<mergeCells><mergeCell/></mergeCells>")


EXTERNAL = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml" '
    'TargetMode="External"/>'
    f'<Relationship Id="rId9" Type="{REL}/worksheet"/><Relationship Id="rId8" Target="x.xml"/>'
    '<Relationship Id="rId7" Type="x" Target="x.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="..\\..\\xl\\worksheets\\s2.xml"/>'
    "</Relationships>"
)


def test_relationships_as_office_resolves_them() -> None:
    # an external target is no part of the package; a target without its part is none; a
    # relative one resolves from the workbook's folder, no higher than the package's root
    book = Package(rebuild(package(""), add={"xl/_rels/workbook.xml.rels": EXTERNAL}))
    assert [(sheet.title, sheet.part) for sheet in book.sheets] == [
        ("隐藏", "xl/worksheets/s2.xml")
    ]


def test_styles_are_found_through_their_relationship() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}/styles" Target="look/s.xml"/></Relationships>'
    )
    rows = '<row r="1"><c r="A1" s="1"><v>0.5</v></c></row>'
    moved = rebuild(
        package(rows), add={"xl/_rels/workbook.xml.rels": rels, "xl/look/s.xml": STYLES}
    )
    book = Package(rebuild(moved, drop={"xl/styles.xml"}))
    assert [cell.percent for row in book.rows(book.sheets[0]) for cell in row.cells.values()] == [
        True
    ]
    lost = Package(rebuild(moved, drop={"xl/look/s.xml"}))
    with pytest.raises(Damaged) as caught:
        list(lost.rows(lost.sheets[0]))
    assert caught.value.message == Msg.of("input.no_styles", part="xl/look/s.xml")
    norel = rels.replace(f'<Relationship Id="rId4" Type="{REL}/styles" Target="look/s.xml"/>', "")
    bare = Package(
        rebuild(moved, add={"xl/_rels/workbook.xml.rels": norel}, drop={"xl/styles.xml"})
    )
    with pytest.raises(Damaged) as caught:
        list(bare.rows(bare.sheets[0]))
    assert caught.value.message == Msg.of("input.no_styles", part="xl/styles.xml")


def test_the_1904_date_system_written_as_true() -> None:
    data = rebuild(
        package('<row r="1"><c r="A1" s="2"><v>0</v></c><c r="B1" s="2"><v>1</v></c></row>'),
        change=lambda name, content: content.replace(
            b"<workbookPr/>", b'<workbookPr date1904="true"/>'
        ),
    )
    book = Package(data)
    (row,) = book.rows(book.sheets[0])
    assert row.cells[2].value == dt.datetime(1904, 1, 2)


def test_what_is_no_zip_is_a_damaged_package() -> None:
    with pytest.raises(Damaged) as caught:
        Package(b"PK no zip")
    assert caught.value.part == ""


@pytest.mark.parametrize(
    ("styles", "percent"),
    [
        (f'<styleSheet {NS}><numFmts><numFmt numFmtId="10"/></numFmts>'
         '<cellXfs><xf numFmtId="10"/><xf/></cellXfs></styleSheet>', frozenset({0})),
        (f"<styleSheet {NS}><fonts/></styleSheet>", frozenset()),
    ],
    ids=["a format without its code, an xf without its format", "no cell formats"],
)  # fmt: skip
def test_styles_missing_what_excel_leaves_out(styles: str, percent: frozenset[int]) -> None:
    book = Package(rebuild(package(""), add={"xl/styles.xml": styles}))
    assert book.styles.percent == percent and book.styles.dates == frozenset()


@pytest.mark.parametrize(
    "styles",
    [
        f'<styleSheet {NS}><numFmts><numFmt numFmtId="x" formatCode="0%"/></numFmts></styleSheet>',
        f'<styleSheet {NS}><cellXfs><xf numFmtId="1_0"/></cellXfs></styleSheet>',
    ],
)
def test_a_format_id_that_is_no_number_is_damaged_styles(styles: str) -> None:
    with pytest.raises(Damaged) as caught:
        Package(rebuild(package(""), add={"xl/styles.xml": styles}))
    assert caught.value.part == "xl/styles.xml"


def test_rows_numbered_out_of_order_are_read_each_once() -> None:
    rows = read('<row r="7"><c r="A7"><v>7</v></c></row><row r="6.0"><c r="A6"><v>6</v></c></row>')
    assert [(row.number, row.cells[1].value) for row in rows] == [(7, 7), (6, 6)]


def test_two_zip_entries_of_one_name_are_a_damaged_file() -> None:
    data = package('<row r="1"><c r="A1"><v>1</v></c></row>')
    buffer = io.BytesIO(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to write
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr(
                "xl/worksheets/sheet1.xml", f"<worksheet {NS}><sheetData/></worksheet>"
            )
    with pytest.raises(Damaged) as caught:
        Package(buffer.getvalue())
    expected = Msg.of("input.duplicate_member", part="xl/worksheets/sheet1.xml")
    assert caught.value.message == expected


def test_entries_that_differ_only_in_case_are_one_part_twice() -> None:
    data = rebuild(package(""), add={"XL/Styles.xml": STYLES})
    with pytest.raises(Damaged) as caught:
        Package(data)
    assert caught.value.message == Msg.of("input.duplicate_member", part="XL/Styles.xml")


def test_a_workbook_without_its_styles_says_so_at_the_first_styled_cell() -> None:
    data = rebuild(
        package('<row r="6"><c r="A6"><v>1</v></c><c r="B6" s="1"><v>0.95</v></c></row>'),
        drop={"xl/styles.xml"},
    )
    book = Package(data)
    with pytest.raises(Damaged) as caught:
        list(book.rows(book.sheets[0]))
    expected = Msg.of("input.no_styles", part="xl/styles.xml")
    assert (caught.value.message, caught.value.cell) == (expected, "B6")


def test_a_workbook_without_styles_or_styled_cells_reads() -> None:
    data = rebuild(package('<row r="6"><c r="A6"><v>0.95</v></c></row>'), drop={"xl/styles.xml"})
    book = Package(data)
    (row,) = book.rows(book.sheets[0])
    assert row.cells[1] == (0.95, False)


def test_an_inline_string_is_unescaped_once() -> None:
    # _x005F_ is the escaped underscore: the text typed was _x000D_, not a carriage return
    got = values(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x005F_x000D_b</t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><t>_x005F_</t></r><r><t>x0041_</t></r></is></c></row>'
    )
    assert got == {"A1": "a_x000D_b", "B1": "_x0041_"}


# --- issue 27: files Office opens -------------------------------------------------------------


def strict(data: bytes) -> bytes:
    """The package as Excel's "Strict Open XML Spreadsheet" writes it."""
    return rebuild(data, change=lambda name, content: to_strict(content.decode()).encode())


ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.95</v></c>'
    '<c r="C1" s="2"><v>41639</v></c><c r="D1" t="inlineStr"><is><t>江油市</t></is></c></row>'
)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(strict, id="Strict Open XML"),
        pytest.param(
            lambda data: rebuild(data, rename=lambda name: name.replace("/", "\\")),
            id="zip entries named with backslashes",
        ),
        pytest.param(
            lambda data: rebuild(
                data,
                rename=lambda name: {
                    "xl/sharedStrings.xml": "xl/SharedStrings.xml",
                    "xl/worksheets/sheet1.xml": "XL/Worksheets/Sheet1.XML",
                }.get(name, name),
            ),
            id="part names differing from their relationship in case",
        ),
        pytest.param(
            lambda data: rebuild(
                data,
                rename=lambda name: {
                    "xl/workbook.xml": "xl/book.xml",
                    "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels",
                }.get(name, name),
                add={"_rels/.rels": ROOT_RELS.format(target="xl/book.xml")},
            ),
            id="a workbook found through _rels/.rels",
        ),
        pytest.param(
            lambda data: rebuild(
                data,
                rename=lambda name: "wb/" + name.removeprefix("xl/"),
                change=lambda name, content: content.replace(b"/xl/", b"/wb/"),
                add={"_rels/.rels": ROOT_RELS.format(target="/wb/workbook.xml")},
            ),
            id="a workbook in another folder",
        ),
    ],
)
def test_packages_office_opens_are_read_as_office_reads_them(variant) -> None:
    expected = values(ROWS)
    book = Package(variant(package(ROWS)))
    assert [sheet.title for sheet in book.sheets] == ["填报", "隐藏"]
    got = {
        f"{chr(64 + col)}{row.number}": (cell.value, cell.percent)
        for row in book.rows(book.sheets[0])
        for col, cell in row.cells.items()
    }
    assert got == {
        "A1": ("涪城区", False),
        "B1": (0.95, True),
        "C1": (dt.datetime(2013, 12, 31), False),
        "D1": ("江油市", False),
    }
    assert {ref: value for ref, (value, _) in got.items()} == expected


ROOT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/></Relationships>'
)


# --- issue 27: what is parsed is paid for, each time it is parsed ------------------------------


def test_a_part_named_by_two_sheets_is_paid_for_twice() -> None:
    data = package('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>')
    with budget.run_budget() as spent:
        book = Package(data)
        after_open = (spent.inflated, spent.whole, spent.elements)
        first = list(book.rows(book.sheets[0]))
        once = (spent.inflated, spent.elements)
        second = list(book.rows(book.sheets[0]))
        twice = (spent.inflated, spent.elements)
    sheet = len(zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))
    # worksheet, sheetData, row, two cells and their values: 7 elements
    assert after_open[0] - once[0] == sheet and after_open[2] - once[1] == 7
    assert once[0] - twice[0] == sheet and once[1] - twice[1] == 7
    assert first == second
    read_whole = [
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
    ]
    members = zipfile.ZipFile(io.BytesIO(data))
    assert budget.DEFAULT.whole - after_open[1] == sum(
        members.getinfo(n).file_size for n in read_whole
    )


def test_parts_never_read_cost_nothing() -> None:
    data = rebuild(
        package(""), add={"xl/theme/theme1.xml": "x" * 4_000_000, "xl/comments1.xml": "y" * 100}
    )
    with budget.run_budget() as spent:
        Package(data)
    assert budget.DEFAULT.whole - spent.whole < 10_000
    assert budget.DEFAULT.inflated - spent.inflated < 10_000


def test_elements_are_paid_for_wherever_they_are(monkeypatch) -> None:
    junk = "<x/>" * 5_000  # no row, no cell: only elements
    monkeypatch.setattr("mypm.core.budget.DEFAULT", replace(budget.DEFAULT, elements=9_000))
    with budget.run_budget():
        book = Package(package("", extra=f"<extLst>{junk}</extLst>"))
        list(book.rows(book.sheets[0]))
        with pytest.raises(budget.BudgetSpent) as caught:
            list(book.rows(book.sheets[0]))
    assert (caught.value.kind, caught.value.part) == ("elements", "xl/worksheets/sheet1.xml")


def test_merged_ranges_are_known_after_the_rows() -> None:
    book = Package(
        package(
            '<row r="1"><c r="A1"><v>1</v></c></row>',
            extra='<mergeCells count="2"><mergeCell ref="D6:C7"/><mergeCell ref="B2"/>'
            "</mergeCells>",
        )
    )
    sheet = book.rows(book.sheets[0])
    assert sheet.merged == []
    list(sheet)
    assert [tuple(m) for m in sheet.merged] == [("D6:C7", 3, 6, 4, 7), ("B2", 2, 2, 2, 2)]


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"><c r="A1" t="s"><v>3</v></c></row>',  # no such shared string
        '<row r="1"><c r="A1" t="s"><v>-1</v></c></row>',  # not the last one either
        '<row r="1"><c r="A1"><v>九十</v></c></row>',  # a number that is none
        '<row r="1"><c r="A1" t="x"><v>1</v></c></row>',  # a cell type Excel does not have
        '<row r="0"><c r="A1"><v>1</v></c></row>',  # rows start at 1
        '<row r="1048577"><c><v>1</v></c></row>',  # beyond Excel's last row
        '<row r="1"><c r="XFE1"><v>1</v></c></row>',  # beyond Excel's last column
        '<row r="1"><c r="1A"><v>1</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></row>',  # not well-formed
        '<row r="1"><c r="A1"><v>&lol;</v></c></row>',  # an undefined entity
    ],
)
def test_damaged_sheet_content_is_damaged(rows: str) -> None:
    with pytest.raises(Damaged) as caught:
        read(rows)
    assert caught.value.part == "xl/worksheets/sheet1.xml"


def test_a_damaged_merged_range_is_damaged() -> None:
    with pytest.raises(Damaged):
        read("", extra='<mergeCells><mergeCell ref="A1:B"/></mergeCells>')


@pytest.mark.parametrize(
    "strings",
    [
        f"<sst {NS}><si><t>x</t></si>",  # cut off
        f'<!DOCTYPE sst [<!ENTITY a "b">]><sst {NS}><si><t>&a;</t></si></sst>',
    ],
    ids=["truncated", "entity"],
)
def test_a_damaged_part_read_whole_is_damaged(strings: str) -> None:
    with pytest.raises(Damaged) as caught:
        Package(package("", strings=strings))
    assert caught.value.part == "xl/sharedStrings.xml"


def test_a_package_without_its_workbook_part_is_damaged() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/styles.xml", STYLES)
    with pytest.raises(Damaged) as caught:
        Package(buffer.getvalue())
    assert caught.value.part == "xl/workbook.xml"


def test_a_bug_in_the_cell_parse_is_an_internal_error_not_a_damaged_file(
    run, tmp_path, monkeypatch
) -> None:
    path = good_workbook(tmp_path / "county.xlsx")

    def bug(*args: object) -> None:
        raise TypeError("mypm's own mistake")

    monkeypatch.setattr("mypm.read.ooxml.SheetRows._value", bug)
    result = run("score", path, "-o", tmp_path / "out.xlsx")
    assert result.code == 70, result.err
    assert "已损坏" not in result.err
    assert not (tmp_path / "out.xlsx").exists()


def test_the_example_saved_again_by_libreoffice_scores_the_same(run, tmp_path: Path) -> None:
    """Another writer's package (shared strings, its own styles and number format ids,
    hidden="false" on every row) gives every value, score and rank that mypm's own gives."""
    example = REPO / "examples" / "county-2013.xlsx"
    libreoffice("xlsx:Calc MS Excel 2007 XML", tmp_path, example)
    resaved = tmp_path / example.name
    with zipfile.ZipFile(resaved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()  # unlike mypm's inline strings

    def scores(path: Path) -> dict[str, object]:
        result = run("score", path, "--format", "json")
        assert result.code == 0, result.err
        return {
            unit["unit"]: (
                unit["total"],
                unit["rank"],
                {key: (f["value"], f["score"]) for key, f in unit["fields"].items()},
            )
            for unit in json.loads(result.out)["units"]
        }

    assert scores(resaved) == scores(example)
    assert len(scores(example)) == 14
