"""mypm: score the Mianyang livelihood-projects performance assessment.

The library under the `mypm` command (docs/en/library.md): each function does
one command's work and returns data; nothing prints. Errors are `mypm.core.errors.MypmError`
subclasses carrying every located problem.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from mypm.__about__ import __version__

if TYPE_CHECKING:
    from mypm.api import (
        collection_status,
        compare_scorings,
        diff,
        explain_unit,
        load_rules,
        publish_pages,
        score,
        scored_text,
        template,
        validate,
        write_comparison,
        write_problems,
        write_scored,
        write_status,
    )
    from mypm.core.errors import MypmError
    from mypm.season.library import Season
    from mypm.text.catalogue import say_problem, set_language

__all__ = [
    "MypmError",
    "Season",
    "__version__",
    "collection_status",
    "compare_scorings",
    "diff",
    "explain_unit",
    "load_rules",
    "publish_pages",
    "say_problem",
    "score",
    "scored_text",
    "set_language",
    "template",
    "validate",
    "write_comparison",
    "write_problems",
    "write_scored",
    "write_status",
]


# What `import mypm` offers besides the library's functions: the season, the error every
# problem is raised in, and saying problems in a language.
_ELSEWHERE = {
    "Season": "mypm.season.library",
    "MypmError": "mypm.core.errors",
    "say_problem": "mypm.text.catalogue",
    "set_language": "mypm.text.catalogue",
}


def __getattr__(name: str) -> object:
    """The library's functions, imported on first use: `import mypm` and `mypm --help` do not
    pay for them."""
    if name in _ELSEWHERE:
        module = importlib.import_module(_ELSEWHERE[name])
        return getattr(module, name)
    if name in __all__:
        from mypm import api

        return getattr(api, name)
    raise AttributeError(f"module 'mypm' has no attribute {name!r}")
