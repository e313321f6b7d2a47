"""Rule sets: the schema of a field (model), a whole rule set and its cross-checks (ruleset), and
the safe loader."""

from __future__ import annotations

from mypm.core.rules.loader import RuleFile, bundled_rules_dir, load_rule_file, load_rule_files
from mypm.core.rules.model import Leaf
from mypm.core.rules.ruleset import RuleSet

__all__ = ["Leaf", "RuleFile", "RuleSet", "bundled_rules_dir", "load_rule_file", "load_rule_files"]
