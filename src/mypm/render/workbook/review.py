"""The review form (`mypm template --review`): one per reviewing certifier, listing for each
unit and field it reviews the unit's claim, its cell and the evidence received, with columns for
the decision (接受/更正), the corrected value and the reason. `mypm receive` records it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mypm.core.results import Attachment
from mypm.core.rules import RuleFile
from mypm.read import layout as L
from mypm.render.workbook.xlsx import (
    BORDER,
    FONT,
    UNLOCKED,
    WRAP_LEFT,
    Book,
    list_header,
    list_row,
)
from mypm.season.review import Claim
from mypm.text.catalogue import join, place, t
from mypm.text.vocabulary import REVIEW_COLUMNS, REVIEW_VERDICTS

# unit, field, key, claim, cell, evidence, decision, corrected value, reason: A4 landscape
WIDTHS = (12, 20, 16, 8, 26, 30, 10, 10, 24)


def write_review_form(
    path: Path,
    rule_file: RuleFile,
    reviewer: str,
    claims: Sequence[Claim],
    evidence: Sequence[Attachment],
) -> None:
    """The review form of `reviewer` (a certifier id): a row per claim it reviews."""
    rules = rule_file.rules
    title = t(
        "review.form_title", year=rules.year, title=rules.title, reviewer=rules.certifiers[reviewer]
    )
    book = Book(path)
    ws = book.add_sheet(t("sheet.review"))
    labels = [t(f"review.column.{name}") for name in REVIEW_COLUMNS]
    list_header(book, ws, labels, WIDTHS, header=title, frozen_cols=2)
    choices = [REVIEW_VERDICTS["accept"][0], REVIEW_VERDICTS["correct"][0]]
    mine = [c for c in claims if c.leaf.reviewed_by == reviewer]
    for row, claim in enumerate(mine, start=1):
        files = [
            t("evidence.file", name=a.name, sha=a.sha256[:12])
            for a in evidence
            if a.unit == claim.unit and a.covers(claim.leaf.key, claim.leaf.owner)
        ]
        texts = [
            claim.unit,
            claim.leaf.label,
            claim.leaf.key,
            claim.shown,
            place(claim.source) if claim.source else "",
            join(files) if files else t("evidence.none", asked=join(claim.leaf.evidence_asked)),
        ]
        list_row(book, ws, row, texts, WIDTHS[: len(texts)])
        for col in range(len(texts), len(labels)):
            ws.write_blank(row, col, None, book.format(FONT, WRAP_LEFT, UNLOCKED, BORDER))
    if mine:
        ws.data_validation(1, 6, len(mine), 6, {"validate": "list", "source": choices})
    book.set_metadata(
        {
            L.META_RULES_ID: rules.id,
            L.META_KIND: rules.kind,
            L.META_YEAR: str(rules.year),
            L.META_RULES_SHA256: rule_file.sha256,
            L.META_REVIEW: reviewer,
        },
        title=title,
    )
    book.close()
