"""Blank entry workbooks (`mypm template`): entry sheet, reference sheet, guide, metadata."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from mypm.__about__ import __version__
from mypm.core.files import unique_file_names
from mypm.core.measures import Entry, PerItem
from mypm.core.messages import number
from mypm.core.rules import Leaf, RuleFile, RuleSet
from mypm.core.rules.model import Derived, LocalChoice, Unit
from mypm.read import layout as L
from mypm.read.forms import entry_leaves, reference_fields, template_name
from mypm.render.labels import (
    cap_text,
    derived_text,
    fill_text,
    grade_text,
    local_choice_text,
    measure_text,
)
from mypm.render.workbook import page, xlsx
from mypm.text.catalogue import aside, join, t
from mypm.text.vocabulary import SEASON_EVIDENCE_FOLDER as EVIDENCE_FOLDER
from mypm.text.vocabulary import YES_NO_CHOICES

SPARE_ROWS = 200  # validated blank rows below the listed units, for units the user adds


@dataclass(frozen=True)
class TemplateOptions:
    units: Sequence[Unit] | None = None  # None: the rule set's own list
    certifier: str | None = None  # keep only this certifier's fields
    sample: bool = False  # mark the workbook as made-up sample data
    self_check: bool = False  # a unit's self-check form: its values are never certified ones
    paper: page.Paper = "a4"
    per_unit: bool = False  # one unit's own form: no rows for more units, no reference sheet


def planned_forms(
    rules: RuleSet,
    options: TemplateOptions,
    *,
    per_unit: bool = False,
    by_certifier: bool = False,
) -> list[tuple[str, TemplateOptions]]:
    """The forms to write and their default names: one, or one per unit (each laid out for
    that unit: `write_unit_sheet`), and/or one per certifier with fields."""
    certifiers: list[str | None] = [options.certifier]
    if by_certifier:
        certifiers = [c for c in rules.certifiers if any(c in f.certified_by for f in rules.leaves)]
    units = list(options.units) if options.units is not None else rules.assessed_units
    unit_lists: list[list[Unit] | None] = (
        [[u] for u in units if u.role == "assessed"] if per_unit else [None]
    )
    planned = [
        (
            template_name(
                rules, certifier=c, self_check=options.self_check, unit=one[0].name if one else None
            ),
            replace(options, certifier=c, units=one if one else options.units, per_unit=per_unit),
        )
        for c in certifiers
        for one in unit_lists
    ]
    # two units whose names differ only in what a file name cannot hold, or in case, get two files
    names = unique_file_names([name.removesuffix(".xlsx") for name, _ in planned], ".xlsx")
    return [(name, form) for name, (_, form) in zip(names, planned, strict=True)]


def write_template(rule_file: RuleFile, options: TemplateOptions, path: Path) -> None:
    """Write the entry workbook for one rule set (or one certifier's share of it) to `path`."""
    rules = rule_file.rules
    book = xlsx.Book(path)
    units = list(options.units) if options.units is not None else rules.assessed_units
    leaves = entry_leaves(rule_file, options.certifier)
    entry = book.add_sheet(t("sheet.entry"))
    if options.per_unit:
        write_unit_sheet(book, entry, rule_file, leaves, units[0], options)
    else:
        write_entry_sheet(book, entry, rule_file, leaves, units, options=options, with_group=True)

    wanted = set(reference_fields(rule_file))
    reference_leaves = [leaf for leaf in leaves if leaf.key in wanted]
    if reference_leaves and rules.reference_units and not options.per_unit:
        write_entry_sheet(
            book,
            book.add_sheet(t("sheet.reference")),
            rule_file,
            reference_leaves,
            rules.reference_units,
            options=options,
            with_group=False,
        )

    write_guide_sheet(book, book.add_sheet(t("sheet.guide")), rule_file, leaves, options)
    book.set_metadata(_metadata(rule_file, options), title=rules.title)
    book.close()


def entry_title(rule_file: RuleFile, options: TemplateOptions) -> str:
    """The form's title: year, rule set and whose fields it holds (and on one unit's form, the
    unit's name first)."""
    rules = rule_file.rules
    if options.self_check:
        title = t("template.self_check_title", year=rules.year, title=rules.title)
    else:
        certifier = (
            rules.certifiers[options.certifier]
            if options.certifier
            else t("template.all_certifiers")
        )
        title = t("template.title", year=rules.year, title=rules.title, certifier=certifier)
    if options.per_unit and options.units:
        return t("template.unit_title", unit=options.units[0].name, title=title)
    return title


# Rows and columns as XlsxWriter counts them, from 0.
TITLE_ROW = L.TITLE_ROW - 1
FIRST_HEADER_ROW = L.FIRST_HEADER_ROW - 1
KEY_ROW = L.KEY_ROW - 1
FIRST_DATA_ROW = L.FIRST_DATA_ROW - 1
LEAF_WIDTH = 12.0
UNIT_ROW_HEIGHT = 21.0


def write_entry_sheet(
    book: xlsx.Book,
    ws: Any,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    units: Sequence[Unit],
    *,
    options: TemplateOptions,
    with_group: bool,
) -> None:
    """The title with the signature block, the header rows, the hidden key row, one row per
    unit, validation on every input cell; printed in bands of columns, the unit columns and
    header rows on every page. A form whose fields all fit the width of an upright page (a
    certifier's with few fields, the reference sheet) prints upright, its field columns
    widened to the page's width."""
    names = [u.name for u in units] or [""]
    unit_width = min(max(10.0, *(page.text_width(n) + 2.5 for n in names)), 24.0)
    fixed = [(L.UNIT_KEY, t("label.unit"), unit_width)]
    if with_group:
        fixed.append((L.GROUP_KEY, t("label.group"), 9.0))
    fixed_width = sum(width for _, _, width in fixed)
    for col, (key, label, width) in enumerate(fixed):
        book.merged_text(ws, (FIRST_HEADER_ROW, col, KEY_ROW - 1, col), label, xlsx.HEADER)
        book.text(ws, KEY_ROW, col, key, xlsx.KEY)
        xlsx.set_width(ws, col, col, width)

    first = len(fixed)
    columns = {leaf.key: first + i for i, leaf in enumerate(leaves)}
    upright = fixed_width + LEAF_WIDTH * len(leaves) <= page.PORTRAIT_WIDTH[options.paper]
    if upright:
        leaf_width = (page.PORTRAIT_WIDTH[options.paper] - fixed_width) / max(len(leaves), 1)
        bands = [list(leaves)]
    else:
        leaf_width = LEAF_WIDTH
        per_band = int((page.LANDSCAPE_WIDTH[options.paper] - fixed_width) // LEAF_WIDTH)
        bands = _bands(leaves, per_band)
    header_height = _write_group_headers(book, ws, rule_file, leaves, columns, bands, leaf_width)

    last = FIRST_DATA_ROW + len(units) + SPARE_ROWS - 1
    last_unit_row = FIRST_DATA_ROW + len(units) - 1
    for leaf in leaves:
        col = columns[leaf.key]
        xlsx.set_width(ws, col, col, leaf_width)
        book.text(ws, KEY_ROW, col, leaf.key, xlsx.KEY)
        entry = leaf.measure.entry(leaf.points)
        ws.data_validation(FIRST_DATA_ROW, col, last, col, _validation(leaf, entry))
        number_format = xlsx.PERCENT if entry.kind == "percent" else {}
        listed = book.format(xlsx.UNLOCKED, xlsx.BORDER, number_format)
        spare = book.format(xlsx.UNLOCKED, number_format)
        for row in range(FIRST_DATA_ROW, last + 1):
            ws.write_blank(row, col, None, listed if row <= last_unit_row else spare)

    ws.set_row(KEY_ROW, None, None, {"hidden": True})  # kept for mypm, out of sight and off paper
    _comment(ws, KEY_ROW, 0, t("label.key_row"))
    # a name too long for its column wraps, its row as tall as it needs (never over 分组)
    heights = [
        max(UNIT_ROW_HEIGHT, page.row_height([(u.name, unit_width, page.BODY_SIZE)])) for u in units
    ]
    for row, (unit, height) in enumerate(zip(units, heights, strict=True), start=FIRST_DATA_ROW):
        values = [unit.name, unit.group] if with_group else [unit.name]
        for col, value in enumerate(values):
            book.text(ws, row, col, value, xlsx.TEXT, xlsx.BORDER, xlsx.WRAP_LEFT_CENTER)
        ws.set_row(row, height)
    for row in range(last_unit_row + 1, last + 1):  # room for units added by hand
        for col in range(len(fixed)):
            ws.write_blank(row, col, None, book.format(xlsx.UNLOCKED))

    title_end = len(fixed) + len(bands[0]) - 1
    title = entry_title(rule_file, options)
    title_height = _write_title(
        book, ws, title, title_end, fixed_width + leaf_width * len(bands[0])
    )
    # the units' rows, all as tall, balanced over the pages (the first page also carries the
    # title), the same rows on a page in every band
    room = page.rows_height(options.paper, portrait=upright) - header_height - title_height
    if all(height == UNIT_ROW_HEIGHT for height in heights):  # else the program's own breaks
        breaks = page.balanced_breaks(len(units), int(room // UNIT_ROW_HEIGHT))
        ws.set_h_pagebreaks([FIRST_DATA_ROW + n for n in breaks])
    ws.freeze_panes(FIRST_DATA_ROW, first)
    xlsx.set_up_page(ws, paper=options.paper, header=title, portrait=upright)
    ws.repeat_rows(FIRST_HEADER_ROW, KEY_ROW)
    ws.repeat_columns(0, len(fixed) - 1)
    # One print range a band, each printed on its own pages with the unit columns in front;
    # only the first has the title and signature row.
    bottom = max(last_unit_row, FIRST_DATA_ROW)
    areas = [(TITLE_ROW, 0, bottom, title_end)]
    for band in bands[1:]:
        areas.append((FIRST_HEADER_ROW, columns[band[0].key], bottom, columns[band[-1].key]))
    xlsx.set_print_areas(book, ws, areas)
    xlsx.protect(ws)


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


SIGNATURE = (
    "template.sign.unit",
    "template.sign.head",
    "template.sign.contact",
    "template.sign.phone",
    "template.sign.date",
)


def _write_title(book: xlsx.Book, ws: Any, title: str, end: int, width: float) -> float:
    """The first row, as wide as the first printed band (columns 0 to `end`, `width` units):
    the title, and under it the signature block, which may be typed into (it is not locked).
    Lines break between the title's phrases and between the block's items, never in a word.
    The row's height in points."""
    title = page.break_lines(page.phrases(L.clean_text(title)[0]), width, page.TITLE_SIZE)
    items = [t(item) for item in SIGNATURE]
    signature = page.break_lines(items, width, gap=t("template.sign.gap"))
    cell = book.format(xlsx.WRAP_LEFT_CENTER, xlsx.UNLOCKED)
    if end > 0:
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, end, "", cell)
    ws.write_rich_string(
        TITLE_ROW,
        0,
        book.format(xlsx.TITLE),
        title,
        book.format(xlsx.FONT),
        f"\n{signature}",
        cell,
    )
    title_lines = page.lines_needed(title, width, page.TITLE_SIZE)
    signature_lines = page.lines_needed(signature, width)
    height = page.height_for(title_lines, page.TITLE_SIZE) + page.height_for(signature_lines)
    ws.set_row(TITLE_ROW, height)
    return height


def _write_group_headers(
    book: xlsx.Book,
    ws: Any,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    columns: dict[str, int],
    bands: list[list[Leaf]],
    leaf_width: float,
) -> float:
    """Categories (merged within each printed band), indicators (merged over their parts), and
    per field its part, points and scoring; each row as tall as its longest wrapped text. The
    rows' height together, in points."""
    category_titles = _category_titles(rule_file.rules)

    row_cat, row_ind, row_field = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1, KEY_ROW - 1
    texts: dict[int, list[tuple[str, float, float]]] = {row_cat: [], row_ind: [], row_field: []}

    def merged(row: int, start: int, end: int, text: str, props: xlsx.Props) -> None:
        book.merged_text(ws, (row, start, row, end), text, props)
        texts[row].append((text, leaf_width * (end - start + 1), page.BODY_SIZE))

    for band in bands:
        for group_id, run in itertools.groupby(band, key=lambda leaf: leaf.group_id):
            run_leaves = list(run)
            start, end = columns[run_leaves[0].key], columns[run_leaves[-1].key]
            merged(row_cat, start, end, category_titles[group_id], xlsx.CATEGORY)
    for _owner, run in itertools.groupby(leaves, key=_owner_key):
        run_leaves = list(run)
        leaf = run_leaves[0]
        start, end = columns[leaf.key], columns[run_leaves[-1].key]
        title = leaf.name
        owner_points = _owner_points(rule_file, leaf)
        if owner_points:
            title = t("label.aside_below", text=title, aside=owner_points)
        merged(row_ind, start, end, title, xlsx.HEADER)
        _comment(ws, row_ind, start, _owner_help(rule_file, run_leaves))
        for field in run_leaves:
            book.text(ws, row_field, columns[field.key], _hint(field), xlsx.HEADER, NOT_BOLD)
            texts[row_field].append((_hint(field), leaf_width, page.BODY_SIZE))
    heights = [page.row_height(cells, minimum=page.height_for(1)) for cells in texts.values()]
    for row, height in zip(texts, heights, strict=True):
        ws.set_row(row, height)
    return sum(heights)


NOT_BOLD: xlsx.Props = {"bold": False}
SMALL: xlsx.Props = {"font_size": page.SMALL_SIZE}


def _category_titles(rules: RuleSet, form: str = "label.aside_below") -> dict[str, str]:
    """Each category's (and the bonus and deduction sections') name over its points or cap,
    in `form` (a message of `text` and `aside`)."""
    titles = {
        c.id: t(form, text=c.name, aside=t("label.points", points=number(c.points)))
        for c in rules.categories
    }
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        titles[section] = t(form, text=t(f"section.{section}"), aside=cap_text(cap))
    return titles


# One unit's form, upright: (header, width) a column, adding up to page.PORTRAIT_WIDTH["a4"]
# with the entry column, which the unit's name heads; the hidden key column follows it.
UNIT_COLUMNS = (
    ("guide.category", 8.0),
    ("guide.indicator", 13.0),
    ("guide.category_points", 4.0),
    ("guide.certifier", 8.0),
    ("guide.criterion", 19.0),
    ("template.fill", 16.0),
)
ENTRY_WIDTH = 8.0
ENTRY_NARROWEST = 6.0
CRITERION_COLUMN = 4
NO_ENTRY: xlsx.Props = {"bg_color": f"#{L.KEY_COLOR}"}  # a cell not to be filled in: grey
KEY_WIDTH = 28.0


def write_unit_sheet(
    book: xlsx.Book,
    ws: Any,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    unit: Unit,
    options: TemplateOptions,
) -> None:
    """One unit's form, upright: the title (with the unit's name) over the signature block,
    the header row (on every page), then a row a field: its category, indicator, points,
    certifier, criterion, what to fill in, and the entry cell. As the wide form's hidden key
    row names its columns, a hidden key column right of the entry column names the rows:
    "unit" the header row, whose entry cell is the unit's name, a field key each field's row,
    and under them the form's fields listed (`layout.FIELDS_MARK`)."""
    rules = rule_file.rules
    categories = _category_titles(rules, "template.category")  # no bracket in a narrow column
    scale = page.PORTRAIT_WIDTH[options.paper] / page.PORTRAIT_WIDTH["a4"]
    widths = [width * scale for _, width in UNIT_COLUMNS] + [ENTRY_WIDTH * scale]
    # the category column as wide as its longest name, so that no name breaks; the entry
    # column (a short value under the unit's name) gives up what it takes, down to
    # ENTRY_NARROWEST or the name's width, then the criterion column
    longest = max(
        page.text_width(line, page.SMALL_SIZE)
        for title in categories.values()
        for line in title.split("\n")
    )
    wider = max(longest + 1 - widths[0], 0)
    widths[0] += wider
    narrowest = max(ENTRY_NARROWEST * scale, page.text_width(unit.name) + 1)
    from_entry = min(wider, max(widths[-1] - narrowest, 0))
    widths[-1] -= from_entry
    widths[CRITERION_COLUMN] -= wider - from_entry
    entry_col = len(widths) - 1
    key_col = entry_col + 1
    for col, width in enumerate(widths):
        xlsx.set_width(ws, col, col, width)
    xlsx.set_width(ws, key_col, key_col, KEY_WIDTH, hidden=True)
    title = entry_title(rule_file, options)
    _write_title(book, ws, title, entry_col, sum(widths))

    header = TITLE_ROW + 1
    labels = [t(label) for label, _ in UNIT_COLUMNS] + [unit.name]
    for col, label in enumerate(labels):
        book.text(ws, header, col, label, xlsx.HEADER, xlsx.TEXT)
    book.text(ws, header, key_col, L.UNIT_KEY, xlsx.KEY)
    page.fit_row(ws, header, labels, widths)
    _comment(ws, header, entry_col, t("template.unit_key_column"))

    derived = {rule.field for rule in rules.derived if unit.name in rule.units}
    row = header
    heights = {header: 0.0}  # row → height, of the rows below the header
    for group_id, run in itertools.groupby(leaves, key=lambda leaf: leaf.group_id):
        first = max(heights) + 1
        for _owner, parts in itertools.groupby(run, key=_owner_key):
            _write_unit_rows(book, ws, rule_file, list(parts), widths, heights, derived)
        row = max(heights)
        category = categories[group_id]
        book.merged_text(ws, (first, 0, row, 0), category, xlsx.CATEGORY, SMALL)
        _make_room(heights, first, row, category, widths[0])
    del heights[header]
    for row, height in heights.items():
        ws.set_row(row, height)
    book.text(ws, row + 1, key_col, L.fields_text([leaf.key for leaf in leaves]), xlsx.KEY)

    ws.freeze_panes(header + 1, 0)
    xlsx.set_up_page(ws, paper=options.paper, header=title, portrait=True)
    ws.repeat_rows(header)
    xlsx.set_print_areas(book, ws, [(TITLE_ROW, 0, row, entry_col)])
    xlsx.protect(ws)


def _write_unit_rows(
    book: xlsx.Book,
    ws: Any,
    rule_file: RuleFile,
    parts: Sequence[Leaf],
    widths: Sequence[float],
    heights: dict[int, float],
    derived: Set[str],
) -> None:
    """The rows of one indicator or item of one unit's form, after the last row in `heights`:
    one a field (a part), a text its parts share written once over their rows; each row's
    height goes to `heights`. A field with no points of its own says how it is scored (每次扣1分);
    a field whose value is taken from peers (`derived`) is not to be filled in: its entry cell
    is locked and grey."""
    rules = rule_file.rules
    entry_col = len(widths) - 1

    def fill(leaf: Leaf) -> str:
        if leaf.key in derived:
            return t("template.derived_fill")
        text = fill_text(leaf)
        if isinstance(leaf.measure, PerItem):  # how many, and what each is worth: 每次扣1分
            text = t("template.per_item_fill", measure=measure_text(leaf))
        elif leaf.points is None:
            text = f"{measure_text(leaf)}\n{text}"
        return t("label.labelled", label=leaf.part_name, text=text) if leaf.part_name else text

    rows = [
        [
            leaf.name,
            number(leaf.points) if leaf.points is not None else _owner_points(rule_file, leaf),
            join(rules.certifiers[c] for c in leaf.certified_by),
            leaf.criterion,
            fill(leaf),
        ]
        for leaf in parts
    ]
    first = max(heights) + 1
    last = first + len(parts) - 1
    for n in range(len(parts)):
        heights[first + n] = page.height_for(1, page.SMALL_SIZE)
    cell: xlsx.Props = {**xlsx.FONT, **xlsx.WRAP_LEFT, **xlsx.BORDER, **SMALL}
    shared = []
    for col, width in enumerate(widths[1:entry_col], start=1):
        texts = [texts[col - 1] for texts in rows]
        if len(parts) > 1 and len(set(texts)) == 1:
            book.merged_text(ws, (first, col, last, col), texts[0], cell)
            shared.append((texts[0], width))
            continue
        for row, text in enumerate(texts, start=first):
            book.text(ws, row, col, text, cell)
            needed = page.row_height([(text, width, page.SMALL_SIZE)])
            heights[row] = max(heights[row], needed)
    for row, leaf in enumerate(parts, start=first):
        book.text(ws, row, entry_col + 1, leaf.key, xlsx.KEY)
        if leaf.key in derived:
            ws.write_blank(row, entry_col, None, book.format(xlsx.BORDER, NO_ENTRY))
            continue
        entry = leaf.measure.entry(leaf.points)
        number_format = xlsx.PERCENT if entry.kind == "percent" else {}
        ws.write_blank(row, entry_col, None, book.format(xlsx.UNLOCKED, xlsx.BORDER, number_format))
        ws.data_validation(row, entry_col, row, entry_col, _validation(leaf, entry))
    for text, width in shared:
        _make_room(heights, first, last, text, width)


def _make_room(heights: dict[int, float], first: int, last: int, text: str, width: float) -> None:
    """Make rows `first` to `last` tall enough together for `text` in a cell merged over them,
    `width` units wide, by making the last taller."""
    needed = page.row_height([(text, width, page.SMALL_SIZE)])
    heights[last] += max(needed - sum(heights[row] for row in range(first, last + 1)), 0)


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
    return cap_text(item.cap) if item.cap is not None else ""


def _owner_help(rule_file: RuleFile, leaves: Sequence[Leaf]) -> str:
    """The comment on an indicator's header: who certifies it, its criterion, how to fill each
    of its fields, its note."""
    leaf = leaves[0]
    certifiers = join(rule_file.rules.certifiers[c] for c in leaf.certified_by)
    lines = [t("label.certifier", text=certifiers)]
    if leaf.criterion:
        lines.append(t("label.criterion", text=leaf.criterion))
    if leaf.part_name:
        fills = t("list.clauses").join(
            t("label.labelled", label=part.part_name, text=fill_text(part)) for part in leaves
        )
    else:
        fills = fill_text(leaf)
    lines.append(t("label.fill", text=fills))
    if leaf.note:
        lines.append(t("label.note", text=leaf.note))
    return "\n".join(lines)


def _comment(ws: Any, row: int, col: int, text: str) -> None:
    ws.write_comment(
        row, col, L.clean_text(text)[0], {"author": "mypm", "width": 320, "height": 160}
    )


def _validation(leaf: Leaf, entry: Entry) -> dict[str, Any]:
    """Excel's own check on an input column (what the field's measure says it accepts), with an
    input message and an error alert."""
    options: dict[str, Any]
    if entry.kind == "yes_no":
        options = {"validate": "list", "source": list(YES_NO_CHOICES)}
        prompt, error = t("dv.yes_no.prompt"), t("dv.yes_no.error")
    elif entry.kind == "whole":
        options = {"validate": "integer", "criteria": ">=", "value": 0}
        prompt, error = t("dv.whole.prompt"), t("dv.whole.error")
    elif entry.kind == "percent":  # the percent-formatted cell holds 0.95 for 95 %
        high = number((entry.high or Decimal(0)) / 100)
        options = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": high}
        prompt, error = t("dv.percent.prompt"), t("dv.percent.error")
    else:
        high = number(entry.high or Decimal(0))
        options = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": high}
        prompt = t("dv.decimal.prompt", low=0, high=high)
        error = t("dv.decimal.error", low=0, high=high)
    return {
        **options,
        "input_title": xlsx.fit(L.clean_text(leaf.label)[0], xlsx.VALIDATION_TITLE_MAX),
        "input_message": xlsx.fit(prompt, xlsx.VALIDATION_MESSAGE_MAX),
        "error_title": xlsx.fit(t("dv.title"), xlsx.VALIDATION_TITLE_MAX),
        "error_message": xlsx.fit(error, xlsx.VALIDATION_MESSAGE_MAX),
    }


def write_guide_sheet(
    book: xlsx.Book, ws: Any, rule_file: RuleFile, leaves: Sequence[Leaf], options: TemplateOptions
) -> None:
    """How to fill and return the workbook, the rubric as the guide prints it (with how each
    field is scored and filled, and which values are local choices), the rule-set-wide local
    choices and the derived rules of the 备注. One unit's form has its rubric on the form
    itself: its guide is one upright page without the table."""
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
    printed = columns[:-1]  # not the key column
    if options.per_unit:
        columns = printed = [("text", page.PORTRAIT_WIDTH[options.paper])]
    page_width = sum(width for _, width in printed)
    for col, (_, width) in enumerate(columns):
        xlsx.set_width(ws, col, col, width)
    end = len(printed) - 1
    row = -1

    def paragraph(text: str, font: xlsx.Props = xlsx.FONT, size: float = page.BODY_SIZE) -> None:
        nonlocal row
        row += 1
        book.merged_text(ws, (row, 0, row, end), text, font, xlsx.WRAP_LEFT_CENTER)
        ws.set_row(row, page.row_height([(text, page_width, size)]))

    if options.sample:
        paragraph(t("guide.sample"), BOLD)
    title = t("guide.title", title=entry_title(rule_file, options))
    title = page.break_lines(page.phrases(title), page_width, page.TITLE_SIZE)
    paragraph(title, xlsx.TITLE, page.TITLE_SIZE)
    paragraph(t("guide.document", document=rules.document, issuer=rules.issuer))
    if rules.self_check_deadline:
        paragraph(t("guide.deadline", date=rules.self_check_deadline.isoformat()))
    paragraph(t("guide.rules", id=rules.id, year=rules.year, sha=rule_file.sha256))
    paragraph(t("guide.how_heading"), BOLD)
    deadline = ""
    if rules.self_check_deadline:
        deadline = t("guide.by", date=rules.self_check_deadline.isoformat())
    steps: tuple[str, ...] = ("guide.how.fill", "guide.how.cells", "guide.how.values")
    steps += ("guide.how.units", "guide.how.return")
    if options.per_unit:  # its own rows, no room for other units
        steps = ("guide.unit_how.fill", "guide.unit_how.cells", "guide.how.values")
        steps += ("guide.how.return",)
    for n, key in enumerate(steps, start=1):
        paragraph(f"{n}. " + t(key, issuer=rules.issuer, deadline=deadline))
    claims = [c for c in rules.claims if any(c in leaf.certified_by for leaf in leaves)]
    if claims:  # the unit's own claims, and the evidence it sends with them
        names = join(rules.certifiers[c] for c in claims)
        paragraph(
            f"{len(steps) + 1}. " + t("guide.how.claims", names=names, folder=EVIDENCE_FOLDER)
        )
    local: dict[str, list[LocalChoice]] = {}
    for choice in rules.local_choices():
        local.setdefault(choice.path, []).append(choice)
    if not options.per_unit:
        row = _write_rubric(book, ws, rule_file, leaves, columns, row + 2, local)
    derived = list(rules.derived)
    if options.per_unit and options.units:  # the rules that replace this unit's own values
        derived = [rule for rule in derived if options.units[0].name in rule.units]
    _write_rules_below(paragraph, rules, local, derived)
    xlsx.set_up_page(
        ws, paper=options.paper, header=entry_title(rule_file, options), portrait=options.per_unit
    )
    xlsx.set_print_areas(book, ws, [(0, 0, row, end)])


def _write_rubric(
    book: xlsx.Book,
    ws: Any,
    rule_file: RuleFile,
    leaves: Sequence[Leaf],
    columns: Sequence[tuple[str, float]],
    top: int,
    local: dict[str, list[LocalChoice]],
) -> int:
    """The guide's table of the rubric from row `top`, its header on every page; the row
    after it."""
    rules = rule_file.rules
    row = top
    for col, (name, _) in enumerate(columns):
        book.text(ws, top, col, t(f"guide.{name}"), xlsx.CATEGORY)
    ws.set_row(top, page.row_height([(t(f"guide.{n}"), w, page.BODY_SIZE) for n, w in columns]))

    titles = {c.id: (c.name, number(c.points)) for c in rules.categories}
    for section in ("bonus", "deductions"):
        cap = getattr(rules, section).cap
        titles[section] = (t(f"section.{section}"), cap_text(cap))
    for leaf in leaves:
        row += 1
        owner = _owner_key(leaf)
        marks = local.get(owner, []) + (local.get(leaf.key, []) if owner != leaf.key else [])
        values = [
            titles[leaf.group_id][0],
            titles[leaf.group_id][1],
            leaf.label,
            number(leaf.points) if leaf.points is not None else "",
            join(rules.certifiers[c] for c in leaf.certified_by),
            leaf.criterion,
            f"{measure_text(leaf)}\n{fill_text(leaf)}",
            leaf.note,
            "\n".join(local_choice_text(c) for c in marks),
            leaf.key,
        ]
        for col, value in enumerate(values):
            book.text(ws, row, col, str(value), xlsx.FONT, xlsx.WRAP_LEFT, xlsx.BORDER)
        ws.set_row(
            row,
            page.row_height(
                [(str(v), w, page.BODY_SIZE) for v, (_, w) in zip(values, columns, strict=True)]
            ),
        )

    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)
    return row + 1


def _write_rules_below(
    paragraph: Callable[..., None],
    rules: RuleSet,
    local: dict[str, list[LocalChoice]],
    derived: Sequence[Derived],
) -> None:
    """Under the guide's steps (and rubric): the rule-set-wide local choices, the `derived`
    rules of the 备注 and the grades, a paragraph each."""
    rule_set_wide = local.get("", [])
    if rule_set_wide:
        paragraph(t("local.title") + t("guide.local_heading"), BOLD)
        for choice in rule_set_wide:
            paragraph(local_choice_text(choice))
    if derived:
        paragraph(t("guide.derived_heading"), BOLD)
        for rule in derived:
            text = derived_text(rules, rule)
            paragraph(aside(text, rule.note) if rule.note else text)
    paragraph(t("label.grade"), BOLD)
    for grade in rules.grades:
        paragraph(grade_text(grade))


BOLD: xlsx.Props = {**xlsx.FONT, "bold": True}


def _metadata(rule_file: RuleFile, options: TemplateOptions) -> dict[str, str]:
    """The custom document properties that tie the workbook to its rules (`layout.META_*`)."""
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
    return meta
