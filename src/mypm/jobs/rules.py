"""Which rule set a run uses, decided in this one place: the one the workbooks name, else the
one of `--kind`, else the only one there is; from `--rules` (a file or a folder) or the bundled
rule files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mypm.core.errors import OptionError, Problem, RulesError
from mypm.core.messages import Msg
from mypm.core.results import Issue
from mypm.core.rules import RuleFile, bundled_rules_dir, load_rule_files
from mypm.read import layout as L


def available_rules(rules_path: Path | None) -> list[RuleFile]:
    """The rule files to choose from: `--rules` (a file or folder), else the bundled ones."""
    return load_rule_files([rules_path or bundled_rules_dir()])


def rule_set(rules_path: Path | None, kind: str | None) -> RuleFile:
    """The rule set of a rule file, or of a folder of them (the one of `kind` when it holds
    several); without `rules_path`, the bundled rules. Raises RulesError listing every problem."""
    candidates = available_rules(rules_path)
    if kind is not None:
        return rules_of_kind(candidates, kind)
    if len(candidates) > 1:
        kinds = tuple(sorted(c.rules.kind for c in candidates))
        where = str(rules_path) if rules_path is not None else ""
        raise OptionError([Problem(where, Msg.of("rules.which_kind", kinds=kinds))])
    return candidates[0]


def rules_of_kind(candidates: Sequence[RuleFile], kind: str) -> RuleFile:
    """The rule set of this kind; an unknown kind is a usage error listing the known ones."""
    for candidate in candidates:
        if candidate.rules.kind == kind:
            return candidate
    kinds = tuple(sorted({c.rules.kind for c in candidates}))
    raise OptionError([Problem("--kind", Msg.of("score.unknown_kind", kind=kind, kinds=kinds))])


def choose_rules(
    metadata: Sequence[tuple[Path, dict[str, str]]], rules_path: Path | None, kind: str | None
) -> tuple[RuleFile, list[Issue]]:
    """The workbook's own rule set (by id), else the one `--kind` names; warn if it changed."""
    candidates = available_rules(rules_path)
    ids = {meta[L.META_RULES_ID] for _, meta in metadata if L.META_RULES_ID in meta}
    if len(ids) > 1:
        raise RulesError(
            [
                Problem(str(path), Msg.of("score.mixed_rules", id=meta.get(L.META_RULES_ID)))
                for path, meta in metadata
            ]
        )
    chosen: RuleFile | None = None
    if ids:  # a workbook made by mypm is always scored under its own rule set
        wanted = next(iter(ids))
        chosen = next((c for c in candidates if c.rules.id == wanted), None)
        path = next(path for path, meta in metadata if meta.get(L.META_RULES_ID) == wanted)
        if chosen is None and rules_path is not None:
            message = Msg.of("score.rules_disagree", id=wanted, rules=str(rules_path))
            raise OptionError([Problem(str(path), message)])
        if chosen is None:
            raise RulesError(Msg.of("score.rules_not_found", id=wanted))
        if kind is not None and chosen.rules.kind != kind:
            message = Msg.of("score.kind_disagree", id=wanted, kind=chosen.rules.kind, given=kind)
            raise OptionError([Problem(str(path), message)])
    if chosen is None and kind is not None:
        chosen = rules_of_kind(candidates, kind)
    if chosen is None:
        if len(candidates) == 1:
            chosen = candidates[0]
        else:
            raise RulesError(Msg.of("score.which_rules"))
    issues = []
    for path, meta in metadata:
        sha = meta.get(L.META_RULES_SHA256)
        if sha and meta.get(L.META_RULES_ID) == chosen.rules.id and sha != chosen.sha256:
            issues.append(Issue("warning", Msg.of("score.rules_changed", file=path.name)))
    return chosen, issues
