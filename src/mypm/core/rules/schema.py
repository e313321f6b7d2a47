"""The JSON Schema of the rule format, generated from the pydantic models."""

from __future__ import annotations

import json

from mypm.core.rules.ruleset import RuleSet


def rule_schema_json() -> str:
    """The schema as pretty JSON, stable from run to run (committed as rules/schema.json)."""
    schema = RuleSet.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mypm rule set"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True)
