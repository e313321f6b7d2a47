"""The command line: parse options, call one core function, render. The only module using click."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import signal
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from gettext import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import click

from mypm.__about__ import __version__
from mypm.core.errors import Incomplete, MypmError, OptionError, OutputError, Problem, Terminated
from mypm.core.messages import Msg
from mypm.render import outputs
from mypm.text.catalogue import Lang, language, set_language, t
from mypm.text.clickzh import command_help, use_language

if TYPE_CHECKING:
    from mypm.core.results import Issue
    from mypm.season.folder import Season
    from mypm.season.runs import Scope

F = TypeVar("F", bound=Callable[..., Any])


def _enlarge_budget() -> None:
    from mypm.core import budget

    budget.current().enlarge()


def _set_lang(ctx: click.Context, param: click.Parameter, value: Lang | None) -> None:
    # `mypm --lang en` sets it for the run; a command's own --lang, when given, wins
    if value is not None:
        set_language(value)
        use_language(value)  # click's own words too


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        callback=_set_lang,
        expose_value=False,
        is_eager=True,
        help="help.lang",
    )(func)


def _help_options(command: click.Command, ctx: click.Context, formatter: Any) -> None:
    """The Options section, each option's help in the user's language."""
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None or isinstance(param, click.Argument):
            continue
        own = getattr(param, "help", None)
        if param is command.get_help_option(ctx):  # made before --lang was read: say it again
            record = (record[0], gettext("Show this message and exit."))
        elif own:
            record = (record[0], record[1].replace(own, t(own)))
        rows.append(record)
    if rows:
        with formatter.section(gettext("Options")):
            formatter.write_dl(rows)


def _help_paragraph(command: click.Command, formatter: Any) -> None:
    text = command_help(command)
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)


class HelpFormatter(click.HelpFormatter):
    """click's help layout, with the headings' colon of the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("click.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{t('click.heading', heading=heading)}\n")


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    """A command whose help speaks the user's language (--lang, else LANG)."""

    context_class = Context

    def format_help_text(self, ctx: click.Context, formatter: Any) -> None:
        _help_paragraph(self, formatter)

    def format_options(self, ctx: click.Context, formatter: Any) -> None:
        _help_options(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        text = command_help(self).split("\n\n")[0]
        return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


class Group(click.Group):
    """The `mypm` group: its help, and its commands', in the user's language."""

    command_class = Command
    context_class = Context

    def format_help_text(self, ctx: click.Context, formatter: Any) -> None:
        _help_paragraph(self, formatter)

    def format_options(self, ctx: click.Context, formatter: Any) -> None:
        _help_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    get_short_help_str = Command.get_short_help_str  # a subgroup (appeal) listed like a command


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mypm", help="help.version")
@click.option(
    "--large",
    is_flag=True,
    expose_value=False,
    callback=lambda ctx, param, value: _enlarge_budget() if value else None,
    help="help.large",
)
@lang_option
def cli() -> None:
    """Score the Mianyang livelihood-projects performance assessment (绵阳市民生工程绩效考核)."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--tree", is_flag=True, help="help.validate.tree")
@click.option("--no-tests", is_flag=True, help="help.validate.no_tests")
@lang_option
def validate(paths: tuple[Path, ...], tree: bool, no_tests: bool) -> None:
    """Check rule files and run their test cases (default ./rules, else the bundled rules)."""
    from mypm import api
    from mypm.core.rules import bundled_rules_dir
    from mypm.render import terminal as ui

    if not paths:
        paths = (Path("rules") if Path("rules").is_dir() else bundled_rules_dir(),)
    for rule_file in api.validate(paths, tests=not no_tests):
        ui.show_rule_set(rule_file, tree=tree, tests_run=not no_tests)


@cli.command()
@lang_option
def schema() -> None:
    """Print the JSON Schema of the rule-file format (for editors)."""
    from mypm.core.rules.schema import rule_schema_json

    click.echo(rule_schema_json())


class Dated(click.DateTime):
    """A day or a moment in one of `formats`; anything else is refused in the user's language,
    naming the option (click says which) and the form expected, by example."""

    def __init__(self, formats: Sequence[str], message: str) -> None:
        super().__init__(formats)
        self.message = message  # a catalogue key, saying the form by example

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):  # full-width digits and colon, as a Chinese IME types them
            value = unicodedata.normalize("NFKC", value).strip()
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(t(self.message, value=str(value)), param, ctx)


DAY = Dated(["%Y-%m-%d"], "option.bad_day")
MOMENT = Dated(  # a date alone is the start of that day
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"], "option.bad_moment"
)


def text_or_json(help_key: str) -> Callable[[F], F]:
    """--format text|json (default text), as the season's listings take it."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_key,
    )


def season_option(func: F) -> F:
    """--season DIR: the season folder to work in (else $MYPM_SEASON, else here or above)."""
    return click.option(
        "--season",
        "season_dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="help.season",
    )(func)


@cli.command()
@click.option("--kind", help="help.template.kind")
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(path_type=Path),
    help="help.rules",
)
@click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.template.units",
)
@click.option("--certifier", help="help.template.certifier")
@click.option(
    "--self-check",
    is_flag=True,
    help="help.template.self_check",
)
@click.option(
    "--per-unit",
    is_flag=True,
    help="help.template.per_unit",
)
@click.option(
    "--by-certifier",
    is_flag=True,
    help="help.template.by_certifier",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="help.template.output",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "a3"]),
    default="a4",
    show_default=True,
    help="help.template.paper",
)
@click.option("--appeals", is_flag=True, help="help.template.appeals")
@click.option("--review", is_flag=True, help="help.template.review")
@click.option("--force", is_flag=True, help="help.force")
@season_option
@lang_option
def template(
    kind: str | None,
    rules_path: Path | None,
    units_file: Path | None,
    certifier: str | None,
    self_check: bool,
    per_unit: bool,
    by_certifier: bool,
    output: Path | None,
    paper: Literal["a4", "a3"],
    appeals: bool,
    review: bool,
    force: bool,
    season_dir: Path | None,
) -> None:
    """Write a blank entry workbook for one rule set (or one certifier's share of it), or one
    per unit or per certifier; in a season, into its forms folder (or its appeals workbook).
    --review: in a season, the review form of each certifier that reviews the units' claims."""
    from mypm import api
    from mypm.render import terminal as ui
    from mypm.season.runs import form_output

    if review:
        from mypm.season.library import Season as Library

        for path in Library(the_season(season_dir).root).write_review_forms(force=force):
            ui.show_written(path)
        return

    forms = (kind, rules_path, units_file, certifier, self_check, per_unit, by_certifier)
    if appeals and any(forms):  # the season's own rules and units, one workbook
        raise OptionError([Problem("--appeals", Msg.of("appeals.template_alone"))])
    where = season_scope(season_dir, (), rules_path, units_file, writes=True, needs_files=False)
    rules_path, units_file = where.rules, where.units
    if appeals:
        if where.season is None:
            raise OptionError([Problem("--appeals", Msg.of("appeals.template_season"))])
        written = [api.appeals_form(where.season, output, force=force)]
        where.record(written)
        ui.show_written(written[0])
        return
    kind, output = form_output(where, kind, output, certifier, self_check, per_unit or by_certifier)
    written = api.template(
        kind=kind,
        rules=rules_path,
        units=units_file,
        certifier=certifier,
        self_check=self_check,
        per_unit=per_unit,
        by_certifier=by_certifier,
        output=output,
        paper=paper,
        force=force,
    )
    where.record(written)
    for path in written:
        ui.show_written(path)


def workbook_inputs(func: F) -> F:
    """FILES... and the options that choose the rules and read them (score, explain, status)."""
    decorators = [
        click.argument("files", nargs=-1, metavar="FILES...", type=click.Path(path_type=Path)),
        click.option("--kind", help="help.kind"),
        click.option(
            "--rules",
            "rules_path",
            type=click.Path(path_type=Path),
            help="help.rules",
        ),
        click.option(
            "--units",
            "units_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="help.units",
        ),
    ]
    for decorate in reversed(decorators):
        func = decorate(func)
    return season_option(func)


def scoring_inputs(func: F) -> F:
    """The workbook inputs, --allow-missing and --problems (score, explain, publish)."""
    decorators = [
        click.option(
            "--allow-missing",
            is_flag=True,
            help="help.allow_missing",
        ),
        click.option(
            "--problems",
            "problems_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="help.problems",
        ),
        click.option("--force", is_flag=True, help="help.force_all"),
    ]
    for decorate in reversed(decorators):
        func = decorate(func)
    return workbook_inputs(func)


@cli.command()
@scoring_inputs
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.score.output",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(outputs.SCORED.names),
    help="help.score.format",
)
@click.option("--strict", is_flag=True, help="help.strict")
@click.option("--before-appeals", is_flag=True, help="help.score.before_appeals")
@click.option("-q", "--quiet", is_flag=True, help="help.quiet")
@lang_option
def score(
    files: tuple[Path, ...],
    season_dir: Path | None,
    kind: str | None,
    rules_path: Path | None,
    units_file: Path | None,
    allow_missing: bool,
    problems_path: Path | None,
    force: bool,
    output: Path | None,
    fmt: str | None,
    strict: bool,
    before_appeals: bool,
    quiet: bool,
) -> None:
    """Merge filled workbooks, score and rank the units, and write the scored results."""
    from contextlib import nullcontext

    from mypm import api
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.jobs.scoring import default_output
    from mypm.text.vocabulary import RESULT_NAMES

    chosen = outputs.SCORED.choose(output, fmt)
    writes = chosen.how == "file" or output is not None or problems_path is not None
    where = season_scope(season_dir, files, rules_path, units_file, writes=writes)
    files, rules_path, units_file = where.files, where.rules, where.units
    if not quiet:  # rich is imported only to show something
        from mypm.render import terminal as ui
    display = nullcontext(None) if quiet else ui.progress_display()
    with problems_listed(problems_path, force=force, reads=files), display as progress:
        inputs = api.inputs(files)
        if output is None and chosen.how == "file":
            output = where.output(RESULT_NAMES["score"], f".{chosen.name}") or default_output(
                files, inputs
            )
        reads = files_read(rules_path, units_file, inputs.paths)
        check_outputs([output, problems_path], force=force, reads=reads)
        scored = where.stamped(
            api.score(
                inputs,
                rules=rules_path,
                kind=kind,
                units=units_file,
                allow_missing=allow_missing,
                strict=strict,
                progress=progress,
                decided=where.chosen(before_appeals=before_appeals),
                evidence=where.evidence,
            ),
            before_appeals=before_appeals,
        )
        report, rules = scored.report, scored.rule_file.rules
        ranking = "" if quiet else ui.ranking_text(report, rules)  # all that can fail, first
        if chosen.how == "file":
            assert output is not None
            cut = api.write(
                outputs.SCORED, scored, output, format=chosen.name, force=force, progress=progress
            )
            if cut:
                from mypm.render import terminal as ui

                ui.show_problems([issue.as_problem() for issue in cut])
    if chosen.how == "text" and output is not None:
        api.write(outputs.SCORED, scored, output, format=chosen.name, force=force)
    elif chosen.how == "text":
        emit(api.as_text(outputs.SCORED, scored, chosen.name))
    list_issues(problems_path, report.issues, force=force)
    where.record(
        [output, problems_path],
        allow_missing=allow_missing,
        strict=strict,
        before_appeals=before_appeals,
    )
    if not quiet:
        if chosen.how == "file" or output is not None:
            ui.show_text(ranking)
        ui.show_issues(report.issues, listed=problems_path)
        for path in (output, problems_path):
            if path is not None:
                ui.show_written(path)


def show(formats: outputs.Formats, result: object, name: str) -> None:
    """A result on the terminal, in a format of `formats` that is shown there or printed."""
    chosen = formats.named(name)
    if chosen.how == "terminal":
        chosen.function()(result)
    else:
        from mypm import api

        emit(api.as_text(formats, result, name))


def emit(text: str) -> None:
    """Text to standard output as UTF-8 bytes, just as it is written to a file (a CSV's BOM
    and CRLF line ends included)."""
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise StandardOutputFailed(exc) from exc


class StandardOutputFailed(Exception):
    """Standard output cannot be written (a full disk, a pipe closed by the reader): an output
    error like any other, said in one line."""


class _StandardOutput:
    """sys.stdout, whose failures to write are StandardOutputFailed (rich and click write here)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self.stream.write(text))
        except OSError as exc:
            raise StandardOutputFailed(exc) from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise StandardOutputFailed(exc) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def _standard_output_checked() -> Iterator[None]:
    """While a command runs, a failure to write standard output is StandardOutputFailed."""
    stream = sys.stdout
    sys.stdout = _StandardOutput(stream)
    try:
        yield
    finally:
        sys.stdout = stream


@contextmanager
def problems_listed(path: Path | None, *, force: bool, reads: Sequence[Path]) -> Iterator[None]:
    """With `--problems PATH`, the problems of a MypmError raised inside are also written there
    (the one thing a failed run writes); the error then says where (`listed_at`)."""
    from mypm import api
    from mypm.jobs.clashes import check_outputs

    check_outputs([path], force=force, reads=reads)
    try:
        yield
    except MypmError as exc:
        if path is not None:
            api.write_problems(path, exc.problems, force=force)
            exc.listed_at = path
        raise


def list_issues(path: Path | None, issues: Sequence[Issue], *, force: bool) -> None:
    """With --problems PATH, a run that succeeds lists its issues there."""
    from mypm import api

    if path is not None:
        api.write_problems(path, [issue.as_problem() for issue in issues], force=force)


@cli.command()
@scoring_inputs
@click.option("--unit", "unit_name", required=True, help="help.explain.unit")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(outputs.EXPLANATION.names),
    default=outputs.EXPLANATION.default,
    show_default=True,
    help="help.explain.format",
)
@lang_option
def explain(
    files: tuple[Path, ...],
    season_dir: Path | None,
    kind: str | None,
    rules_path: Path | None,
    units_file: Path | None,
    allow_missing: bool,
    problems_path: Path | None,
    force: bool,
    unit_name: str,
    fmt: str,
) -> None:
    """Show how one unit's score is made, where it lost points, and what it takes to move up."""
    from rich.markup import escape

    from mypm import api
    from mypm.core.rules.model import canonical_unit
    from mypm.render import terminal as ui

    writes = problems_path is not None
    where = season_scope(season_dir, files, rules_path, units_file, writes=writes)
    files, rules_path, units_file = where.files, where.rules, where.units
    with problems_listed(problems_path, force=force, reads=files):
        scored = api.score(
            files,
            rules=rules_path,
            kind=kind,
            units=units_file,
            allow_missing=allow_missing,
            decided=where.decided,
            evidence=where.evidence,
        )
        explanation = api.explain_unit(scored, unit_name, units=units_file)
    list_issues(problems_path, scored.report.issues, force=force)
    if canonical_unit(explanation.unit.unit) != canonical_unit(unit_name):  # a former name
        line = t("explain.former_name", former=unit_name, unit=explanation.unit.unit)
        ui.err_console.print(escape(line), soft_wrap=True)
    where.record([problems_path], allow_missing=allow_missing)
    if problems_path is not None:
        ui.show_written(problems_path)
    show(outputs.EXPLANATION, explanation, fmt)


@cli.command()
@click.argument("rules_a", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("rules_b", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(outputs.RULE_DIFF.names),
    default=outputs.RULE_DIFF.default,
    show_default=True,
    help="help.diff.format",
)
@lang_option
def diff(rules_a: Path, rules_b: Path, fmt: str) -> None:
    """Show what changed from one rule file to another (e.g. last year's guide to this year's)."""
    from mypm import api

    show(outputs.RULE_DIFF, api.diff(rules_a, rules_b), fmt)


@cli.command()
@scoring_inputs
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help="help.publish.output",
)
@click.option(
    "--public",
    is_flag=True,
    help="help.publish.public",
)
@click.option(
    "--deadline",
    type=DAY,
    help="help.publish.deadline",
)
@click.option("--draft", is_flag=True, help="help.publish.draft")
@lang_option
def publish(
    files: tuple[Path, ...],
    season_dir: Path | None,
    kind: str | None,
    rules_path: Path | None,
    units_file: Path | None,
    allow_missing: bool,
    problems_path: Path | None,
    force: bool,
    output: Path | None,
    public: bool,
    deadline: dt.datetime | None,
    draft: bool,
) -> None:
    """Write the results as web pages: ranking, each unit's feedback sheet, analysis, rubric."""
    from mypm import api
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.jobs.scoring import default_output
    from mypm.render import terminal as ui
    from mypm.season.appeals import check_all_decided
    from mypm.text.vocabulary import RESULT_NAMES

    where = season_scope(season_dir, files, rules_path, units_file, writes=True)
    files, rules_path, units_file = where.files, where.rules, where.units
    with problems_listed(problems_path, force=force, reads=files):
        if where.season is not None and not draft:  # a final publish: every appeal decided
            from mypm.season.review import check_all_reviewed, pending_claims

            check_all_decided(where.appeals, where.season.rule_file.rules)
            check_all_reviewed(
                pending_claims(where.season, files, where.reviews)
            )  # and claim reviewed
        inputs = api.inputs(files)
        suffix = "-public" if public else "-publish"
        if output is None:
            output = where.output(
                RESULT_NAMES["public" if public else "publish"], ""
            ) or default_output(files, inputs, suffix)
        reads = files_read(rules_path, units_file, inputs.paths)
        check_outputs([output, problems_path], force=force, reads=reads)
        scored = where.stamped(
            api.score(
                inputs,
                rules=rules_path,
                kind=kind,
                units=units_file,
                allow_missing=allow_missing,
                decided=where.decided,
                evidence=where.evidence,
            )
        )
        # the 反馈单's reply date: --deadline, else the season's (`init --reply-deadline`)
        season = where.season
        day = deadline.date() if deadline else season.config.reply_deadline if season else None
        api.publish_pages(
            scored,
            output,
            public=public,
            deadline=day,
            force=force,
            draft=draft,
            season=season.root if season else None,
        )
    issues = scored.report.issues
    list_issues(problems_path, issues, force=force)
    where.record([output, problems_path], allow_missing=allow_missing, public=public, draft=draft)
    ui.show_issues(issues, listed=problems_path)
    for path in (output, problems_path):
        if path is not None:
            ui.show_written(path)


@cli.command()
@click.argument("side_a", metavar="A", required=False, type=click.Path(path_type=Path))
@click.argument("side_b", metavar="B", required=False, type=click.Path(path_type=Path))
@click.option(
    "--rules-a",
    type=click.Path(path_type=Path),
    help="help.compare.rules_a",
)
@click.option(
    "--rules-b",
    type=click.Path(path_type=Path),
    help="help.compare.rules_b",
)
@click.option(
    "--units",
    "units_both",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.compare.units",
)
@click.option(
    "--units-a", type=click.Path(path_type=Path, dir_okay=False), help="help.compare.units_a"
)
@click.option(
    "--units-b", type=click.Path(path_type=Path, dir_okay=False), help="help.compare.units_b"
)
@click.option("--kind", help="help.compare.kind")
@click.option(
    "--allow-missing",
    is_flag=True,
    help="help.compare.allow_missing",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.compare.output",
)
@click.option("--force", is_flag=True, help="help.force")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(outputs.COMPARISON.names),
    default=None,
    help="help.compare.format",
)
@click.option("--appeals", is_flag=True, help="help.compare.appeals")
@click.option("-q", "--quiet", is_flag=True, help="help.quiet")
@season_option
@lang_option
def compare(
    side_a: Path | None,
    side_b: Path | None,
    rules_a: Path | None,
    rules_b: Path | None,
    units_both: Path | None,
    units_a: Path | None,
    units_b: Path | None,
    kind: str | None,
    allow_missing: bool,
    output: Path | None,
    force: bool,
    fmt: str | None,
    appeals: bool,
    quiet: bool,
    season_dir: Path | None,
) -> None:
    """Compare two scorings: self-check against certified, last year against this year, or
    before against after a correction. A and B are each a folder or file of input workbooks,
    a scored workbook, or the JSON of `mypm score --format json`."""
    from mypm import api
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.season.folder import find_season

    ctx = click.get_current_context()
    if appeals and side_a is not None:  # the season before and after its appeals: no sides
        raise OptionError([Problem("--appeals", Msg.of("appeals.compare_no_sides"))])
    if not appeals and side_a is None:
        param = next(p for p in ctx.command.params if p.name == "side_a")
        raise click.MissingParameter(ctx=ctx, param=param)
    if side_b is None and not appeals:  # in a season, A is compared with its current files
        side_b = find_season(season_dir)
        if side_b is None:
            param = next(p for p in ctx.command.params if p.name == "side_b")
            raise click.MissingParameter(ctx=ctx, param=param)
    chosen = outputs.COMPARISON.choose(output, fmt)  # checked before either side is read
    if chosen.how == "file" and output is None:
        raise OptionError([Problem("--format", Msg.of("output.needs_file", fmt=chosen.name))])
    units_a, units_b = units_a or units_both, units_b or units_both
    if output is not None:
        sides = [side_a, side_b] if side_a and side_b else []
        reads = files_read(rules_a, units_a, sides) + files_read(rules_b, units_b)
        check_outputs([output], force=force, reads=reads)
        # in a season, the comparison written is a run of the ledger, as status -o is
        where = season_scope(season_dir, (), None, None, writes=True, needs_files=False)
    if appeals:
        comparison = api.compare_appeals(season_dir, allow_missing=allow_missing)
    else:
        assert side_a is not None and side_b is not None
        comparison = api.compare_scorings(
            side_a,
            side_b,
            rules_a=rules_a,
            rules_b=rules_b,
            kind=kind,
            allow_missing=allow_missing,
            units_a=units_a,
            units_b=units_b,
        )
    if output is None and chosen.how == "text":
        emit(api.as_text(outputs.COMPARISON, comparison, chosen.name))
        return
    if output is not None:
        api.write(outputs.COMPARISON, comparison, output, format=chosen.name, force=force)
        where.record([output], sides=[str(s) for s in sides])
    if not quiet:
        from mypm.render import terminal as ui

        show(outputs.COMPARISON, comparison, outputs.COMPARISON.default)
        if output is not None:
            ui.show_written(output)


@cli.command()
@workbook_inputs
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.status.output",
)
@click.option("--force", is_flag=True, help="help.force")
@text_or_json("help.status.format")
@lang_option
def status(
    files: tuple[Path, ...],
    season_dir: Path | None,
    kind: str | None,
    rules_path: Path | None,
    units_file: Path | None,
    output: Path | None,
    force: bool,
    fmt: str,
) -> None:
    """Show which workbooks have come back: units × certifiers, conflicts, unreadable files, and
    what each certifier still owes. Exits 0 only when everything has arrived and agrees."""
    from mypm import api
    from mypm.jobs.clashes import check_outputs, files_read
    from mypm.render import terminal as ui

    writes = output is not None
    where = season_scope(season_dir, files, rules_path, units_file, writes=writes)
    files, rules_path, units_file = where.files, where.rules, where.units
    if output is not None:
        reads = files_read(rules_path, units_file, files)
        check_outputs([output], force=force, reads=reads)
    found = api.collection_status(files, rules=rules_path, kind=kind, units=units_file)
    owed = None
    if where.season is not None:  # evidence the units owe, claims the office has not reviewed
        from mypm.season.review import outstanding

        evidence, reviews = where.evidence or (), where.reviews
        owed = outstanding(where.season, found.values, evidence, reviews, found.returned)
    if output is not None:
        api.write_status(found, output, force=force, owed=owed)
        where.record([output])
    if fmt == "json":
        from mypm.render.season import status_json

        emit(status_json(found, where.versions if where.season else None, owed))
    else:
        ui.show_status(found)
        if where.season is not None and owed is not None:
            from mypm.render.evidence import show_outstanding
            from mypm.render.season import show_versions

            show_outstanding(owed)
            show_versions(where.versions)
    if output is not None:
        ui.show_written(output)
    if not found.complete or (owed is not None and owed.unproven):
        raise Incomplete([])


# --- the season folder ------------------------------------------------------------------------


def season_scope(
    season_dir: Path | None,
    files: Sequence[Path],
    rules: Path | None,
    units: Path | None,
    *,
    writes: bool,
    needs_files: bool = True,
) -> Scope:
    """The files, rules and unit list a command reads (a season's, inside one) and where it
    writes; a writing command keeps the season's ledger locked until it ends."""
    from mypm.season.runs import NoFiles, scope

    ctx = click.get_current_context()
    root = ctx.find_root()
    command = ["mypm", *(root.obj if isinstance(root.obj, list) else sys.argv[1:])]
    try:
        return ctx.with_resource(
            scope(
                season_dir,
                files,
                rules,
                units,
                writes=writes,
                needs_files=needs_files,
                command=command,
            )
        )
    except NoFiles:  # outside a season, as before: click's own usage error
        param = next(p for p in ctx.command.params if p.name == "files")
        raise click.MissingParameter(ctx=ctx, param=param) from None


def the_season(given: Path | None) -> Season:
    """The season a season command works in; outside any, a usage error saying how to make one."""
    from mypm.season.folder import find_season, open_season

    root = find_season(given)
    if root is None:
        raise OptionError([Problem("--season", Msg.of("season.none_here", path=str(Path.cwd())))])
    return open_season(root)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--kind", help="help.init.kind")
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.init.rules",
)
@click.option("--year", type=int, help="help.init.year")
@click.option(
    "--units",
    "units_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.init.units",
)
@click.option(
    "--deadline",
    type=DAY,
    help="help.init.deadline",
)
@click.option(
    "--reply-deadline",
    type=DAY,
    help="help.init.reply_deadline",
)
@click.option("--force", is_flag=True, help="help.init.force")
@lang_option
def init(
    folder: Path,
    kind: str | None,
    rules_path: Path | None,
    year: int | None,
    units_file: Path | None,
    deadline: dt.datetime | None,
    reply_deadline: dt.datetime | None,
    force: bool,
) -> None:
    """Make a season folder: its configuration, the rules and unit list copied in, folders for
    the forms sent, the files returned and the results, and the ledger."""
    from mypm.render.season import show_season_made
    from mypm.season.folder import InitOptions, init_season
    from mypm.text.catalogue import say

    day = deadline.date() if deadline else None
    reply = reply_deadline.date() if reply_deadline else None
    options = InitOptions(kind, rules_path, year, units_file, day, force, reply)
    show_season_made(init_season(folder, options, say))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--received-at",
    type=MOMENT,
    help="help.receive.received_at",
)
@click.option("--evidence", is_flag=True, help="help.receive.evidence")
@season_option
@lang_option
def receive(
    paths: tuple[Path, ...],
    received_at: dt.datetime | None,
    evidence: bool,
    season_dir: Path | None,
) -> None:
    """Receive returned workbooks (files or folders) into the season: check each, keep a copy
    under its canonical name and record it; a later file of the same form supersedes the
    earlier one. Exits 1 when a file was refused (the others are received). With --evidence:
    UNIT FIELD FILE... (or a delivery folder) are evidence files, all received or none."""
    from mypm.render.season import show_receipts
    from mypm.season.receipts import receive as receive_files

    season = the_season(season_dir)
    if evidence:
        _receive_evidence(season, paths, received_at)
        return
    receipts = receive_files(season, paths, received_at)
    show_receipts(season, receipts)
    if any(r.outcome == "refused" for r in receipts):
        raise Incomplete([])


def _receive_evidence(
    season: Season, paths: tuple[Path, ...], received_at: dt.datetime | None
) -> None:
    """`receive --evidence UNIT FIELD FILE...`, or `receive --evidence FOLDER`."""
    from mypm.render.evidence import show_evidence_receipts
    from mypm.season.evidence import delivery, given_files, receive_evidence

    if len(paths) == 2:
        raise OptionError([Problem("--evidence", Msg.of("evidence.arguments"))])
    given = (
        delivery(season, paths[0])
        if len(paths) == 1
        else given_files(season, str(paths[0]), str(paths[1]), paths[2:])
    )
    show_evidence_receipts(receive_evidence(season, given, received_at))


@cli.command()
@click.argument("unit", required=False)
@click.argument("field", required=False)
@click.argument("verdict", required=False, type=click.Choice(["accept", "correct"]))
@click.option("--value", help="help.review.value")
@click.option("--reason", help="help.review.reason")
@click.option("--accept-all", "accept_every", is_flag=True, help="help.review.accept_all")
@season_option
@lang_option
def review(
    unit: str | None,
    field: str | None,
    verdict: Literal["accept", "correct"] | None,
    value: str | None,
    reason: str | None,
    accept_every: bool,
    season_dir: Path | None,
) -> None:
    """Record the office's decision on a unit's claim (a field the rules say it reviews):
    accept it, or correct it to --value, with --reason; each decision is a ledger entry.
    --accept-all [UNIT] accepts every claim still pending (of one unit, or all)."""
    from mypm.render.evidence import show_reviews
    from mypm.season.receipts import record_reviews
    from mypm.season.review import Request, accept_all

    season = the_season(season_dir)
    if accept_every:
        if field is not None or value is not None:
            raise OptionError([Problem("--accept-all", Msg.of("review.accept_all_arguments"))])
        made = record_reviews(season, accept_all(season, unit, reason or ""))
    else:
        if unit is None or field is None or verdict is None or not reason:
            raise OptionError([Problem("review", Msg.of("review.arguments"))])
        if verdict == "accept" and value is not None:
            raise OptionError([Problem("--value", Msg.of("review.value_with_accept"))])
        request = Request(unit, field, verdict, value, reason)
        made = record_reviews(season, lambda _: [request])
    show_reviews(made)


@cli.command()
@click.argument("target")
@click.option("--until", required=True, type=DAY, help="help.extend.until")
@click.option("--reason", required=True, help="help.extend.reason")
@season_option
@lang_option
def extend(target: str, until: dt.datetime, reason: str, season_dir: Path | None) -> None:
    """Give a unit or a certifier (by id or name) until a later day to return its files."""
    from mypm.render.terminal import console
    from mypm.season.receipts import extend as grant

    season = the_season(season_dir)
    extension = grant(season, target, until.date(), reason)
    name = season.rule_file.rules.certifiers.get(extension.target, extension.target)
    line = t("extend.granted", target=name, until=extension.until, reason=reason)
    console.print(line, soft_wrap=True, markup=False)


def _change_version(
    action: Literal["withdraw", "restore"], name: str, reason: str, season_dir: Path | None
) -> None:
    from mypm.render.season import version_line
    from mypm.render.terminal import console
    from mypm.season.receipts import change_version

    version = change_version(the_season(season_dir), action, name, reason)
    key = "receive.withdrawn" if action == "withdraw" else "receive.restored"
    console.print(t(key, line=version_line(version)), soft_wrap=True, markup=False)


@cli.command()
@click.argument("name")
@click.option("--reason", required=True, help="help.withdraw.reason")
@season_option
@lang_option
def withdraw(name: str, reason: str, season_dir: Path | None) -> None:
    """Withdraw a received file (by its name in the returned folder): it is kept and listed,
    but no longer scored; the version before it counts again."""
    _change_version("withdraw", name, reason, season_dir)


@cli.command()
@click.argument("name")
@click.option("--reason", required=True, help="help.restore.reason")
@season_option
@lang_option
def restore(name: str, reason: str, season_dir: Path | None) -> None:
    """Bring back a superseded or withdrawn file: it counts again, over any later version."""
    _change_version("restore", name, reason, season_dir)


@cli.command()
@text_or_json("help.log.format")
@season_option
@lang_option
def log(fmt: str, season_dir: Path | None) -> None:
    """List the season's ledger: every receipt, version change, extension and run, in order.
    Exits 1 when the chain of entries is broken."""
    from mypm.render.season import log_json, show_log

    season = the_season(season_dir)
    with season.ledger(intact=False) as ledger, ledger.reading():
        entries, broken = ledger.entries(), ledger.check_chain(season.kept_files())
    if fmt == "json":
        emit(log_json(entries, broken))
    else:
        show_log(season, entries, broken)
    if broken:
        raise Incomplete([])


@cli.command()
@click.argument("result", required=False, type=click.Path(path_type=Path))
@season_option
@lang_option
def verify(result: Path | None, season_dir: Path | None) -> None:
    """Check a result (a scored workbook, a JSON result or a publish folder; default the
    latest) against the run that made it: its inputs, rules and mypm version, its figures
    scored again, and the ledger's chain. Exits 0 when identical, 1 when not."""
    from mypm.render.season import show_verification
    from mypm.season.verify import verify as check

    found = check(the_season(season_dir), result)
    show_verification(found)
    if not found.identical:
        raise Incomplete([])


# --- appeals (申诉/复核) -------------------------------------------------------------------------


@cli.group(cls=Group)
@lang_option
def appeal() -> None:
    """Appeals: record, decide and list them."""


@appeal.command("add", help="help.appeal.add")
@click.argument("unit")
@click.argument("field")
@click.argument("files", nargs=-1, metavar="[FILE]...", type=click.Path(path_type=Path))
@click.option("--claim", required=True, help="help.appeal.claim")
@click.option("--reason", required=True, help="help.appeal.reason")
@click.option(
    "--received-at",
    type=MOMENT,
    help="help.appeal.received_at",
)
@season_option
@lang_option
def appeal_add(
    unit: str,
    field: str,
    files: tuple[Path, ...],
    claim: str,
    reason: str,
    received_at: dt.datetime | None,
    season_dir: Path | None,
) -> None:
    from mypm.render.appeals import show_added
    from mypm.season.appeals import add_appeal

    season = the_season(season_dir)
    show_added(season, add_appeal(season, unit, field, claim, reason, files, received_at))


@appeal.command("decide", help="help.appeal.decide")
@click.argument("number", type=int)
@click.argument("outcome", type=click.Choice(["uphold", "accept", "partial"]))
@click.option("--value", help="help.appeal.value")
@click.option("--reason", required=True, help="help.appeal.decide_reason")
@click.option("--by", help="help.appeal.by")
@click.option("--revise", is_flag=True, help="help.appeal.revise")
@season_option
@lang_option
def appeal_decide(
    number: int,
    outcome: Literal["uphold", "accept", "partial"],
    value: str | None,
    reason: str,
    by: str | None,
    revise: bool,
    season_dir: Path | None,
) -> None:
    from mypm.render.appeals import show_decided
    from mypm.season.appeals import decide_appeal

    season = the_season(season_dir)
    decided = decide_appeal(season, number, outcome, reason, value=value, revise=revise, by=by)
    show_decided(season, decided)


@appeal.command("list", help="help.appeal.list")
@text_or_json("help.appeal.format")
@season_option
@lang_option
def appeal_list(fmt: str, season_dir: Path | None) -> None:
    from mypm.render.appeals import appeals_json, show_appeals
    from mypm.season.appeals import appeals_in

    season = the_season(season_dir)
    with season.ledger() as ledger, ledger.reading():
        found = appeals_in(ledger.entries())
    rules = season.rule_file.rules
    if fmt == "json":
        emit(appeals_json(rules, found))
    else:
        show_appeals(rules, found)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; translate errors into messages and exit codes (0, 1 data, 2 usage, 130)."""
    args = sys.argv[1:] if argv is None else argv
    # --lang is read before click parses anything, so that its own usage errors speak it too
    given = [
        a.partition("=")[2] or b
        for a, b in zip(args, [*args[1:], ""], strict=True)
        if a.startswith("--lang")
    ]
    set_language(cast("Lang", given[-1]) if given and given[-1] in ("zh", "en") else None)
    use_language(language())
    from mypm.core.budget import run_budget
    from mypm.core.files import outputs_recorded

    with _signals_unwind(), _cleanup_logged(), run_budget(), _standard_output_checked():
        with outputs_recorded() as written:
            code = _run(argv, written)
        if code:  # what the failure left half-done is collected now, while its noise is logged
            gc.collect()
        return code


def _run(argv: list[str] | None, written: Sequence[Path]) -> int:
    try:
        args = sys.argv[1:] if argv is None else list(argv)  # the ledger records the command
        cli.main(args=args, prog_name="mypm", standalone_mode=False, obj=args)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo(t("error.interrupted"), err=True)
        return 130
    except Terminated as exc:
        click.echo(t("error.interrupted"), err=True)
        return 128 + exc.signum
    except Incomplete as exc:  # already shown, and status.xlsx may have been written
        return exc.exit_code
    except StandardOutputFailed as exc:
        _silence_standard_output()
        error = exc.__cause__
        if isinstance(error, BrokenPipeError):  # `| head`: the reader has all it wanted
            return 128 + 13  # as a program killed by SIGPIPE exits, without a word
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        click.echo(t("output.stdout_failed", error=reason), err=True)
        return OutputError.exit_code
    except MypmError as exc:
        from mypm.render import terminal as ui

        ui.show_problems(exc.problems, written=exc.listed_at, outputs=written)
        return exc.exit_code
    except Exception as exc:  # a bug: one line for the user, the traceback in a log
        return _report_bug(exc)
    return 0


def _silence_standard_output() -> None:
    """Point standard output at the null device, so that Python's own last flush of what is
    still buffered does not fail again on the way out."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Terminated, so every `finally` runs and no temporary file stays
    (SIGKILL cannot be caught). The previous handlers come back afterwards."""

    def terminate(signum: int, frame: object) -> None:
        raise Terminated(signum)

    caught = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, terminate) for signum in caught}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _cleanup_logged() -> Iterator[None]:
    """A zip that a full disk or a signal interrupted complains when it is collected
    ("Exception ignored in: ZipFile.__del__ … Traceback"). The user has had mypm's own message;
    the complaint goes to a log file, never to the terminal."""
    previous = sys.unraisablehook

    def log(unraisable: sys.UnraisableHookArgs) -> None:
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile(
            "w", prefix="mypm-cleanup-", suffix=".log", delete=False, encoding="utf-8"
        ) as file:
            file.write(f"{unraisable.err_msg or 'Exception ignored in'}: {unraisable.object!r}\n")
            traceback.print_exception(unraisable.exc_value, file=file)

    sys.unraisablehook = log
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _report_bug(exc: Exception) -> int:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="mypm-crash-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        traceback.print_exc(file=log)
    click.echo(t("error.bug", error=f"{type(exc).__name__}: {exc}", log=log.name), err=True)
    return 70
