"""The forms mypm makes, as data: which fields a form asks for, its default file name, and where
a unit's field is on it. The template writes forms by these rules and `status` points at their
cells by them."""

from __future__ import annotations

from collections.abc import Sequence

from mypm.core.files import unique_file_names
from mypm.core.results import Source
from mypm.core.rules import Leaf, RuleFile, RuleSet
from mypm.core.rules.model import Unit
from mypm.read import layout as L
from mypm.read.ooxml import column_letters
from mypm.text.vocabulary import APPEALS_FORM, ENTRY_FORM, SELF_CHECK_FORM, sheet_name


def entry_leaves(rule_file: RuleFile, certifier: str | None) -> list[Leaf]:
    """The fields an entry workbook asks for: all, or those `certifier` certifies."""
    leaves = rule_file.rules.leaves
    return [leaf for leaf in leaves if certifier is None or certifier in leaf.certified_by]


def reference_fields(rule_file: RuleFile) -> list[str]:
    """The fields that derived rules draw from reference units."""
    rules = rule_file.rules
    reference = {u.name for u in rules.reference_units}
    fields = [d.field for d in rules.derived if d.mean_of != "all" and reference & set(d.mean_of)]
    return list(dict.fromkeys(fields))


def entry_cell(
    rule_file: RuleFile, certifier: str, units: Sequence[Unit], unit: str, key: str
) -> Source | None:
    """Where a unit's field is on the certifier's blank form as `template --certifier` makes
    it (`county-填报-市财政局核定.xlsx › 填报 › H8`); None for a unit not on the form."""
    leaves = [leaf.key for leaf in entry_leaves(rule_file, certifier)]
    reference = [u for u in units if u.role == "reference"]
    names = [u.name for u in units if u.role == "assessed"]
    sheet, first = sheet_name("entry"), 3  # unit and group come first
    if unit not in names and unit in [u.name for u in reference]:
        leaves = [k for k in leaves if k in reference_fields(rule_file)]
        names, sheet, first = [u.name for u in reference], sheet_name("reference"), 2
    if unit not in names or key not in leaves:
        return None
    cell = f"{column_letters(first + leaves.index(key))}{L.FIRST_DATA_ROW + names.index(unit)}"
    return Source(template_name(rule_file.rules, certifier=certifier), sheet, cell)


def template_name(
    rules: RuleSet,
    *,
    certifier: str | None = None,
    self_check: bool = False,
    unit: str | None = None,
) -> str:
    """The default file name of a blank form, the same in every language:
    `county-填报.xlsx`, `county-填报-市财政局核定.xlsx`, `county-自查表.xlsx`, and for one
    unit's form `county-填报-市财政局核定-涪城区.xlsx`."""
    name = f"{rules.kind}-{SELF_CHECK_FORM if self_check else ENTRY_FORM}"
    if certifier:
        name += f"-{rules.certifiers[certifier]}"
    if unit:
        name += f"-{unit}"
    return unique_file_names([name], ".xlsx")[0]  # no character Windows refuses, not too long


def appeals_form_name(rules: RuleSet) -> str:
    """The default file name of a season's appeals workbook: `county-申诉表.xlsx`."""
    return f"{rules.kind}-{APPEALS_FORM}.xlsx"
