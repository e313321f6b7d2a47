"""The comparison as a workbook (`mypm compare -o compare.xlsx`): a summary and the changes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mypm.jobs.compare import Comparison, FieldChange
from mypm.read import layout as L
from mypm.render.workbook import tables
from mypm.render.workbook.save import save_verified
from mypm.text.catalogue import t


def write_comparison_workbook(path: Path, comparison: Comparison) -> None:
    """比较汇总 and 字段变化; 自查高报, 规则差异 and 仅一方 when there is something to list."""
    a, b = comparison.a, comparison.b
    header = t(  # the page header has room for the names, not the whole paths
        "compare.header",
        a=Path(a.label).name,
        a_id=a.rule_file.rules.id,
        b=Path(b.label).name,
        b_id=b.rule_file.rules.id,
    )
    wb = Workbook()
    summary = wb.active
    summary.title = t("compare.sheet_summary")
    _table(
        summary,
        [
            "label.unit",
            "label.group",
            "compare.total_before",
            "compare.total_after",
            "compare.total_moved",
            "compare.rank_before",
            "compare.rank_after",
            "compare.rank_moved_col",
            "compare.grade_before",
            "compare.grade_after",
        ],
        [
            [
                u.unit,
                u.group,
                u.before.total,
                u.after.total,
                u.after.total - u.before.total,
                u.before.rank,
                u.after.rank,
                u.rank_moved,
                u.before.grade,
                u.after.grade,
            ]
            for u in comparison.units
        ],
        widths=[18, 10, 11, 11, 9, 10, 10, 10, 10, 10],
        header=header,
        scores=(3, 4, 5),
    )
    _changes(wb.create_sheet(t("compare.sheet_fields")), comparison.fields, header)
    if comparison.overclaims:
        sheet = wb.create_sheet(t("compare.sheet_overclaims"))
        _changes(sheet, comparison.overclaims, header, claims=True)
    if comparison.rule_changes:
        _table(
            wb.create_sheet(t("compare.sheet_rules")),
            [
                "diff.change",
                "diff.element",
                "label.key",
                "attribute.name",
                "diff.attribute",
                "diff.before",
                "diff.after",
            ],
            [
                [
                    t(f"diff.{c.change}"),
                    t(f"element.{c.element}"),
                    c.path,
                    c.label,
                    t(f"attribute.{c.attribute}") if c.attribute else "",
                    c.before,
                    c.after,
                ]
                for c in comparison.rule_changes
            ],
            widths=[8, 12, 30, 30, 12, 50, 50],
            header=header,
        )
    only = [
        [comparison.a.label if side == "a" else comparison.b.label, t("label.unit"), name, ""]
        for side, names in comparison.units_only.items()
        for name in names
    ] + [
        [comparison.a.label if side == "a" else comparison.b.label, t("label.key"), key, label]
        for side, keys in comparison.fields_only.items()
        for key, label in keys
    ]
    if only:
        _table(
            wb.create_sheet(t("compare.sheet_only")),
            ["compare.side", "diff.element", "label.key", "attribute.name"],
            only,
            widths=[40, 10, 30, 40],
            header=header,
        )
    save_verified(wb, path)


def _changes(
    ws: Worksheet, changes: Sequence[FieldChange], header: str, *, claims: bool = False
) -> None:
    """One row per field change; for over-claims `before` is certified and `after` claimed."""
    if claims:
        labels = [
            "compare.certified_value",
            "compare.claimed_value",
            "compare.certified_score",
            "compare.claimed_score",
            "compare.over",
        ]
        sources = ["compare.certified_source", "compare.claimed_source"]
    else:
        labels = [
            "compare.value_before",
            "compare.value_after",
            "compare.score_before",
            "compare.score_after",
            "compare.moved",
        ]
        sources = ["compare.source_before", "compare.source_after"]
    _table(
        ws,
        ["label.unit", "label.key", "label.item", *labels, *sources],
        [
            [
                c.unit,
                c.key,
                c.label,
                c.before.value,
                c.after.value,
                c.before.score,
                c.after.score,
                c.moved,
                c.before.source,
                c.after.source,
            ]
            for c in changes
        ],
        widths=[16, 28, 36, 12, 12, 10, 10, 9, 36, 36],
        header=header,
        scores=(6, 7, 8),
    )


def _table(
    ws: Worksheet,
    labels: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float],
    header: str,
    scores: Sequence[int] = (),
) -> None:
    """A header row, then the rows: text always as text, figures with two decimals."""
    for col, (key, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(1, col, t(key))
        tables.set_header(cell)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col)
            if isinstance(value, str):
                tables.set_text(cell, value)
            else:
                cell.value = value
                if col in scores:
                    cell.number_format = L.SCORE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{max(len(rows), 1) + 1}"
    ws.row_dimensions[1].height = 32
    tables.set_up_page(ws, paper="a4", header=header.replace("&", "&&"), fit_width=True)
    ws.print_title_rows = "1:1"
