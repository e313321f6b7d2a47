"""`mypm.Season`: a season folder through the library, as its commands use it. It writes
results as the library does, so it stands at the library's layer (tests/test_layering.py)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mypm.season import folder
from mypm.season.layout import RESULT_NAMES
from mypm.season.runs import scope

if TYPE_CHECKING:
    from mypm.core.appeals import Appeal, Outcome
    from mypm.core.results import Attachment
    from mypm.core.rules import RuleFile
    from mypm.jobs.scoring import Scored
    from mypm.jobs.status import CollectionStatus
    from mypm.season.evidence import Evidence, EvidenceReceipt
    from mypm.season.ledger import Entry
    from mypm.season.receipts import Extension, Receipt, Version
    from mypm.season.review import Claim, Review
    from mypm.season.verify import Verification


class Season:
    """A season folder (docs/en/season.md): `Season(path)` opens one, `Season.init`
    makes one. Each method does what its command does, prints nothing and raises MypmError
    subclasses; `receive` and `extend` record in the ledger, `score` writes nothing."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.folder = folder.open_season(Path(path))

    @classmethod
    def init(
        cls,
        path: str | os.PathLike[str],
        *,
        kind: str | None = None,
        rules: str | os.PathLike[str] | None = None,
        year: int | None = None,
        units: str | os.PathLike[str] | None = None,
        deadline: dt.date | None = None,
        force: bool = False,
        reply_deadline: dt.date | None = None,
    ) -> Season:
        """Make a season folder, as `mypm init`, and open it."""
        from mypm.text.catalogue import say

        options = folder.InitOptions(
            kind,
            Path(rules) if rules else None,
            year,
            Path(units) if units else None,
            deadline,
            force,
            reply_deadline,
        )
        return cls(folder.init_season(Path(path), options, say).root)

    @property
    def path(self) -> Path:
        return self.folder.root

    def receive(
        self, paths: Sequence[str | os.PathLike[str]], *, received_at: dt.datetime | None = None
    ) -> list[Receipt]:
        """Receive returned workbooks, as `mypm receive`: what became of each."""
        from mypm.season.receipts import receive

        return receive(self.folder, [Path(p) for p in paths], received_at)

    def receive_evidence(
        self,
        unit: str,
        field: str,
        paths: Sequence[str | os.PathLike[str]],
        *,
        received_at: dt.datetime | None = None,
    ) -> list[EvidenceReceipt]:
        """Receive evidence files for a unit's field (a key, or a name found once in the
        rules), as `mypm receive --evidence UNIT FIELD FILE...`: all of them, or none."""
        from mypm.season.evidence import given_files, receive_evidence

        given = given_files(self.folder, unit, field, [Path(p) for p in paths])
        return receive_evidence(self.folder, given, received_at)

    def receive_evidence_folder(
        self, folder_path: str | os.PathLike[str], *, received_at: dt.datetime | None = None
    ) -> list[EvidenceReceipt]:
        """Receive a delivery of evidence (a folder per unit, holding a folder per field), as
        `mypm receive --evidence FOLDER`: all of it, or none."""
        from mypm.season.evidence import delivery, receive_evidence

        return receive_evidence(self.folder, delivery(self.folder, Path(folder_path)), received_at)

    def evidence(self) -> list[Evidence]:
        """Every evidence file received, in order."""
        from mypm.season.evidence import evidence_in

        with self.folder.ledger() as ledger, ledger.reading():
            return evidence_in(ledger.entries())

    def extend(self, target: str, until: dt.date, reason: str) -> Extension:
        """Give a unit or certifier more time, as `mypm extend`."""
        from mypm.season.receipts import extend

        return extend(self.folder, target, until, reason)

    def files(self) -> list[Version]:
        """Every file received, with its state (current, superseded, withdrawn) and lateness."""
        from mypm.season.receipts import season_versions

        with self.folder.ledger() as ledger, ledger.reading():
            return season_versions(self.folder, ledger)

    def status(self) -> CollectionStatus:
        """What has come back, from the current files, as `mypm status`."""
        from mypm.jobs.scoring import ScoreOptions
        from mypm.jobs.status import collection_status

        with scope(self.path, (), None, None, writes=False) as found:
            return collection_status(
                list(found.files), ScoreOptions(None, found.rules, found.units)
            )

    def score(self, *, allow_missing: bool = False, before_appeals: bool = False) -> Scored:
        """Score the current files with the season's rules and units and the values decided
        on its ledger (writes nothing); the report records the ledger's head and the appeals.
        `before_appeals`: without the appeals' decisions, as `score --before-appeals`."""
        from mypm.jobs.scoring import score_files

        with scope(self.path, (), None, None, writes=False) as found:
            options = found.score_options(
                allow_missing=allow_missing, before_appeals=before_appeals
            )
            scored = score_files(list(found.files), options)
            return found.stamped(scored, before_appeals=before_appeals)

    def write_scores(
        self, *, allow_missing: bool = False, format: Literal["xlsx", "json", "csv"] = "xlsx"
    ) -> Path:
        """Score the current files and write the results into the results folder under a new
        name, recorded in the ledger as a run (as `mypm score` in the season); returns the
        path, which `verify` takes."""
        from mypm.api import write_scored
        from mypm.jobs.scoring import score_files

        command = ("mypm.Season.write_scores", f"allow_missing={allow_missing}", format)
        with scope(self.path, (), None, None, writes=True, command=command) as found:
            options = found.score_options(allow_missing=allow_missing)
            scored = found.stamped(score_files(list(found.files), options))
            output = found.output(RESULT_NAMES["score"], f".{format}")
            assert output is not None
            write_scored(scored, output, format=format)
            found.record([output], allow_missing=allow_missing)
        return output

    def add_appeal(
        self,
        unit: str,
        field: str,
        claim: str,
        reason: str,
        files: Sequence[str | os.PathLike[str]] = (),
        *,
        received_at: dt.datetime | None = None,
    ) -> Appeal:
        """Record an appeal with its files, as `mypm appeal add`; it carries its number."""
        from mypm.season.appeals import add_appeal

        paths = [Path(p) for p in files]
        return add_appeal(self.folder, unit, field, claim, reason, paths, received_at)

    def decide_appeal(
        self,
        number: int,
        outcome: Outcome,
        reason: str,
        *,
        value: str | None = None,
        revise: bool = False,
        by: str | None = None,
    ) -> Appeal:
        """Decide appeal `number` (uphold, accept, partial with `value`), as `mypm appeal
        decide`; a decided appeal is decided again only with `revise`."""
        from mypm.season.appeals import decide_appeal

        return decide_appeal(
            self.folder, number, outcome, reason, value=value, revise=revise, by=by
        )

    def appeals(self) -> list[Appeal]:
        """Every appeal recorded, each with its decisions (the latest counts)."""
        from mypm.season.appeals import appeals_in

        with self.folder.ledger() as ledger, ledger.reading():
            return appeals_in(ledger.entries())

    def write_appeals_form(
        self, output: str | os.PathLike[str] | None = None, *, force: bool = False
    ) -> Path:
        """Write the season's appeals workbook, as `mypm template --appeals` (default: the
        forms folder's `<kind>-申诉表.xlsx`), recorded in the ledger as a run."""
        from mypm.api import appeals_form

        command = ("mypm.Season.write_appeals_form",)
        with scope(
            self.path, (), None, None, writes=True, needs_files=False, command=command
        ) as found:
            path = appeals_form(self.folder, output, force=force)
            found.record([path])
        return path

    def review(
        self,
        unit: str,
        field: str,
        verdict: Literal["accept", "correct"],
        *,
        reason: str,
        value: str | None = None,
    ) -> list[Review]:
        """Accept a unit's claim, or correct it to `value`, as `mypm review`: the decisions
        recorded (one a part, for an indicator's key)."""
        from mypm.season.receipts import record_reviews
        from mypm.season.review import Request

        request = Request(unit, field, verdict, value, reason)
        return record_reviews(self.folder, lambda _: [request])

    def accept_all(self, unit: str | None = None, *, reason: str = "") -> list[Review]:
        """Accept every claim still pending (of one unit, or all), as `mypm review
        --accept-all`: each its own decision."""
        from mypm.season.receipts import record_reviews
        from mypm.season.review import accept_all

        return record_reviews(self.folder, accept_all(self.folder, unit, reason))

    def write_review_forms(self, *, force: bool = False) -> list[Path]:
        """Write a review form (审核表) per reviewing certifier into the forms folder, listing
        each claim still pending with its evidence, as `mypm template --review`; recorded in
        the ledger as a run. A form already there is replaced only with `force`."""
        from mypm.core.files import unique_file_names, write_atomically
        from mypm.season.review import pending_claims
        from mypm.text.vocabulary import REVIEW_FORM

        command = ("mypm.Season.write_review_forms", f"force={force}")
        with scope(self.path, (), None, None, writes=True, command=command) as found:
            season = self.folder
            rules = season.rule_file.rules
            claims = pending_claims(season, found.files, found.reviews)
            reviewers = list(dict.fromkeys(f.reviewed_by for f in rules.leaves if f.reviewed_by))
            stems = [f"{rules.kind}-{REVIEW_FORM}-{rules.certifiers[r]}" for r in reviewers]
            written = []
            for reviewer, name in zip(reviewers, unique_file_names(stems, ".xlsx"), strict=True):
                path = season.forms / name
                evidence = found.evidence or ()
                write = partial(_review_form, season.rule_file, reviewer, claims, evidence)
                write_atomically(path, write, force=force)
                written.append(path)
            found.record(written)
        return written

    def log(self) -> list[Entry]:
        """The ledger's entries, in order (a broken chain too: `verify` says where)."""
        with self.folder.ledger(intact=False) as ledger, ledger.reading():
            return ledger.entries()

    def verify(self, result: str | os.PathLike[str] | None = None) -> Verification:
        """Check a result against the run that made it, as `mypm verify`."""
        from mypm.season.verify import verify

        return verify(self.folder, Path(result) if result is not None else None)


def _review_form(
    rule_file: RuleFile,
    reviewer: str,
    claims: Sequence[Claim],
    evidence: Sequence[Attachment],
    path: Path,
) -> None:
    from mypm.render.workbook.review import write_review_form

    write_review_form(path, rule_file, reviewer, claims, evidence)
