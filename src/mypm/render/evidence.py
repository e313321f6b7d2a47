"""Evidence (佐证材料) and reviews on the terminal: each file received, a file as one line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape

from mypm.render.terminal import console
from mypm.season.evidence import MB, Evidence, EvidenceReceipt
from mypm.text.catalogue import aside, t


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
