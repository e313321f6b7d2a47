"""mypm as a library: every command's work as one call, with no printing and no click.

`mypm.cli` parses options, calls these functions and renders what they return; a script does
the same without the command line. They raise `mypm.core.errors.MypmError` subclasses carrying every
located problem, and write a file only where their name says so (`template`, `write_scored`,
`publish`, `write_problems`), always atomically and never over an input. Heavy modules
(pydantic, XlsxWriter, jinja2, rich) are imported inside the functions, so `import mypm` stays
fast.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    import datetime as dt

    from mypm.core.errors import Problem
    from mypm.core.results import Attachment, Decided, Issue, Progress
    from mypm.core.rules import RuleFile
    from mypm.jobs.compare import Comparison, Side
    from mypm.jobs.rulediff import RuleDiff
    from mypm.jobs.scoring import Inputs, Scored
    from mypm.jobs.status import CollectionStatus
    from mypm.render.explain import Explanation
    from mypm.render.outputs import Formats
    from mypm.season.folder import Season
    from mypm.season.review import Outstanding

PathArg: TypeAlias = "str | os.PathLike[str]"


def _path(path: PathArg | None) -> Path | None:
    return None if path is None else Path(path)


def _paths(paths: PathArg | Sequence[PathArg]) -> list[Path]:
    return [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]


# --- rules ----------------------------------------------------------------------------------


def load_rules(path: PathArg | None = None, *, kind: str | None = None) -> RuleFile:
    """The rule set in a rule file, or in a folder of them (the one of `kind` when it holds
    several); without `path`, the bundled rules. Raises RulesError listing every problem."""
    from mypm.jobs.rules import rule_set

    return rule_set(_path(path), kind)


def validate(paths: PathArg | Sequence[PathArg], *, tests: bool = True) -> list[RuleFile]:
    """Load every rule file under `paths` and run their own test cases (unless `tests` is
    False). Raises RulesError listing every problem and failed test, located file:line:col."""
    from mypm.core.errors import RulesError
    from mypm.core.rules import load_rule_files
    from mypm.core.rules.loader import locate_problems
    from mypm.core.ruletests import run_rule_tests

    rule_files = load_rule_files(_paths(paths))
    if tests:
        failures = [
            problem
            for rule_file in rule_files
            for problem in locate_problems(rule_file, run_rule_tests(rule_file.rules))
        ]
        if failures:
            raise RulesError(failures)
    return rule_files


def diff(a: PathArg, b: PathArg) -> RuleDiff:
    """The two rule files and what changed from `a` to `b` (matched by key)."""
    from mypm.core.rules import load_rule_files
    from mypm.jobs.rulediff import RuleDiff, diff_rules

    rules_a, rules_b = load_rule_files([Path(a), Path(b)])
    return RuleDiff(rules_a, rules_b, diff_rules(rules_a.rules, rules_b.rules))


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
    decided: Sequence[Decided] = (),
    evidence: Sequence[Attachment] | None = None,
) -> Scored:
    """Read the filled workbooks (files or folders), merge them by unit, score and rank.

    `rules`: a rule file or folder instead of the bundled rules; `kind`: the rule set for
    workbooks mypm did not make; `units`: the office's unit list (.txt, .csv, .xlsx);
    `allow_missing`: blank required inputs score 0 (each listed in the issues); `strict`: any
    warning is an error; `decided`: values decided on the record (review corrections, appeal
    decisions) that replace the merged values; `evidence`: in a season, every evidence file
    received (a value whose 考核组织 asks for a document without one is a warning). Returns
    the scored report and the rules it used; writes nothing.
    Raises a MypmError subclass carrying every problem, each with its file, sheet and cell.
    """
    from mypm.core.errors import WorkbookError
    from mypm.jobs.scoring import Inputs, ScoreOptions, score_files

    found = paths if isinstance(paths, Inputs) else inputs(paths)
    options = ScoreOptions(
        kind,
        _path(rules),
        _path(units),
        allow_missing,
        progress,
        tuple(decided),
        None if evidence is None else tuple(evidence),
    )
    scored = score_files(found.paths, options, found.notes)
    warnings = [issue for issue in scored.report.issues if issue.level == "warning"]
    if strict and warnings:
        raise WorkbookError([issue.as_problem() for issue in warnings])
    return scored


def explain_unit(scored: Scored, unit: str, *, units: PathArg | None = None) -> Explanation:
    """How one unit's score is made (a tree of figures, sources and losses) and what it takes
    to reach the next grade and rank (`goals`, the what-if). `unit` may be a former name in
    the unit list (`units`, else the rule file's). An unknown unit is an OptionError naming
    the known ones."""
    from mypm.jobs.scoring import find_unit, goals
    from mypm.render.explain import explain_unit as explain

    result = find_unit(scored, unit, _path(units))
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
    units_a: PathArg | None = None,
    units_b: PathArg | None = None,
) -> Comparison:
    """Compare two scorings, each a folder or file of input workbooks (scored as `score`
    would), a scored workbook, the JSON of `mypm score --format json`, or a season folder (its
    current returned files, scored by its own rules and unit list). `units_a` and
    `units_b` are each side's unit list; a unit named by a former name (曾用名) on one side is
    matched with its unit on the other."""
    from dataclasses import replace

    from mypm.jobs.compare import compare as compare_sides
    from mypm.jobs.compare import read_side
    from mypm.jobs.scoring import ScoreOptions
    from mypm.season.runs import season_side

    def side(path: PathArg, rules: PathArg | None, units: PathArg | None) -> Side:
        """A side; a season folder is its current returned files, scored by its own rules."""
        season = season_side(Path(path))
        if season is None:
            return read_side(
                [Path(path)], ScoreOptions(kind, _path(rules), _path(units), allow_missing)
            )
        rules_path, units_path = _path(rules) or season.rules, _path(units) or season.units
        options = ScoreOptions(kind, rules_path, units_path, allow_missing, None, season.decided)
        assert season.season is not None
        read = read_side(list(season.files), options)  # named by the season, not by a file
        return replace(read, label=str(path), season_year=season.season.config.year)

    side_a = side(a, rules_a, units_a)
    side_b = side(b, rules_b, units_b)
    return compare_sides(side_a, side_b)


def compare_appeals(season: PathArg | None = None, *, allow_missing: bool = False) -> Comparison:
    """A season's results before its appeals (A) and after them (B), unit by unit with ranks:
    its current files scored without and with the values its appeal decisions set (the office's
    review corrections apply to both). `season`: the season folder (default: as the season
    commands find it). Outside a season, an OptionError."""
    from mypm.core.errors import OptionError, Problem
    from mypm.core.messages import Msg
    from mypm.jobs.compare import compare as compare_sides
    from mypm.jobs.compare import side_from_scored
    from mypm.jobs.scoring import ScoreOptions, score_files
    from mypm.season.runs import scope
    from mypm.text.catalogue import t

    with scope(_path(season), (), None, None, writes=False) as found:
        if found.season is None:
            message = Msg.of("season.none_here", path=str(Path.cwd()))
            raise OptionError([Problem("--season", message)])
        sides = []
        for before_appeals, label in ((True, "appeals.side_before"), (False, "appeals.side_after")):
            decided = found.chosen(before_appeals=before_appeals)
            options = ScoreOptions(None, found.rules, found.units, allow_missing, None, decided)
            sides.append(side_from_scored(t(label), score_files(list(found.files), options)))
    return compare_sides(*sides)


# --- writing --------------------------------------------------------------------------------


def as_text(formats: Formats, result: object, format: str) -> str:
    """A result in one of its text formats (`render.outputs`), as a command prints it."""
    return formats.named(format).function()(result)  # type: ignore[no-any-return]


def write(
    formats: Formats,
    result: object,
    output: PathArg,
    *,
    format: str | None = None,
    force: bool = False,
    reads: Sequence[Path] = (),
    **options: object,
) -> list[Issue]:
    """Write a result to `output` in a format of `formats` (`format`, else the extension),
    atomically, never over one of `reads` or (without `force`) an existing file. Returns
    warnings for text that had to be cut to fit a cell."""
    from mypm.core.files import write_atomically
    from mypm.jobs.clashes import check_outputs

    path = Path(output)
    chosen = formats.choose(path, format)
    check_outputs([path], force=force, reads=reads)
    if chosen.how == "text":
        data = chosen.function()(result).encode("utf-8")  # a CSV's BOM and CRLF stay as they are
        write_atomically(path, lambda temporary: temporary.write_bytes(data), force=force)
        return []
    render = chosen.function()
    return write_atomically(path, lambda temp: render(temp, result, **options) or [], force=force)


def scored_text(scored: Scored, fmt: Literal["json", "csv"]) -> str:
    """The scored report as the JSON or CSV that `mypm score --format` writes."""
    from mypm.render.outputs import SCORED

    return as_text(SCORED, scored, fmt)


def write_scored(
    scored: Scored,
    output: PathArg,
    *,
    format: Literal["xlsx", "json", "csv"] | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Issue]:
    """Write the scored results to `output` as xlsx, json or csv (`format`, else from the
    extension), atomically, never over an input or (without `force`) an existing file.
    Returns warnings for text that had to be cut to fit a cell."""
    from mypm.render.outputs import SCORED

    reads = [Path(f.path) for f in scored.report.files] + [scored.rule_file.path]
    options = {"progress": progress} if format in (None, "xlsx") else {}
    return write(SCORED, scored, output, format=format, force=force, reads=reads, **options)


def write_comparison(comparison: Comparison, output: PathArg, *, force: bool = False) -> None:
    """Write the comparison to an .xlsx workbook or a .json file, atomically."""
    from mypm.render.outputs import COMPARISON

    write(COMPARISON, comparison, output, force=force)


def write_status(
    found: CollectionStatus,
    output: PathArg,
    *,
    force: bool = False,
    owed: Outstanding | None = None,
) -> None:
    """Write the collection status (the matrix, one sheet per certifier) to an .xlsx workbook;
    in a season, with what it still waits for beyond the forms (`owed`: 缺佐证, 待审核)."""
    from mypm.render.outputs import STATUS

    write(STATUS, found, output, force=force, owed=owed)


def write_problems(path: PathArg, problems: Sequence[Problem], *, force: bool = False) -> None:
    """Write problems (or a run's issues, as problems) to a workbook, one sheet per file."""
    from mypm.core.files import write_atomically
    from mypm.render.workbook.problems import write_problems as write_problem_sheets

    write_atomically(
        Path(path), lambda temporary: write_problem_sheets(temporary, problems), force=force
    )


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
    from mypm.core.files import write_atomically, write_files_atomically
    from mypm.core.messages import Msg
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.read.units import read_unit_list
    from mypm.render.workbook.template import TemplateOptions, planned_forms, write_template
    from mypm.season.names import form_certifier
    from mypm.text.vocabulary import FORMS_FOLDER

    rules_path, units_file, chosen = _path(rules), _path(units), _path(output)
    rule_file = load_rules(rules_path, kind=kind)
    rule_set = rule_file.rules
    if certifier is not None:
        certifier = form_certifier(rule_set, certifier)
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
        folder = chosen or Path(f"{kind}-{FORMS_FOLDER}")
        if folder.exists() and not folder.is_dir():
            raise OptionError([Problem(str(folder), Msg.of("template.not_a_folder"))])
        paths = [folder / name for name, _ in forms]
        reads = files_read(rules_path, units_file)
        check_outputs(paths if folder.exists() else [folder], force=force, reads=reads)
        writers = {name: partial(write_template, rule_file, form) for name, form in forms}
        write_files_atomically(folder, writers, force=force)
        return paths
    path = chosen or Path(forms[0][0])
    check_outputs([path], force=force, reads=files_read(rules_path, units_file))
    write_atomically(path, partial(write_template, rule_file, forms[0][1]), force=force)
    return [path]


def appeals_form(season: Season, output: PathArg | None = None, *, force: bool = False) -> Path:
    """Write the season's appeals workbook (申诉表) and return its path: a sheet per unit listing
    every field, with cells for the value it claims, the reason and its documents, and the
    reply deadline; `receive` records the appeals typed in. Default: the forms folder's
    `<kind>-申诉表.xlsx`."""
    from functools import partial

    from mypm.core.files import write_atomically
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.read.forms import appeals_form_name
    from mypm.render.workbook.appeals import write_appeals_workbook

    rule_file = season.rule_file
    path = _path(output) or season.forms / appeals_form_name(rule_file.rules)
    reads = files_read(season.rules_path, season.units_path)
    check_outputs([path], force=force, reads=reads)
    deadline = season.config.reply_deadline
    writer = partial(write_appeals_workbook, rule_file, season.units(), deadline)
    write_atomically(path, writer, force=force)
    return path


def publish_pages(
    scored: Scored,
    output: PathArg,
    *,
    public: bool = False,
    deadline: dt.date | None = None,
    today: dt.date | None = None,
    force: bool = False,
    draft: bool = False,
    season: PathArg | None = None,
) -> Path:
    """Write the results as a folder of web pages (ranking, each unit's 反馈单, analysis,
    rubric) at `output`, whole or not at all. An existing folder is replaced only with `force`,
    and only when an earlier publish wrote all of it and it holds no input. `public`: only what
    may be published; `deadline`: the 反馈单's reply date; `today`: the pages' date (default
    today); `draft`: every page is marked as a draft; `season`: the season folder, which the
    反馈单 link each evidence file into. A self-check scoring is refused (WorkbookError): claims
    must never read as results."""
    import datetime as dt
    import os

    from mypm.core.errors import Problem, WorkbookError
    from mypm.core.files import write_folder_atomically
    from mypm.core.messages import Msg
    from mypm.render.publish import PublishOptions, render_site

    if scored.report.self_check:
        message = Msg.of("publish.self_check")
        raise WorkbookError([Problem(f.path, message) for f in scored.report.files])
    from mypm.jobs.scoring import goals

    path = Path(output)
    # from the folder's root to the season's, `/` between names, for links into the season
    link = (
        Path(os.path.relpath(Path(season).resolve(), path.resolve())).as_posix() if season else ""
    )
    pages = PublishOptions(
        today=today or dt.date.today(),
        public=public,
        deadline=deadline,
        draft=draft,
        season_link=link,
    )
    unit_goals = {} if public else {r.unit: goals(scored, r) for r in scored.report.units}
    reads = [Path(f.path) for f in scored.report.files] + [scored.rule_file.path]
    pages_written = render_site(scored, pages, unit_goals)
    write_folder_atomically(path, pages_written, force=force, inputs=reads)
    return path
