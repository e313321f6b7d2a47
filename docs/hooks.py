"""MkDocs hook: the reference pages, made from mypm itself at every build so they cannot drift.

Each page below is generated in memory (nothing is written into docs/): the commands from the
click CLI's own help, the rule-file format from its JSON Schema, the season's configuration from
season.yaml's schema, every message from the catalogue, the bundled rules' local choices from
the rule files, and the library from its docstrings (read with `inspect`: mypm's docstrings are
plain sentences, so no extra package such as mkdocstrings is needed).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, make in PAGES.items():
        files.append(File.generated(config, path, content=make()))
    return files


def cell(text: object) -> str:
    """Text for one cell of a Markdown table."""
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# The command line ------------------------------------------------------------------------------

HELP_INTRO = {
    "zh": (
        "# 命令参考\n\n本页由 mypm 自己的帮助生成（`mypm 命令 --help`），与所装版本一字不差。"
        "每个命令都可加 `--lang en` 改用英文。\n\n"
    ),
    "en": (
        "# Command reference\n\nMade from mypm's own help (`mypm COMMAND --help`) at every "
        "build, so it says what the installed version says.\n\n"
    ),
}


def help_text(lang: str, *args: str) -> str:
    from mypm.cli import main

    out = io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stdout(out):
            main(["--lang", lang, *args, "--help"])
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return out.getvalue().rstrip()


def commands_page(lang: str) -> str:
    from mypm.cli import cli

    parts = [HELP_INTRO[lang], "## mypm\n\n```text\n" + help_text(lang) + "\n```\n"]
    for name in sorted(cli.commands):
        parts.append(f"## mypm {name}\n\n```text\n{help_text(lang, name)}\n```\n")
    return "\n".join(parts)


# Schemas ---------------------------------------------------------------------------------------


def type_of(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " 或 ".join(type_of(option) for option in spec["anyOf"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "")
    if kind == "array":
        return f"{type_of(spec.get('items', {}))} 的列表"
    if kind == "object" and "patternProperties" in spec:
        return "映射"
    return f"{kind}（{spec['format']}）" if "format" in spec else str(kind)


def schema_table(schema: dict[str, Any]) -> str:
    required = set(schema.get("required", ()))
    rows = []
    for name, spec in schema.get("properties", {}).items():
        limits = [
            f"{key} {spec[key]}"
            for key in ("pattern", "minimum", "maximum", "minItems", "minLength")
            if key in spec
        ]
        default = json.dumps(spec["default"], ensure_ascii=False) if "default" in spec else ""
        rows.append(
            [
                f"`{name}`",
                type_of(spec),
                "必填" if name in required else "",
                f"`{default}`" if default else "",
                "；".join([spec.get("description", ""), *limits]).strip("；"),
            ]
        )
    return table(["键", "类型", "必填", "默认", "说明"], rows)


def schema_sections(schema: dict[str, Any]) -> str:
    parts = [schema_table(schema)]
    for name, spec in sorted(schema.get("$defs", {}).items()):
        parts.append(f"\n### {name}\n\n{spec.get('description', '')}\n\n{schema_table(spec)}")
    return "\n".join(parts)


def rule_format_page() -> str:
    from mypm.core.rules.schema import rule_schema_json

    return (
        "# 规则文件格式（JSON Schema）\n\n"
        "本页由规则文件的 JSON Schema 生成（`mypm schema` 输出的就是它，仓库里的 "
        "`rules/schema.json` 与之相同）。每个键的含义、计分方式和完整示例见"
        "[规则文件](../en/rule-files.md)（英文）；本地取值的理由见[本地取值一览](local-choices.md)。"
        "\n\n## 顶层\n\n" + schema_sections(json.loads(rule_schema_json()))
    )


def season_config_page() -> str:
    from mypm.season.config import config_schema_json
    from mypm.season.layout import CONFIG_NAME, LEDGER_NAME, SCHEMA_NAME, SEASON_VARIABLE
    from mypm.text import vocabulary as words

    tree = "\n".join(
        [
            "2013年度考核/",
            f"  {CONFIG_NAME:<22}配置（见下表）",
            f"  {SCHEMA_NAME:<22}配置的 JSON Schema，供编辑器检查",
            f"  {LEDGER_NAME:<22}台账：每次收取、版本变更、延期和运行，一条接一条",
            f"  {words.SEASON_RULES_FOLDER + '/':<20}复制进来的规则文件和单位名单",
            f"  {words.SEASON_FORMS_FOLDER + '/':<19}发出的空白表格（mypm template 写在这里）",
            f"  {words.SEASON_RETURNED_FOLDER + '/':<19}收到的每个文件，每个版本都保留",
            f"  {words.SEASON_RESULTS_FOLDER + '/':<19}评分结果（score、publish 写在这里）",
        ]
    )
    return (
        "# 考核季文件夹与 season.yaml\n\n"
        "本页由 mypm 自己的定义生成。`mypm init` 建立的考核季文件夹是这样的：\n\n"
        f"```text\n{tree}\n```\n\n"
        f"每个命令按这个顺序找考核季：`--season 文件夹`，否则环境变量 `{SEASON_VARIABLE}`，"
        f"否则当前文件夹或其上级中含 `{CONFIG_NAME}` 的那个。\n\n"
        f"## {CONFIG_NAME}\n\n" + schema_sections(json.loads(config_schema_json()))
    )


# Messages --------------------------------------------------------------------------------------

AREA_TITLES = {
    "problems": "读写文件时的问题（规则选择、单位名单、输入文件、单元格、缺项、输出文件）",
    "rules": "规则文件的问题",
    "season": "考核季：init、receive、台账、log、verify",
    "evidence": "佐证材料与审核：receive --evidence、review",
    "appeals": "申诉：appeal add、decide、list",
    "compare": "compare 比较",
    "diff": "diff 规则差异",
    "workbook": "工作簿中的文字",
    "explain": "explain 说明",
    "publish": "publish 网页",
    "labels": "标签",
}


def messages_page() -> str:
    from mypm.text import catalogue

    parts = [
        "# 问题信息一览\n\n"
        "mypm 显示的每一条信息都在这里，由信息目录（`mypm/text/catalogue/`）生成，中英对照。"
        "问题信息的分号后面就是该怎么做。花括号里的词（如 `{unit}`、`{cell}`）"
        "在实际显示时换成具体的单位、单元格等。遇到一条信息，可以用本站右上角的搜索框"
        "搜其中几个字，找到它在这里的位置和同类信息。\n\n"
        "每条信息前面是它的位置：`文件 › 表 › 单元格`，规则文件则是 `文件:行:列`。"
        "退出码的含义见[出了问题怎么办](../guide/trouble.md)。\n"
    ]
    areas = {area.__name__.rsplit(".", 1)[-1]: area for area in catalogue.AREAS}
    untitled = set(areas) - set(AREA_TITLES) - {"help"}  # the help texts: the command reference
    if untitled:  # a new area of messages must be on this page: fail the build, never drop it
        raise ValueError(f"docs/hooks.py AREA_TITLES lacks the message area(s) {sorted(untitled)}")
    for name, title in AREA_TITLES.items():
        rows = [
            [f"`{key}`", zh, en]
            for key, (zh, en) in sorted(areas[name].MESSAGES.items())
            if not key.startswith("help.")  # a command's help: on the command reference
        ]
        parts.append(f"\n## {title}\n\n" + table(["代码", "中文", "English"], rows))
    return "\n".join(parts)


# Local choices ---------------------------------------------------------------------------------


def local_choices_page() -> str:
    from mypm.core.rules import load_rule_file
    from mypm.core.rules.loader import bundled_rules_dir

    parts = [
        "# 本地取值一览\n\n"
        "工作指南只定了考核项目的分值、结果认定和大部分考核组织；其余的（指标和分项分值、"
        "部分得分怎么算、加分扣分的分值和上限、等次、单位名单、计分精度）是市民生办自己的取值，"
        "规则文件里用 `local:` 标出并写明理由。本页由随附的规则文件生成，"
        "与 `mypm validate --tree`、表格的说明页和评分结果的“规则”表所列相同。"
        "为什么这样取，另见[本地取值的理由](../explain/choices.md)。\n"
    ]
    for path in sorted(bundled_rules_dir().glob("*.yaml")):
        rule_file = load_rule_file(path)
        rows = [
            [choice.path or "（整套规则）", choice.attribute, choice.reason]
            for choice in rule_file.rules.local_choices()
        ]
        parts.append(
            f"\n## {rule_file.rules.title}（`{path.name}`）\n\n"
            + table(["字段", "取值", "理由"], rows)
        )
    return "\n".join(parts)


# The library -----------------------------------------------------------------------------------


def api_page() -> str:
    import mypm

    parts = [
        "# Library reference\n\n"
        "Made at every build from the signatures and docstrings of what `import mypm` offers "
        "(`mypm.__all__`), read with `inspect`. How to use them together: "
        "[Using mypm as a library](../library.md).\n"
    ]
    for name in sorted(mypm.__all__):
        if name == "__version__":
            continue
        parts.append(documented(f"mypm.{name}", getattr(mypm, name), level=2))
        if inspect.isclass(getattr(mypm, name)):
            cls = getattr(mypm, name)
            for member, value in sorted(vars(cls).items()):
                if member.startswith("_"):
                    continue
                target = value.__func__ if isinstance(value, classmethod | staticmethod) else value
                target = target.fget if isinstance(target, property) else target
                if callable(target) or inspect.getdoc(target):
                    parts.append(documented(f"mypm.{name}.{member}", target, level=3))
    return "\n".join(parts)


def documented(title: str, target: Callable[..., Any] | object, *, level: int) -> str:
    try:
        signature = str(inspect.signature(target))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signature = ""
    doc = inspect.getdoc(target) or ""
    heading = "#" * level
    return f"\n{heading} `{title}`\n\n```python\n{title}{signature}\n```\n\n{doc}\n"


PAGES: dict[str, Callable[[], str]] = {
    "reference/commands.md": lambda: commands_page("zh"),
    "reference/rule-format.md": rule_format_page,
    "reference/season-config.md": season_config_page,
    "reference/messages.md": messages_page,
    "reference/local-choices.md": local_choices_page,
    "en/reference/commands.md": lambda: commands_page("en"),
    "en/reference/api.md": api_page,
}
