"""The comparison as a workbook (`mypm compare -o compare.xlsx`): a summary and the changes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from mypm.jobs.compare import Comparison, FieldChange
from mypm.render.workbook.xlsx import FONT, SCORE, Book, list_header
from mypm.text.catalogue import say, t


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
    book = Book(path)
    _table(
        book,
        t("compare.sheet_summary"),
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
        scores=(2, 3, 4),
    )
    _changes(book, t("compare.sheet_fields"), comparison.fields, header)
    if comparison.overclaims:
        _changes(book, t("compare.sheet_overclaims"), comparison.overclaims, header, claims=True)
    if comparison.rule_changes:
        _table(
            book,
            t("compare.sheet_rules"),
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
                    say(c.label),
                    t(f"attribute.{c.attribute}") if c.attribute else "",
                    say(c.before),
                    say(c.after),
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
            book,
            t("compare.sheet_only"),
            ["compare.side", "diff.element", "label.key", "attribute.name"],
            only,
            widths=[40, 10, 30, 40],
            header=header,
        )
    book.set_metadata({}, title=header)
    book.close()


def _changes(
    book: Book, name: str, changes: Sequence[FieldChange], header: str, *, claims: bool = False
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
        book,
        name,
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
        scores=(5, 6, 7),
    )


def _table(
    book: Book,
    name: str,
    labels: Sequence[str],
    rows: Sequence[Sequence[str | Decimal | int]],
    *,
    widths: Sequence[float],
    header: str,
    scores: Sequence[int] = (),
) -> None:
    """A sheet `name` of a header row, then the rows: text always as text, figures in the
    columns `scores` (from 0) with two decimals."""
    ws = book.add_sheet(name)
    list_header(book, ws, [t(key) for key in labels], widths, header=header)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                book.text(ws, r, col, value, FONT)
            else:
                ws.write_number(r, col, value, book.format(FONT, SCORE if col in scores else {}))
    ws.autofilter(0, 0, max(len(rows), 1), len(labels) - 1)
