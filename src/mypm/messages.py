"""Sentences still to be said: a catalogue key and its parameters, localised only when shown.

The core (measures, engine, merge, values, rules) never holds text in a language: it returns
`Msg` objects, and a renderer turns them into words with `mypm.i18n.say` at the moment it shows
them, so `--lang` and the JSON's codes never depend on when something was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Msg:
    """A catalogue key (e.g. `merge.conflict`) and its parameters.

    A parameter may itself be a `Msg` (said first), a tuple of names (joined as a list in the
    language shown), or anything `str.format` takes. A `count` parameter also gives `{s}`.
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Msg:
        return cls(key, tuple(params.items()))

    def param(self, name: str) -> object:
        """One parameter's value (KeyError when the message has none of that name)."""
        return dict(self.params)[name]


# What a problem or issue says: a Msg from the core, or text a renderer already localised.
Text: TypeAlias = "Msg | str"
