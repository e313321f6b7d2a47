"""The architecture, read from the imports: packages are layers, and imports only go down.

From the bottom: the office vocabulary (`mypm.text.vocabulary`, words of the workbooks that do
not follow --lang), the core (computes), the readers (workbooks in), the catalogue and click's
words (`mypm.text`), the renderers (words, workbooks, pages out), the library (one call per
job) and the command line. A module may import its own layer and those below, never above, and
no group of modules imports itself round in a circle, counting the imports made for type
checking and inside functions. Each check is by package, so a module added to a package is
checked the day it is added. Besides: the core imports no file, terminal or template library,
renderers never score, and no module uses a private name of another package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mypm"

# Bottom first. A module belongs to the layer of the longest name that it starts with.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("mypm.__about__", "mypm.text.vocabulary"),
    ("mypm.core",),
    ("mypm.read",),
    ("mypm.jobs",),
    ("mypm.season",),
    ("mypm.text",),
    ("mypm.render",),
    ("mypm.api", "mypm.season.library"),
    ("mypm.cli", "mypm.__main__", "mypm"),
)
LIBRARIES_NOT_IN_CORE = ("openpyxl", "xlsxwriter", "rich", "click", "jinja2", "markupsafe")
NOT_IN_RENDERERS = ("mypm.core.engine", "mypm.core.whatif", "mypm.core.merge")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def layer(module: str) -> int:
    """The layer of a module of mypm (the longest matching prefix wins)."""
    best, found = -1, -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            # the root package stands for its own __init__ only: a new mypm.x is in no layer
            # until it is given one
            inside = prefix != "mypm" and module.startswith(f"{prefix}.")
            if (module == prefix or inside) and len(prefix) > best:
                best, found = len(prefix), number
    assert found >= 0, f"{module} is in no layer: add its package to LAYERS"
    return found


def imports(path: Path, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, at the top, inside a function or for type
    checking only; `from x import y` gives both `x` and `x.y`, so a submodule imported by name
    is seen. Relative imports are made absolute from `package`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def mypm_imports(module: str) -> list[tuple[int, str]]:
    """The modules of mypm a module imports (a name imported from a module counts as that
    module)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return [
        (line, name if name in MODULES else name.rpartition(".")[0])
        for line, name in imports(path, package)
        if name.split(".")[0] == "mypm" and (name in MODULES or name.rpartition(".")[0] in MODULES)
    ]


def climbs(module: str) -> list[str]:
    return [
        f"{module}:{line} imports {target}, a layer above"
        for line, target in mypm_imports(module)
        if layer(target) > layer(module)
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_climbs_a_layer(module: str) -> None:
    assert climbs(module) == []


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of two or more modules that import each other round (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    """Who imports whom; a package's `__init__` counts only for what it imports itself."""
    return {
        module: {target for _, target in mypm_imports(module) if target != module}
        for module in MODULES
    }


def test_no_circle_of_imports() -> None:
    assert circles(import_graph()) == []


def _banned(module: str, banned: tuple[str, ...]) -> list[str]:
    return [
        f"{module}:{line} imports {name}"
        for line, name in imports(MODULES[module], module)
        if any(name == b or name.startswith(f"{b}.") for b in banned)
    ]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) <= layer("mypm.core")))
def test_the_core_imports_no_file_terminal_or_template_library(module: str) -> None:
    assert _banned(module, LIBRARIES_NOT_IN_CORE) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == layer("mypm.render")))
def test_renderers_never_score(module: str) -> None:
    assert _banned(module, NOT_IN_RENDERERS) == []


FILE_RENDERERS = ("mypm.render.workbook", "mypm.render.publish")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith(FILE_RENDERERS)))
def test_writing_a_file_loads_no_terminal(module: str) -> None:
    """A workbook or a page is written without rich (status.xlsx once loaded it)."""
    assert _banned(module, ("rich", "mypm.render.terminal")) == []


def _private_uses(path: Path) -> list[str]:
    """Imports of a private module or name of another package, and `x._name` on anything but
    `self` or `cls` (mypm's own objects never need it, so it can only be a library's)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} imports {alias.name}"
                for alias in node.names
                if any(part.startswith("_") for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("mypm") or node.module == "__future__":
                continue
            found += [
                f"{path.name}:{node.lineno} imports {node.module}.{alias.name}"
                for alias in node.names
                if any(p.startswith("_") for p in [*node.module.split("."), alias.name])
            ]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append(f"{path.name}:{node.lineno} uses {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_of_another_package(module: str) -> None:
    assert _private_uses(MODULES[module]) == []


def test_the_checks_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each check finds what it is there to find (a layering test that sees nothing is worse
    than none): a core module that imports a renderer, a circle, a banned library, a private
    name."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import openpyxl\n"
        "from mypm.render import labels\n"
        "from openpyxl.worksheet._reader import X\n"
        "def later():\n"
        "    from mypm.core.engine import Engine\n"
        "    import xlsxwriter\n"
        "    return xlsxwriter._private\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(MODULES, "mypm.core.probe", probe)
    above = "a layer above"
    assert climbs("mypm.core.probe") == [
        f"mypm.core.probe:2 imports mypm.render, {above}",  # the package, then the module
        f"mypm.core.probe:2 imports mypm.render.labels, {above}",
    ]
    # openpyxl, openpyxl.worksheet._reader and its X, xlsxwriter
    assert len(_banned("mypm.core.probe", LIBRARIES_NOT_IN_CORE)) == 4
    assert len(_banned("mypm.core.probe", NOT_IN_RENDERERS)) == 2  # engine, engine.Engine
    assert len(_private_uses(probe)) == 2  # the _reader import, xlsxwriter._private
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    with pytest.raises(AssertionError, match="is in no layer"):
        layer("mypm.library.api")  # a new top-level package must be given its layer
    graph = import_graph()
    graph["mypm.core.probe"] = {"mypm.core.engine"}
    graph["mypm.core.engine"] = graph["mypm.core.engine"] | {"mypm.core.probe"}
    assert ["mypm.core.engine", "mypm.core.probe"] in circles(graph)
