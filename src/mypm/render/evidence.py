"""Evidence (佐证材料) and reviews on the terminal: each file received, a file as one line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape

from mypm.render.terminal import console
from mypm.season.evidence import MB, Evidence, EvidenceReceipt
from mypm.season.review import Outstanding, Review
from mypm.text.catalogue import aside, join, place, t


def file_size(size: int) -> str:
    """A size as people read it: 312 KB, 4.2 MB."""
    if size < MB:
        return t("evidence.size_kb", size=max(1, round(size / 1024)))
    return t("evidence.size_mb", size=f"{size / MB:.1f}")


def file_type_name(kind: str) -> str:
    return t(f"evidence.type.{kind}")


def show_evidence_receipts(receipts: Sequence[EvidenceReceipt]) -> None:
    """Each evidence file: received (where it is kept, its type, size and hash), or a
    duplicate of one already kept."""
    for receipt in receipts:
        found: Evidence = receipt.evidence
        target = receipt.given.target
        field = aside(target.label, target.key)
        if receipt.outcome == "duplicate":
            line = t(
                "evidence.duplicate",
                unit=found.unit,
                field=field,
                original=receipt.given.path.name,
                file=found.file,
            )
        else:
            line = t(
                "evidence.received",
                unit=found.unit,
                field=field,
                original=found.original,
                type=file_type_name(found.type),
                size=file_size(found.size),
                sha=found.sha256[:12],
                file=found.file,
            )
        console.print(escape(line), soft_wrap=True)


def review_line(review: Review) -> str:
    """A decision as one line: its number, whose claim, accepted or corrected, why."""
    key = "review.accepted" if review.verdict == "accept" else "review.corrected"
    reason = review.reason or t("review.no_reason")
    return t(
        key, ref=review.ref, unit=review.unit, field=review.key, claim=review.claim,
        value=review.value, reason=reason,
    )  # fmt: skip


def show_reviews(reviews: Sequence[Review]) -> None:
    """Each decision recorded, or that there was nothing to decide."""
    if not reviews:
        console.print(escape(t("review.nothing_pending")), soft_wrap=True)
    for review in reviews:
        console.print(escape(review_line(review)), soft_wrap=True)


def show_outstanding(owed: Outstanding) -> None:
    """The evidence each unit still owes (缺佐证: part of what is chased from the unit), then
    the claims the office has not reviewed yet."""
    if owed.unproven:
        console.print(t("status.unproven", count=len(owed.unproven)), style="bold")
        for item in owed.unproven:
            line = t(
                "status.unproven_line",
                unit=item.unit,
                field=item.label,
                asked=t("status.unproven_asked", asked=join(item.asked)),
                folder=item.folder,
            )
            console.print("  " + escape(line), soft_wrap=True)
        summary = t("status.unproven_summary", count=len(owed.unproven))
        console.print(summary, style="bold red")
    if owed.pending:
        console.print(t("status.pending", count=len(owed.pending)), style="bold")
        for claim in owed.pending:
            cell = place(claim.source) if claim.source else ""
            line = t(
                "status.pending_line",
                unit=claim.unit,
                field=claim.leaf.label,
                claim=claim.shown,
                cell=cell,
            )
            console.print("  " + escape(line), soft_wrap=True)
