"""What a command's UNIT and FIELD arguments name: a unit of the season (by its name or a former
name), and a field of the rule set (by its key, or by a name found once in the rules)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mypm.core.errors import OptionError, Problem
from mypm.core.messages import Msg
from mypm.core.rules import RuleSet
from mypm.core.rules.model import Leaf, Unit, canonical_unit


@dataclass(frozen=True)
class FieldTarget:
    """A field named on the command line: a leaf's key, or an indicator's or item's key that
    covers its parts."""

    key: str
    leaves: tuple[Leaf, ...]

    @property
    def label(self) -> str:
        """An indicator's or item's name for its parts together, else the one leaf's label."""
        return _label(self.leaves)


def unit_named(units: Sequence[Unit], text: str) -> str:
    """The unit `text` names (spaces and full-width forms aside, or a former name); an
    OptionError with the closest name when none."""
    canon = canonical_unit(text)
    for unit in units:
        if canon in {canonical_unit(unit.name), *map(canonical_unit, unit.former)}:
            return unit.name
    names = [u.name for u in units]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.5)
    message = (
        Msg.of("names.unknown_unit_close", unit=text, close=close[0])
        if close
        else Msg.of("names.unknown_unit", unit=text, known=tuple(names))
    )
    raise OptionError([Problem(text, message)])


def certifier_id(certifiers: Mapping[str, str], text: str) -> str | None:
    """The id of the certifier `text` names, by its id or its name (spaces and full-width forms
    aside); None when it names none."""
    if text in certifiers:
        return text
    by_name = {canonical_unit(name): key for key, name in certifiers.items()}
    return by_name.get(canonical_unit(text))


def form_certifier(rules: RuleSet, text: str) -> str:
    """The id of the certifier whose form `template --certifier text` writes: by id or name; an
    OptionError naming the closest certifier with fields when none, or when it certifies none."""
    with_fields = [c for c in rules.certifiers if any(c in f.certified_by for f in rules.leaves)]
    found = certifier_id(rules.certifiers, text)
    if found in with_fields:
        return found
    known = tuple(Msg.of("template.certifier", id=k, name=rules.certifiers[k]) for k in with_fields)
    names = [*with_fields, *(rules.certifiers[k] for k in with_fields)]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.5)
    if found is not None:
        message = Msg.of(
            "template.certifier_no_fields", certifier=text, kind=rules.kind, known=known
        )
    elif close:
        message = Msg.of(
            "template.unknown_certifier_close", certifier=text, close=close[0], known=known
        )
    else:
        message = Msg.of("template.unknown_certifier", certifier=text, known=known)
    raise OptionError([Problem("--certifier", message)])


def field_named(rules: RuleSet, text: str) -> FieldTarget:
    """The field `text` names: a key (a leaf's, or an indicator's or item's for all its parts),
    or a name found once among indicators, items and parts. A name found more than once is an
    OptionError listing the keys to choose from; an unknown one names the closest."""
    covered: dict[str, list[Leaf]] = {}
    named: dict[str, list[str]] = {}
    for leaf in rules.leaves:
        covered.setdefault(leaf.key, []).append(leaf)
        if leaf.owner != leaf.key:
            covered.setdefault(leaf.owner, []).append(leaf)
        _add(named, leaf.name, leaf.owner)
        if leaf.part_name:
            _add(named, leaf.part_name, leaf.key)
            _add(named, leaf.label, leaf.key)
    if text in covered:
        return FieldTarget(text, tuple(covered[text]))
    keys = named.get(canonical_unit(text), [])
    if len(keys) == 1:
        return FieldTarget(keys[0], tuple(covered[keys[0]]))
    if keys:
        choices = tuple(Msg.of("names.choice", key=k, label=_label(covered[k])) for k in keys)
        message = Msg.of("names.ambiguous_field", field=text, keys=choices)
        raise OptionError([Problem(text, message)])
    labels = {canonical_unit(leaf.label): leaf.label for leaf in rules.leaves}
    candidates = [*covered, *labels.values()]
    close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.5)
    message = (
        Msg.of("names.unknown_field_close", field=text, close=close[0])
        if close
        else Msg.of("names.unknown_field", field=text)
    )
    raise OptionError([Problem(text, message)])


def _add(named: dict[str, list[str]], name: str, key: str) -> None:
    keys = named.setdefault(canonical_unit(name), [])
    if key not in keys:
        keys.append(key)


def _label(leaves: Sequence[Leaf]) -> str:
    """An indicator's or item's name for its parts together, else the one leaf's label."""
    return leaves[0].name if len(leaves) > 1 else leaves[0].label
