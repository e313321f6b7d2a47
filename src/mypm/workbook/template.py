"""Blank entry workbooks (`mypm template`): entry sheet, reference sheet, guide, metadata."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mypm import __version__
from mypm.i18n import t
from mypm.labels import fill_text, measure_text, number
from mypm.rules import Leaf, RuleFile, RuleSet
from mypm.rules.model import Count, Percent, PerItem, Score, Unit, YesNo
from mypm.workbook import layout as L

SPARE_ROWS = 200  # validated blank rows below the listed units, for units the user adds


@dataclass(frozen=True)
class TemplateOptions:
    units: Sequence[Unit] | None = None  # None: the rule set's own list
    certifier: str | None = None  # keep only this certifier's fields
    sample: bool = False  # mark the workbook as made-up sample data
    self_check: bool = False  # a unit's self-check form: its values are never certified ones


def entry_leaves(rule_file: RuleFile, certifier: str | None) -> list[Leaf]:
    """The fields an entry workbook asks for: all, or those `certifier` certifies."""
    leaves = rule_file.rules.leaves
    return [leaf for leaf in leaves if certifier is None or certifier in leaf.certified_by]


def entry_cell(
    rule_file: RuleFile, certifier: str, units: Sequence[Unit], unit: str, key: str
) -> str:
    """Where a unit's field is on the certifier's blank form as `template --certifier` makes
    it (`county-填报-市财政局核定.xlsx!填报!H8`); "" for a unit not on the form."""
    leaves = [leaf.key for leaf in entry_leaves(rule_file, certifier)]
    reference = [u for u in units if u.role == "reference"]
    names = [u.name for u in units if u.role == "assessed"]
    sheet, first = L.sheet_name("entry"), 3  # unit and group come first
    if unit not in names and unit in [u.name for u in reference]:
        leaves = [k for k in leaves if k in reference_fields(rule_file)]
        names, sheet, first = [u.name for u in reference], L.sheet_name("reference"), 2
    if unit not in names or key not in leaves:
        return ""
    cell = f"{get_column_letter(first + leaves.index(key))}{L.FIRST_DATA_ROW + names.index(unit)}"
    return f"{template_name(rule_file.rules, certifier=certifier)}!{sheet}!{cell}"


def template_name(rules: RuleSet, *, certifier: str | None = None, self_check: bool = False) -> str:
    """The default file name of a blank form, the same in every language:
    `county-填报.xlsx`, `county-填报-市财政局核定.xlsx`, `county-自查表.xlsx`."""
    if self_check:
        return f"{rules.kind}-自查表.xlsx"
    suffix = f"-{rules.certifiers[certifier]}" if certifier else ""
    return f"{rules.kind}-填报{suffix}.xlsx"


def reference_fields(rule_file: RuleFile) -> list[str]:
    """The fields that derived rules draw from reference units."""
    rules = rule_file.rules
    reference = {u.name for u in rules.reference_units}
    fields = [d.field for d in rules.derived if d.mean_of != "all" and reference & set(d.mean_of)]
    return list(dict.fromkeys(fields))


def build_template(rule_file: RuleFile, options: TemplateOptions) -> Workbook:
    """The entry workbook for one rule set (or one certifier's share of it)."""
    rules = rule_file.rules
    wb = Workbook()
    entry = wb.active
    entry.title = L.sheet_name("entry")
    units = list(options.units) if options.units is not None else rules.assessed_units
    leaves = entry_leaves(rule_file, options.certifier)
    write_entry_sheet(entry, rule_file, leaves, units, with_group=True)

    wanted = set(reference_fields(rule_file))
    reference_leaves = [leaf for leaf in leaves if leaf.key in wanted]
    if reference_leaves and rules.reference_units:
        sheet = wb.create_sheet(L.sheet_name("reference"))
        write_entry_sheet(
            sheet, rule_file, reference_leaves, rules.reference_units, with_group=False
        )

    write_guide_sheet(wb.create_sheet(L.sheet_name("guide")), rule_file, leaves, options)
    _write_metadata(wb, rule_file, options)
    return wb


def write_entry_sheet(
    ws: Worksheet,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    units: Sequence[Unit],
    *,
    with_group: bool,
) -> None:
    """Header rows, the key row, one row per unit, and validation on every input cell."""
    fixed = [(L.UNIT_KEY, t("label.unit"), 18)]
    if with_group:
        fixed.append((L.GROUP_KEY, t("label.group"), 10))
    for col, (key, label, width) in enumerate(fixed, start=1):
        ws.merge_cells(start_row=1, start_column=col, end_row=L.HEADER_ROWS, end_column=col)
        _header(ws.cell(1, col, label), L.HEADER_FILL)
        ws.cell(L.KEY_ROW, col, key)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.cell(L.KEY_ROW, 1).comment = _comment(t("label.key_row"))

    first = len(fixed) + 1
    columns = {leaf.key: first + i for i, leaf in enumerate(leaves)}
    _write_group_headers(ws, rule_file, leaves, columns)
    for leaf in leaves:
        col = columns[leaf.key]
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 14
        hint = measure_text(leaf)
        if leaf.points is not None:
            hint = f"{t('label.points', points=number(leaf.points))} · {hint}"
        _header(ws.cell(4, col, hint), L.HEADER_FILL, bold=False)
        ws.cell(L.KEY_ROW, col, leaf.key)
        last = L.FIRST_DATA_ROW + len(units) + SPARE_ROWS - 1
        ws.add_data_validation(_validation(leaf, f"{letter}{L.FIRST_DATA_ROW}:{letter}{last}"))
        if isinstance(leaf.measure, Percent):
            for row in range(L.FIRST_DATA_ROW, last + 1):
                ws.cell(row, col).number_format = L.PERCENT_FORMAT

    for col in range(1, first + len(leaves)):
        key_cell = ws.cell(L.KEY_ROW, col)
        key_cell.fill, key_cell.font, key_cell.border = L.KEY_FILL, L.KEY_FONT, L.BORDER
    for row, unit in enumerate(units, start=L.FIRST_DATA_ROW):
        values = [unit.name, unit.group] if with_group else [unit.name]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            L.set_text(cell, value)
            cell.number_format = L.TEXT_FORMAT

    ws.freeze_panes = ws.cell(L.FIRST_DATA_ROW, first)
    for row, height in zip(range(1, L.HEADER_ROWS + 1), (24, 80, 56, 32), strict=True):
        ws.row_dimensions[row].height = height
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3  # some thirty columns: A4 would be unreadable
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{L.KEY_ROW}"


def _write_group_headers(
    ws: Worksheet, rule_file: RuleFile, leaves: Sequence[Leaf], columns: dict[str, int]
) -> None:
    """Row 1: categories (merged); row 2: indicators (merged over parts); row 3: parts."""
    rules = rule_file.rules
    category_titles = {
        c.id: f"{c.name}（{t('label.points', points=number(c.points))}）" for c in rules.categories
    }
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        suffix = f"（{t('label.cap', cap=number(cap))}）" if cap is not None else ""
        category_titles[section] = t(f"section.{section}") + suffix

    for group_id, run in itertools.groupby(leaves, key=lambda leaf: leaf.group_id):
        run_leaves = list(run)
        start, end = columns[run_leaves[0].key], columns[run_leaves[-1].key]
        _header(ws.cell(1, start, category_titles[group_id]), L.CATEGORY_FILL)
        if end > start:
            ws.merge_cells(start_row=1, start_column=start, end_row=1, end_column=end)

    for _owner, run in itertools.groupby(leaves, key=_owner_key):
        run_leaves = list(run)
        leaf = run_leaves[0]
        start, end = columns[leaf.key], columns[run_leaves[-1].key]
        title = leaf.name
        owner_points = _owner_points(rule_file, leaf)
        if owner_points:
            title = f"{title}（{owner_points}）"
        cell = ws.cell(2, start, title)
        _header(cell, L.HEADER_FILL)
        cell.comment = _comment(_leaf_help(rule_file, leaf))
        if leaf.part_name:
            for part in run_leaves:
                _header(ws.cell(3, columns[part.key], part.part_name), L.HEADER_FILL, bold=False)
            if end > start:
                ws.merge_cells(start_row=2, start_column=start, end_row=2, end_column=end)
        else:
            ws.merge_cells(start_row=2, start_column=start, end_row=3, end_column=start)


def _owner_key(leaf: Leaf) -> str:
    """The indicator or item a leaf belongs to (itself unless it is a part)."""
    return leaf.key.rsplit(".", 1)[0] if leaf.part_name else leaf.key


def _owner_points(rule_file: RuleFile, leaf: Leaf) -> str:
    rules = rule_file.rules
    if leaf.section == "base":
        cat = next(c for c in rules.categories if c.id == leaf.group_id)
        ind = next(i for i in cat.indicators if f"{cat.id}.{i.id}" == _owner_key(leaf))
        return t("label.points", points=number(ind.points))
    item = next(
        i
        for i in getattr(rules, leaf.section).items
        if f"{leaf.section}.{i.id}" == _owner_key(leaf)
    )
    return t("label.cap", cap=number(item.cap)) if item.cap is not None else ""


def _leaf_help(rule_file: RuleFile, leaf: Leaf) -> str:
    certifiers = "、".join(rule_file.rules.certifiers[c] for c in leaf.certified_by)
    lines = [t("label.certifier", text=certifiers)]
    if leaf.criterion:
        lines.append(t("label.criterion", text=leaf.criterion))
    lines.append(t("label.fill", text=fill_text(leaf)))
    if leaf.note:
        lines.append(t("label.note", text=leaf.note))
    return "\n".join(lines)


def _comment(text: str) -> Comment:
    comment = Comment(text, "mypm")
    comment.width, comment.height = 320, 160
    return comment


def _header(cell: Any, fill: PatternFill, *, bold: bool = True) -> None:
    cell.fill = fill
    cell.alignment = L.WRAP_CENTER
    cell.border = L.BORDER
    if bold:
        cell.font = L.HEADER_FONT


def _validation(leaf: Leaf, cells: str) -> DataValidation:
    """Excel's own check on an input column, with a prompt and an error alert."""
    m = leaf.measure
    if isinstance(m, YesNo):
        dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        prompt, error = t("dv.yes_no.prompt"), t("dv.yes_no.error")
    elif isinstance(m, Count | PerItem):
        dv = DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        prompt, error = t("dv.whole.prompt"), t("dv.whole.error")
    elif isinstance(m, Percent):
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True
        )
        prompt, error = t("dv.percent.prompt"), t("dv.percent.error")
    else:
        high = number(_upper_bound(leaf))
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=high, allow_blank=True
        )
        prompt = t("dv.decimal.prompt", low=0, high=high)
        error = t("dv.decimal.error", low=0, high=high)
    dv.promptTitle, dv.prompt = leaf.label[:32], prompt
    dv.errorTitle, dv.error = t("dv.title"), error
    dv.showInputMessage = dv.showErrorMessage = True
    dv.add(cells)
    return dv


def _upper_bound(leaf: Leaf) -> Decimal:
    if isinstance(leaf.measure, Score):
        return leaf.measure.scale
    return leaf.maximum or Decimal(0)


def write_guide_sheet(
    ws: Worksheet, rule_file: RuleFile, leaves: Sequence[Leaf], options: TemplateOptions
) -> None:
    """The rubric as the guide prints it, plus how to fill each field, its key and its note."""
    rules = rule_file.rules
    lines = [
        t("guide.title", title=rules.title),
        t("guide.document", document=rules.document, issuer=rules.issuer),
    ]
    if rules.self_check_deadline:
        lines.append(t("guide.deadline", date=rules.self_check_deadline.isoformat()))
    if options.certifier:
        lines.append(t("guide.for_certifier", name=rules.certifiers[options.certifier]))
    lines.append(t("guide.rules", id=rules.id, year=rules.year, sha=rule_file.sha256[:12]))
    if options.sample:
        lines.insert(0, t("guide.sample"))
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text).font = L.HEADER_FONT

    headers = [
        "category",
        "category_points",
        "indicator",
        "indicator_points",
        "certifier",
        "criterion",
        "measure",
        "fill",
        "key",
        "note",
    ]
    widths = [14, 7, 30, 8, 18, 40, 18, 22, 28, 36]
    top = len(lines) + 2
    for col, (name, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _header(ws.cell(top, col, t(f"guide.{name}")), L.CATEGORY_FILL)
        ws.column_dimensions[get_column_letter(col)].width = width

    titles = {c.id: (c.name, number(c.points)) for c in rules.categories}
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        titles[section] = (
            t(f"section.{section}"),
            t("label.cap", cap=number(cap)) if cap is not None else "",
        )
    row = top + 1
    for group_id, run in itertools.groupby(leaves, key=lambda leaf: leaf.group_id):
        run_leaves = list(run)
        first_row = row
        for leaf in run_leaves:
            certifiers = "、".join(rules.certifiers[c] for c in leaf.certified_by)
            points = number(leaf.points) if leaf.points is not None else ""
            values = [
                titles[group_id][0],
                titles[group_id][1],
                leaf.label,
                points,
                certifiers,
                leaf.criterion,
                measure_text(leaf),
                fill_text(leaf),
                leaf.key,
                leaf.note,
            ]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row, col, value)
                cell.alignment, cell.border = L.WRAP_LEFT, L.BORDER
                cell.data_type = "s" if isinstance(value, str) else cell.data_type
            row += 1
        if row - 1 > first_row:
            for col in (1, 2):
                ws.merge_cells(
                    start_row=first_row, start_column=col, end_row=row - 1, end_column=col
                )
    ws.freeze_panes = ws.cell(top + 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top}"


def _write_metadata(wb: Workbook, rule_file: RuleFile, options: TemplateOptions) -> None:
    rules = rule_file.rules
    meta = {
        L.META_RULES_ID: rules.id,
        L.META_KIND: rules.kind,
        L.META_YEAR: str(rules.year),
        L.META_RULES_SHA256: rule_file.sha256,
        L.META_VERSION: __version__,
    }
    if options.certifier:
        meta[L.META_CERTIFIER] = options.certifier
    if options.sample:
        meta[L.META_SAMPLE] = "true"
    if options.self_check:
        meta[L.META_SELF_CHECK] = "true"
    for name, value in meta.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    wb.properties.title = rules.title
    wb.properties.creator = f"mypm {__version__}"
