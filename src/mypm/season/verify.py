"""`mypm verify`: is a result still what the run that wrote it made, from the same inputs,
rules and mypm? The run is found in the ledger (by the result's name, else its hash), the
recorded inputs are scored again and every difference is listed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mypm.__about__ import __version__
from mypm.core.errors import MypmError, OptionError, Problem
from mypm.core.files import file_sha256
from mypm.core.messages import Msg
from mypm.core.results import Decided
from mypm.season.appeals import decided_values, without_appeals
from mypm.season.folder import Season
from mypm.season.ledger import Entry
from mypm.season.receipts import received_changes, versions
from mypm.season.review import review_values
from mypm.season.runs import RUN, output_record

RESULT_COMMANDS = ("score", "publish")  # and the library's Season.write_scores


@dataclass
class Verification:
    """What verify found: the result, the run that made it, and every difference."""

    result: Path
    run: Entry | None
    differences: list[Problem] = field(default_factory=list)
    # a result scored again; else (a status or comparison written) checked by its hash alone
    scored: bool = True

    @property
    def identical(self) -> bool:
        return not self.differences


def verify(season: Season, result: Path | None = None) -> Verification:
    """Verify `result` (a scored workbook, a JSON result or a publish folder; by default the
    latest one a run of this season wrote). A file no run of this season wrote is an
    OptionError, unless it records a ledger head the ledger no longer holds (cut off)."""
    with season.ledger(intact=False) as ledger, ledger.reading():
        entries = ledger.entries()
        broken = ledger.check_chain(season.kept_files())
    differences = [Problem(season.ledger_path.name, b.message) for b in broken]
    received = versions(season, entries)
    runs = [e for e in entries if e.kind == RUN and e.data.get("outputs")]
    if result is None:
        made = [r for r in runs if _writes_results(r.data["command"])]
        if not made and differences:  # the runs that made results were cut off: say so
            return Verification(season.results, None, differences)
        if not made:
            raise OptionError([Problem(str(season.results), Msg.of("verify.no_results"))])
        run = made[-1]
        recorded = run.data["outputs"][0]
        result = _path(season, recorded["file"])
    else:
        made_by, recorded = _run_of(season, runs, result)
        if made_by is None:
            head = recorded_head(result)
            if head and head not in {e.hash for e in entries}:
                message = Msg.of("verify.ledger_cut", head=head[:12])
                return Verification(result, None, [*differences, Problem(str(result), message)])
            raise OptionError([Problem(str(result), Msg.of("verify.unknown_result"))])
        run = made_by
    found = Verification(result, run, differences, scored=_writes_results(run.data["command"]))
    inputs = [_path(season, i["file"]) for i in run.data["inputs"]]
    found.differences += received_changes(season, received, inputs)
    _compare_output(season, found, recorded)
    if _compare_sources(season, found) and found.scored:
        # the values decided on the ledger when the run began: they are its inputs too
        before = [e for e in entries if e.seq < run.seq]
        decided = review_values(before) + decided_values(before)
        if run.data["options"].get("before_appeals"):
            decided = without_appeals(decided)
        _rescore(season, found, decided)
    return found


def _writes_results(command: list[str]) -> bool:
    return command[:1] == ["mypm.Season.write_scores"] or (
        len(command) > 1 and command[1] in RESULT_COMMANDS
    )


def _path(season: Season, name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else season.root / path


def _name(season: Season, path: Path) -> str:
    try:
        return season.relative(path)
    except ValueError:
        return str(path.resolve())


def _run_of(season: Season, runs: list[Entry], result: Path) -> tuple[Entry | None, dict[str, Any]]:
    """The last run that wrote `result`: by its name, else by its content's hash."""
    if not result.exists():
        raise OptionError([Problem(str(result), Msg.of("verify.no_such_result"))])
    name = _name(season, result)
    for run in reversed(runs):
        for output in run.data["outputs"]:
            if output["file"] == name:
                return run, output
    digest = output_record(name, result)["sha256"]
    for run in reversed(runs):
        for output in run.data["outputs"]:
            if output["sha256"] == digest:
                return run, output
    return None, {}


# the provenance row of a publish folder's index.html (templates/index.html.j2)
PAGE_HEAD = re.compile(r'<tr id="ledger-head">.*?<td[^>]*>([0-9a-f]{64})</td>', re.DOTALL)


def recorded_head(result: Path) -> str:
    """The ledger head a result records in its provenance ("" when it records none); a publish
    folder records it in its index.html."""
    try:
        if result.is_dir():
            index = (result / "index.html").read_text(encoding="utf-8")
            found = PAGE_HEAD.search(index)
            return found.group(1) if found else ""
        if result.suffix.lower() == ".json":
            document = json.loads(result.read_text(encoding="utf-8-sig"))
        elif result.suffix.lower() == ".xlsx":
            from mypm.read.scored import read_scored_workbook

            document = read_scored_workbook(result)
        else:
            return ""
    except (MypmError, OSError, ValueError):
        return ""
    head = document.get("ledger_head", "") if isinstance(document, dict) else ""
    return head if isinstance(head, str) else ""


def _compare_output(season: Season, found: Verification, recorded: dict[str, Any]) -> None:
    """The result against its recorded hash (for a folder, file by file)."""
    where = str(found.result)
    if not found.result.exists():
        found.differences.append(Problem(where, Msg.of("verify.result_missing")))
        return
    now = output_record(recorded["file"], found.result)
    if now["sha256"] == recorded["sha256"]:
        return
    if "files" not in recorded:
        found.differences.append(Problem(where, Msg.of("verify.result_edited")))
        return
    before, after = recorded["files"], now.get("files", {})
    for name in sorted(set(before) | set(after)):
        if name not in before:
            message = Msg.of("verify.page_added")
        elif name not in after:
            message = Msg.of("verify.page_removed")
        elif before[name] != after[name]:
            message = Msg.of("verify.page_edited")
        else:
            continue
        found.differences.append(Problem(f"{where}/{name}", message))


def _compare_sources(season: Season, found: Verification) -> bool:
    """The run's inputs, rules, unit list and mypm version against today's; True when every
    input is there unchanged, so the result can be made again."""
    assert found.run is not None
    data, differences = found.run.data, found.differences
    whole = True
    said = {p.where for p in differences}  # a received file already held to its receipt
    for item in data["inputs"]:
        path = _path(season, item["file"])
        if item["file"] in said:
            whole = False
        elif not path.is_file():
            differences.append(Problem(item["file"], Msg.of("verify.input_missing")))
            whole = False
        elif file_sha256(path) != item["sha256"]:
            differences.append(Problem(item["file"], Msg.of("verify.input_changed")))
            whole = False
    changed = {"rules": Msg.of("verify.rules_changed"), "units": Msg.of("verify.units_changed")}
    for what, message in changed.items():
        name = data.get(what)
        if not name:
            continue
        path = _path(season, name)
        if not path.is_file() or file_sha256(path) != data[f"{what}_sha256"]:
            differences.append(Problem(name, message))
            whole = False
    if data["version"] != __version__:
        message = Msg.of("verify.other_version", then=data["version"], now=__version__)
        differences.append(Problem("mypm", message))
    if data["head"] != found.run.prev:
        message = Msg.of("verify.head_mismatch", seq=found.run.seq)
        differences.append(Problem(f"{season.ledger_path.name} #{found.run.seq}", message))
    return whole


def _rescore(season: Season, found: Verification, decided: tuple[Decided, ...]) -> None:
    """Score the recorded inputs again (with the values `decided` on the ledger) and compare
    every unit's total, rank and field score with what the result holds (a scored workbook or
    JSON; a publish folder is checked by its hashes alone)."""
    from mypm.jobs.compare import read_side, side_from_scored
    from mypm.jobs.scoring import ScoreOptions, score_files

    assert found.run is not None
    data = found.run.data
    if found.result.is_dir() or found.result.suffix.lower() not in (".xlsx", ".json"):
        return
    options = ScoreOptions(
        rules_path=_path(season, data["rules"]) if data["rules"] else None,
        units_file=_path(season, data["units"]) if data["units"] else None,
        allow_missing=bool(data["options"].get("allow_missing")),
        decided=decided,
    )
    again = side_from_scored(
        "", score_files([_path(season, i["file"]) for i in data["inputs"]], options)
    )
    try:
        held = read_side([found.result], options)
    except MypmError as exc:
        found.differences += exc.problems
        return
    where = str(found.result)
    for key, unit in again.units.items():
        shown = held.units.get(key)
        if shown is None:
            found.differences.append(Problem(where, Msg.of("verify.unit_missing", unit=unit.unit)))
            continue
        figures = {
            "total": Msg.of("label.total"),
            "rank": Msg.of("label.rank"),
            "grade": Msg.of("label.grade"),
        }
        for what, label in figures.items():
            if getattr(shown, what) != getattr(unit, what):
                message = Msg.of(
                    "verify.unit_figure",
                    unit=unit.unit,
                    figure=label,
                    shown=str(getattr(shown, what)),
                    again=str(getattr(unit, what)),
                )
                found.differences.append(Problem(where, message))
        for field_key, value in unit.fields.items():
            other = shown.fields.get(field_key)
            if other is not None and other.score != value.score:
                message = Msg.of(
                    "verify.field_score",
                    unit=unit.unit,
                    field=field_key,
                    shown=str(other.score),
                    again=str(value.score),
                )
                found.differences.append(Problem(where, message))
    for key, unit in held.units.items():
        if key not in again.units:
            found.differences.append(Problem(where, Msg.of("verify.unit_extra", unit=unit.unit)))
