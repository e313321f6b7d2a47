"""The command line: parse options, call one core function, render. The only module using click."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from mypm import __version__
from mypm.errors import MypmError
from mypm.i18n import Lang, set_language, t

F = TypeVar("F", bound=Callable[..., Any])


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    set_language(value)  # type: ignore[arg-type]


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        callback=_set_lang,
        expose_value=False,
        is_eager=True,
        help="Language of messages and labels (default: from LANG, else zh).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mypm")
def cli() -> None:
    """Score the Mianyang livelihood-projects performance assessment (绵阳市民生工程绩效考核)."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--tree", is_flag=True, help="Show each rule set as a tree of categories and fields.")
@lang_option
def validate(paths: tuple[Path, ...], tree: bool) -> None:
    """Check rule files (files or folders; default ./rules, else the bundled rules)."""
    from mypm import ui
    from mypm.rules import bundled_rules_dir, load_rules

    if not paths:
        paths = (Path("rules") if Path("rules").is_dir() else bundled_rules_dir(),)
    for rule_file in load_rules(list(paths)):
        ui.show_rule_set(rule_file, tree=tree)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the rule-file format (for editors)."""
    from mypm.rules.schema import rule_schema_json

    click.echo(rule_schema_json())


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; translate errors into messages and exit codes (0, 1 data, 2 usage, 130)."""
    try:
        cli.main(args=argv, prog_name="mypm", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo(t("error.interrupted"), err=True)
        return 130
    except MypmError as exc:
        from mypm import ui

        ui.show_problems(exc.problems)
        return exc.exit_code
    except Exception as exc:  # a bug: one line for the user, the traceback in a log
        return _report_bug(exc)
    return 0


def _report_bug(exc: Exception) -> int:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile(
        "w", prefix="mypm-crash-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        traceback.print_exc(file=log)
    click.echo(t("error.bug", error=f"{type(exc).__name__}: {exc}", log=log.name), err=True)
    return 70


__all__ = ["Lang", "cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
