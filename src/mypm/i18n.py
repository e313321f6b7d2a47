"""The zh/en message catalogue and the language choice (default from LANG; Chinese otherwise)."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["zh", "en"]

_language: Lang | None = None


def default_language() -> Lang:
    """English when the locale says English, else Chinese (Windows often sets no LANG at all)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(lang: Lang | None) -> None:
    global _language
    _language = lang


def language() -> Lang:
    return _language or default_language()


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    zh, en = CATALOGUE[key]
    return (zh if language() == "zh" else en).format(**params)


CATALOGUE: dict[str, tuple[str, str]] = {
    # rule files
    "rules.not_found": ("找不到规则文件：{path}", "rule file not found: {path}"),
    "rules.no_yaml": ("{path} 中没有 .yaml 规则文件", "no .yaml rule files in {path}"),
    "rules.too_big": (
        "规则文件过大（超过 {limit} 字节）",
        "rule file too large (over {limit} bytes)",
    ),
    "rules.not_utf8": ("不是 UTF-8 编码的文本：{error}", "not UTF-8 text: {error}"),
    "rules.yaml": ("YAML 语法错误：{error}", "invalid YAML: {error}"),
    "rules.fullwidth_colon": (
        "YAML 语法错误：{error}（此行含全角冒号“：”，键与值之间须用半角冒号“:”加空格）",
        "invalid YAML: {error} (this line has a full-width colon '：'; use ': ' between key "
        "and value)",
    ),
    "rules.tab_indent": (
        "YAML 语法错误：{error}（缩进须用半角空格，不能用 Tab 或全角空格）",
        "invalid YAML: {error} (indent with ASCII spaces, not tabs or full-width spaces)",
    ),
    "rules.duplicate_key": (
        "键“{key}”重复（第 {first} 行已出现）",
        "duplicate key '{key}' (first at line {first})",
    ),
    "rules.alias": (
        "不允许使用 YAML 锚点/别名（&、*），请把内容写完整",
        "YAML anchors and aliases (&, *) are not allowed; write the content out",
    ),
    "rules.too_deep": ("嵌套层次过深", "nesting too deep"),
    "rules.not_mapping": (
        "规则文件顶层必须是键值映射",
        "the top level of a rule file must be a mapping",
    ),
    "rules.sum": (
        "{what}之和为 {actual}，应等于 {expected}",
        "{what} add up to {actual}, expected {expected}",
    ),
    "rules.sum.categories": ("各考核项目分值", "category points"),
    "rules.sum.indicators": ("各考核指标分值", "indicator points"),
    "rules.sum.parts": ("各分项分值", "part points"),
    "rules.duplicate_id": ("id“{id}”重复", "duplicate id '{id}'"),
    "rules.reserved_id": (
        "考核项目 id 不能是“{id}”（已用于加分/扣分）",
        "category id '{id}' is reserved for bonus/deductions",
    ),
    "rules.unknown_certifier": (
        "未知的考核组织“{id}”；可用：{known}",
        "unknown certifier '{id}'; known: {known}",
    ),
    "rules.duplicate_unit": ("单位“{name}”重复", "duplicate unit '{name}'"),
    "rules.derived_field": (
        "派生规则引用的字段“{field}”不存在（可用的基础指标字段：{known}）",
        "derived rule names field '{field}', which is not a base indicator field (known: {known})",
    ),
    "rules.derived_unit": (
        "派生规则引用的单位“{name}”不在 units 中",
        "derived rule names unit '{name}', which is not in units",
    ),
    "rules.derived_target_reference": (
        "派生值只能赋给被考核单位，“{name}”是参照单位",
        "derived values go to assessed units; '{name}' is a reference unit",
    ),
    "rules.derived_twice": (
        "单位“{name}”的字段“{field}”被多条派生规则计算",
        "unit '{name}' gets field '{field}' from more than one derived rule",
    ),
    "rules.grades_order": (
        "等次须按 min 从高到低严格排列",
        "grades must be listed with strictly decreasing min",
    ),
    "rules.pydantic": ("{message}", "{message}"),
    "rules.missing": ("缺少必填键", "required key missing"),
    "rules.extra": ("未知的键（拼写错误？）", "unknown key (a typo?)"),
    "rules.bad_type": ("类型不对：{message}", "wrong type: {message}"),
    "rules.type.decimal_type": ("应为数字", "expected a number"),
    "rules.type.decimal_parsing": ("应为数字", "expected a number"),
    "rules.type.finite_number": ("应为有限的数字", "expected a finite number"),
    "rules.type.int_type": ("应为整数", "expected a whole number"),
    "rules.type.int_parsing": ("应为整数", "expected a whole number"),
    "rules.type.string_type": ("应为文字（加引号）", "expected text (quote it)"),
    "rules.type.list_type": ("应为列表", "expected a list"),
    "rules.type.dict_type": ("应为键值映射", "expected a mapping"),
    "rules.type.model_type": ("应为键值映射", "expected a mapping"),
    "rules.type.date_from_datetime_parsing": (
        "应为日期，如 2014-01-15",
        "expected a date, e.g. 2014-01-15",
    ),
    "rules.type.date_parsing": ("应为日期，如 2014-01-15", "expected a date, e.g. 2014-01-15"),
    "rules.invalid": ("取值无效：{message}", "invalid value: {message}"),
    # labels
    "section.bonus": ("其他加分", "Bonus"),
    "section.deductions": ("其他扣分", "Deductions"),
    # validate
    "validate.ok": (
        "{path}: {id}（{kind}，{year}年）{categories} 个考核项目 {leaves} 个填报字段，"
        "基础分 {base}（{sums}），加分上限 {bonus_cap}",
        "{path}: {id} ({kind}, {year}) {categories} categories, {leaves} fields, "
        "base {base} ({sums}), bonus cap {bonus_cap}",
    ),
    "validate.no_cap": ("不设上限", "none"),
    "error.count": (
        "共 {count} 个问题，未写出任何文件。",
        "{count} problem(s); nothing was written.",
    ),
    "error.bug": (
        "mypm 内部错误（这是程序缺陷，不是您的数据问题）：{error}。详细信息已写入 {log}",
        "internal error in mypm (a bug, not a problem with your data): {error}. Details in {log}",
    ),
    "error.interrupted": ("已中断。", "Interrupted."),
}
