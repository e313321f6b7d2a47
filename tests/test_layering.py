"""The architecture, read from the imports: the core computes, renderers only render.

The core (measures, engine, merge, values, rules, and the trace and records they produce)
imports no i18n, no library that reads or writes files for people (openpyxl, XlsxWriter, rich,
click, jinja2) and no renderer. Renderers (the workbooks, JSON/CSV, the terminal, explain,
publish) never import the engine or the what-if search. No module uses a private name of
another package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mypm"

CORE = [
    "measures.py",
    "engine.py",
    "merge.py",
    "values.py",
    "trace.py",
    "results.py",
    "messages.py",
    "errors.py",
    "whatif.py",
    "ruletests.py",
    *(f"rules/{p.name}" for p in sorted((SRC / "rules").glob("*.py"))),
]
RENDERERS = [
    "report.py",
    "explain.py",
    "labels.py",
    "ui.py",
    *(f"workbook/{p.name}" for p in sorted((SRC / "workbook").glob("*.py"))),
    *(f"publish/{p.name}" for p in sorted((SRC / "publish").glob("*.py"))),
]
NOT_IN_CORE = (
    "mypm.i18n",
    "mypm.clickzh",
    "mypm.labels",
    "mypm.report",
    "mypm.explain",
    "mypm.ui",
    "mypm.publish",
    "mypm.workbook",
    "mypm.cli",
    "openpyxl",
    "xlsxwriter",
    "rich",
    "click",
    "jinja2",
)
NOT_IN_RENDERERS = ("mypm.engine", "mypm.whatif", "mypm.merge")


def imports(relative: str) -> list[tuple[int, str]]:
    """(line, module) of every import in a module, at the top or inside a function; a
    `from x import y` gives both `x` and `x.y`, so a submodule imported by name is seen."""
    tree = ast.parse((SRC / relative).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def offending(relative: str, banned: tuple[str, ...]) -> list[str]:
    return [
        f"{relative}:{line} imports {module}"
        for line, module in imports(relative)
        if any(module == b or module.startswith(f"{b}.") for b in banned)
    ]


@pytest.mark.parametrize("module", CORE)
def test_the_core_imports_no_text_no_file_library_and_no_renderer(module: str) -> None:
    assert offending(module, NOT_IN_CORE) == []


@pytest.mark.parametrize("module", RENDERERS)
def test_renderers_never_score(module: str) -> None:
    assert offending(module, NOT_IN_RENDERERS) == []


def _private_uses(relative: str) -> list[str]:
    """Imports of a private module or name of another package, and `x._name` on anything but
    `self` or `cls` (mypm's own objects never need it, so it can only be a library's)."""
    tree = ast.parse((SRC / relative).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                f"{relative}:{node.lineno} imports {alias.name}"
                for alias in node.names
                if any(part.startswith("_") for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("mypm") or node.module == "__future__":
                continue
            found += [
                f"{relative}:{node.lineno} imports {node.module}.{alias.name}"
                for alias in node.names
                if any(p.startswith("_") for p in [*node.module.split("."), alias.name])
            ]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append(f"{relative}:{node.lineno} uses {ast.unparse(node)}")
    return found


ALL_MODULES = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("module", ALL_MODULES)
def test_no_private_name_of_another_package(module: str) -> None:
    assert _private_uses(module) == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """Each check finds what it is there to find (a layering test that sees nothing is worse
    than none)."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import openpyxl\n"
        "from mypm.i18n import t\n"
        "from openpyxl.worksheet._reader import X\n"
        "def later():\n"
        "    from mypm.engine import Engine\n"
        "    import xlsxwriter\n"
        "    return xlsxwriter._private\n",
        encoding="utf-8",
    )
    # openpyxl; mypm.i18n and mypm.i18n.t; openpyxl.worksheet._reader and its X; xlsxwriter
    assert len(offending(str(probe), NOT_IN_CORE)) == 6
    assert len(offending(str(probe), NOT_IN_RENDERERS)) == 2  # mypm.engine, mypm.engine.Engine
    assert len(_private_uses(str(probe))) == 2  # the _reader import, xlsxwriter._private
