"""Rule sets: the schema (model), the safe loader, and the cross-checks."""

from __future__ import annotations

from mypm.core.rules.loader import RuleFile, bundled_rules_dir, load_rule_file, load_rules
from mypm.core.rules.model import Leaf, RuleSet

__all__ = ["Leaf", "RuleFile", "RuleSet", "bundled_rules_dir", "load_rule_file", "load_rules"]
