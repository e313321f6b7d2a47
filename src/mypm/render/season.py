"""What the season's commands say on the terminal: the season made, each file received, the
ledger's entries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from rich.markup import escape

from mypm.core.errors import Problem
from mypm.core.rules import RuleSet
from mypm.core.rules.model import canonical_unit
from mypm.jobs.status import SELF_CHECK, CollectionStatus, Missing
from mypm.render.appeals import entry_summary as appeal_summary
from mypm.render.appeals import show_received_appeals
from mypm.render.labels import certifier_name, missing_place
from mypm.render.terminal import console, err_console
from mypm.season.folder import Season
from mypm.season.ledger import Broken, Entry
from mypm.season.receipts import DUPLICATE, Receipt, Version, versions
from mypm.season.review import Outstanding
from mypm.season.verify import Verification
from mypm.text.catalogue import join, place, plural, say, say_problem, t

STATE_KEYS = {
    "current": "version.current",
    "superseded": "version.superseded",
    "withdrawn": "version.withdrawn",
}


def show_season_made(season: Season) -> None:
    config = season.config
    line = t(
        "season.made",
        path=season.root,
        id=season.rule_file.rules.id,
        deadline=config.deadline.isoformat(),
        forms=config.folders.forms,
        returned=config.folders.returned,
        results=config.folders.results,
    )
    console.print(escape(line), soft_wrap=True)


def version_line(version: Version) -> str:
    """A version as one line: its name, when it came, whose form, its state, late or not."""
    state = t(STATE_KEYS[version.state])
    late = t("version.late") if version.late else ""
    when = version.received_at.strftime("%Y-%m-%d %H:%M")
    return t("version.line", name=version.name, when=when, state=state, late=late)


def form_held(rules: RuleSet, version: Version, units: int) -> str:
    """What a received file holds: whose form it is (a unit's self-check, a unit's own form, a
    certifier's, every certifier's) and how many units' rows."""
    certifier = rules.certifiers.get(version.certifier, "")
    if version.self_check:
        form = t("receive.form_self_check")
    elif version.unit:
        form = t("receive.form_unit", unit=version.unit, certifier=certifier or t("receive.all"))
    else:
        form = t("receive.form_certifier", certifier=certifier or t("receive.all"))
    return t("receive.holds", form=form, units=units)


def show_receipts(season: Season, receipts: Sequence[Receipt]) -> None:
    """Each file: received (what it holds, as what, superseding what, late; an appeals
    workbook, the appeals it recorded), a duplicate, or refused (why); then the problems in it
    and how many required cells its units still owe."""
    rules = season.rule_file.rules
    for receipt in receipts:
        if receipt.outcome == "skipped":
            console.print(escape(t("receive.skipped", path=receipt.path)), soft_wrap=True)
            continue
        if receipt.outcome == "refused":
            console.print(escape(t("receive.refused", path=receipt.path)), soft_wrap=True)
        elif receipt.outcome == "reviewed":
            line = t(
                "review.form_received",
                path=receipt.path,
                file=receipt.same_as,
                count=receipt.decisions,
                s=plural(receipt.decisions),
            )
            console.print(escape(line), soft_wrap=True)
        elif receipt.outcome == "duplicate":
            line = t("receive.duplicate", path=receipt.path, same=receipt.same_as)
            console.print(escape(line), soft_wrap=True)
        elif receipt.appeals:
            show_received_appeals(rules, receipt.path, receipt.appeals)
        else:
            assert receipt.version is not None
            version = receipt.version
            held = form_held(rules, version, receipt.units)
            line = t("receive.received", path=receipt.path, line=version_line(version), held=held)
            console.print(escape(line), soft_wrap=True)
            for file in receipt.superseded:
                console.print(escape(t("receive.superseded", file=file)), soft_wrap=True)
            show_owed(receipt.owed)
        for problem in receipt.problems:
            err_console.print(escape("  " + say_problem(problem)), soft_wrap=True)


OWED_SHOWN = 20  # the cells a receipt still owes, listed; `mypm status` lists them all


def show_owed(owed: Sequence[Missing]) -> None:
    """The chase list: each required cell the file's certifier or unit still has to fill."""
    if not owed:
        return
    console.print(escape(t("receive.owed", count=len(owed), s=plural(len(owed)))), soft_wrap=True)
    for missing in owed[:OWED_SHOWN]:
        cell = missing_place(missing, "")
        line = t("receive.owed_cell", unit=missing.unit, field=missing.label, cell=cell)
        console.print(escape(line), soft_wrap=True)
    if len(owed) > OWED_SHOWN:
        console.print(escape(t("receive.owed_more", count=len(owed) - OWED_SHOWN)))


def entry_summary(entry: Entry, rules: RuleSet, known: dict[int, str]) -> str:
    """What an entry records, in a line; a receipt with what became of it (`known`: a
    receipt's seq → its state, late or not, and what counts instead, as `receipt_states`)."""
    data = entry.data
    if entry.kind == "season":
        return t("log.season", kind=data["kind"], year=data["year"], deadline=data["deadline"])
    if entry.kind == "receipt":
        line = t(
            "log.receipt",
            file=data["file"],
            original=data["original"],
            when=data["received_at"].replace("T", " "),
            sha=data["sha256"][:12],
        )
        return line + known.get(entry.seq, "")
    if entry.kind == DUPLICATE:
        return t(
            "log.duplicate",
            original=data["original"],
            when=data["received_at"].replace("T", " "),
            same=data["same_as"],
        )
    if entry.kind == "evidence":
        return t(
            "log.evidence",
            unit=data["unit"],
            field=data["field"],
            file=data["file"],
            sha=data["sha256"][:12],
        )
    if entry.kind == "review":
        verdict = t(f"review.verdict.{data['verdict']}", value=data["value"])
        reason = data["reason"] or t("review.no_reason")
        return t(
            "log.review",
            unit=data["unit"],
            field=data["key"],
            claim=data["claim"],
            verdict=verdict,
            reason=reason,
        )
    if entry.kind == "withdraw":
        return t("log.withdraw", file=data["file"], reason=data["reason"])
    if entry.kind == "restore":
        return t("log.restore", file=data["file"], reason=data["reason"])
    if entry.kind == "extension":
        target = rules.certifiers.get(data["target"], data["target"])
        return t("log.extension", target=target, until=data["until"], reason=data["reason"])
    if entry.kind == "run":
        outputs = [o["file"] for o in data["outputs"]]
        return t(
            "log.run",
            command=" ".join(data["command"]),
            version=data["version"],
            inputs=len(data["inputs"]),
            outputs=join(outputs),
        )
    return appeal_summary(entry) or entry.kind


def receipt_states(season: Season, entries: Sequence[Entry]) -> dict[int, str]:
    """Each receipt's seq → what became of it, said after its line: superseded (by which file)
    or withdrawn, and late."""
    found = versions(season, entries)
    current = {v.slot: v for v in found if v.state == "current"}
    said = {}
    for version in found:
        parts = [t("log.late")] if version.late else []
        if version.state == "superseded" and version.slot in current:
            parts.append(t("log.superseded_by", file=current[version.slot].name))
        elif version.state == "withdrawn":
            parts.append(t("version.withdrawn"))
        if parts:
            said[version.seq] = t("log.states", states=join(parts))
    return said


def show_log(season: Season, entries: Sequence[Entry], broken: Sequence[Broken]) -> None:
    """One line an entry (number, time, user, what), then where the chain is broken. A
    receipt says what became of it, unless the chain is broken (then nothing is worked out
    from the entries)."""
    rules = season.rule_file.rules
    known = {} if broken else receipt_states(season, entries)
    damaged = {gap.seq for gap in broken}  # shown as stored: its data may be anything at all
    for entry in entries:
        line = t("log.line", seq=entry.seq, at=entry.at.replace("T", " "), user=entry.user)
        said = (
            t("log.damaged", data=json.dumps(entry.data, ensure_ascii=False)[:80])
            if entry.seq in damaged
            else entry_summary(entry, rules, known)
        )
        console.print(escape(f"{line}{said}"), soft_wrap=True)
    for gap in broken:
        err_console.print(escape(t("log.broken", message=say(gap.message))))


def log_json(entries: Sequence[Entry], broken: Sequence[Broken]) -> str:
    """The ledger as JSON: every entry whole (with its hashes), and the chain's breaks."""
    document = {
        "entries": [asdict(entry) for entry in entries],
        "head": entries[-1].hash if entries else "",
        "chain": [{"seq": b.seq, "code": b.message.key, "message": say(b.message)} for b in broken],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def show_verification(found: Verification) -> None:
    """ "identical", naming the run; or every difference."""
    if found.identical:
        assert found.run is not None
        command = " ".join(found.run.data["command"])
        key = "verify.identical" if found.scored else "verify.identical_unscored"
        line = t(key, result=found.result, seq=found.run.seq, command=command)
        console.print(escape(line), soft_wrap=True)
        return
    if found.run is not None:
        command = " ".join(found.run.data["command"])
        line = t("verify.run", result=found.result, seq=found.run.seq, command=command)
        console.print(escape(line), soft_wrap=True)
    for problem in found.differences:
        console.print(escape(say_problem(problem)), soft_wrap=True)
    count = len(found.differences)
    console.print(escape(t("verify.differences", count=count, s=plural(count))), soft_wrap=True)


def show_versions(versions: Sequence[Version]) -> None:
    """Every file the season received, with its state and lateness."""
    console.print(t("status.files", count=len(versions), s=plural(len(versions))), style="bold")
    for version in versions:
        console.print("  " + escape(version_line(version)), soft_wrap=True)


def status_json(
    found: CollectionStatus,
    versions: Sequence[Version] | None,
    owed: Outstanding | None = None,
) -> str:
    """`status --format json`: per unit and certifier the state, the counts and the blank
    required cells; in a season also the file that counts there (when received, late or not,
    how many versions it superseded), every file received, the evidence the units owe
    (missing_evidence, which makes it incomplete) and the claims not yet reviewed."""
    rules = found.rule_file.rules

    def cell_file(unit: str, certifier: str) -> dict[str, Any] | None:
        if versions is None:
            return None
        mine = [
            v
            for v in versions
            if v.self_check == (certifier == SELF_CHECK)
            and (v.certifier in (certifier, "") or certifier == SELF_CHECK)
            and canonical_unit(v.unit) in ("", canonical_unit(unit))
        ]
        current = next((v for v in mine if v.state == "current"), None)
        if current is None:
            return None
        return {
            "file": current.file,
            "received_at": current.received_at.isoformat(),
            "late": current.late,
            "superseded": sum(v.state == "superseded" and v.slot == current.slot for v in mine),
        }

    def problems(items: Sequence[Problem]) -> list[dict[str, str]]:
        return [{"where": p.where or p.file, "message": say_problem(p)} for p in items]

    units = []
    for unit in found.units:
        cells = {}
        for certifier in found.certifiers:
            cell = found.matrix[(unit, certifier)]
            blank = [m for m in found.missing.get(certifier, []) if m.unit == unit]
            cells[certifier or "self_check"] = {
                "state": cell.state,
                "required": cell.required,
                "filled": cell.filled,
                "returned": cell.returned,
                "blank": [
                    {"key": m.key, "label": m.label, "cell": missing_place(m, "")} for m in blank
                ],
                **({"received": cell_file(unit, certifier)} if versions is not None else {}),
            }
        units.append({"unit": unit, "certifiers": cells})
    document: dict[str, Any] = {
        "rules": rules.id,
        "complete": found.complete and not (owed and owed.unproven),
        "certifiers": {c or "self_check": certifier_name(found, c) for c in found.certifiers},
        "units": units,
        "notes": problems([note.as_problem() for note in found.notes]),
        "conflicts": problems(found.conflicts),
        "unreadable": problems([*found.unreadable, *found.unrecognised]),
        "problems": problems(found.problems),
    }
    if owed is not None:
        document["missing_evidence"] = [
            {
                "unit": u.unit,
                "key": u.key,
                "label": u.label,
                "asked": list(u.asked),
                "folder": u.folder,
            }
            for u in owed.unproven
        ]
        document["reviews_pending"] = [
            {
                "unit": c.unit,
                "key": c.leaf.key,
                "label": c.leaf.label,
                "claim": c.shown,
                "cell": place(c.source) if c.source else "",
            }
            for c in owed.pending
        ]
    if versions is not None:
        document["files"] = [
            {
                "file": v.file,
                "original": v.original,
                "sha256": v.sha256,
                "received_at": v.received_at.isoformat(),
                "certifier": v.certifier,
                "unit": v.unit,
                "self_check": v.self_check,
                "state": v.state,
                "late": v.late,
            }
            for v in versions
        ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
