"""mypm's own parse of an .xlsx package (workbook/ooxml.py), on parts written here by hand as
Excel, WPS and LibreOffice write them: each value is what Excel shows, and only what the
content causes is a damaged file."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from badfiles import good_workbook

from conftest import REPO, libreoffice
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
        "T08:15:00",
        "08:15:00.5",
        "PT36H0M0S",
        "PT1.5S",
        "31/12/2013",
    ]
    row = "".join(f'<c r="{chr(65 + i)}1" t="d"><v>{v}</v></c>' for i, v in enumerate(cells))
    assert list(values(f'<row r="1">{row}</row>').values()) == [
        dt.date(2013, 12, 31),
        dt.datetime(2013, 12, 31, 12, 30),
        dt.datetime(2013, 12, 31),
        dt.datetime(2013, 12, 31, 12, 30),
        dt.time(8, 15),
        dt.time(8, 15, 0, 500_000),
        dt.timedelta(hours=36),
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


def test_a_row_counts_every_cell_it_holds() -> None:
    (row,) = read('<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>')
    assert (row.size, row.cells[1].value) == (2, 2)  # the last of a column given twice


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
