"""One unit's form (`template --per-unit`): laid out for the unit, read back by its key column
(with or without document properties, after a trip through LibreOffice), bad edits named at
their cells, and on paper: A4 portrait, page numbers, at most two pages of form and one of 说明."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import COUNTY, DEPARTMENT, libreoffice
from fill import fill_entry_workbook
from mypm.core.rules import load_rule_file
from test_print import _read_pdf, _require_programs
from test_status import FIELDS

FULL = {key: value for fields in FIELDS.values() for key, value in fields.items()}
A4_PORTRAIT = (595.28, 841.89)  # points


def _form(run, folder: Path, *args: str) -> Path:
    """涪城区's form (county rules), as `template --per-unit` writes it, filled in full."""
    units = folder / "units.txt"
    units.write_text("涪城区\n", encoding="utf-8")
    out = folder / "forms"
    result = run("template", "--kind", "county", "--per-unit", *args, "--units", units, "-o", out)
    assert result.code == 0, result.err
    (path,) = out.iterdir()
    fill_entry_workbook(path, {"涪城区": FULL})
    return path


def _without_properties(path: Path) -> None:
    """The file as a program that drops custom document properties saves it."""
    with zipfile.ZipFile(path) as archive:
        data = {name: archive.read(name) for name in archive.namelist()}
    del data["docProps/custom.xml"]
    for name in ("[Content_Types].xml", "_rels/.rels"):  # the part's entries, gone with it
        data[name] = re.sub(rb"<[^<>]*custom\.xml[^<>]*/>", b"", data[name])
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in data.items():
            archive.writestr(name, content)


def test_a_unit_form_resaved_by_libreoffice_without_properties_scores(run, tmp_path: Path) -> None:
    path = _form(run, tmp_path)
    resaved = tmp_path / "resaved"
    resaved.mkdir()
    libreoffice("xlsx", resaved, path)
    (again,) = resaved.glob("*.xlsx")
    _without_properties(again)
    with zipfile.ZipFile(again) as archive:
        assert "docProps/custom.xml" not in archive.namelist()
    result = run(
        "score", again, "--kind", "county", "--format", "json", "--units", tmp_path / "units.txt"
    )
    # every base field at full marks (90), 社会公众评价 90/100 × 10 = 9: 99.00
    assert result.code == 0, result.err
    assert '"total": 99' in result.out


def test_a_unit_whose_value_is_taken_from_peers_is_not_asked_for_it(run, tmp_path: Path) -> None:
    # 市总工会's 社会评价 is the mean of its peers' (the department rules' 备注): its row says
    # so, and its entry cell is grey and locked; every other entry cell is open
    units = tmp_path / "units.txt"
    units.write_text("市总工会\n", encoding="utf-8")
    out = tmp_path / "forms"
    assert (
        run("template", "--kind", "department", "--per-unit", "--units", units, "-o", out).code == 0
    )
    (path,) = out.iterdir()
    ws = load_workbook(path)["填报"]
    rows = _rows(path)
    derived = rows["public.evaluation"]
    assert ws.cell(derived, 6).value.startswith("无需填写")
    assert ws.cell(derived, 7).protection.locked
    assert ws.cell(derived, 7).fill.fgColor.rgb.endswith("EDEDED")
    leaves = [key for key in rows if "." in key and " " not in key]
    assert len(leaves) > 20
    assert [k for k in leaves if ws.cell(rows[k], 7).protection.locked] == ["public.evaluation"]


def _rows(path: Path) -> dict[str, int]:
    ws = load_workbook(path)["填报"]
    return {ws.cell(r, 8).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 8).value}


def _edit(path: Path, change) -> None:
    wb = load_workbook(path)
    change(wb["填报"])
    wb.save(path)


def test_a_value_off_the_entry_rows_is_named_at_its_cell(run, tmp_path: Path) -> None:
    path = _form(run, tmp_path)
    below = max(_rows(path).values()) + 2
    _edit(path, lambda ws: ws.cell(below, 7, 3))
    result = run("score", path, "--units", tmp_path / "units.txt", "-q")
    assert result.code == 1
    assert f"{path.name} › 填报 › G{below}" in result.err
    assert "这一行没有字段键，不是填报行" in result.err


def test_a_typed_over_key_is_named_with_the_key_it_was(run, tmp_path: Path) -> None:
    path = _form(run, tmp_path)
    row = _rows(path)["org.duties"]
    _edit(path, lambda ws: ws.cell(row, 8, "org.dutis"))
    result = run("score", path, "--units", tmp_path / "units.txt", "-q")
    assert result.code == 1
    assert f"{path.name} › 填报 › H{row}" in result.err
    assert "字段键“org.dutis”不在规则中，这一行没有读取（是否应为“org.duties”？）" in result.err
    assert "填报行不见了" not in result.err  # the typed-over row is not also "gone"


@pytest.mark.parametrize("key", ["bonus.overachieve", "org.leading_group"])
def test_a_removed_row_is_named_where_it_was(run, tmp_path: Path, key: str) -> None:
    """A bonus row taken out would count 0 without a word; the first field's row is named
    under the unit's row."""
    path = _form(run, tmp_path)
    row = _rows(path)[key]
    _edit(path, lambda ws: ws.delete_rows(row))
    result = run("score", path, "--units", tmp_path / "units.txt", "-q")
    assert result.code == 1
    assert f"{path.name} › 填报 › G{row}" in result.err
    assert f"字段键为“{key}”的填报行不见了（应在第 {row} 行附近）" in result.err


def test_a_key_on_two_rows_is_named_at_the_second(run, tmp_path: Path) -> None:
    path = _form(run, tmp_path)
    rows = _rows(path)
    first, second = rows["org.duties"], rows["org.rules"]
    _edit(path, lambda ws: ws.cell(second, 8, "org.duties"))
    result = run("score", path, "--units", tmp_path / "units.txt", "-q")
    assert result.code == 1
    assert f"{path.name} › 填报 › H{second}" in result.err
    assert f"字段键“org.duties”出现两次（已在 H{first}）" in result.err


# --- on paper ------------------------------------------------------------------------------------

FORMS = {  # name: (rules, template options, pages of 填报 at most)
    "county-unit": (COUNTY, ["--per-unit"], 2),
    "county-unit-self": (COUNTY, ["--per-unit", "--self-check"], 2),
    "county-unit-mslb": (COUNTY, ["--per-unit", "--certifier", "mslb"], 2),
    "department-unit-mslb": (DEPARTMENT, ["--per-unit", "--certifier", "mslb"], 2),
    "department-unit": (DEPARTMENT, ["--per-unit"], 2),
    "department-unit-self": (DEPARTMENT, ["--per-unit", "--self-check"], 2),
    "department-unit-derived": (DEPARTMENT, ["--per-unit"], 2),  # 市总工会: 社会评价 from peers
}
UNIT = {COUNTY: "涪城区", DEPARTMENT: "市教育局"}
UNIT_OF = {"department-unit-derived": "市总工会"}


def unit_of(name: str) -> str:
    return UNIT_OF.get(name) or UNIT[FORMS[name][0]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):
    from mypm.cli import main

    _require_programs()
    folder = tmp_path_factory.mktemp("unit-forms")
    books = []
    for name, (rules, args, _) in FORMS.items():
        units = folder / f"{name}.txt"
        units.write_text(f"{unit_of(name)}\n", encoding="utf-8")
        out = folder / name
        kind = rules.stem
        assert main(["template", "--kind", kind, *args, "--units", str(units), "-o", str(out)]) == 0
        (made,) = out.iterdir()
        books.append(shutil.copy(made, folder / f"{name}.xlsx"))
    for name, args in {
        "county-mdb": ["--kind", "county", "--certifier", "mdb"],
        "department-wc": ["--kind", "department", "--certifier", "work_committee"],
    }.items():
        assert main(["template", *args, "-o", str(folder / f"{name}.xlsx")]) == 0
        books.append(folder / f"{name}.xlsx")
    libreoffice("pdf", folder, *map(Path, books))
    return {
        name: _read_pdf(folder / f"{name}.pdf") for name in [*FORMS, "county-mdb", "department-wc"]
    }


def _signed_whole(page: str) -> None:
    """The title and signature block: no label broken across lines, no line opening with "）"."""
    lines = page.splitlines()
    for label in ("填报单位（盖章）：", "负责人：", "联系人：", "电话：", "日期："):
        assert sum(label in line for line in lines) == 1, label
    assert not any(line.startswith(("）", ")")) for line in lines)


@pytest.mark.parametrize("name", FORMS)
def test_a_unit_form_prints_upright_on_two_pages_and_a_page_of_guide(printed, name: str) -> None:
    pdf = printed[name]
    rules, _, most = FORMS[name]
    unit = unit_of(name)
    for n, (size, page) in enumerate(zip(pdf.sizes, pdf.pages, strict=True), start=1):
        assert size == pytest.approx(A4_PORTRAIT, abs=1), n
        assert f"第 {n} 页 共 {len(pdf.pages)} 页" in page, n
        assert unit in page, n  # in the header of every page
    form, guide = pdf.sheet("填报"), pdf.sheet("说明")
    assert len(guide) == 1
    _signed_whole(form[0])
    # the title opens with the unit's name, set apart (the header, which also names it, is
    # "填报 …")
    assert any(line.startswith(f"{unit} · 2013年度") for line in form[0].splitlines())
    text = "\n".join(form)
    # each category's name whole on its line, never broken inside a word
    for category in load_rule_file(rules).rules.categories:
        assert category.name in text or "--certifier" in FORMS[name][1], category.name
    # a field without points of its own says how it is scored
    for scoring in ("每次扣1分", "每次0.5分，最多2分", "每次扣0.5分"):
        assert scoring in text or "--certifier" in FORMS[name][1], scoring
    assert ("无需填写" in text) == (name == "department-unit-derived")
    # the header on every page, the unit's name over the entry column
    for header in ("考核项目", "考核指标", "分值", "考核组织", "结果认定", "填写内容", unit):
        assert all(header in page.splitlines()[2] for page in form)
    assert pdf.smallest_text >= 8.95
    assert len(form) <= most


def test_a_certifier_form_of_one_field_prints_its_units_on_one_upright_page(printed) -> None:
    for name, units in (("county-mdb", 14), ("department-wc", 15)):
        pdf = printed[name]
        form = pdf.sheet("填报")
        assert len(form) == 1, name
        assert pdf.sizes[0] == pytest.approx(A4_PORTRAIT, abs=1)
        _signed_whole(form[0])
        rules = load_rule_file(COUNTY if name == "county-mdb" else DEPARTMENT).rules
        assert len(rules.assessed_units) == units
        assert all(u.name in form[0] for u in rules.assessed_units)
    reference = printed["department-wc"].sheet("参照单位")
    assert len(reference) == 1
    _signed_whole(reference[0])
