"""Blank entry workbooks (`mypm template`): entry sheet, reference sheet, guide, metadata."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mypm import __version__
from mypm.i18n import t
from mypm.labels import attribute_label, fill_text, measure_text, number
from mypm.rules import Leaf, RuleFile, RuleSet
from mypm.rules.model import Count, LocalChoice, Percent, PerItem, Score, Unit, YesNo
from mypm.workbook import layout as L
from mypm.workbook import page

SPARE_ROWS = 200  # validated blank rows below the listed units, for units the user adds


@dataclass(frozen=True)
class TemplateOptions:
    units: Sequence[Unit] | None = None  # None: the rule set's own list
    certifier: str | None = None  # keep only this certifier's fields
    sample: bool = False  # mark the workbook as made-up sample data
    self_check: bool = False  # a unit's self-check form: its values are never certified ones
    paper: page.Paper = "a4"
    per_unit: bool = False  # one unit's own form: no rows for more units, no reference sheet


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


def template_name(
    rules: RuleSet,
    *,
    certifier: str | None = None,
    self_check: bool = False,
    unit: str | None = None,
) -> str:
    """The default file name of a blank form, the same in every language:
    `county-填报.xlsx`, `county-填报-市财政局核定.xlsx`, `county-自查表.xlsx`, and for one
    unit's form `county-填报-市财政局核定-涪城区.xlsx`."""
    name = f"{rules.kind}-自查表" if self_check else f"{rules.kind}-填报"
    if certifier:
        name += f"-{rules.certifiers[certifier]}"
    if unit:
        name += f"-{_NOT_IN_FILE_NAMES.sub('_', unit)}"
    return f"{name}.xlsx"


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows refuses in a name


def planned_forms(
    rules: RuleSet,
    options: TemplateOptions,
    *,
    per_unit: bool = False,
    by_certifier: bool = False,
) -> list[tuple[str, TemplateOptions]]:
    """The forms to write and their default names: one, or one per unit (each holding only
    that unit's row), and/or one per certifier with fields."""
    certifiers: list[str | None] = [options.certifier]
    if by_certifier:
        certifiers = [c for c in rules.certifiers if any(c in f.certified_by for f in rules.leaves)]
    units = list(options.units) if options.units is not None else rules.assessed_units
    unit_lists: list[list[Unit] | None] = (
        [[u] for u in units if u.role == "assessed"] if per_unit else [None]
    )
    forms = []
    for certifier in certifiers:
        for one in unit_lists:
            name = template_name(
                rules,
                certifier=certifier,
                self_check=options.self_check,
                unit=one[0].name if one else None,
            )
            forms.append(
                (
                    name,
                    replace(
                        options,
                        certifier=certifier,
                        units=one if one else options.units,
                        per_unit=per_unit,
                    ),
                )
            )
    return forms


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
    write_entry_sheet(entry, rule_file, leaves, units, options=options, with_group=True)

    wanted = set(reference_fields(rule_file))
    reference_leaves = [leaf for leaf in leaves if leaf.key in wanted]
    if reference_leaves and rules.reference_units and not options.per_unit:
        sheet = wb.create_sheet(L.sheet_name("reference"))
        write_entry_sheet(
            sheet,
            rule_file,
            reference_leaves,
            rules.reference_units,
            options=options,
            with_group=False,
        )

    write_guide_sheet(wb.create_sheet(L.sheet_name("guide")), rule_file, leaves, options)
    _write_metadata(wb, rule_file, options)
    return wb


def entry_title(rule_file: RuleFile, options: TemplateOptions) -> str:
    """The form's title: year, rule set and whose fields it holds."""
    rules = rule_file.rules
    if options.self_check:
        return t("template.self_check_title", year=rules.year, title=rules.title)
    certifier = (
        rules.certifiers[options.certifier] if options.certifier else t("template.all_certifiers")
    )
    return t("template.title", year=rules.year, title=rules.title, certifier=certifier)


def write_entry_sheet(
    ws: Worksheet,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    units: Sequence[Unit],
    *,
    options: TemplateOptions,
    with_group: bool,
) -> None:
    """The title with the signature block, the header rows, the hidden key row, one row per
    unit, validation on every input cell; printed in bands of columns, the unit columns and
    header rows on every page."""
    names = [u.name for u in units] or [""]
    unit_width = min(max(10.0, *(page.text_width(n) + 2.5 for n in names)), 24.0)
    fixed = [(L.UNIT_KEY, t("label.unit"), unit_width)]
    if with_group:
        fixed.append((L.GROUP_KEY, t("label.group"), 9.0))
    fixed_width = sum(width for _, _, width in fixed)
    for col, (key, label, width) in enumerate(fixed, start=1):
        ws.merge_cells(
            start_row=L.FIRST_HEADER_ROW, start_column=col, end_row=L.KEY_ROW - 1, end_column=col
        )
        _header(ws.cell(L.FIRST_HEADER_ROW, col, label), L.HEADER_FILL)
        for row in range(L.FIRST_HEADER_ROW + 1, L.KEY_ROW):  # the merged cell's borders
            _header(ws.cell(row, col), L.HEADER_FILL)
        ws.cell(L.KEY_ROW, col, key)
        ws.column_dimensions[get_column_letter(col)].width = width

    first = len(fixed) + 1
    columns = {leaf.key: first + i for i, leaf in enumerate(leaves)}
    last_col = first + len(leaves) - 1
    bands = _bands(leaves, int((page.LANDSCAPE_WIDTH[options.paper] - fixed_width) // LEAF_WIDTH))
    _write_group_headers(ws, rule_file, leaves, columns, bands)

    spare_rows = 0 if options.per_unit else SPARE_ROWS  # one unit's form has room for no more
    last = L.FIRST_DATA_ROW + len(units) + spare_rows - 1
    last_unit_row = L.FIRST_DATA_ROW + len(units) - 1
    for leaf in leaves:
        col = columns[leaf.key]
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = LEAF_WIDTH
        ws.cell(L.KEY_ROW, col, leaf.key)
        ws.add_data_validation(_validation(leaf, f"{letter}{L.FIRST_DATA_ROW}:{letter}{last}"))
        for row in range(L.FIRST_DATA_ROW, last + 1):
            cell = ws.cell(row, col)
            cell.protection = UNLOCKED
            if row <= last_unit_row:
                cell.border = L.BORDER
            if isinstance(leaf.measure, Percent):
                cell.number_format = L.PERCENT_FORMAT

    for col in range(1, last_col + 1):
        key_cell = ws.cell(L.KEY_ROW, col)
        key_cell.fill, key_cell.font, key_cell.border = L.KEY_FILL, L.KEY_FONT, L.BORDER
    ws.row_dimensions[L.KEY_ROW].hidden = True  # kept for mypm, out of sight and off paper
    ws.cell(L.KEY_ROW, 1).comment = _comment(t("label.key_row"))
    for row, unit in enumerate(units, start=L.FIRST_DATA_ROW):
        values = [unit.name, unit.group] if with_group else [unit.name]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            L.set_text(cell, value)
            cell.number_format = L.TEXT_FORMAT
            cell.border = L.BORDER
        ws.row_dimensions[row].height = UNIT_ROW_HEIGHT
    for row in range(last_unit_row + 1, last + 1):  # room for units added by hand
        for col in range(1, len(fixed) + 1):
            ws.cell(row, col).protection = UNLOCKED

    title_end = len(fixed) + len(bands[0])
    _write_title(
        ws, entry_title(rule_file, options), title_end, fixed_width + LEAF_WIDTH * len(bands[0])
    )
    ws.freeze_panes = ws.cell(L.FIRST_DATA_ROW, first)
    page.set_up_page(ws, paper=options.paper, header=entry_title(rule_file, options))
    ws.print_title_rows = f"{L.FIRST_HEADER_ROW}:{L.KEY_ROW}"
    ws.print_title_cols = f"A:{get_column_letter(len(fixed))}"
    # One print range a band, each printed on its own pages with the unit columns in front;
    # only the first has the title and signature row.
    bottom = max(last_unit_row, L.FIRST_DATA_ROW)
    ranges = [f"A{L.TITLE_ROW}:{get_column_letter(max(title_end, 1))}{bottom}"]
    for band in bands[1:]:
        start, end = columns[band[0].key], columns[band[-1].key]
        ranges.append(
            f"{get_column_letter(start)}{L.FIRST_HEADER_ROW}:{get_column_letter(end)}{bottom}"
        )
    ws.print_area = ranges
    ws.protection.sheet = True  # no password: 审阅 › 撤销工作表保护 lifts it
    ws.protection.formatColumns = ws.protection.formatRows = False  # widths may still change


TITLE_FONT = Font(name="Calibri", bold=True, size=page.TITLE_SIZE)
LEAF_WIDTH = 12.0
UNIT_ROW_HEIGHT = 21.0
UNLOCKED = Protection(locked=False)


def _hint(leaf: Leaf) -> str:
    """The last header row: a part's name, the field's points and how it is scored."""
    hint = measure_text(leaf)
    if leaf.points is not None:
        hint = f"{t('label.points', points=number(leaf.points))} · {hint}"
    return f"{leaf.part_name}\n{hint}" if leaf.part_name else hint


def _bands(leaves: Sequence[Leaf], per_band: int) -> list[list[Leaf]]:
    """The input columns in page-wide bands, never splitting an indicator from its parts."""
    bands: list[list[Leaf]] = [[]]
    for _owner, run in itertools.groupby(leaves, key=_owner_key):
        owner_leaves = list(run)
        if bands[-1] and len(bands[-1]) + len(owner_leaves) > max(per_band, 1):
            bands.append([])
        bands[-1].extend(owner_leaves)
    return bands


def _write_title(ws: Worksheet, title: str, end: int, width: float) -> None:
    """Row 1, as wide as the first printed band (columns 1 to `end`, `width` units): the title,
    and under it the signature block, which may be typed into (the cell is not locked)."""
    signature = t("template.signature")
    cell = ws.cell(L.TITLE_ROW, 1)
    cell.value = CellRichText(
        TextBlock(InlineFont(b=True, sz=page.TITLE_SIZE), title),
        TextBlock(InlineFont(sz=page.BODY_SIZE), f"\n{signature}"),
    )
    cell.alignment, cell.protection = L.WRAP_LEFT_CENTER, UNLOCKED
    if end > 1:
        ws.merge_cells(start_row=L.TITLE_ROW, start_column=1, end_row=L.TITLE_ROW, end_column=end)
    title_lines = page.lines_needed(title, width, page.TITLE_SIZE)
    signature_lines = page.lines_needed(signature, width)
    ws.row_dimensions[L.TITLE_ROW].height = page.height_for(
        title_lines, page.TITLE_SIZE
    ) + page.height_for(signature_lines)


def _write_group_headers(
    ws: Worksheet,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    columns: dict[str, int],
    bands: list[list[Leaf]],
) -> None:
    """Categories (merged within each printed band), indicators (merged over their parts), and
    per field its part, points and scoring; each row as tall as its longest wrapped text."""
    rules = rule_file.rules
    category_titles = {
        c.id: f"{c.name}\n（{t('label.points', points=number(c.points))}）"
        for c in rules.categories
    }
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        suffix = f"\n（{t('label.cap', cap=number(cap))}）" if cap is not None else ""
        category_titles[section] = t(f"section.{section}") + suffix

    row_cat, row_ind, row_field = L.FIRST_HEADER_ROW, L.FIRST_HEADER_ROW + 1, L.KEY_ROW - 1
    texts: dict[int, list[tuple[str, float, float]]] = {row_cat: [], row_ind: [], row_field: []}

    def merged(row: int, start: int, end: int, text: str, fill: PatternFill) -> None:
        _header(ws.cell(row, start, text), fill)
        for col in range(start + 1, end + 1):  # the merged cell's border on every side
            _header(ws.cell(row, col), fill)
        if end > start:
            ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        texts[row].append((text, LEAF_WIDTH * (end - start + 1), page.BODY_SIZE))

    for band in bands:
        for group_id, run in itertools.groupby(band, key=lambda leaf: leaf.group_id):
            run_leaves = list(run)
            start, end = columns[run_leaves[0].key], columns[run_leaves[-1].key]
            merged(row_cat, start, end, category_titles[group_id], L.CATEGORY_FILL)
    for _owner, run in itertools.groupby(leaves, key=_owner_key):
        run_leaves = list(run)
        leaf = run_leaves[0]
        start, end = columns[leaf.key], columns[run_leaves[-1].key]
        title = leaf.name
        owner_points = _owner_points(rule_file, leaf)
        if owner_points:
            title = f"{title}\n（{owner_points}）"
        merged(row_ind, start, end, title, L.HEADER_FILL)
        ws.cell(row_ind, start).comment = _comment(_owner_help(rule_file, run_leaves))
        for field in run_leaves:
            _header(ws.cell(row_field, columns[field.key], _hint(field)), L.HEADER_FILL, bold=False)
            texts[row_field].append((_hint(field), LEAF_WIDTH, page.BODY_SIZE))
    for row, cells in texts.items():
        page.fit_row(ws, row, cells, minimum=page.height_for(1))


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


def _owner_help(rule_file: RuleFile, leaves: Sequence[Leaf]) -> str:
    """The comment on an indicator's header: who certifies it, its criterion, how to fill each
    of its fields, its note."""
    leaf = leaves[0]
    certifiers = "、".join(rule_file.rules.certifiers[c] for c in leaf.certified_by)
    lines = [t("label.certifier", text=certifiers)]
    if leaf.criterion:
        lines.append(t("label.criterion", text=leaf.criterion))
    if leaf.part_name:
        fills = "；".join(f"{part.part_name}：{fill_text(part)}" for part in leaves)
    else:
        fills = fill_text(leaf)
    lines.append(t("label.fill", text=fills))
    if leaf.note:
        lines.append(t("label.note", text=leaf.note))
    return "\n".join(lines)


def _comment(text: str) -> Comment:
    comment = Comment(text, "mypm")
    comment.width, comment.height = 320, 160
    return comment


def _header(cell: Any, fill: PatternFill, *, bold: bool = True) -> None:
    if isinstance(cell.value, str):  # names from the rule file are text, never formulas
        L.set_text(cell, cell.value)
    cell.fill = fill
    cell.alignment = L.WRAP_CENTER
    cell.border = L.BORDER
    cell.font = L.HEADER_FONT if bold else L.BODY_FONT


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
    """How to fill and return the workbook, the rubric as the guide prints it (with how each
    field is scored and filled, and which values are local choices), the rule-set-wide local
    choices and the derived rules of the 备注."""
    rules = rule_file.rules
    columns = [  # the printed ones add up to a landscape page's width (page.LANDSCAPE_WIDTH)
        ("category", 8.0),
        ("category_points", 5.0),
        ("indicator", 16.0),
        ("indicator_points", 5.0),
        ("certifier", 10.0),
        ("criterion", 19.0),
        ("measure", 14.0),
        ("note", 15.0),
        ("local", 18.0),
        ("key", 28.0),  # for the office, right of the printed area
    ]
    printed = columns[:-1]
    page_width = sum(width for _, width in printed)
    for col, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    end = len(printed)
    row = 0

    def paragraph(text: str, *, font: Any = L.BODY_FONT, size: float = page.BODY_SIZE) -> None:
        nonlocal row
        row += 1
        cell = ws.cell(row, 1)
        L.set_text(cell, text)  # the rule set's title may come first: text, never a formula
        cell.font, cell.alignment = font, L.WRAP_LEFT_CENTER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=end)
        page.fit_row(ws, row, [(text, page_width, size)])

    if options.sample:
        paragraph(t("guide.sample"), font=L.HEADER_FONT)
    paragraph(
        t("guide.title", title=entry_title(rule_file, options)),
        font=TITLE_FONT,
        size=page.TITLE_SIZE,
    )
    paragraph(t("guide.document", document=rules.document, issuer=rules.issuer))
    if rules.self_check_deadline:
        paragraph(t("guide.deadline", date=rules.self_check_deadline.isoformat()))
    paragraph(t("guide.rules", id=rules.id, year=rules.year, sha=rule_file.sha256))
    paragraph(t("guide.how_heading"), font=L.HEADER_FONT)
    deadline = ""
    if rules.self_check_deadline:
        deadline = t("guide.by", date=rules.self_check_deadline.isoformat())
    for n, key in enumerate(("fill", "cells", "values", "units", "return"), start=1):
        paragraph(f"{n}. " + t(f"guide.how.{key}", issuer=rules.issuer, deadline=deadline))

    row += 2
    top = row
    for col, (name, _) in enumerate(columns, start=1):
        _header(ws.cell(top, col, t(f"guide.{name}")), L.CATEGORY_FILL)
    page.fit_row(ws, top, [(t(f"guide.{n}"), w, page.BODY_SIZE) for n, w in columns])

    titles = {c.id: (c.name, number(c.points)) for c in rules.categories}
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        titles[section] = (
            t(f"section.{section}"),
            t("label.cap", cap=number(cap)) if cap is not None else "",
        )
    local: dict[str, list[LocalChoice]] = {}
    for choice in rules.local_choices():
        local.setdefault(choice.path, []).append(choice)
    for leaf in leaves:
        row += 1
        owner = _owner_key(leaf)
        marks = local.get(owner, []) + (local.get(leaf.key, []) if owner != leaf.key else [])
        values = [
            titles[leaf.group_id][0],
            titles[leaf.group_id][1],
            leaf.label,
            number(leaf.points) if leaf.points is not None else "",
            "、".join(rules.certifiers[c] for c in leaf.certified_by),
            leaf.criterion,
            f"{measure_text(leaf)}\n{fill_text(leaf)}",
            leaf.note,
            "\n".join(f"{attribute_label(c.attribute)}：{c.reason}" for c in marks),
            leaf.key,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            L.set_text(cell, str(value))  # texts from the rule file are text, never formulas
            cell.alignment, cell.border, cell.font = L.WRAP_LEFT, L.BORDER, L.BODY_FONT
        page.fit_row(
            ws,
            row,
            [(str(v), w, page.BODY_SIZE) for v, (_, w) in zip(values, columns, strict=True)],
        )

    row += 1
    rule_set_wide = local.get("", [])
    if rule_set_wide:
        paragraph(t("local.title") + t("guide.local_heading"), font=L.HEADER_FONT)
        for choice in rule_set_wide:
            paragraph(f"{attribute_label(choice.attribute)}：{choice.reason}")
    if rules.derived:
        paragraph(t("guide.derived_heading"), font=L.HEADER_FONT)
        for rule in rules.derived:
            sources = t("guide.derived_all") if rule.mean_of == "all" else "、".join(rule.mean_of)
            text = t(
                "guide.derived",
                units="、".join(rule.units),
                field=rules.leaf_by_key[rule.field].label,
                sources=sources,
            )
            paragraph(f"{text}（{rule.note}）" if rule.note else text)

    ws.freeze_panes = ws.cell(top + 1, 1)
    page.set_up_page(ws, paper=options.paper, header=entry_title(rule_file, options))
    ws.print_title_rows = f"{top}:{top}"
    ws.print_area = f"A1:{get_column_letter(end)}{row}"


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
    if options.per_unit and options.units:
        meta[L.META_UNIT] = options.units[0].name
    for name, value in meta.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    wb.properties.title = rules.title
    wb.properties.creator = f"mypm {__version__}"
