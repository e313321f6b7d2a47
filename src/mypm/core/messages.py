"""Sentences still to be said: a catalogue key and its parameters, localised only when shown.

The core (measures, engine, merge, values, rules) never holds text in a language: it returns
`Msg` objects, and a renderer turns them into words with `mypm.text.catalogue.say` when it shows
them, so `--lang` and the JSON's codes never depend on when something was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Msg:
    """A catalogue key (e.g. `merge.conflict`) and its parameters.

    A parameter may itself be a `Msg` (said first), a tuple of names (joined as a list in the
    language shown), a cell's `Source` (said as `file › sheet › cell`), or anything
    `str.format` takes. A `count` parameter also gives `{s}`.
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


def number(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 0.50 → 0.5, 1E+1 → 10."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def short_number(value: Decimal) -> str:
    """An exact figure such as a mean: as it is when short, else to 4 places with ≈."""
    text = number(value)
    if "." in text and len(text.split(".")[1]) > 4:
        shown = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP, context=Context(prec=50))
        return "≈" + number(shown)
    return text
