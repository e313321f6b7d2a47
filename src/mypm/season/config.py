"""A season's configuration (`season.yaml`): read and validated like a rule file, problems
located at file:line:column, with a JSON Schema for editors."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mypm.core.errors import RulesError
from mypm.core.messages import Msg
from mypm.core.rules.loader import read_yaml, validation_problems
from mypm.core.rules.model import RuleProblems
from mypm.season import layout

MAX_CONFIG_BYTES = 64 * 1024
DEFAULT_TIMEZONE = "Asia/Shanghai"
SHA256 = r"^[0-9a-f]{64}$"


def _plain_name(name: str) -> str:
    """A file or folder name inside the season: no path separators, no `..`."""
    if not name or PurePath(name).name != name or name in (".", "..") or "\\" in name:
        raise RuleProblems([((), Msg.of("season.not_plain_name", name=name))])
    return name


def _optional_plain_name(name: str | None) -> str | None:
    return None if name is None else _plain_name(name)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Folders(_Model):
    """The season's folders (names inside the season folder)."""

    forms: str = Field(layout.FORMS_FOLDER, description="Blank forms sent out (发出表格).")
    returned: str = Field(layout.RETURNED_FOLDER, description="Every file received (收回文件).")
    results: str = Field(layout.RESULTS_FOLDER, description="Every run's results (评分结果).")
    evidence: str = Field(
        layout.EVIDENCE_FOLDER, description="Evidence files, per unit and field (佐证材料)."
    )

    _names = field_validator("forms", "returned", "results", "evidence")(_plain_name)


class Limits(_Model):
    """How much evidence a season takes."""

    evidence_file_mb: int = Field(50, ge=1, le=4096, description="At most MB an evidence file.")
    evidence_season_mb: int = Field(
        5 * 1024, ge=1, le=1024 * 1024, description="At most MB of evidence in the season."
    )


class SeasonConfig(_Model):
    """season.yaml: what a season scores by and when its files are due."""

    format: Literal[1] = Field(1, description="The format of this file (1).")
    office: str = Field(layout.OFFICE, min_length=1, description="The office running the season.")
    kind: str = Field(min_length=1, description="The rule set's kind (county, department …).")
    year: int = Field(ge=2000, le=2100, description="The year assessed.")
    rules: str = Field(description="The season's rule file, under 规则/ in the season folder.")
    rules_sha256: Annotated[str, Field(pattern=SHA256)] = Field(
        description="sha256 of the rule file when the season was made; a changed file is refused."
    )
    units: str | None = Field(
        None, description="The office's unit list (.csv/.xlsx/.txt) under 规则/, if any."
    )
    units_sha256: Annotated[str, Field(pattern=SHA256)] | None = Field(
        None,
        description="sha256 of the unit list when the season was made; a changed list is refused.",
    )
    deadline: dt.date = Field(description="The day files are due back (end of that day).")
    reply_deadline: dt.date | None = Field(
        None, description="The day the 反馈单's replies (and appeals) are due."
    )
    timezone: str = Field(DEFAULT_TIMEZONE, description="IANA time zone of the office.")
    folders: Folders = Field(default_factory=Folders)
    limits: Limits = Field(default_factory=Limits)

    _files = field_validator("rules", "units")(_optional_plain_name)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        if name == DEFAULT_TIMEZONE:
            return name  # UTC+8 all year, with or without a zone database
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise RuleProblems([((), Msg.of("timezone.unknown", name=name))]) from None
        return name


def load_config(path: Path) -> SeasonConfig:
    """season.yaml read and validated; RulesError lists every problem at file:line:col."""
    document, node, _ = read_yaml(path, MAX_CONFIG_BYTES)
    try:
        return SeasonConfig.model_validate(document)
    except ValidationError as exc:
        raise RulesError(validation_problems(path, node, exc)) from exc


# season.yaml's comment on each key, in the user's language
COMMENTS = {
    "format": Msg.of("config.format"),
    "office": Msg.of("config.office"),
    "kind": Msg.of("config.kind"),
    "year": Msg.of("config.year"),
    "rules": Msg.of("config.rules"),
    "rules_sha256": Msg.of("config.rules_sha256"),
    "units": Msg.of("config.units"),
    "units_sha256": Msg.of("config.units_sha256"),
    "deadline": Msg.of("config.deadline"),
    "reply_deadline": Msg.of("config.reply_deadline"),
    "timezone": Msg.of("config.timezone"),
    "folders": Msg.of("config.folders"),
    "limits": Msg.of("config.limits"),
}


def config_yaml(config: SeasonConfig, say: Callable[[Msg], str]) -> str:
    """season.yaml's text: a schema line for editors, a comment per key in the user's language
    (`say` says a catalogue message), then the values."""
    lines = [
        f"# yaml-language-server: $schema={layout.SCHEMA_NAME}",
        f"# {say(Msg.of('config.header'))}",
    ]
    data = config.model_dump(mode="json", exclude_none=True)
    for key, value in data.items():
        lines.append(f"# {say(COMMENTS[key])}")
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def config_schema_json() -> str:
    """The JSON Schema of season.yaml (written beside it, for editors)."""
    schema = SeasonConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mypm season configuration (season.yaml)"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
