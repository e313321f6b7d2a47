"""The office's review of the units' claims (`mypm review`): where the guide names no certifying
body for a field (the rule file's `reviewed_by`), the unit's own value is a claim that the office
accepts or corrects against its evidence. Each decision is a ledger entry; a correction is
scored like a certification (核减/核增, both values), through the values decided on the record.

A decision is about the claim it saw: when the unit sends a form with another value, the claim
is to review again. The latest decision on a unit's field counts; earlier ones stay listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mypm.core.errors import OptionError, Problem, WorkbookError
from mypm.core.messages import Msg, Text
from mypm.core.results import Attachment, Decided, FieldValue, Shown, Source
from mypm.core.rules.model import Leaf, canonical_unit
from mypm.core.values import ValueProblem
from mypm.season.evidence import Unproven, missing_evidence
from mypm.season.folder import Season
from mypm.season.ledger import Entry, Ledger
from mypm.season.names import field_named, unit_named
from mypm.text.vocabulary import office_text

KIND = "review"
Verdict = Literal["accept", "correct"]


@dataclass(frozen=True)
class Review:
    """One decision on a unit's claim: accepted, or corrected to `value`; why, who, when; the
    claim as it was when decided; and where it was written (a review form's cell, or "")."""

    unit: str
    key: str
    verdict: Verdict
    value: str  # the corrected value as given; "" when accepted
    claim: str  # the claim decided on, as shown (是, 3 …)
    reason: str
    by: str
    at: str
    seq: int
    source: str = ""

    @property
    def ref(self) -> str:
        """The decision as `mypm log` numbers it."""
        return f"#{self.seq}"


@dataclass(frozen=True)
class Claim:
    """A unit's claim on a field the office reviews: its value now, its cell, and the decision
    that counts (None while pending, or when the claim changed since)."""

    unit: str
    leaf: Leaf
    value: FieldValue
    review: Review | None

    @property
    def shown(self) -> str:
        return claim_text(self.leaf.shown(self.value.value))

    @property
    def pending(self) -> bool:
        return self.review is None

    @property
    def source(self) -> Source | None:
        return self.value.source


def claim_text(shown: Shown) -> str:
    """A claim as the ledger keeps it, whatever the language: 是/否, or the number's text."""
    return office_text(shown)


def reviews_in(entries: Sequence[Entry]) -> list[Review]:
    """Every review decision the ledger records, in order."""
    return [
        Review(
            unit=e.data["unit"],
            key=e.data["key"],
            verdict=e.data["verdict"],
            value=e.data["value"],
            claim=e.data["claim"],
            reason=e.data["reason"],
            by=e.user,
            at=e.at,
            seq=e.seq,
            source=e.data.get("source", ""),
        )
        for e in entries
        if e.kind == KIND
    ]


def latest(reviews: Sequence[Review]) -> dict[tuple[str, str], Review]:
    """The decision that counts for each (unit, field): the latest."""
    return {(canonical_unit(r.unit), r.key): r for r in reviews}


def review_values(entries: Sequence[Entry]) -> tuple[Decided, ...]:
    """The corrections scoring applies: each unit field's latest decision, when it corrects."""
    return tuple(
        Decided(r.unit, r.key, r.value, "review", r.reason, r.by, r.at, r.ref)
        for r in latest(reviews_in(entries)).values()
        if r.verdict == "correct"
    )


def claims(
    season: Season, values: dict[tuple[str, str], FieldValue], reviews: Sequence[Review]
) -> list[Claim]:
    """Every claim the office reviews, unit by unit in the season's order, field by field in
    rule order: a non-blank value the unit gave for a field with `reviewed_by`. `values` are
    the merged values of the current files by (unit, field key)."""
    decided = latest(reviews)
    rules = season.rule_file.rules
    found = []
    for unit in season.units():
        for leaf in rules.leaves:
            value = values.get((canonical_unit(unit.name), leaf.key))
            if leaf.reviewed_by is None or value is None or value.value is None:
                continue
            review = decided.get((canonical_unit(unit.name), leaf.key))
            claim = Claim(unit.name, leaf, value, None)
            if review is not None and review.claim == claim.shown:
                claim = Claim(unit.name, leaf, value, review)
            found.append(claim)
    return found


# --- recording decisions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """A decision to record: on whose claim, which field, accept or correct (to `value`)."""

    unit: str
    field: str
    verdict: Verdict
    value: str | None
    reason: str
    cell: Source | None = None  # where a review form holds it


def pending_claims(season: Season, files: Sequence[Path], reviews: Sequence[Review]) -> list[Claim]:
    """The claims in `files` (the season's current ones) no decision covers yet."""
    return [c for c in claims_in(season, files, reviews) if c.pending]


def claims_in(season: Season, files: Sequence[Path], reviews: Sequence[Review]) -> list[Claim]:
    from mypm.jobs.scoring import ScoreOptions
    from mypm.jobs.status import collection_status

    if not files:
        return []
    options = ScoreOptions(rules_path=season.rules_path, units_file=season.units_path)
    return claims(season, collection_status(files, options).values, reviews)


def checked_requests(
    season: Season, requests: Sequence[Request], current: Sequence[Claim]
) -> list[dict[str, Any]]:
    """The ledger records of `requests`, each checked against the claims now; an OptionError
    listing every problem when one is wrong."""
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    for request in requests:
        try:
            records += _checked(season, request, current)
        except OptionError as exc:
            problems += exc.problems
    if problems:
        raise OptionError(problems)
    return records


def receive_review_form(
    season: Season, ledger: Ledger, path: Path, sha: str, target: Path, files: Sequence[Path]
) -> tuple[str, int]:
    """Record the decisions of a review form (inside `receive`'s transaction) against the
    claims in `files` (the current ones) and keep the form as `target`: (the file kept, how
    many decisions), or (the file kept before, -1) when this very form was recorded already."""
    from mypm.read.entries import open_input
    from mypm.read.review import read_review_form

    entries = ledger.entries()
    for entry in entries:
        form = entry.data.get("form") if entry.kind == KIND else None
        if form and form["sha256"] == sha:
            return form["file"], -1
    book = open_input(path)
    try:
        rows = read_review_form(book)
    finally:
        book.close()
    requests = [
        Request(
            r.unit,
            r.key,
            "accept" if r.verdict == "accept" else "correct",
            r.value,
            r.reason,
            r.source,
        )
        for r in rows
    ]
    records = checked_requests(season, requests, claims_in(season, files, reviews_in(entries)))
    kept = {"file": season.relative(target), "sha256": sha, "original": path.name}
    for record in records:
        ledger.append(KIND, {**record, "form": kept}, season.now())
    return kept["file"], len(records)


def accept_all(
    season: Season, unit: str | None, reason: str
) -> Callable[[Sequence[Claim]], list[Request]]:
    """`review --accept-all [UNIT]`: accept each pending claim (of one unit, or every unit)."""
    name = None if unit is None else unit_named(season.units(), unit)

    def pending(current: Sequence[Claim]) -> list[Request]:
        return [
            Request(c.unit, c.leaf.key, "accept", None, reason)
            for c in current
            if c.pending and name in (None, c.unit)
        ]

    return pending


def _checked(season: Season, request: Request, current: Sequence[Claim]) -> list[dict[str, Any]]:
    """The ledger records of one request (one a part, for an indicator's key), or an
    OptionError at its cell of a review form, else at its unit and field."""
    try:
        unit = unit_named(season.units(), request.unit)
        target = field_named(season.rule_file.rules, request.field)
    except OptionError as exc:
        raise _located(request, exc.problems[0].where, exc.problems[0].message) from None
    where = f"{unit} › {target.key}"
    reviewed = [leaf for leaf in target.leaves if leaf.reviewed_by is not None]
    if not reviewed:
        names = season.rule_file.rules.certifier_names(target.leaves[0])
        message = Msg.of("review.not_reviewed", field=target.label, certifiers=names)
        raise _located(request, where, message)
    if request.verdict == "correct" and len(reviewed) > 1:
        keys = tuple(leaf.key for leaf in reviewed)
        raise _located(request, where, Msg.of("review.one_part", keys=keys))
    records = []
    for leaf in reviewed:
        claim = next((c for c in current if c.leaf.key == leaf.key and c.unit == unit), None)
        if claim is None:
            message = Msg.of("review.no_claim", unit=unit, field=leaf.label)
            raise _located(request, where, message)
        value = ""
        if request.verdict == "correct":
            try:
                value = _corrected(leaf, request.value)
            except ValueProblem as exc:
                raise _located(request, where, exc.message, exc.advice) from None
        records.append(
            {
                "unit": unit,
                "key": leaf.key,
                "verdict": request.verdict,
                "value": value,
                "claim": claim.shown,
                "reason": request.reason,
                "source": str(request.cell) if request.cell else "",
            }
        )
    return records


def _located(request: Request, where: str, message: Text, advice: Text = "") -> OptionError:
    """A problem of a request: at its cell of a review form, else at `where`."""
    if request.cell is not None:
        return OptionError([request.cell.problem(message, advice)])
    return OptionError([Problem(where, message, advice)])


def _corrected(leaf: Leaf, text: str | None) -> str:
    """The corrected value, checked as an entry cell is; as the ledger keeps it. A
    ValueProblem saying what is wrong otherwise."""
    if text is None or not text.strip():
        raise ValueProblem(Msg.of("review.value_needed", field=leaf.label))
    try:
        value = leaf.parse(text)
    except ValueProblem as exc:
        message = Msg.of("review.bad_value", field=leaf.label, value=text, problem=exc.message)
        raise ValueProblem(message, exc.advice) from None
    assert value is not None
    return claim_text(leaf.shown(value))


def check_all_reviewed(current: Sequence[Claim]) -> None:
    """A final publish needs every claim reviewed: a WorkbookError listing each one pending."""
    pending = [c for c in current if c.pending]
    if pending:
        advice = Msg.of("review.pending_advice")
        raise WorkbookError(
            [
                Problem(
                    c.unit,
                    Msg.of("review.pending", field=c.leaf.label, key=c.leaf.key, claim=c.shown),
                    advice,
                )
                for c in pending
            ]
        )


@dataclass(frozen=True)
class Outstanding:
    """What a season still waits for beyond the forms: evidence the units owe (缺佐证, counted
    as missing) and claims the office has not reviewed yet."""

    unproven: tuple[Unproven, ...]
    pending: tuple[Claim, ...]


def outstanding(
    season: Season,
    values: dict[tuple[str, str], FieldValue],
    evidence: Sequence[Attachment],
    reviews: Sequence[Review],
    returned: set[tuple[str, str]],
) -> Outstanding:
    """The evidence missing and the claims pending, from the merged values of the current
    files (and which forms came back) and the ledger's evidence and reviews."""
    pending = tuple(c for c in claims(season, values, reviews) if c.pending)
    unproven = missing_evidence(season, values, evidence, returned)
    return Outstanding(tuple(unproven), pending)
