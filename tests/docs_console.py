"""Run the commands the documentation shows and compare what they print with what it shows.

The convention (docs/en/development.md): a fenced block marked `console` holds commands, each on a
line starting with `PS> ` (the user guide: what a PowerShell window shows) or `$ `, each followed
by the output the page shows for it. A line holding only `…` stands for any number of lines.
Only `mypm …` and `cd FOLDER` may appear in such a block; anything else (installing, PowerShell's
own commands) goes in a `powershell`, `bash` or `text` block, which is not run.

Every page runs in a folder of its own holding a copy of examples/, except the user guide's
season pages, which run one after another in one folder, as the office lives one season. Times,
hashes, the folder's path and the user's name are normalised on both sides before comparing.

`python tests/docs_console.py [PAGE...]` prints what each command prints now, to update a page.
"""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mypm import __version__

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PROMPTS = ("PS> ", "$ ")
ANY_LINES = "…"
WIDTH = "100"  # the terminal's columns while the documented commands run

# The user guide's season, in the order of the site's navigation: one folder for all of them.
SEASON_PAGES = [
    "guide/prepare.md",
    "guide/forms.md",
    "guide/send.md",
    "guide/receive.md",
    "guide/score.md",
    "guide/evidence.md",
    "guide/feedback.md",
    "guide/appeals.md",
    "guide/publish.md",
    "guide/compare.md",
    "guide/archive.md",
]


@dataclass
class Step:
    page: str
    line: int  # where the command is on the page, counted from 1
    command: str
    shown: list[str]


def steps(page: str) -> list[Step]:
    """The commands of every console block on `page` (a path under docs/, or README.md)."""
    path = REPO / page if page == "README.md" else DOCS / page
    found: list[Step] = []
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        prompt = next((p for p in PROMPTS if line.startswith(p)), None)
        if prompt:
            found.append(Step(page, number, line[len(prompt) :], []))
        elif found and found[-1].line < number:
            found[-1].shown.append(line.rstrip())
    return found


def pages() -> list[str]:
    """Every page with a console block: README.md and each page under docs/."""
    listed = ["README.md", *sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))]
    return [page for page in listed if steps(page)]


def normalise(text: str, folder: Path) -> str:
    text = text.replace(str(folder) + os.sep, "").replace(str(folder), ".")
    text = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?(\.\d+)?([+-]\d\d:\d\d)?", "<时间>", text)
    text = re.sub(r"\d{8}-\d{6}", "<时间>", text)
    text = re.sub(r"\b[0-9a-f]{12,64}\b", "<hash>", text)
    text = text.replace(f"mypm {__version__}", "mypm <版本>")
    return re.sub(rf"\b{re.escape(getpass.getuser())}\b", "<用户>", text)


def run(step: Step) -> str:
    """Run one command in the current folder; what it printed, standard error last."""
    from mypm.cli import main
    from mypm.text.catalogue import set_language

    words = shlex.split(step.command)
    if words[0] == "cd" and len(words) == 2:
        os.chdir(words[1])
        return ""
    if words[0] != "mypm":
        raise ValueError(f"{step.page}:{step.line}: only mypm and cd run in a console block")
    out, err = io.StringIO(), io.StringIO()
    set_language(None)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(words[1:])
    return out.getvalue() + err.getvalue()


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the lines a page shows are the lines printed, `…` standing for any lines."""
    if not shown:
        return not printed
    if shown[0] == ANY_LINES:
        rest = shown[1:]
        return any(matches(rest, printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and shown[0] == printed[0] and matches(shown[1:], printed[1:])


@contextlib.contextmanager
def environment(folder: Path) -> Iterator[None]:
    """A working folder holding a copy of examples/, Chinese, 100 columns, no season around."""
    saved = {name: os.environ.get(name) for name in ("LANG", "LC_ALL", "COLUMNS", "MYPM_SEASON")}
    here = Path.cwd()
    shutil.copytree(REPO / "examples", folder / "examples")
    os.environ.update(LANG="zh_CN.UTF-8", COLUMNS=WIDTH)
    os.environ.pop("LC_ALL", None)
    os.environ.pop("MYPM_SEASON", None)
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def groups() -> list[list[str]]:
    """The pages that run together in one folder: the season's, then every other on its own."""
    listed = pages()
    season = [page for page in SEASON_PAGES if page in listed]
    return [season] + [[page] for page in listed if page not in season]


def check(group: list[str], folder: Path) -> list[str]:
    """Run a group of pages in `folder`; a message for each command whose output differs."""
    failures = []
    with environment(folder):
        for page in group:
            for step in steps(page):
                printed = normalise(run(step), folder).rstrip().splitlines()
                printed = [line.rstrip() for line in printed]
                shown = [normalise(line, folder) for line in step.shown]
                while shown and not shown[-1]:
                    shown.pop()
                if not matches(shown, printed):
                    failures.append(
                        f"{page}:{step.line}: {step.command}\n--- the page shows:\n"
                        + "\n".join(step.shown)
                        + "\n--- mypm prints:\n"
                        + "\n".join(printed)
                    )
    return failures


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(REPO / "src"))
    wanted = set(sys.argv[1:])
    for group in groups():
        with tempfile.TemporaryDirectory() as temporary, environment(Path(temporary)):
            for page in group:
                for step in steps(page):
                    printed = run(step).replace(temporary + os.sep, "").rstrip()
                    if not wanted or page in wanted:
                        print(f"=== {page}:{step.line}\n$ {step.command}\n{printed}\n")
