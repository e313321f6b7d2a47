"""The zh/en message catalogue and the language choice (default from LANG; Chinese otherwise)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from mypm.core.messages import Msg, Text

if TYPE_CHECKING:
    from mypm.core.errors import Problem
    from mypm.core.results import Source

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
    """Use `lang`, or (None) the default from the environment, for every message from now on."""
    global _language
    _language = lang or default_language()


def language() -> Lang:
    return _language or default_language()


def join(items: Iterable[str]) -> str:
    """Names as a list in the current language: 甲、乙 or A, B."""
    return t("list.separator").join(items)


def plural(count: int) -> str:
    """The English plural ending for `count` things ("" or "s"), as the `{s}` of a message."""
    return "" if count == 1 else "s"


def t(key: str, /, **params: object) -> str:
    """The message `key` in the current language, formatted with `params`."""
    zh, en = CATALOGUE[key]
    return (zh if language() == "zh" else en).format(**params)


def place(source: Source) -> str:
    """A cell as people read it: `file › sheet › cell` (`file > sheet > cell` in English)."""
    return t("problem.location", file=source.file, sheet=source.sheet, cell=source.cell)


def say(text: Text) -> str:
    """A message in the current language; text already localised is given back as it is."""
    if isinstance(text, str):
        return text
    if text.key == "problem.unit":  # `unit · message`, unless the message begins with the unit
        unit, message = text.param("unit"), say(text.param("message"))  # type: ignore[arg-type]
        if message.startswith(str(unit)):
            return message
    params = {name: _said(value) for name, value in text.params}
    if "count" in params and isinstance(params["count"], int):
        params.setdefault("s", plural(params["count"]))
    return t(text.key, **params)


def _said(value: object) -> object:
    """A message's parameter as it goes into the sentence."""
    from mypm.core.results import Source  # here, so that `mypm --help` does not load the records

    if isinstance(value, Msg):
        return say(value)
    if isinstance(value, Source):  # every cell is named one way
        return place(value)
    if isinstance(value, tuple):
        return join(str(_said(v)) for v in value)
    return value


def problem_place(problem: Problem) -> str:
    """Where a problem is, in the current language: its cell, or its `where` as given."""
    from mypm.core.results import Source

    if problem.where or not problem.cell:
        return problem.where
    return place(Source(problem.file, problem.sheet, problem.cell))


def say_problem(problem: Problem) -> str:
    """A problem as one line in the current language: where, what, then what to do.

    Every renderer that shows a problem whole (terminal, --problems list, status) uses this.
    """
    message = say(problem.message)
    if problem.advice:
        message = t("problem.advice", message=message, advice=say(problem.advice))
    where = problem_place(problem)
    return t("problem.where", where=where, message=message) if where else message


CATALOGUE: dict[str, tuple[str, str]] = {
    # rule files
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
    # labels
    "section.bonus": ("其他加分", "Bonus"),
    "section.deductions": ("其他扣分", "Deductions"),
    # self-check forms and compare
    "score.self_check_mixed": (
        "这是自查表（单位自评），不能与核定数据一起计分：自查值既不填补核定空白，也不与核定值比对冲突。"
        "请单独对自查表计分，或用 mypm compare 比较自查与核定",
        "this is a self-check form (the unit's own claims) and cannot be scored with certified "
        "data: claims never fill a certified blank. Score the self-check forms on their own, or "
        "compare them with mypm compare",
    ),
    "prov.self_check": ("自查表", "Self-check"),
    "label.yes": ("是", "yes"),
    "compare.not_json": (
        "不是 mypm score --format json 写出的 JSON 文件",
        "not a JSON file written by mypm score --format json",
    ),
    "compare.not_finite": (
        "JSON 中有非数值 {value}，mypm 写出的结果中不会有；此文件被改动过，请重新运行 mypm score "
        "--format json",
        "the JSON holds {value}, which no result mypm writes holds; the file was changed: run "
        "mypm score --format json again",
    ),
    "compare.not_scores": (
        "不是 mypm score 写出的评分结果（缺少规则集、单位或得分）",
        "not scores written by mypm score (no rule set, units or scores)",
    ),
    "compare.not_number": ("此处应为数字", "a number was expected here"),
    "compare.details_mismatch": (
        "“{unit}”的明细与规则集的考核指标对不上（缺少“{label}”）：明细是否被改动过，或评分用的不是"
        "这套规则？请用 mypm score 重新生成，或比较它的 --format json 结果",
        "the details of {unit} do not match the rule set's fields (no line for {label}): was the "
        "sheet edited, or scored by other rules? Score again with mypm score, or compare its "
        "--format json output",
    ),
    "compare.rules_not_found": (
        "找不到规则集 {id}：用 --rules-a / --rules-b 指定该年的规则文件",
        "rule set {id} not found: name that year's rule file with --rules-a / --rules-b",
    ),
    "compare.header": (
        "比较：{a}（{a_id}）→ {b}（{b_id}）",
        "Comparing {a} ({a_id}) → {b} ({b_id})",
    ),
    "compare.units_title": ("各单位总分、名次、等次", "Units: total, rank and grade"),
    "compare.total_before": ("总分（前）", "Total before"),
    "compare.total_after": ("总分（后）", "Total after"),
    "compare.total_moved": ("变化", "Change"),
    "compare.rank_before": ("名次（前）", "Rank before"),
    "compare.rank_after": ("名次（后）", "Rank after"),
    "compare.grade_before": ("等次（前）", "Grade before"),
    "compare.grade_after": ("等次（后）", "Grade after"),
    "compare.no_rank_moved": ("名次都没有变化。", "No rank moved."),
    "compare.rank_moved_title": ("名次变化及原因", "Ranks that moved, and why"),
    "compare.rank_moved": (
        "{unit}：第 {before} 名 → 第 {after} 名",
        "{unit}: rank {before} → {after}",
    ),
    "compare.moved_by_others": (
        "本单位各项得分未变，名次随其他单位得分变化",
        "its own scores did not change: other units' scores moved it",
    ),
    "compare.field_line": (
        "{label}：{before} → {after}，{score_before} → {score_after} 分（{moved}）",
        "{label}: {before} → {after}, {score_before} → {score_after} points ({moved})",
    ),
    "compare.no_field_changes": (
        "各字段的填报值和得分都没有变化。",
        "No field's value or points changed.",
    ),
    "compare.fields_title": (
        "字段变化（共 {count} 处，按得分变化排序）",
        "Field changes ({count}, by points moved)",
    ),
    "compare.value_before": ("填报值（前）", "Value before"),
    "compare.value_after": ("填报值（后）", "Value after"),
    "compare.score_before": ("得分（前）", "Points before"),
    "compare.score_after": ("得分（后）", "Points after"),
    "compare.moved": ("变化", "Moved"),
    "compare.more_fields": (
        "另有 {count} 处变化未列出：用 -o compare.xlsx 或 --format json 查看全部",
        "{count} more changes not shown: see all with -o compare.xlsx or --format json",
    ),
    "compare.more_why": ("……另有 {count} 处", "... and {count} more"),
    "compare.units_only_a": ("只在前一方的单位：{units}", "Units only in the first: {units}"),
    "compare.units_only_b": ("只在后一方的单位：{units}", "Units only in the second: {units}"),
    "compare.fields_only_a": ("只在前一方的字段：{fields}", "Fields only in the first: {fields}"),
    "compare.fields_only_b": ("只在后一方的字段：{fields}", "Fields only in the second: {fields}"),
    "compare.rule_changes": (
        "两方规则不同，共 {count} 处差异（mypm diff 可单独查看）：",
        "The rule sets differ in {count} places (mypm diff shows them on their own):",
    ),
    "compare.no_overclaims": (
        "没有自查得分高于核定得分的字段。",
        "No field where the self-check claimed more points than were certified.",
    ),
    "compare.overclaims_title": (
        "自查得分高于核定得分的字段（共 {count} 处，供“真实数据上报”核查）",
        "Fields where the self-check claimed more than was certified ({count}, for 真实数据上报)",
    ),
    "compare.claimed": ("自查值及来源", "Claimed (self-check) and source"),
    "compare.certified": ("核定值及来源", "Certified and source"),
    "compare.claimed_score": ("自查得分", "Claimed points"),
    "compare.certified_score": ("核定得分", "Certified points"),
    "compare.over": ("高报", "Over"),
    "compare.claimed_value": ("自查值", "Claimed (self-check)"),
    "compare.certified_value": ("核定值", "Certified"),
    "compare.claimed_source": ("自查来源", "Claimed in"),
    "compare.certified_source": ("核定来源", "Certified in"),
    "compare.sheet_summary": ("比较汇总", "Comparison"),
    "compare.sheet_fields": ("字段变化", "Field changes"),
    "compare.sheet_overclaims": ("自查高报", "Over-claims"),
    "compare.sheet_rules": ("规则差异", "Rule changes"),
    "compare.sheet_only": ("仅一方", "One side only"),
    "compare.side": ("一方", "Side"),
    "compare.rank_moved_col": ("名次变化", "Rank moved"),
    "compare.source_before": ("来源（前）", "Source before"),
    "compare.source_after": ("来源（后）", "Source after"),
    "compare.output_suffix": (
        "-o 须为 .xlsx 或 .json 文件",
        "-o must name an .xlsx or .json file",
    ),
    # status: what has come back so far
    "status.title": (
        "{title}：收回情况（{files} 个文件）",
        "{title}: returns so far ({files} files)",
    ),
    "status.not_returned": ("未交", "not returned"),
    "status.blanks": ("缺 {count} 项", "{count} blank"),
    "status.self_check": ("自查表", "Self-check"),
    "status.conflicts": ("文件之间的冲突（{count} 处）：", "Conflicts between files ({count}):"),
    "status.unreadable": ("无法读取的文件（{count} 个）：", "Files mypm could not read ({count}):"),
    "status.unrecognised": ("未识别的文件（{count} 个）：", "Files not recognised ({count}):"),
    "status.problems": ("文件中的错误（{count} 处）：", "Errors in the files ({count}):"),
    "status.missing": ("{name} 尚缺 {count} 项：", "Still missing from {name} ({count}):"),
    "status.no_cell": ("（不在所发表格中）", "(not on the form sent out)"),
    "status.nothing_missing": ("无缺项", "Nothing missing"),
    "status.complete": (
        "已全部收齐，各文件一致。",
        "Everything required has arrived, and the files agree.",
    ),
    "status.incomplete": (
        "尚未收齐：缺 {missing} 项，冲突 {conflicts} 处，"
        "有问题的文件 {files} 个，错误 {problems} 处。",
        "Not complete: {missing} missing, {conflicts} conflicts, {files} files with problems, "
        "{problems} errors.",
    ),
    "status.sheet_matrix": ("收回情况", "Returns"),
    "status.sheet_problems": ("问题", "Problems"),
    "status.kind": ("类别", "Kind"),
    "label.cell": ("单元格", "Cell"),
    # diff: what changed between two rule sets
    "diff.header": (
        "规则差异：{a}（{a_id}）→ {b}（{b_id}），共 {count} 处",
        "Rule differences: {a} ({a_id}) → {b} ({b_id}), {count} in all",
    ),
    "diff.none": ("两套规则没有差异。", "The two rule sets are the same."),
    "diff.added": ("新增", "added"),
    "diff.removed": ("删除", "removed"),
    "diff.moved": ("移动", "moved"),
    "diff.changed": ("修改", "changed"),
    "diff.moved_detail": ("{before} → {after}", "{before} → {after}"),
    "diff.empty": ("（空）", "(empty)"),
    "diff.change": ("变化", "Change"),
    "diff.element": ("类别", "Element"),
    "diff.attribute": ("属性", "Attribute"),
    "diff.before": ("原", "Before"),
    "diff.after": ("新", "After"),
    "element.rule_set": ("规则", "rules"),
    "element.certifier": ("考核组织", "certifier"),
    "element.unit": ("单位", "unit"),
    "element.category": ("考核项目", "category"),
    "element.indicator": ("考核指标", "indicator"),
    "element.part": ("分项", "part"),
    "element.item": ("加扣分项", "bonus/deduction item"),
    "element.grade": ("等次", "grade"),
    "element.local": ("本地取值", "local choice"),
    "attribute.id": ("规则编号", "id"),
    "attribute.title": ("标题", "title"),
    "attribute.document": ("文号", "document"),
    "attribute.year": ("年度", "year"),
    "attribute.base_points": ("基础分", "base points"),
    "attribute.self_check_deadline": ("自查截止日期", "self-check deadline"),
    "attribute.rounding": ("舍入", "rounding"),
    "attribute.name": ("名称", "name"),
    "attribute.group": ("分组", "group"),
    "attribute.role": ("角色", "role"),
    "attribute.points": ("分值", "points"),
    "attribute.certified_by": ("考核组织", "certified by"),
    "attribute.criterion": ("结果认定", "criterion"),
    "attribute.measure": ("计分方式", "measure"),
    "attribute.note": ("备注", "note"),
    "attribute.cap": ("上限", "cap"),
    "attribute.min": ("最低分", "minimum"),
    "attribute.reason": ("理由", "reason"),
    # output files
    "output.exists": (
        "输出文件已存在；如要覆盖请加 --force，或用 -o 指定其他文件名",
        "output file exists; add --force to overwrite it, or choose another name with -o",
    ),
    "output.is_input": (
        "输出文件不能是输入文件之一（输入文件从不修改）",
        "the output cannot be one of the inputs (inputs are never modified)",
    ),
    "output.no_folder": ("输出目录不存在：{folder}", "output folder does not exist: {folder}"),
    "output.locked": (
        "无法写入：文件可能正在 Excel 中打开，请关闭后重试",
        "cannot write: the file is probably open in Excel; close it and try again",
    ),
    "output.failed": (
        "写入失败，原有文件未改动：{error}",
        "writing failed; any existing file is unchanged: {error}",
    ),
    "output.stdout_failed": (
        "无法写入标准输出（屏幕或重定向的文件）：{error}；请检查磁盘空间，或用 -o 写入文件",
        "cannot write to standard output (the screen or a redirected file): {error}; check "
        "the free disk space, or write to a file with -o",
    ),
    "output.format_unknown": (
        "无法从扩展名“{suffix}”判断输出格式；请用 .xlsx、.json 或 .csv，或加 --format",
        "cannot tell the output format from the extension '{suffix}'; use .xlsx, .json or .csv, "
        "or give --format",
    ),
    "output.format_disagree": (
        "文件扩展名与 --format {fmt} 不符；请改扩展名，或去掉 --format 按扩展名输出",
        "the extension does not match --format {fmt}; change the extension, or drop --format "
        "to write what the extension says",
    ),
    "output.format_choice": (
        "输出格式须为 xlsx、json 或 csv，不能是“{fmt}”",
        "the output format must be xlsx, json or csv, not '{fmt}'",
    ),
    "output.written": ("已写出 {path}", "wrote {path}"),
    "output.folder_not_ours": (
        "输出文件夹 {folder} 中有网页以外的文件，不会被替换；请用 -o 指定新的文件夹",
        "the output folder {folder} holds files other than web pages and is not replaced; "
        "choose a new folder with -o",
    ),
    # sheets and fixed labels
    "sheet.entry": ("填报", "Entry"),
    "sheet.reference": ("参照单位", "Reference units"),
    "sheet.guide": ("说明", "Guide"),
    "sheet.summary": ("汇总", "Summary"),
    "sheet.chart": ("总分图", "Chart"),
    "summary.title": ("{year}年度绩效考核结果", "Performance assessment results, {year}"),
    "summary.basis": ("依据：{title}（{document}）", "Rules: {title} ({document})"),
    "summary.chart_series": ("总分·{group}", "Total - {group}"),
    "details.heading": (
        "分组 {group}　总分 {total}　名次 {rank}　组内名次 {group_rank}　等次 {grade}",
        "Group {group}   total {total}   rank {rank}   in group {group_rank}   grade {grade}",
    ),
    "issues.none": ("无问题", "No issues"),
    "ranking.more": (
        "未显示：{columns}。终端宽 {width} 列以上可全部显示；各项得分也在评分工作簿的“汇总”表中，"
        "或用 --format csv 输出。",
        "Not shown: {columns}. A terminal {width} columns wide shows them all; they are also on "
        "the scored workbook's Summary sheet, or use --format csv.",
    ),
    "timezone.unknown": (
        "不认识的时区“{name}”；请填 IANA 时区名，如 Asia/Shanghai",
        "unknown time zone '{name}'; use an IANA name such as Asia/Shanghai",
    ),
    "label.content": ("内容", "Value"),
    "local.rule_set": ("整套规则", "whole rule set"),
    "prov.input_sha256": ("输入文件 {n} sha256", "Input file {n} sha256"),
    "sheet.details": ("明细", "Details"),
    "sheet.issues": ("问题", "Issues"),
    "sheet.rules": ("规则", "Rules"),
    "label.unit": ("单位", "Unit"),
    "label.group": ("分组", "Group"),
    "label.points": ("{points}分", "{points} pt"),
    "label.cap": ("上限{cap}分", "cap {cap}"),
    "label.key_row": (
        "此行是字段键，mypm 按它识别各列。请勿修改或删除；可以调整列的顺序或另加自己的列。",
        "This row holds the field keys mypm finds columns by. Do not edit or delete it; you may "
        "reorder columns or add your own.",
    ),
    "label.criterion": ("结果认定：{text}", "Criterion (结果认定): {text}"),
    "label.certifier": ("考核组织：{text}", "Certified by (考核组织): {text}"),
    "label.note": ("备注：{text}", "Note: {text}"),
    "label.fill": ("填报：{text}", "How to fill: {text}"),
    "template.title": (
        "{year}年度{title}填报表（考核组织：{certifier}）",
        "{title}, {year}: entry form (certified by: {certifier})",
    ),
    "template.all_certifiers": ("全部", "all"),
    "template.self_check_title": ("{year}年度{title}自查表", "{title}, {year}: self-check form"),
    "template.signature": (
        "填报单位（盖章）：　　　　　　　　　　负责人：　　　　　　联系人：　　　　　　"
        "电话：　　　　　　　　日期：　　　　年　　月　　日",
        "Unit (seal): ____________  Head: ________  Contact: ________  Phone: ________  "
        "Date: ____-__-__",
    ),
    "page.number": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "guide.title": ("{title} 填报说明", "{title}: how to fill in"),
    "guide.how_heading": ("填报与报送", "How to fill in and return this workbook"),
    "guide.how.fill": (
        "在“填报”表中按单位逐行填写；各指标表头的批注写明考核组织、结果认定和填法，本表下方列出全部指标。",
        "Fill in the Entry sheet, one row per unit; the comment on each indicator's header gives "
        "its certifier, criterion and how to fill it, and the table below lists every field.",
    ),
    "guide.how.cells": (
        "只有带边框的白色单元格可以填写：工作表已保护（无密码，审阅 › 撤销工作表保护），"
        "以免误删表头、单位或隐藏的字段键行；下拉列表和批注照常可用。",
        "Only the bordered white cells can be changed: the sheet is protected without a password "
        "(Review > Unprotect Sheet) so that headers, units and the hidden key row are not deleted "
        "by accident; drop-down lists and comments still work.",
    ),
    "guide.how.values": (
        "是/否从下拉列表选择；次数填整数；百分比填 95 或 95%；"
        "加分、扣分项没有发生的填 0 或留空，其余指标请勿留空。",
        "Choose 是/否 from the list; counts are whole numbers; percentages 95 or 95%; bonus and "
        "deduction items that did not occur may be 0 or blank, every other field must be filled.",
    ),
    "guide.how.units": (
        "名单外的单位可填在单位名单下方的空行中（打印区域只含名单内的单位）；不要改动单位名称和表头。",
        "A unit not in the list goes in the blank rows below it (the print area holds the listed "
        "units only); do not change unit names or headers.",
    ),
    "guide.how.return": (
        "打印“填报”表，填写表头下方的填报单位、负责人、联系人、电话和日期并加盖公章，"
        "连同本 Excel 文件一并报送{issuer}{deadline}。",
        "Print the Entry sheet, fill in the unit, head, contact, phone and date under its title, "
        "stamp it, and send it with this Excel file to {issuer} {deadline}.",
    ),
    "guide.by": ("（{date}前）", "by {date}"),
    "guide.local_heading": ("（适用于整套规则）", " (for the whole rule set)"),
    "guide.derived_heading": (
        "派生规则（指南备注）：以下单位的填报值由其他单位的值代替，无需填写",
        "Derived values (the guide's note): these units' values are replaced by other units' "
        "values and need not be filled in",
    ),
    "guide.derived": (
        "{units} 的“{field}”取 {sources} 的平均值",
        "{units}: '{field}' is the mean of {sources}",
    ),
    "guide.derived_all": (
        "其他有自身填报值的被考核单位",
        "the other assessed units with their own value",
    ),
    "guide.document": ("文号：{document}（{issuer}）", "Document: {document} ({issuer})"),
    "guide.deadline": (
        "自查截止日期：{date}",
        "Self-check deadline: {date}",
    ),
    "guide.for_certifier": ("本表供“{name}”填报", "This workbook is for {name}"),
    "guide.rules": (
        "规则集：{id}（{year}年，规则文件 sha256 {sha}）",
        "Rule set: {id} ({year}, rule file sha256 {sha})",
    ),
    "guide.category": ("考核项目", "Category (考核项目)"),
    "guide.category_points": ("分值", "Points"),
    "guide.indicator": ("考核指标", "Indicator (考核指标)"),
    "guide.indicator_points": ("指标分值", "Indicator points"),
    "guide.certifier": ("考核组织", "Certified by (考核组织)"),
    "guide.criterion": ("结果认定", "Criterion (结果认定)"),
    "guide.measure": ("计分与填报", "Scoring and how to fill"),
    "guide.local": ("本地取值", "Local choices (本地取值)"),
    "guide.key": ("字段键", "Field key"),
    "guide.note": ("备注", "Note"),
    "guide.sample": (
        "示例数据：本工作簿中的数据为虚构，仅用于演示",
        "SAMPLE DATA: the values in this workbook are made up, for demonstration only",
    ),
    "dv.yes_no.prompt": ("从下拉列表选择“是”或“否”", "Choose 是 (yes) or 否 (no) from the list"),
    "dv.yes_no.error": ("只能填“是”或“否”", "Only 是 (yes) or 否 (no) is allowed"),
    "dv.whole.prompt": ("填写整数（≥0）", "A whole number ≥ 0"),
    "dv.whole.error": ("请填写大于等于0的整数", "Enter a whole number ≥ 0"),
    "dv.decimal.prompt": ("填写 {low} 到 {high} 之间的数", "A number from {low} to {high}"),
    "dv.decimal.error": ("数值须在 {low} 到 {high} 之间", "The value must be from {low} to {high}"),
    "dv.percent.prompt": ("填写百分比，如 95%（0%–100%）", "A percentage such as 95% (0% to 100%)"),
    "dv.percent.error": ("百分比须在 0% 到 100% 之间", "The percentage must be from 0% to 100%"),
    "dv.title": ("输入有误", "Invalid entry"),
    "template.by_certifier_certifier": (
        "--by-certifier 为每个考核组织各写一份，不能与 --certifier 同用",
        "--by-certifier writes one form per certifier: it cannot be combined with --certifier",
    ),
    "template.not_a_folder": (
        "这是一个文件，不是文件夹：--per-unit / --by-certifier 的 -o 须为文件夹",
        "this is a file, not a folder: with --per-unit / --by-certifier, -o names a folder",
    ),
    "template.self_check_certifier": (
        "自查表包含全部指标，不能与 --certifier 同用",
        "a self-check form has every field: it cannot be combined with --certifier",
    ),
    # unit lists and input files
    "units.encoding": (
        "无法识别文本编码，请另存为 UTF-8",
        "cannot tell the text encoding; save the file as UTF-8",
    ),
    "units.no_column": (
        "找不到“单位”列（表头须有“单位”或“unit”）",
        "no unit column (the header needs 单位 or unit)",
    ),
    "units.empty": ("单位清单为空", "the unit list is empty"),
    "input.unreadable": ("无法读取：{error}", "cannot read: {error}"),
    # cell values
    "value.formula": (
        "公式没有已保存的计算结果（请在 Excel 中打开并保存该文件，或直接填写数值）",
        "formula with no saved result (open and save the file in Excel, or type the value)",
    ),
    "value.cell_error": ("单元格是错误值 {error}", "the cell holds the error {error}"),
    "value.date": ("“{text}”是日期或时间，不是数值", "'{text}' is a date or time, not a number"),
    "value.yes_no": ("“{text}”不是“是”或“否”", "'{text}' is not 是 (yes) or 否 (no)"),
    "value.bool": (
        "“{text}”是逻辑值，此处应填数值",
        "'{text}' is a logical value; a number belongs here",
    ),
    "value.not_name": (
        "“{text}”是日期、时间或逻辑值，不是单位或分组名称",
        "'{text}' is a date, a time or a logical value, not a unit or group name",
    ),
    "value.number": ("“{text}”不是数值", "'{text}' is not a number"),
    "value.percent_sign": (
        "“{text}”带百分号，但此处不是百分比",
        "'{text}' has a percent sign, but this field is not a percentage",
    ),
    "value.negative": ("{value} 为负数，不允许", "{value} is negative"),
    "value.whole": ("{value} 不是整数（此处填次数）", "{value} is not a whole number (a count)"),
    "value.too_high": ("{value} 超出上限 {high}", "{value} is above the maximum {high}"),
    "value.cell_error_advice": (
        "改正产生错误的公式，或直接填写数值",
        "correct the formula that gives the error, or type the value",
    ),
    "value.date_advice": (
        "把单元格格式改为“常规”，再填写数值",
        "set the cell's format to General, then type the number",
    ),
    "value.yes_no_advice": ("填“是”或“否”", "type 是 (yes) or 否 (no)"),
    "value.type_number": ("只填写一个数，如 3", "type just a number, such as 3"),
    "value.number_only": (
        "只填数字 {number}，不带“{word}”",
        "type just the number {number}, without '{word}'",
    ),
    "value.percent_sign_advice": ("去掉百分号，只填数值", "remove the percent sign"),
    "value.negative_advice": ("填写 0 或正数", "type 0 or a positive number"),
    "value.whole_advice": ("填写整数次数，如 3", "type a whole number of times, such as 3"),
    "value.too_high_advice": (
        "核对后填写 0 到 {high} 之间的数",
        "check it and type a number from 0 to {high}",
    ),
    "value.percent_fraction": (
        "{value} 是 0 到 1 之间的小数，单元格又不是百分比格式，无法判断是 {value}% 还是 {hundred}%",
        "{value} is a fraction between 0 and 1 in a cell without percent format: it could mean "
        "{value}% or {hundred}%",
    ),
    "value.percent_fraction_advice": (
        "如指百分之{hundred}，请填 {hundred} 或 {hundred}%",
        "type {hundred} or {hundred}% for {hundred} percent",
    ),
    "value.percent_stored": (
        "单元格是百分比格式，存的数是 {value}，显示为 {shown}%，超过 100%",
        "the cell has percent format and holds {value}, shown as {shown}%, over 100%",
    ),
    "value.percent_stored_advice": (
        "如指 {value}%，请在单元格中重新输入“{value}%”（带百分号），或把格式改为“常规”后填 {value}",
        "for {value}%, type '{value}%' into the cell again (with the percent sign), or set its "
        "format to General and type {value}",
    ),
    "input.lock_file": (
        "这是 Excel 的临时锁定文件（~$ 开头），不是工作簿；请改用原文件",
        "this is Excel's lock file (~$...), not a workbook; use the real file",
    ),
    "input.missing": ("文件不存在", "file not found"),
    "input.locked": (
        "无法读取：文件可能正在 Excel 中打开，请关闭后重试",
        "cannot read: the file is probably open in Excel; close it and try again",
    ),
    "input.empty": ("文件是空的（0 字节）", "the file is empty (0 bytes)"),
    "input.save_as_xlsx": (
        "{what}，mypm 不能读取。请打开它另存为 .xlsx 工作簿——Excel：文件 › 另存为，"
        "保存类型选“Excel 工作簿(*.xlsx)”；WPS：文件 › 另存为，文件类型选“Microsoft Excel "
        "文件(*.xlsx)”；LibreOffice：文件 › 另存为，文件类型选“Excel 2007-365 (.xlsx)”，"
        "再选“使用 Excel 2007-365!”",
        "{what}, which mypm cannot read. Open it and save it as an .xlsx workbook. Excel: File > "
        "Save As, type 'Excel Workbook (*.xlsx)'; WPS: File > Save As, type 'Microsoft Excel "
        "File (*.xlsx)'; LibreOffice: File > Save As, type 'Excel 2007-365 (.xlsx)', then 'Use "
        "Excel 2007-365!'",
    ),
    "input.ole": (
        "这是旧版 .xls 文件或设有密码的工作簿（如设了密码，请先取消密码）",
        "this is an old .xls file or a password-protected workbook (if it has a password, "
        "remove it first)",
    ),
    "input.text": (
        "这是文本文件（如 CSV），不是填报工作簿，没有字段键行",
        "this is a text file (such as CSV), not an entry workbook, and has no field-key row",
    ),
    "input.other": ("这不是 Excel 工作簿", "this is not an Excel workbook"),
    "input.ods": (
        "这是 OpenDocument 表格（.ods，LibreOffice 或 WPS 的格式）",
        "this is an OpenDocument spreadsheet (.ods, as LibreOffice or WPS save)",
    ),
    "input.xlsb": ("这是 Excel 二进制工作簿（.xlsb）", "this is an Excel binary workbook (.xlsb)"),
    "input.numbers": ("这是 Apple Numbers 文件", "this is an Apple Numbers file"),
    "input.zip": (
        "这是压缩包（或已损坏的工作簿），其中没有 Excel 工作簿内容",
        "this is a zip file (or a damaged workbook) with no Excel workbook in it",
    ),
    "input.scored": (
        "这是 mypm 于 {created} 生成的评分结果工作簿，不是填报表；请对生成它的填报工作簿评分",
        "this is a scored workbook made by mypm on {created}, not an entry workbook; score the "
        "workbooks it was made from",
    ),
    "input.bad_metadata": (
        "文档属性部分已损坏或含有不允许的内容（如外部实体）；请在 Excel 中打开并另存为 .xlsx，"
        "或在 mypm template 生成的工作簿中重新填报",
        "the document properties part is damaged or holds content that is not allowed (such "
        "as an external entity); open the file in Excel and save it as .xlsx, or fill in a "
        "workbook made by mypm template",
    ),
    "input.budget_whole": (
        "{part} 等须整体读入内存的部分，与本次读取的其他文件合计超过 {limit} MB，不予读取"
        "（正常的工作簿远小于此）",
        "{part} and the other parts read whole into memory come to more than {limit} MB in "
        "this run; not read (a real workbook's are far smaller)",
    ),
    "input.budget_inflated": (
        "本次读取的所有文件解压后合计超过 {limit} MB，不予读取；请分批处理",
        "all the files of this run inflate to more than {limit} MB together; not read. Process "
        "them in smaller batches",
    ),
    "input.too_many_sheets": (
        "工作簿有 {count} 个工作表，超过上限 {limit} 个，不予读取",
        "the workbook has {count} sheets, more than the limit of {limit}; not read",
    ),
    "input.budget_cells": (
        "本次读取的单元格超过 {limit} 个（一次运行的上限），已停止读取；请分批处理",
        "more than {limit} cells read in this run (the limit for one run); reading stopped. "
        "Process the files in smaller batches",
    ),
    "input.not_regular": (
        "不是普通文件（而是管道、设备或其他特殊文件），不予读取；请给出文件本身",
        "not a regular file (a pipe, a device or another special file); give the file itself",
    ),
    "input.too_big": ("文件超过 {limit} MB，不予读取", "the file is larger than {limit} MB"),
    "input.corrupt": (
        "文件已损坏或不是有效的 Excel 工作簿；请在 Excel 中打开并另存为 .xlsx",
        "the file is damaged or not a valid Excel workbook; open it in Excel and save as .xlsx",
    ),
    "input.bomb": (
        "文件解压后异常巨大（疑似压缩炸弹），拒绝读取",
        "the file would expand to an abnormal size (a zip bomb?); refused",
    ),
    "read.no_key_row": (
        "没有找到含字段键行（unit、org.… 等）的工作表；请使用 mypm template 生成的填报表",
        "no sheet has a field-key row (unit, org....); use a workbook made by mypm template",
    ),
    "read.duplicate_column": (
        "字段键“{key}”出现两次（已在 {first}）",
        "field key '{key}' appears twice (first at {first})",
    ),
    "read.duplicate_column_advice": (
        "删去多余的一列，只留一列填报",
        "delete the extra column, so that one column holds the values",
    ),
    "read.unknown_key": (
        "字段键“{key}”不在规则中，这一列没有读取",
        "field key '{key}' is not in the rules, so this column was not read",
    ),
    "read.unknown_key_close": (
        "字段键“{key}”不在规则中，这一列没有读取（是否应为“{close}”？）",
        "field key '{key}' is not in the rules, so this column was not read (did you mean "
        "'{close}'?)",
    ),
    "read.unknown_key_advice": (
        "把字段键改回 mypm template 生成时的样子；如果这是您自己加的列，请清空它的字段键单元格",
        "restore the key as mypm template wrote it; if this is a column of your own, clear its "
        "key cell",
    ),
    "read.no_unit": ("第 {row} 行填了数值但没有单位名称", "row {row} has values but no unit name"),
    "read.no_unit_advice": (
        "在本行填上单位名称，或清空本行的数值",
        "fill in the unit name on this row, or clear its values",
    ),
    "read.merged": (
        "合并单元格跨越了填报列，合并区域中只有第一个单元格有值；请取消合并",
        "merged cells span input columns, so only the first cell has a value; unmerge them",
    ),
    "read.hidden_row": ("隐藏行中的数据也已读取", "a hidden row was read too"),
    "read.hidden_sheet": ("隐藏工作表中的数据也已读取", "a hidden sheet was read too"),
    "merge.duplicate_row": (
        "单位“{unit}”在同一文件中出现两次（另见 {first}）",
        "unit '{unit}' appears twice in one file (also at {first})",
    ),
    "merge.unknown_unit": (
        "单位“{unit}”不在规则的单位名单中",
        "unit '{unit}' is not in the rule set's unit list",
    ),
    "merge.unknown_unit_close": (
        "单位“{unit}”不在规则的单位名单中（是否应为“{close}”？）",
        "unit '{unit}' is not in the rule set's unit list (did you mean '{close}'?)",
    ),
    "merge.conflict": (
        "{unit} · {field}：此处填 {value}，与 {where} 的 {other} 不一致",
        "{unit}, {field}: {value} here differs from {other} at {where}",
    ),
    "merge.value": ("{unit} · {field}：{problem}", "{unit}, {field}: {problem}"),
    "merge.duplicate_row_advice": (
        "删去其中一行，或把两行合成一行",
        "delete one of the rows, or combine them into one",
    ),
    "merge.unknown_unit_advice": (
        "把单位名称改成名单中的写法；如果名单本身要改，请用 --units 指定本单位名单",
        "spell the unit as the list does; if the list itself is to change, give --units with "
        "the office's list",
    ),
    "merge.conflict_owner": (
        "按规则此项由“{certifier}”认定，以其文件 {keep} 为准：请改正 {wrong} 中的值，或清空它",
        "the rules have {certifier} certify this, so its file {keep} counts: correct the value "
        "in {wrong}, or clear it",
    ),
    "merge.conflict_ask": (
        "请向“{certifier}”核实哪个值正确，改正另一个文件中的值，或清空它",
        "ask {certifier} which value is right, then correct the other file's value, or clear it",
    ),
    "merge.no_row": (
        "单位“{unit}”在名单中，但所有文件中都没有它的填报数据，未参加评分",
        "unit '{unit}' is listed but no file has any value for it; it is not scored",
    ),
    "engine.missing": ("{unit} · {field}：未填写", "{unit}, {field}: blank"),
    "engine.missing_advice": (
        "必填；请向“{certifier}”索取此值填上，如确无数据，可加 --allow-missing 按 0 分计",
        "required; ask {certifier} for the value, or, if there is none, add --allow-missing to "
        "score it 0",
    ),
    "engine.missing_column": (
        "任何文件中都没有“{field}”（{key}）这一列，{count} 个单位缺此值：{units}",
        "no file has a column for '{field}' ({key}), needed for {count} unit{s}: {units}",
    ),
    "engine.missing_column_advice": (
        "请向“{certifier}”索取其填报工作簿，一并评分",
        "ask {certifier} for their workbook and score it with the others",
    ),
    "engine.missing_zero": (
        "未填写，按 0 分计（--allow-missing）",
        "blank, scored 0 (--allow-missing)",
    ),
    # how a field is scored and filled (each measure's describe() and fill())
    "measure.yes_no": ("是/否", "yes/no"),
    "measure.yes_no_if_no": ("是/否（填“否”得分）", "yes/no (scores when 'no')"),
    "measure.count": ("次数，{target}次满分", "count, full at {target}"),
    "measure.percent": ("百分比 0–100%", "percent 0-100%"),
    "measure.score": ("得分 0–{scale}", "score 0-{scale}"),
    "measure.points": ("直接核定 0–{points} 分", "points awarded"),
    "measure.per_item": ("每次{per}分{cap}", "{per} per item{cap}"),
    "measure.per_item_deduction": ("每次扣{per}分{cap}", "−{per} per item{cap}"),
    "measure.at_most": ("，最多{cap}分", ", at most {cap}"),
    "measure.capped_points": ("直接核定 0–{cap} 分", "points 0-{cap}"),
    "fill.yes_no": ("填“是”或“否”", "type 是 (yes) or 否 (no)"),
    "fill.whole": ("填整数次数（≥0），无则留空或填0", "a whole number ≥ 0"),
    "fill.percent": ("填百分比，如 95 或 95%", "a percentage, e.g. 95 or 95%"),
    "fill.score": ("填 0–{scale} 的得分", "a score from 0 to {scale}"),
    "fill.points": ("填 0–{high} 的分值", "points from 0 to {high}"),
    "engine.all_units": ("全部被考核单位", "all assessed units"),
    "engine.derived_empty": (
        "{units}的“{field}”按 {sources} 的均值计，但这些单位都没有填写",
        "the '{field}' of {units} is the mean of {sources}, but none of them has a value",
    ),
    "engine.derived_peer_missing": (
        "{unit} · {field}：未填写（{targets}的“{field}”按 {peers} 的均值计，须有此值）",
        "{unit}, {field}: blank (the '{field}' of {targets} is the mean of {peers}, which needs "
        "it)",
    ),
    "engine.derived_partial": (
        "{unit} 的“{field}”未填写；{targets}的“{field}”只按 {used} 的均值计（--allow-missing）",
        "{unit}'s '{field}' is blank; the '{field}' of {targets} is the mean of {used} only "
        "(--allow-missing)",
    ),
    "engine.mean_of": ("均值({values}) = {mean}", "mean({values}) = {mean}"),
    "engine.mean_all": ("均值(全部 {count} 个单位) = {mean}", "mean(all {count} units) = {mean}"),
    "engine.derived_replaced": (
        "填写的 {typed} 已按派生规则替换为 {basis}",
        "the typed value {typed} was replaced by {basis}",
    ),
    "explain.blank": ("空，按 0 计 → {score}", "blank, counted as 0 → {score}"),
    "explain.yes_no": ("{answer}{rule} → {score}", "{answer}{rule} → {score}"),
    "explain.award_if_no": ("（填“否”得分）", " (scores when 否)"),
    "explain.count": ("{value}/{target} 次 → {score}", "{value}/{target} times → {score}"),
    "explain.count_over": (
        "{value}/{target} 次（按 {target} 次计） → {score}",
        "{value}/{target} times (counted as {target}) → {score}",
    ),
    "explain.percent": ("{value}% × {points} → {score}", "{value}% × {points} → {score}"),
    "explain.score": (
        "{value}/{scale} × {points} → {score}",
        "{value}/{scale} × {points} → {score}",
    ),
    "explain.per_item": ("{value} 次 × {per} → {score}", "{value} × {per} → {score}"),
    "explain.per_item_cap": (
        "{value} 次 × {per} = {raw}，上限 {cap} → {score}",
        "{value} × {per} = {raw}, capped at {cap} → {score}",
    ),
    "explain.points": ("核定 {value} → {score}", "awarded {value} → {score}"),
    "explain.sum": ("{terms} → {score}", "{terms} → {score}"),
    "explain.sum_cap": (
        "{terms} = {raw}，上限 {cap} → {score}",
        "{terms} = {raw}, capped at {cap} → {score}",
    ),
    "explain.total": (
        "{base} + {bonus} − {deductions} → {total}",
        "{base} + {bonus} − {deductions} → {total}",
    ),
    "explain.total_floor": (
        "{base} + {bonus} − {deductions} < 0，按 0 计 → {total}",
        "{base} + {bonus} − {deductions} < 0, floored → {total}",
    ),
    "label.total": ("总分", "Total"),
    "label.rank": ("名次", "Rank"),
    "label.group_rank": ("组内名次", "Group rank"),
    "label.base": ("基础分", "Base"),
    "label.grade": ("等次", "Grade"),
    "label.chart_title": ("总分", "Totals"),
    "label.key": ("字段键", "Field key"),
    "label.item": ("考核指标", "Indicator"),
    "label.value": ("填报值", "Value"),
    "label.score": ("得分", "Score"),
    "label.max": ("满分", "Max"),
    "label.certified_by": ("考核组织", "Certified by"),
    "label.explanation": ("计算过程", "Working"),
    "label.source": ("来源", "Source"),
    "label.level": ("级别", "Level"),
    "label.message": ("说明", "Message"),
    "label.property": ("项目", "Property"),
    "level.error": ("错误", "error"),
    "level.warning": ("警告", "warning"),
    "level.info": ("提示", "note"),
    "prov.rules_id": ("规则集", "Rule set"),
    "prov.title": ("标题", "Title"),
    "prov.document": ("文号", "Document"),
    "prov.rules_file": ("规则文件", "Rule file"),
    "prov.rules_sha256": ("规则文件 sha256", "Rule file sha256"),
    "prov.version": ("mypm 版本", "mypm version"),
    "prov.created": ("生成时间（{zone}）", "Created ({zone})"),
    "prov.input": ("输入文件 {n}", "Input file {n}"),
    "write.truncated": (
        "文字超过 Excel 单元格上限（32767 字），已截断",
        "text longer than an Excel cell holds (32,767 characters) was cut",
    ),
    "score.mixed_rules": (
        "输入文件来自不同的规则集（本文件：{id}），不能一起评分",
        "the inputs come from different rule sets (this one: {id}); score them separately",
    ),
    "score.rules_not_found": (
        "工作簿由规则集“{id}”生成，但找不到该规则集；请用 --rules 指定规则文件，或用 --kind 选择",
        "the workbook was made from rule set '{id}', which is not available; give --rules or "
        "--kind",
    ),
    "score.unknown_kind": (
        "没有 kind 为“{kind}”的规则集；可用：{kinds}",
        "no rule set of kind '{kind}'; available: {kinds}",
    ),
    "score.which_rules": (
        "无法判断使用哪套规则（工作簿中没有 mypm 元数据）；请加 --kind county 或 --kind department",
        "cannot tell which rules to use (the workbook has no mypm metadata); add --kind",
    ),
    "score.rules_changed": (
        "{file} 生成后规则文件已修改（sha256 不同），已按当前规则评分",
        "the rule file changed since {file} was made (sha256 differs); scored with the current "
        "rules",
    ),
    "score.kind_disagree": (
        "此工作簿由规则集“{id}”（kind：{kind}）生成，与 --kind {given} 不符；"
        "mypm 总是按工作簿自己的规则集评分，请去掉 --kind 或改为 --kind {kind}",
        "this workbook was made from rule set '{id}' (kind {kind}), not --kind {given}; "
        "mypm always scores a workbook under its own rule set: drop --kind or give --kind {kind}",
    ),
    "score.rules_disagree": (
        "此工作簿由规则集“{id}”生成，但 --rules {rules} 中没有该规则集；"
        "请用 --rules 指定生成它的规则文件",
        "this workbook was made from rule set '{id}', which --rules {rules} does not hold; "
        "give --rules the rule file it was made from",
    ),
    "input.skipped_lock": (
        "Excel 的临时锁定文件（~$ 开头），不是工作簿，已跳过",
        "Excel's lock file (~$...), not a workbook; skipped",
    ),
    "input.skipped_scored": (
        "mypm 生成的评分结果工作簿（{created}），不是填报表，已跳过",
        "a scored workbook made by mypm ({created}), not an entry workbook; skipped",
    ),
    "input.skipped_folder": (
        "子文件夹，未读取（mypm 只读取文件夹中直接存放的文件）",
        "a subfolder, not read (mypm reads only the files directly in a folder)",
    ),
    "input.skipped_other": (
        "不是电子表格文件，已跳过",
        "not a spreadsheet file; skipped",
    ),
    "input.no_workbooks": ("没有找到 .xlsx 工作簿", "no .xlsx workbooks found"),
    "template.unknown_certifier": (
        "没有考核组织“{certifier}”；可用：{known}",
        "no certifier '{certifier}'; known: {known}",
    ),
    "template.certifier": ("{id}（{name}）", "{id} ({name})"),
    "template.certifier_no_fields": (
        "考核组织“{certifier}”在 {kind} 规则中没有要认定的字段，其填报表将是空的；"
        "有字段的考核组织：{known}",
        "certifier '{certifier}' certifies no field of the {kind} rules, so its workbook would "
        "be empty; certifiers with fields: {known}",
    ),
    "score.no_data": (
        "没有任何被考核单位填写了数据（读取了 {count} 个文件）；这些是空白填报表吗？"
        "请对填好的工作簿评分",
        "no assessed unit has any value ({count} file{s} read); are these blank templates? "
        "Score the filled-in workbooks",
    ),
    "score.issue_count": (
        "共 {warnings} 条警告、{infos} 条提示",
        "{warnings} warning{ws}, {infos} note{ns}",
    ),
    "score.more_issues": (
        "……还有 {count} 条，详见“{where}”",
        "... and {count} more, see {where}",
    ),
    "problems.title": ("问题清单", "List of problems"),
    "problems.general": ("其他", "Other"),
    "problems.none": ("本次没有发现问题。", "No problems were found."),
    "problems.general_title": ("不属于某一文件的问题", "Problems not in one file"),
    "problems.file": ("文件：{file}", "File: {file}"),
    "problems.sheet": ("工作表", "Sheet"),
    "problems.cell": ("单元格", "Cell"),
    "problems.problem": ("问题", "Problem"),
    "problems.certifier": ("考核组织", "Certifier"),
    "problems.advice": ("怎么办", "What to do"),
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
    "explain.unknown_unit": (
        "没有评分结果中的单位“{unit}”；可用：{known}",
        "no scored unit '{unit}'; scored units: {known}",
    ),
    "explain.header": (
        "{unit}（{group}） 总分 {total} · 第 {rank} 名 · 组内第 {group_rank} 名 · {grade}",
        "{unit} ({group}) total {total}, rank {rank}, group rank {group_rank}, {grade}",
    ),
    "explain.lost": ("失 {lost}", "lost {lost}"),
    "explain.whatif": ("还差多少", "What it takes"),
    "whatif.grade": (
        "距“{name}”（{target} 分）还差 {needed} 分",
        "{needed} more points to reach {name} ({target})",
    ),
    "whatif.rank": (
        "距上一名（{name} {target} 分）还差 {needed} 分",
        "{needed} more points to reach the rank of {name} ({target})",
    ),
    "whatif.top": ("已是最高等次、第一名", "already in the top grade and first"),
    "whatif.plan": ("方案 {n}：{changes}", "option {n}: {changes}"),
    "whatif.change": (
        "{label} {before} → {after}（+{gain}）",
        "{label} {before} → {after} (+{gain})",
    ),
    "whatif.none": (
        "仅靠本单位的基础指标无法补足",
        "cannot be closed with the unit's own base inputs",
    ),
    "progress.read": ("读取填报行", "Reading rows"),
    "progress.write": ("写出评分结果", "Writing results"),
    "label.to_grade": ("距下一等次", "To next grade"),
    "label.to_rank": ("距上一名", "To next rank"),
    "sheet.losses": ("失分分析", "Points lost"),
    "label.category": ("考核项目", "Category"),
    "label.units_losing": ("失分单位数", "Units losing"),
    "label.total_lost": ("失分合计", "Points lost"),
    "label.mean_lost": ("平均失分", "Mean lost"),
    # publish (web pages)
    "publish.self_check": (
        "这是自查表（单位自评），不能发布为考核结果或反馈单。请发布核定后的填报表；"
        "自查与核定的比较请用 mypm compare",
        "this is a self-check form (the unit's own claims) and cannot be published as the "
        "results or a feedback sheet. Publish the certified workbooks; compare the self-check "
        "with them using mypm compare",
    ),
    "publish.nav": ("页面导航", "Pages"),
    "publish.results": ("考核结果", "Results"),
    "publish.analysis": ("失分分析", "Where points were lost"),
    "publish.rubric": ("考核细则", "The rubric"),
    "publish.year": ("{year}年度", "year {year}"),
    "publish.date": ("制表日期：{date}", "Made on {date}"),
    "publish.page_before": ("第 ", "Page "),
    "publish.page_middle": (" 页，共 ", " of "),
    "publish.page_after": (" 页", ""),
    "publish.results_heading": ("{year}年度民生工程绩效考核结果", "Assessment results {year}"),
    "publish.internal": (
        "内部版：含各单位反馈单、填报值与数据来源，请勿对外公布；"
        "公示请用 mypm publish --public 生成的公开版。",
        "Internal edition: it holds each unit's feedback sheet, inputs and sources. Do not "
        "publish it; publish the edition made by mypm publish --public.",
    ),
    "publish.ranking": ("总排名", "Ranking"),
    "publish.ranking_caption": (
        "全部 {count} 个单位，按总分排名（并列同名次）",
        "All {count} unit{s} by total (ties share a rank)",
    ),
    "publish.chart": ("各单位总分（按分组着色）", "Totals, coloured by group"),
    "publish.chart_desc": (
        "每个单位一条横条，长度为总分，数值标在条后，与排名表一致。",
        "One bar per unit, as long as its total; the figure beside it is the total in the ranking.",
    ),
    "publish.grades": ("等次分布", "Grades"),
    "publish.grade_min": ("最低分", "From"),
    "publish.unit_count": ("单位数", "Units"),
    "publish.group_ranking": ("分组排名：{group}", "Ranking in {group}"),
    "publish.group_caption": (
        "{group}，{count} 个单位，按组内名次",
        "{group}: {count} unit{s} by group rank",
    ),
    "publish.unit_pages": ("各单位反馈单", "Feedback sheets"),
    "publish.provenance": ("数据来源", "Sources"),
    "publish.feedback": ("考核结果反馈单", "feedback sheet"),
    "publish.feedback_heading": (
        "{year}年度民生工程绩效考核结果反馈单",
        "Assessment feedback sheet {year}",
    ),
    "publish.rank_of": ("第 {rank} 名（共 {count} 个单位）", "{rank} of {count}"),
    "publish.detail": (
        "逐项得分（失分多的项目在前）",
        "Every item (the largest losses first)",
    ),
    "publish.item": ("考核项目 / 指标 / 分项", "Category / indicator / part"),
    "publish.max": ("满分或上限", "Max or cap"),
    "publish.lost": ("失分", "Lost"),
    "publish.no_cap": ("不设上限", "no cap"),
    "publish.derived_tag": ("按同类单位取值", "from peers"),
    "publish.derived": ("按同类单位取值的指标", "Values taken from peers"),
    "publish.derived_where": ("备注：{units}的{field}", "note: {field} of {units}"),
    "publish.derived_from": (
        "{field}：取 {peers} 的平均值。{working}",
        "{field}: the mean of {peers}. {working}",
    ),
    "publish.labelled": ("{label}：{text}", "{label}: {text}"),
    "publish.in_brackets": ("（{text}）", " ({text})"),
    "publish.fill_in": ("{label}：", "{label}: "),
    "publish.derived_source": ("取值来源", "Taken from"),
    "publish.confirm": ("单位确认", "Confirmation"),
    "publish.deadline": (
        "请核对以上得分，于 {deadline} 前在下方勾选确认或申诉，签字盖章后反馈{issuer}。",
        "Please check the scores above, tick confirm or appeal below, sign, stamp and return "
        "this sheet to {issuer} by {deadline}.",
    ),
    "publish.deadline_blank": (
        "请核对以上得分，于 ______ 年 ____ 月 ____ 日前在下方勾选确认或申诉，"
        "签字盖章后反馈{issuer}。",
        "Please check the scores above, tick confirm or appeal below, sign, stamp and return "
        "this sheet to {issuer} by ____________.",
    ),
    "publish.agree": ("确认无误", "Confirmed"),
    "publish.appeal": ("申诉（逐项写明）", "Appeal (item by item)"),
    "publish.appeal_item": ("申诉指标", "Indicator"),
    "publish.appeal_reason": ("申诉理由", "Reason"),
    "publish.appeal_evidence": ("依据材料", "Evidence"),
    "publish.contact": ("联系人", "Contact"),
    "publish.phone": ("联系电话", "Phone"),
    "publish.stamp": ("单位（盖章）", "Unit (stamp)"),
    "publish.sign_date": ("日期", "Date"),
    "publish.rubric_heading": ("{year}年度考核细则", "Rubric {year}"),
    "publish.rubric_intro": (
        "基础分共 {points} 分。标有“本地取值”的内容是指南未作规定、由本地确定的取值。",
        "The base is {points} points. Items marked 'local choice' are values the guide does "
        "not set, chosen locally.",
    ),
    "publish.base_rubric": ("考核项目与指标", "Categories and indicators"),
    "publish.points": ("分值", "Points"),
    "publish.criterion": ("结果认定", "Criterion"),
    "publish.measure": ("计分方式", "Scoring"),
    "publish.adjustment_item": ("项目", "Item"),
    "publish.note": ("说明", "Note"),
    "publish.local_tag": ("本地取值", "local choice"),
    "publish.local_all": ("本地取值一览", "Every local choice"),
    "publish.local_where": ("适用于", "Applies to"),
    "publish.local_attribute": ("取值内容", "What"),
    "publish.local_reason": ("说明", "Why"),
    "publish.whole_rule_set": ("整套细则", "the whole rubric"),
    "publish.no_local": ("本细则没有标注本地取值。", "This rubric marks no local choices."),
    "publish.analysis_heading": ("{year}年度失分分析", "Where points were lost, {year}"),
    "publish.analysis_intro": (
        "共 {count} 个单位。下表按各考核指标的失分合计从多到少排列。",
        "{count} unit{s}. Indicators are listed by the points lost in all, largest first.",
    ),
    "publish.analysis_caption": ("各指标失分", "Points lost by indicator"),
    "local.points": ("分值", "points"),
    "local.measure": ("计分方式", "scoring"),
    "local.cap": ("上限", "cap"),
    "local.criterion": ("结果认定", "criterion"),
    "local.units": ("被考核单位", "units"),
    "local.grades": ("等次线", "grades"),
    "local.bonus.cap": ("加分上限", "bonus cap"),
    "local.deductions.cap": ("扣分上限", "deductions cap"),
    "local.certified_by": ("考核组织", "certified by"),
    "local.rounding": ("计分精度", "rounding"),
    "local.parts": ("分项设置", "parts"),
    # validate
    "validate.ok": (
        "{path}：{id}（{kind}，{year}年）{categories} 个考核项目 {leaves} 个填报字段，"
        "基础分 {base}（{sums}），加分上限 {bonus_cap}",
        "{path}: {id} ({kind}, {year}) {categories} categories, {leaves} fields, "
        "base {base} ({sums}), bonus cap {bonus_cap}",
    ),
    "validate.no_cap": ("不设上限", "none"),
    "list.separator": ("、", ", "),
    "click.usage": ("用法：", "Usage: "),
    "click.heading": ("{heading}：", "{heading}:"),
    "problem.where": ("{where}：{message}", "{where}: {message}"),
    "problem.location": ("{file} › {sheet} › {cell}", "{file} > {sheet} > {cell}"),
    "problem.unit": ("{unit} · {message}", "{unit}, {message}"),
    "problem.advice": ("{message}；{advice}", "{message}; {advice}"),
    "error.count": (
        "共 {count} 个问题，未写出任何文件。",
        "{count} problem{s}; nothing was written.",
    ),
    "error.count_listed": (
        "共 {count} 个问题，问题清单已写出到 {path}，未写出评分结果。",
        "{count} problem{s}; the list was written to {path}, no results were written.",
    ),
    "error.bug": (
        "mypm 内部错误（这是程序缺陷，不是您的数据问题）：{error}。详细信息已写入 {log}",
        "internal error in mypm (a bug, not a problem with your data): {error}. Details in {log}",
    ),
    "error.interrupted": ("已中断。", "Interrupted."),
}
