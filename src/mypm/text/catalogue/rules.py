"""Rule files: loading and checking them, rule tests, validate, local choices."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rules.not_found": ("找不到规则文件：{path}", "rule file not found: {path}"),
    "rules.which_kind": (
        "此处有多套规则（{kinds}）；请用 kind 指明用哪一套",
        "there are several rule sets here ({kinds}); name one with kind",
    ),
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
    "rules.number_bound": (
        "数值超出范围：规则文件中的数须在 ±{limit} 以内，最多 {places} 位小数",
        "number out of range: a rule file's numbers lie within ±{limit}, with at most {places} "
        "decimal places",
    ),
    "rules.control_character": (
        "文字中有控制字符 {code}（第 {position} 个字符），Excel 无法保存，请删除",
        "the text holds the control character {code} (character {position}), which Excel "
        "cannot store; delete it",
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
    "local.title": ("本地取值", "Local choices"),
    "local.marked": ("本地取值：{attributes}", "local choice: {attributes}"),
    "local.attr.points": ("分值", "points"),
    "local.attr.measure": ("计分方法", "scoring"),
    "local.attr.certified_by": ("考核组织", "certifier"),
    "local.attr.criterion": ("结果认定", "criterion"),
    "local.attr.parts": ("分项", "parts"),
    "local.attr.cap": ("本项上限", "item cap"),
    "local.attr.units": ("单位名单", "unit list"),
    "local.attr.grades": ("等次", "grades"),
    "local.attr.bonus.cap": ("加分上限", "bonus cap"),
    "local.attr.deductions.cap": ("扣分上限", "deduction cap"),
    "local.attr.rounding": ("计分精度", "rounding"),
    "local.attr.field_rounding": ("计算顺序", "order of rounding"),
    "local.attr.floor": ("总分下限", "lowest total"),
    "local.attr.ranking": ("排名办法", "ranking"),
    "local.attr.mean_of": ("平均值", "mean"),
    "rules.local_key": (
        "local 中的“{key}”不是这里的键（可用：{known}；可用点号，如 bonus.cap）",
        "'{key}' in local is not a key here (known: {known}; dots reach inside, e.g. bonus.cap)",
    ),
    "rules.missing": ("缺少必填键", "required key missing"),
    "rules.what.indicator": ("考核指标", "an indicator"),
    "rules.what.item": ("加分/扣分项", "an item"),
    "rules.measure_or_parts": (
        "{what}须有 measure 或 parts 二者之一（不能都有，也不能都没有）",
        "{what} has either `measure` or `parts`, not both or neither",
    ),
    "rules.parts_empty": ("parts 不能为空", "`parts` must not be empty"),
    "rules.item_cap": (
        "加分/扣分项上的 cap 限制其各分项之和；只有一个 measure 时，请把上限写在 measure 的 cap 中",
        "`cap` on an item bounds its parts; put a single measure's cap in it",
    ),
    "rules.test_shape": (
        "测试用例须有 values（一个单位）或 units（多个单位）二者之一，不能都有",
        "a test has either `values` (one unit) or `units`, not both",
    ),
    "rules.test_units_expect": (
        "有 units 时，expect 须按单位分别列出各项数值",
        "with `units`, `expect` maps each unit to its figures",
    ),
    "rules.test_values_expect": (
        "有 values 时，expect 直接列出各项数值",
        "with `values`, `expect` maps figures to numbers",
    ),
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
    "rules.quoted_number": ("应为数字，不要加引号", "expected a number, without quotes"),
    "rules.invalid": ("取值无效：{message}", "invalid value: {message}"),
    "local.rule_set": ("整套规则", "whole rule set"),
    "ruletest.unknown_field": ("用例中的字段“{key}”不存在", "test names unknown field '{key}'"),
    "ruletest.unknown_figure": (
        "“{key}”不是可检验的得分（字段键、加扣分项、考核项目 id，或 base/bonus/deductions/total）",
        "'{key}' is not a figure a test can expect (a field, item, category, or "
        "base/bonus/deductions/total)",
    ),
    "ruletest.failed": (
        "用例“{name}”：期望 {expected}，实际 {actual}",
        "test '{name}': expected {expected}, got {actual}",
    ),
    "ruletest.bad_value": ("用例“{name}”：{error}", "test '{name}': {error}"),
    "ruletest.error": ("用例“{name}”无法计算：{error}", "test '{name}' cannot be scored: {error}"),
    "ruletest.no_unit": (
        "用例“{name}”：单位“{unit}”没有得分（参照单位或没有数据）",
        "test '{name}': unit '{unit}' has no score (a reference unit, or no data)",
    ),
    "validate.tests": ("，{count} 个用例通过", ", {count} test{s} passed"),
    "validate.ok": (
        "{path}：{id}（{kind}，{year}年）{categories} 个考核项目 {leaves} 个填报字段，"
        "基础分 {base}（{sums}），加分上限 {bonus_cap}",
        "{path}: {id} ({kind}, {year}) {categories} categories, {leaves} fields, "
        "base {base} ({sums}), bonus cap {bonus_cap}",
    ),
    "validate.no_cap": ("不设上限", "none"),
}
