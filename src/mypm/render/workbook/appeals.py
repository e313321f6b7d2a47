"""The season's appeals workbook (申诉表, `mypm template --appeals`): a sheet per unit listing
every field as the 反馈单's 申诉 block does, with columns for the value the unit claims, its
reason and the documents it sends; `receive` reads it back (mypm.read.appeals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mypm.__about__ import __version__
from mypm.core.rules import RuleFile
from mypm.core.rules.model import Unit
from mypm.read import layout as L
from mypm.render.labels import fill_text
from mypm.render.workbook import page, xlsx
from mypm.text.catalogue import t

# Column widths from A: the hidden key, 考核项目, 申诉指标, 怎样填写, 申诉值, 申诉理由, 依据材料
WIDTHS = (12.0, 16.0, 30.0, 24.0, 10.0, 38.0, 22.0)


def write_appeals_workbook(
    rule_file: RuleFile, units: Sequence[Unit], deadline: dt.date | None, path: Path
) -> None:
    """One sheet per assessed unit; only the claim, reason and materials cells are unlocked."""
    rules = rule_file.rules
    book = xlsx.Book(path)
    used: set[str] = set()
    for unit in units:
        if unit.role == "assessed":
            ws = book.add_sheet(xlsx.sheet_name(unit.name, used))
            _unit_sheet(book, ws, rule_file, unit.name, deadline)
    book.set_metadata(
        {
            L.META_RULES_ID: rules.id,
            L.META_KIND: rules.kind,
            L.META_YEAR: str(rules.year),
            L.META_RULES_SHA256: rule_file.sha256,
            L.META_VERSION: __version__,
            L.META_APPEALS: "true",
        },
        title=t("appeals.form_title", year=rules.year, title=rules.title, unit=""),
    )
    book.close()


def _unit_sheet(
    book: xlsx.Book, ws: Any, rule_file: RuleFile, unit: str, deadline: dt.date | None
) -> None:
    rules = rule_file.rules
    last = len(WIDTHS) - 1
    for col, width in enumerate(WIDTHS):
        xlsx.set_width(ws, col, col, width, hidden=col == L.APPEAL_KEY_COLUMN - 1)
    title = t("appeals.form_title", year=rules.year, title=rules.title, unit=unit)
    book.text(ws, 0, 0, unit, xlsx.KEY)
    book.merged_text(ws, (0, 1, 0, last), title, xlsx.TITLE)
    ws.set_row(0, page.height_for(1, page.TITLE_SIZE))
    when = deadline.isoformat() if deadline else t("appeals.form_no_deadline")
    note = t("appeals.form_note", deadline=when, issuer=rules.issuer)
    book.merged_text(ws, (1, 1, 1, last), note, xlsx.FONT, xlsx.WRAP_LEFT)
    ws.set_row(1, page.height_for(page.lines_needed(note, sum(WIDTHS[1:]))))
    header = L.APPEAL_HEADER_ROW - 1
    labels = [
        "key",
        t("appeals.form_group"),
        t("publish.appeal_item"),
        t("appeals.form_fill"),
        t("appeals.column.claim"),
        t("publish.appeal_reason"),
        t("publish.appeal_evidence"),
    ]
    for col, label in enumerate(labels):
        book.text(ws, header, col, label, xlsx.KEY if col == 0 else xlsx.HEADER)
    page.fit_row(ws, header, labels, WIDTHS)
    owners = {f"{c.id}.{i.id}": c.name for c in rules.categories for i in c.indicators}
    cell = {**xlsx.FONT, **xlsx.BORDER, **xlsx.WRAP_LEFT}
    typed = {**cell, **xlsx.UNLOCKED, **xlsx.TEXT}
    for row, leaf in enumerate(rules.leaves, start=L.APPEAL_FIRST_ROW - 1):
        group = owners.get(leaf.owner) or t(f"section.{leaf.section}")
        texts = [leaf.key, group, leaf.label, fill_text(leaf)]
        for col, text in enumerate(texts):
            book.text(ws, row, col, text, xlsx.KEY if col == 0 else cell)
        for col in range(L.APPEAL_CLAIM_COLUMN - 1, len(WIDTHS)):
            ws.write_blank(row, col, None, book.format(typed))
        page.fit_row(ws, row, ["", *texts[1:], "", "", ""], WIDTHS)
    ws.freeze_panes(L.APPEAL_FIRST_ROW - 1, 0)
    ws.repeat_rows(header)
    xlsx.set_up_page(ws, paper="a4", header=title, fit_width=True)
    xlsx.protect(ws)
