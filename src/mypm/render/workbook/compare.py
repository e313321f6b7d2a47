"""The comparison as a workbook (`mypm compare -o compare.xlsx`): a summary and the changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from mypm.core.results import Source
from mypm.jobs.compare import Comparison, FieldChange
from mypm.render.labels import side_names, side_value
from mypm.render.workbook import page
from mypm.render.workbook.xlsx import (
    FONT,
    SCORE,
    WRAP_CENTER,
    WRAP_LEFT,
    Book,
    Props,
    list_header,
)
from mypm.text.catalogue import place, say, t
from mypm.text.vocabulary import NAMES_SEPARATOR

# A change shows its sign: +2 places, -1.00 point (0 without)
SIGNED: Props = {"num_format": "+0;-0;0"}
SIGNED_SCORE: Props = {"num_format": "+0.00;-0.00;0.00"}
TOP: Props = {"valign": "top"}  # a figure level with the first line of the text beside it


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
    sides = side_names(a, b)
    _table(
        book,
        t("compare.sheet_summary"),
        [
            t("label.unit"),
            t("label.group"),
            *(t("compare.total_of", side=side) for side in sides),
            t("compare.total_moved"),
            *(t("compare.rank_of", side=side) for side in sides),
            t("compare.rank_moved_col"),
            *(t("compare.grade_of", side=side) for side in sides),
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
        formats={2: SCORE, 3: SCORE, 4: SIGNED_SCORE, 7: SIGNED},
        centred=(8, 9),
    )
    _changes(book, t("compare.sheet_fields"), comparison.fields, header, sides)
    if comparison.overclaims:
        _changes(
            book, t("compare.sheet_overclaims"), comparison.overclaims, header, sides, claims=True
        )
    if comparison.rule_changes:
        _table(
            book,
            t("compare.sheet_rules"),
            [
                t(key)
                for key in (
                    "diff.change",
                    "diff.element",
                    "label.key",
                    "attribute.name",
                    "diff.attribute",
                    "diff.before",
                    "diff.after",
                )
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
            [t(key) for key in ("compare.side", "diff.element", "label.key", "attribute.name")],
            only,
            widths=[40, 10, 30, 40],
            header=header,
        )
    book.set_metadata({}, title=header)
    book.close()


def _changes(
    book: Book,
    name: str,
    changes: Sequence[FieldChange],
    header: str,
    sides: tuple[str, str],
    *,
    claims: bool = False,
) -> None:
    """One row per field change; for over-claims `before` is certified and `after` claimed."""
    if claims:
        keys = [
            "compare.certified_value",
            "compare.claimed_value",
            "compare.certified_score",
            "compare.claimed_score",
            "compare.over",
            "compare.certified_source",
            "compare.claimed_source",
        ]
        labels = [t(key) for key in keys]
    else:
        labels = [
            *(t("compare.value_of", side=side) for side in sides),
            *(t("compare.score_of", side=side) for side in sides),
            t("compare.moved"),
            *(t("compare.source_of", side=side) for side in sides),
        ]
    _table(  # the field by its label; the JSON keeps its key
        book,
        name,
        [t("label.unit"), t("label.item"), *labels],
        [
            [
                c.unit,
                c.label,
                side_value(c.before),
                side_value(c.after),
                c.before.score,
                c.after.score,
                c.moved,
                _shown_source(c.before.source),
                _shown_source(c.after.source),
            ]
            for c in changes
        ],
        widths=[16, 36, 12, 12, 10, 10, 9, 36, 36],
        header=header,
        formats={4: SCORE, 5: SCORE, 6: SIGNED_SCORE},
    )


def _shown_source(source: str) -> str:
    """Cells as people read them (`file › sheet › cell`) from the machine form of the JSON
    (`file!sheet!cell`, an item's parts' cells joined by 、): the file and sheet once for the
    cells they share, `a.xlsx › 填报 › V13、W13`. A sheet's name has no "!", a file's may; a
    cell has no 、, a file's name may."""
    cells: dict[tuple[str, str], list[str]] = {}
    pending = ""
    for piece in source.split(NAMES_SEPARATOR):
        pending = f"{pending}{NAMES_SEPARATOR}{piece}" if pending else piece
        parts = pending.rsplit("!", 2)
        if len(parts) == 3:
            cells.setdefault((parts[0], parts[1]), []).append(parts[2])
            pending = ""
    if pending or not cells:
        return source
    return NAMES_SEPARATOR.join(
        place(Source(file, sheet, NAMES_SEPARATOR.join(its)))
        for (file, sheet), its in cells.items()
    )


def _table(
    book: Book,
    name: str,
    labels: Sequence[str],
    rows: Sequence[Sequence[str | Decimal | int]],
    *,
    widths: Sequence[float],
    header: str,
    formats: Mapping[int, Props] | None = None,
    centred: Sequence[int] = (),
) -> None:
    """A sheet `name` of a header row `labels`, then the rows: text always as text (centred in
    the columns `centred`, from 0), figures in the number format `formats` gives their column
    (a change with its sign, +1 or -1.00)."""
    ws = book.add_sheet(name)
    # a header is broken between its phrases (总分 / （county-2014-b.xlsx）), never inside a
    # side's name: its column is made as wide as the longest phrase
    phrases = [page.phrases(label) for label in labels]
    widths = [
        max(width, *(page.text_width(p) + 1 for p in its))
        for width, its in zip(widths, phrases, strict=True)
    ]
    labels = [page.break_lines(its, w) for its, w in zip(phrases, widths, strict=True)]
    list_header(book, ws, labels, widths, header=header)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                book.text(ws, r, col, value, FONT, WRAP_CENTER if col in centred else WRAP_LEFT)
            else:
                number_format = (formats or {}).get(col, {})
                ws.write_number(r, col, value, book.format(FONT, TOP, number_format))
        page.fit_row(ws, r, [v if isinstance(v, str) else "" for v in row], widths)
    ws.autofilter(0, 0, max(len(rows), 1), len(labels) - 1)
