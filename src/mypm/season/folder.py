"""A season folder: finding it, making it (`mypm init`) and opening it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mypm.core.errors import OptionError, Problem, RulesError
from mypm.core.files import file_sha256, read_bounded, write_atomically
from mypm.core.messages import Msg
from mypm.core.rules import RuleFile, load_rule_file
from mypm.core.rules.loader import MAX_RULE_FILE_BYTES
from mypm.core.rules.model import Unit
from mypm.jobs.rules import rule_set
from mypm.jobs.scoring import named_timezone
from mypm.read.units import MAX_UNIT_LIST_BYTES, read_unit_list
from mypm.season import layout
from mypm.season.config import SeasonConfig, config_schema_json, config_yaml, load_config
from mypm.season.ledger import Ledger

CLOCK_DRIFT = dt.timedelta(minutes=5)  # how far ahead of this computer's clock a time may be


@dataclass(frozen=True)
class Season:
    """An open season folder: its configuration and its rule set (checked against the hash
    recorded when the season was made)."""

    root: Path
    config: SeasonConfig
    rule_file: RuleFile

    @property
    def rules_path(self) -> Path:
        return self.root / layout.RULES_FOLDER / self.config.rules

    @property
    def units_path(self) -> Path | None:
        units = self.config.units
        return None if units is None else self.root / layout.RULES_FOLDER / units

    @property
    def forms(self) -> Path:
        return self.root / self.config.folders.forms

    @property
    def returned(self) -> Path:
        return self.root / self.config.folders.returned

    @property
    def results(self) -> Path:
        return self.root / self.config.folders.results

    @property
    def evidence(self) -> Path:
        return self.root / self.config.folders.evidence

    @property
    def ledger_path(self) -> Path:
        return self.root / layout.LEDGER_NAME

    @property
    def zone(self) -> dt.tzinfo:
        return named_timezone(self.config.timezone, str(self.root / layout.CONFIG_NAME))

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.zone)

    def received_time(self, given: dt.datetime | None) -> dt.datetime:
        """When files arrived: now, or the moment given (--received-at, without a zone the
        office's time); one later than now (beyond a clock's drift) is an OptionError, as it
        would outrank every file received after it."""
        now = self.now()
        if given is None:
            return now
        moment = given.replace(tzinfo=self.zone) if given.tzinfo is None else given
        if moment > now + CLOCK_DRIFT:
            shown = moment.strftime("%Y-%m-%d %H:%M")
            message = Msg.of("receive.future", moment=shown, now=now.strftime("%Y-%m-%d %H:%M"))
            raise OptionError([Problem("--received-at", message)])
        return moment

    def units(self) -> list[Unit]:
        """The season's units: its own list, else the rule set's."""
        rules = self.rule_file.rules
        path = self.units_path
        return read_unit_list(path, rules.units) if path else rules.assessed_units

    def ledger(self, *, intact: bool = True) -> Ledger:
        """The season's ledger, its chain checked first (a broken one is refused); `log` and
        `verify` open it with `intact=False` to list what is broken."""
        ledger = Ledger.open(self.ledger_path)
        if intact:
            try:
                ledger.check_intact(self.kept_files())
            except BaseException:
                ledger.close()
                raise
        return ledger

    def kept_files(self) -> list[str]:
        """What only an entry of the ledger can have put into the season (relative to it): the
        received files under their canonical names, the evidence, and the results under the
        names runs give them; a system's or an editor's own files (Thumbs.db, ~$…) aside."""
        stamp = r"\d{8}-\d{6}(-\d+)?"
        received = re.compile(f"-{layout.RECEIVED}{stamp}\\.xlsx$")
        result = re.compile(f"^{re.escape(self.config.kind)}-.+-{stamp}(\\.[A-Za-z]+)?$")
        kept = [p for p in _listed(self.returned) if p.is_file() and received.search(p.name)]
        kept += [p for p in _listed(self.results) if result.match(p.name)]
        if self.evidence.is_dir():
            kept += [p for p in self.evidence.rglob("*") if p.is_file()]
        return [p.relative_to(self.root).as_posix() for p in kept if not _system(p.name)]

    def relative(self, path: Path) -> str:
        """A path inside the season as the ledger records it: relative, with `/`."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()


def _listed(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _system(name: str) -> bool:
    """A file a system or an editor makes on its own (Thumbs.db, desktop.ini, ~$book, .DS_Store)."""
    return name.startswith((".", "~$")) or name.lower() in {"thumbs.db", "desktop.ini"}


def find_season(
    given: Path | None, environ: Mapping[str, str] = os.environ, cwd: Path | None = None
) -> Path | None:
    """The season a command works in: `--season DIR`, else $MYPM_SEASON, else the working
    folder or the nearest parent holding a season.yaml; None outside a season. A folder given
    (by option or variable) that is no season is an OptionError."""
    named = given or (
        Path(environ[layout.SEASON_VARIABLE]) if environ.get(layout.SEASON_VARIABLE) else None
    )
    if named is not None:
        if not (named / layout.CONFIG_NAME).is_file():
            where = "--season" if given else layout.SEASON_VARIABLE
            message = Msg.of("season.not_a_season", path=str(named))
            raise OptionError([Problem(where, message)])
        return named
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / layout.CONFIG_NAME).is_file():
            return folder
    return None


def open_season(root: Path) -> Season:
    """The season in `root`: its configuration validated and its rule file unchanged since the
    season was made (a changed rule file is refused: results would not be comparable)."""
    config = load_config(root / layout.CONFIG_NAME)
    rules_path = root / layout.RULES_FOLDER / config.rules
    rule_file = load_rule_file(rules_path)
    if rule_file.sha256 != config.rules_sha256:
        message = Msg.of(
            "season.rules_changed", recorded=config.rules_sha256[:12], now=rule_file.sha256[:12]
        )
        raise RulesError([Problem(str(rules_path), message)])
    units_path = root / layout.RULES_FOLDER / config.units if config.units else None
    if units_path is not None and config.units_sha256 is not None:
        now = file_sha256(units_path) if units_path.is_file() else ""
        if now != config.units_sha256:
            message = Msg.of(
                "season.units_changed", recorded=config.units_sha256[:12], now=now[:12] or "-"
            )
            raise RulesError([Problem(str(units_path), message)])
    if rule_file.rules.kind != config.kind:
        message = Msg.of("season.kind_mismatch", kind=config.kind, rules=rule_file.rules.kind)
        raise RulesError([Problem(str(root / layout.CONFIG_NAME), message)])
    return Season(root, config, rule_file)


@dataclass(frozen=True)
class InitOptions:
    kind: str | None = None
    rules: Path | None = None
    year: int | None = None
    units: Path | None = None
    deadline: dt.date | None = None
    force: bool = False
    reply_deadline: dt.date | None = None  # the 反馈单's; none: the sheet leaves it blank


def init_season(root: Path, options: InitOptions, say: Callable[[Msg], str]) -> Season:
    """Make a season folder at `root`: its configuration (its comments as `say` says them, in
    the user's language), the rule file (and unit list) copied in with their hashes, the empty
    folders, the ledger with the season's first entry. A folder that is not empty is refused
    without `force`, one holding a season always; on any failure everything made is removed
    again."""
    if (root / layout.CONFIG_NAME).exists() or (root / layout.LEDGER_NAME).exists():
        raise OptionError([Problem(str(root), Msg.of("season.already"))])
    if root.exists() and not root.is_dir():
        raise OptionError([Problem(str(root), Msg.of("template.not_a_folder"))])
    if root.exists() and any(root.iterdir()) and not options.force:
        raise OptionError([Problem(str(root), Msg.of("season.not_empty"))])
    if not root.parent.is_dir():
        raise OptionError([Problem(str(root), Msg.of("season.no_parent"))])
    outer = next((p for p in root.resolve().parents if (p / layout.CONFIG_NAME).is_file()), None)
    if outer is not None:  # its files would be taken for the outer season's, and the other way
        raise OptionError([Problem(str(root), Msg.of("season.inside", folder=str(outer)))])
    chosen = rule_set(options.rules, options.kind)
    rules = chosen.rules
    if options.units is not None:
        read_unit_list(options.units, rules.units)  # every problem of the list, before anything
    deadline = options.deadline or rules.self_check_deadline
    if deadline is None:
        raise OptionError([Problem("--deadline", Msg.of("season.no_deadline", kind=rules.kind))])
    reply = options.reply_deadline
    if reply is not None and reply < deadline:
        message = Msg.of(
            "season.reply_before_deadline", reply=reply.isoformat(), deadline=deadline.isoformat()
        )
        raise OptionError([Problem("--reply-deadline", message)])
    rules_data = read_bounded(chosen.path, MAX_RULE_FILE_BYTES)
    units_data = read_bounded(options.units, MAX_UNIT_LIST_BYTES) if options.units else None
    config = SeasonConfig(
        kind=rules.kind,
        year=options.year or rules.year,
        rules=chosen.path.name,
        rules_sha256=hashlib.sha256(rules_data).hexdigest(),
        units=options.units.name if options.units else None,
        units_sha256=hashlib.sha256(units_data).hexdigest() if units_data is not None else None,
        deadline=deadline,
        reply_deadline=reply,
    )
    made: list[Path] = []
    try:
        if not root.exists():
            root.mkdir()
            made.append(root)
        for folder in (layout.RULES_FOLDER, *config.folders.model_dump().values()):
            (root / folder).mkdir()
            made.append(root / folder)
        files: dict[Path, bytes] = {
            root / layout.RULES_FOLDER / config.rules: rules_data,
            root / layout.CONFIG_NAME: config_yaml(config, say).encode("utf-8"),
            root / layout.SCHEMA_NAME: config_schema_json().encode("utf-8"),
        }
        if options.units is not None and units_data is not None:
            files[root / layout.RULES_FOLDER / options.units.name] = units_data
        for path, data in files.items():
            write_atomically(path, partial(_write_bytes, data), force=False)
            made.append(path)
        made.append(root / layout.LEDGER_NAME)
        season = open_season(root)
        with Ledger.create(season.ledger_path) as ledger, ledger.writing():
            ledger.append("season", season_entry(season), season.now())
    except BaseException:
        for path in reversed(made):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
    return season


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def season_entry(season: Season) -> dict[str, Any]:
    """The ledger's first entry: the configuration and the hashes of what the season scores by."""
    data: dict[str, Any] = season.config.model_dump(mode="json")
    data["rules_id"] = season.rule_file.rules.id
    return data
