"""Commands run inside a season: their inputs, rules and unit list come from the season unless
given, their results go into the results folder under names no later run replaces, and each
run that writes an output is a ledger entry (time, user, command line, mypm version, the rule
file's hash, every input's and output's hash).

A run holds the ledger's write lock from start to end, so the head hash its outputs record is
the entry just before its own. Outside a season `Scope` changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mypm.__about__ import __version__
from mypm.core.errors import OptionError, Problem, WorkbookError
from mypm.core.files import file_sha256
from mypm.core.messages import Msg
from mypm.season.appeals import DECISION_KINDS, appeals_in, decided_values, without_appeals
from mypm.season.evidence import KIND as EVIDENCE
from mypm.season.evidence import attachments
from mypm.season.folder import Season, find_season, open_season
from mypm.season.layout import MAX_FILE_NAME
from mypm.season.ledger import Entry, Ledger
from mypm.season.receipts import Version, received_changes, season_versions
from mypm.season.review import KIND as REVIEW
from mypm.season.review import Review, review_values, reviews_in

if TYPE_CHECKING:
    from mypm.core.appeals import Appeal
    from mypm.core.results import Attachment, Decided
    from mypm.jobs.scoring import Scored, ScoreOptions

RUN = "run"


class NoFiles(OptionError):
    """Outside a season, a command that reads workbooks was given none."""


@dataclass
class Scope:
    """Where a command's files come from and go to: a season's, or (season None) as given."""

    files: tuple[Path, ...]
    rules: Path | None
    units: Path | None
    season: Season | None = None
    ledger: Ledger | None = None
    head: str = ""  # the ledger's head hash when the run began
    late: frozenset[str] = field(default_factory=frozenset)  # inputs received late
    command: tuple[str, ...] = ()  # the command line, as the ledger records it
    versions: tuple[Version, ...] = ()  # every file the season received, with its state
    # the values decided on the ledger (review corrections, appeal decisions) scoring applies
    decided: tuple[Decided, ...] = ()
    # every evidence file received (None outside a season, where no evidence is asked)
    evidence: tuple[Attachment, ...] | None = None
    reviews: tuple[Review, ...] = ()  # every decision on a claim (mypm review)
    appeals: tuple[Appeal, ...] = ()  # every appeal recorded, with its decisions

    def chosen(self, *, before_appeals: bool = False) -> tuple[Decided, ...]:
        """The decided values to score with: all, or (`before_appeals`) all but the appeals'."""
        return without_appeals(self.decided) if before_appeals else self.decided

    def score_options(
        self, *, allow_missing: bool = False, before_appeals: bool = False
    ) -> ScoreOptions:
        """How the library scores in this scope: its rules and units, the values decided on
        the ledger (all, or all but the appeals') and the evidence received."""
        from mypm.jobs.scoring import ScoreOptions

        return ScoreOptions(
            None,
            self.rules,
            self.units,
            allow_missing,
            decided=self.chosen(before_appeals=before_appeals),
            evidence=self.evidence,
        )

    def output(self, what: str, suffix: str) -> Path | None:
        """A new name in the results folder (`<kind>-<what>-<time><suffix>`, never an earlier
        run's); None outside a season, where the command's own default applies."""
        if self.season is None:
            return None
        stamp = self.season.now().strftime("%Y%m%d-%H%M%S")
        kind = self.season.config.kind
        for number in range(1, 1000):
            tail = f"-{stamp}" + (f"-{number}" if number > 1 else "") + suffix
            path = self.season.results / (f"{kind}-{what}"[: MAX_FILE_NAME - len(tail)] + tail)
            if not path.exists():
                return path
        raise OptionError([Problem(str(self.season.results), Msg.of("receive.no_name"))])

    def stamped(self, scored: Scored, *, before_appeals: bool = False) -> Scored:
        """The scoring with the ledger's head in its provenance (and late inputs marked), and
        the season's appeals unless it was scored `before_appeals`."""
        if self.season is None:
            return scored
        files = tuple(replace(f, late=Path(f.path).name in self.late) for f in scored.report.files)
        appeals = () if before_appeals else self.appeals
        report = replace(scored.report, ledger_head=self.head, files=files, appeals=appeals)
        return replace(scored, report=report)

    def record(self, outputs: Sequence[Path | None], **options: object) -> Entry | None:
        """The run as a ledger entry, if it wrote anything inside a season."""
        written = [p for p in outputs if p is not None and p.exists()]
        if self.season is None or self.ledger is None or not written:
            return None
        season = self.season
        data: dict[str, Any] = {
            "command": list(self.command),
            "version": __version__,
            "rules": self._name(self.rules) if self.rules else "",
            "rules_sha256": file_sha256(self.rules) if self.rules else "",
            "units": self._name(self.units) if self.units else "",
            "units_sha256": file_sha256(self.units) if self.units else "",
            "inputs": [{"file": self._name(p), "sha256": file_sha256(p)} for p in self.files],
            "outputs": [output_record(self._name(p), p) for p in written],
            "options": options,
            "head": self.head,
        }
        return self.ledger.append(RUN, data, season.now())

    def _name(self, path: Path) -> str:
        """A path as the ledger keeps it: inside the season relative to it, else absolute."""
        assert self.season is not None
        try:
            return self.season.relative(path)
        except ValueError:
            return str(path.resolve())


@contextlib.contextmanager
def scope(
    season_dir: Path | None,
    files: Sequence[Path],
    rules: Path | None,
    units: Path | None,
    *,
    writes: bool,
    needs_files: bool = True,
    command: Sequence[str] = (),
) -> Iterator[Scope]:
    """The scope of one command: outside a season the files as given (some are needed when
    `needs_files`); inside one, the season's current returned files when none are given, its
    rules and unit list unless given, and, for a command that `writes`, the ledger's write lock
    for the whole run (a reading command reads the ledger once and holds nothing)."""
    root = find_season(season_dir)
    if root is None:
        if needs_files and not files:
            raise NoFiles([Problem("FILES", Msg.of("season.no_files"))])
        yield Scope(tuple(files), rules, units)
        return
    season = open_season(root)
    with season.ledger() as ledger, ledger.writing() if writes else ledger.reading():
        received = season_versions(season, ledger)
        decisions = ledger.entries(*DECISION_KINDS)  # appeals and their decisions
        current = [v for v in received if v.state == "current"]
        chosen = tuple(files) or tuple(season.root / v.file for v in current)
        if needs_files and not chosen:
            raise WorkbookError([Problem(str(season.returned), Msg.of("season.nothing_received"))])
        changed = received_changes(season, received, chosen)
        if changed:  # a received file edited by hand is never read as if it were received
            raise WorkbookError(changed)
        head = ledger.head()
        found = Scope(
            chosen,
            rules or season.rules_path,
            units or season.units_path,
            season,
            ledger if writes else None,
            head.hash if head else "",
            frozenset(v.name for v in current if v.late),
            tuple(command),
            tuple(received),
            decided=review_values(ledger.entries(REVIEW)) + decided_values(decisions),
            evidence=attachments(ledger.entries(EVIDENCE, *DECISION_KINDS)),
            reviews=tuple(reviews_in(ledger.entries(REVIEW))),
            appeals=tuple(appeals_in(decisions)),
        )
        if writes:
            yield found
    if not writes:
        yield found


def season_side(path: Path) -> Scope | None:
    """A season folder given as one side of `compare`: its current returned files, rules and
    unit list (None when `path` is no season folder)."""
    from mypm.season.layout import CONFIG_NAME

    if not (path / CONFIG_NAME).is_file():
        return None
    with scope(path, (), None, None, writes=False) as found:
        return found


def form_output(
    where: Scope,
    kind: str | None,
    output: Path | None,
    certifier: str | None,
    self_check: bool,
    many: bool,
) -> tuple[str, Path | None]:
    """The kind and output of `template`: in a season its kind, and its forms folder (or the
    form's default name there); outside, `--kind` is needed."""
    season = where.season
    if season is None:
        if kind is None:
            raise OptionError([Problem("--kind", Msg.of("season.kind_needed"))])
        return kind, output
    if output is None:
        from mypm.read.forms import template_name
        from mypm.season.names import form_certifier

        rules = season.rule_file.rules
        certifier = certifier and form_certifier(rules, certifier)
        name = template_name(rules, certifier=certifier, self_check=self_check)
        output = season.forms if many else season.forms / name
    return kind or season.config.kind, output


def output_record(name: str, path: Path) -> dict[str, Any]:
    """An output's name and hash; a folder's hash is over its files' names and hashes, which
    are kept too."""
    if not path.is_dir():
        return {"file": name, "sha256": file_sha256(path)}
    files = {
        p.relative_to(path).as_posix(): file_sha256(p)
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }
    return {"file": name, "sha256": folder_sha256(files), "files": files}


def folder_sha256(files: dict[str, str]) -> str:
    lines = "".join(f"{sha}  {name}\n" for name, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()
