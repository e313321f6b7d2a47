"""mypm as a library: every command's work as one call, with no printing and no click.

`mypm.cli` parses options, calls these functions and renders what they return; a script does
the same without the command line. They raise `mypm.core.errors.MypmError` subclasses carrying every
located problem, and write a file only where their name says so (`template`, `write_scored`,
`publish`, `write_problems`), always atomically and never over an input. Heavy modules
(openpyxl, pydantic, XlsxWriter, jinja2) are imported inside the functions, so `import mypm`
stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    import datetime as dt

    from mypm.core.errors import Problem
    from mypm.core.results import Issue, Progress
    from mypm.core.rules import RuleFile
    from mypm.jobs.compare import Comparison
    from mypm.jobs.rulediff import RuleChange
    from mypm.jobs.scoring import Inputs, Scored
    from mypm.jobs.status import CollectionStatus
    from mypm.render.explain import Explanation

PathArg: TypeAlias = "str | os.PathLike[str]"
ScoredFormat = Literal["xlsx", "json", "csv"]
SCORED_FORMATS: tuple[ScoredFormat, ...] = ("xlsx", "json", "csv")


def _path(path: PathArg | None) -> Path | None:
    return None if path is None else Path(path)


def _paths(paths: PathArg | Sequence[PathArg]) -> list[Path]:
    return [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]


# --- rules ----------------------------------------------------------------------------------


def load_rules(path: PathArg | None = None, *, kind: str | None = None) -> RuleFile:
    """The rule set in a rule file, or in a folder of them (the one of `kind` when it holds
    several); without `path`, the bundled rules. Raises RulesError listing every problem."""
    from mypm.jobs.scoring import available_rules, rules_of_kind

    candidates = available_rules(_path(path))
    if kind is not None:
        return rules_of_kind(candidates, kind)
    if len(candidates) > 1:
        from mypm.core.errors import OptionError, Problem
        from mypm.core.messages import Msg

        kinds = tuple(sorted(c.rules.kind for c in candidates))
        where = str(path) if path is not None else ""
        raise OptionError([Problem(where, Msg.of("rules.which_kind", kinds=kinds))])
    return candidates[0]


def validate(paths: PathArg | Sequence[PathArg], *, tests: bool = True) -> list[RuleFile]:
    """Load every rule file under `paths` and run their own test cases (unless `tests` is
    False). Raises RulesError listing every problem and failed test, located file:line:col."""
    from mypm.core.errors import RulesError
    from mypm.core.rules import load_rules as load_all
    from mypm.core.rules.loader import locate_problems
    from mypm.core.ruletests import run_rule_tests

    rule_files = load_all(_paths(paths))
    if tests:
        failures = [
            problem
            for rule_file in rule_files
            for problem in locate_problems(rule_file, run_rule_tests(rule_file.rules))
        ]
        if failures:
            raise RulesError(failures)
    return rule_files


def diff(a: PathArg, b: PathArg) -> tuple[RuleFile, RuleFile, list[RuleChange]]:
    """The two rule files and what changed from `a` to `b` (matched by key)."""
    from mypm.core.rules import load_rules as load_all
    from mypm.jobs.rulediff import diff_rules

    rules_a, rules_b = load_all([Path(a), Path(b)])
    return rules_a, rules_b, diff_rules(rules_a.rules, rules_b.rules)


def diff_json(a: RuleFile, b: RuleFile, changes: Sequence[RuleChange]) -> str:
    """The differences as the JSON that `mypm diff --format json` prints."""
    import json
    from dataclasses import asdict

    document = {
        "a": {"path": str(a.path), "id": a.rules.id, "sha256": a.sha256},
        "b": {"path": str(b.path), "id": b.rules.id, "sha256": b.sha256},
        "changes": [asdict(change) for change in changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# --- scoring --------------------------------------------------------------------------------


def inputs(paths: PathArg | Sequence[PathArg]) -> Inputs:
    """The workbooks that `paths` (files or folders) name, and a note for each file of a
    folder that is not read (lock files, scored workbooks, other files)."""
    from mypm.jobs.scoring import expand_inputs

    return expand_inputs(_paths(paths))


def score(
    paths: PathArg | Sequence[PathArg] | Inputs,
    *,
    rules: PathArg | None = None,
    kind: str | None = None,
    units: PathArg | None = None,
    allow_missing: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> Scored:
    """Read the filled workbooks (files or folders), merge them by unit, score and rank.

    `rules`: a rule file or folder instead of the bundled rules; `kind`: the rule set for
    workbooks mypm did not make; `units`: the office's unit list (.txt, .csv, .xlsx);
    `allow_missing`: blank required inputs score 0 (each listed in the issues); `strict`: any
    warning is an error. Returns the scored report and the rules it used; writes nothing.
    Raises a MypmError subclass carrying every problem, each with its file, sheet and cell.
    """
    from mypm.core.errors import WorkbookError
    from mypm.jobs.scoring import Inputs, ScoreOptions, score_files

    found = paths if isinstance(paths, Inputs) else inputs(paths)
    options = ScoreOptions(kind, _path(rules), _path(units), allow_missing, progress)
    scored = score_files(found.paths, options, found.notes)
    warnings = [issue for issue in scored.report.issues if issue.level == "warning"]
    if strict and warnings:
        raise WorkbookError([issue.as_problem() for issue in warnings])
    return scored


def explain_unit(scored: Scored, unit: str) -> Explanation:
    """How one unit's score is made (a tree of figures, sources and losses) and what it takes
    to reach the next grade and rank (`goals`, the what-if). An unknown unit is an OptionError
    naming the known ones."""
    from mypm.jobs.scoring import find_unit, goals
    from mypm.render.explain import explain_unit as explain

    result = find_unit(scored, unit)
    return explain(result, goals(scored, result))


def collection_status(
    paths: PathArg | Sequence[PathArg],
    *,
    rules: PathArg | None = None,
    kind: str | None = None,
    units: PathArg | None = None,
) -> CollectionStatus:
    """Which workbooks have come back (units × certifiers), the conflicts, the unreadable
    files and what each certifier still owes; `.complete` when nothing is missing."""
    from mypm.jobs.scoring import ScoreOptions
    from mypm.jobs.status import collection_status as read_status

    return read_status(_paths(paths), ScoreOptions(kind, _path(rules), _path(units)))


def compare_scorings(
    a: PathArg,
    b: PathArg,
    *,
    rules_a: PathArg | None = None,
    rules_b: PathArg | None = None,
    kind: str | None = None,
    allow_missing: bool = False,
) -> Comparison:
    """Compare two scorings, each a folder or file of input workbooks (scored as `score`
    would), a scored workbook, or the JSON of `mypm score --format json`."""
    from mypm.jobs.compare import compare as compare_sides
    from mypm.jobs.compare import read_side
    from mypm.jobs.scoring import ScoreOptions

    side_a = read_side([Path(a)], ScoreOptions(kind, _path(rules_a), None, allow_missing))
    side_b = read_side([Path(b)], ScoreOptions(kind, _path(rules_b), None, allow_missing))
    return compare_sides(side_a, side_b)


# --- writing --------------------------------------------------------------------------------


def files_read(
    rules: PathArg | None, units: PathArg | None, workbooks: Sequence[PathArg] = ()
) -> list[Path]:
    """Every file a run reads: the workbooks (each file of a folder), the rule files (of
    `rules`, else the bundled ones) and the unit list. None of them may be an output."""
    from mypm.core.rules import bundled_rules_dir
    from mypm.core.rules.loader import rule_files_in

    given = [Path(w) for w in workbooks]
    found = [p for w in given for p in (sorted(w.iterdir()) if w.is_dir() else [w])]
    found += rule_files_in(_path(rules) or bundled_rules_dir())
    return [*found, Path(units)] if units is not None else found


def check_outputs(
    outputs: Sequence[Path | None], *, force: bool, reads: Sequence[Path] = ()
) -> None:
    """Refuse, before anything is read or written, an output that is one of the files read,
    that exists (without `force`), or whose folder does not exist (OutputError)."""
    from mypm.core.files import check_output_path

    for output in outputs:
        if output is not None:
            check_output_path(output, force=force, inputs=reads)


def scored_format(output: Path | None, fmt: str | None) -> ScoredFormat:
    """`fmt`, else the output's extension, else xlsx; a contradiction between them, or an
    extension that is none of .xlsx/.json/.csv, is an OptionError."""
    from mypm.core.errors import OptionError, Problem
    from mypm.core.messages import Msg

    if fmt is not None and fmt not in SCORED_FORMATS:
        raise OptionError([Problem("--format", Msg.of("output.format_choice", fmt=fmt))])
    if output is None:
        return _format(fmt or "xlsx")
    suffix = output.suffix.lower().lstrip(".")
    if fmt is None and suffix not in SCORED_FORMATS:
        message = Msg.of("output.format_unknown", suffix=output.suffix)
        raise OptionError([Problem(str(output), message)])
    if fmt is not None and suffix in SCORED_FORMATS and suffix != fmt:
        raise OptionError([Problem(str(output), Msg.of("output.format_disagree", fmt=fmt))])
    return _format(fmt or suffix)


def _format(name: str) -> ScoredFormat:
    return next(f for f in SCORED_FORMATS if f == name)


def scored_text(scored: Scored, fmt: Literal["json", "csv"]) -> str:
    """The scored report as the JSON or CSV that `mypm score --format` writes."""
    from mypm.render.report import to_csv, to_json

    render = to_json if fmt == "json" else to_csv
    return render(scored.report, scored.rule_file.rules)


def write_scored(
    scored: Scored,
    output: PathArg,
    *,
    format: ScoredFormat | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Issue]:
    """Write the scored results to `output` as xlsx, json or csv (`format`, else from the
    extension), atomically, never over an input or (without `force`) an existing file.
    Returns warnings for text that had to be cut to fit a cell."""
    from mypm.core.files import write_atomically

    path = Path(output)
    fmt = scored_format(path, format)
    reads = [Path(f.path) for f in scored.report.files] + [scored.rule_file.path]
    check_outputs([path], force=force, reads=reads)
    if fmt == "xlsx":
        from mypm.render.workbook.scored import write_scored_workbook

        report, rules = scored.report, scored.rule_file.rules
        return write_atomically(
            path,
            lambda temporary: write_scored_workbook(temporary, report, rules, progress=progress),
            force=force,
        )
    data = scored_text(scored, fmt).encode("utf-8")  # the BOM and CRLF line ends stay as they are
    write_atomically(path, lambda temporary: temporary.write_bytes(data), force=force)
    return []


def comparison_format(output: PathArg) -> Literal["xlsx", "json"]:
    """What a comparison is written as, from the output's extension (.xlsx or .json; any other
    is an OptionError)."""
    from mypm.core.errors import OptionError, Problem
    from mypm.core.messages import Msg

    suffix = Path(output).suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise OptionError([Problem(str(output), Msg.of("compare.output_suffix"))])
    return "xlsx" if suffix == ".xlsx" else "json"


def comparison_json(comparison: Comparison) -> str:
    """The comparison as the JSON that `mypm compare --format json` prints."""
    import json

    from mypm.render.report import comparison_dict

    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n"


def write_comparison(comparison: Comparison, output: PathArg, *, force: bool = False) -> None:
    """Write the comparison to an .xlsx workbook or a .json file, atomically."""
    from mypm.core.files import write_atomically

    path = Path(output)
    if comparison_format(path) == "json":
        text = comparison_json(comparison)
        write_atomically(path, lambda temporary: temporary.write_text(text, "utf-8"), force=force)
        return
    from mypm.render.workbook.compare import write_comparison_workbook

    write_atomically(
        path, lambda temporary: write_comparison_workbook(temporary, comparison), force=force
    )


def write_status(found: CollectionStatus, output: PathArg, *, force: bool = False) -> None:
    """Write the collection status (the matrix, one sheet per certifier) to an .xlsx workbook."""
    from mypm.core.files import write_atomically
    from mypm.render.workbook.status import write_status_workbook

    write_atomically(
        Path(output), lambda temporary: write_status_workbook(temporary, found), force=force
    )


def write_problems(path: PathArg, problems: Sequence[Problem], *, force: bool = False) -> None:
    """Write problems (or a run's issues, as problems) to a workbook, one sheet per file."""
    from mypm.core.files import write_atomically
    from mypm.render.workbook.problems import write_problems as write_problem_sheets

    write_atomically(
        Path(path), lambda temporary: write_problem_sheets(temporary, problems), force=force
    )


@contextmanager
def problems_listed(path: Path | None, *, force: bool, reads: Sequence[Path]) -> Iterator[None]:
    """With a `path`, the problems of a MypmError raised inside are also written there (the
    one thing a failed run writes); the error then says where (`listed_at`)."""
    from mypm.core.errors import MypmError

    check_outputs([path], force=force, reads=reads)
    try:
        yield
    except MypmError as exc:
        if path is not None:
            write_problems(path, exc.problems, force=force)
            exc.listed_at = path
        raise


def template(
    *,
    kind: str,
    rules: PathArg | None = None,
    units: PathArg | None = None,
    certifier: str | None = None,
    self_check: bool = False,
    per_unit: bool = False,
    by_certifier: bool = False,
    output: PathArg | None = None,
    paper: Literal["a4", "a3"] = "a4",
    force: bool = False,
) -> list[Path]:
    """Write blank entry workbooks for the rule set of `kind` and return their paths.

    One workbook (`output`, default `<kind>-填报[-certifier].xlsx` or `<kind>-自查表.xlsx` in
    the current folder), or with `per_unit` and/or `by_certifier` one per unit and/or certifier
    into the folder `output` (default `<kind>-填报表`). `certifier` keeps only that certifier's
    fields; `self_check` writes the units' self-check form; `units` replaces the unit rows;
    `paper` is a4 or a3. Every output is checked before any is written.
    """
    from functools import partial

    from mypm.core.errors import OptionError, Problem
    from mypm.core.files import write_atomically
    from mypm.core.messages import Msg
    from mypm.read.units import read_unit_list
    from mypm.render.workbook.template import TemplateOptions, planned_forms, write_template

    rules_path, units_file, chosen = _path(rules), _path(units), _path(output)
    rule_file = load_rules(rules_path, kind=kind)
    rule_set = rule_file.rules
    fields = rule_set.leaves
    with_fields = [c for c in rule_set.certifiers if any(c in f.certified_by for f in fields)]
    if certifier is not None and certifier not in with_fields:
        names = rule_set.certifiers
        known = tuple(Msg.of("template.certifier", id=k, name=names[k]) for k in with_fields)
        key = "template.unknown_certifier"
        if certifier in names:
            key = "template.certifier_no_fields"
        message = Msg.of(key, certifier=certifier, kind=kind, known=known)
        raise OptionError([Problem("--certifier", message)])
    if self_check and (certifier is not None or by_certifier):
        message = Msg.of("template.self_check_certifier")
        raise OptionError([Problem("--self-check", message)])
    if by_certifier and certifier is not None:
        message = Msg.of("template.by_certifier_certifier")
        raise OptionError([Problem("--by-certifier", message)])
    unit_list = read_unit_list(units_file, rule_set.units) if units_file else None
    options = TemplateOptions(
        units=unit_list, certifier=certifier, self_check=self_check, paper=paper
    )
    forms = planned_forms(rule_set, options, per_unit=per_unit, by_certifier=by_certifier)
    if per_unit or by_certifier:
        folder = chosen or Path(f"{kind}-填报表")
        if folder.exists() and not folder.is_dir():
            raise OptionError([Problem(str(folder), Msg.of("template.not_a_folder"))])
        paths = [folder / name for name, _ in forms]
    else:
        paths = [chosen or Path(forms[0][0])]
    if not paths[0].parent.exists() and paths[0].parent.parent.is_dir():
        paths[0].parent.mkdir()  # the folder `output` names, once every other check has passed
    check_outputs(paths, force=force, reads=files_read(rules_path, units_file))
    for path, (_, form) in zip(paths, forms, strict=True):
        write_atomically(path, partial(write_template, rule_file, form), force=force)
    return paths


def publish_pages(
    scored: Scored,
    output: PathArg,
    *,
    public: bool = False,
    deadline: dt.date | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the results as a folder of web pages (ranking, each unit's 反馈单, analysis,
    rubric) at `output`, replacing only a folder of pages mypm wrote. `public`: only what may
    be published; `deadline`: the 反馈单's reply date; `today`: the pages' date (default today).
    A self-check scoring is refused (WorkbookError): claims must never read as results."""
    import datetime as dt

    from mypm.core.errors import Problem, WorkbookError
    from mypm.core.files import write_folder_atomically
    from mypm.core.messages import Msg
    from mypm.render.publish import PublishOptions, render_site

    if scored.report.self_check:
        message = Msg.of("publish.self_check")
        raise WorkbookError([Problem(f.path, message) for f in scored.report.files])
    from mypm.jobs.scoring import goals

    pages = PublishOptions(today=today or dt.date.today(), public=public, deadline=deadline)
    unit_goals = {} if public else {r.unit: goals(scored, r) for r in scored.report.units}
    path = Path(output)
    write_folder_atomically(path, render_site(scored, pages, unit_goals))
    return path
