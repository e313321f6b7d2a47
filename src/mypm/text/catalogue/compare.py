"""compare (a self-check against the certified workbooks) and status (what has come back so far)."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "compare.total_of": ("总分（{side}）", "Total ({side})"),
    "compare.total_moved": ("变化", "Change"),
    "compare.rank_of": ("名次（{side}）", "Rank ({side})"),
    "compare.grade_of": ("等次（{side}）", "Grade ({side})"),
    # what a side is, for the headings: 自查/核定, the year, or the file's name
    "compare.side_self_check": ("自查", "self-check"),
    "compare.side_certified": ("核定", "certified"),
    "compare.side_year": ("{year}年度", "{year}"),
    "compare.side_before": ("前", "before"),
    "compare.side_after": ("后", "after"),
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
    "compare.value_of": ("填报值（{side}）", "Value ({side})"),
    "compare.score_of": ("得分（{side}）", "Points ({side})"),
    "compare.moved": ("变化", "Moved"),
    "compare.more_fields": (
        "另有 {count} 处变化未列出：用 -o compare.xlsx 或 --format json 查看全部",
        "{count} more changes not shown: see all with -o compare.xlsx or --format json",
    ),
    "compare.more_why": ("……另有 {count} 处", "... and {count} more"),
    "compare.units_only": (
        "只在{side}一方的单位：{units}",
        "Units only on the {side} side: {units}",
    ),
    "compare.fields_only": (
        "只在{side}一方的字段：{fields}",
        "Fields only on the {side} side: {fields}",
    ),
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
    "compare.source_of": ("来源（{side}）", "Source ({side})"),
    "status.title": (
        "{title}：收回情况（{files} 个文件）",
        "{title}: returns so far ({files} files)",
    ),
    "status.not_returned": ("未交", "not returned"),
    "status.blanks": ("缺 {count} 项", "{count} blank"),
    "status.bad_cells": ("{count} 项无法读取", "{count} unreadable"),
    "status.self_check": ("自查表", "Self-check"),
    "status.conflicts": ("文件之间的冲突（{count} 处）：", "Conflicts between files ({count}):"),
    "status.unreadable": ("无法读取的文件（{count} 个）：", "Files mypm could not read ({count}):"),
    "status.unrecognised": ("未识别的文件（{count} 个）：", "Files not recognised ({count}):"),
    "status.problems": ("文件中的错误（{count} 处）：", "Errors in the files ({count}):"),
    "status.missing": ("{name} 尚缺 {count} 项：", "Still missing from {name} ({count}):"),
    "status.no_row": (
        "收回的 {files} 中没有这个单位的行（单位名称是否写错？）",
        "{files}, returned, has no row for this unit (its name mistyped?)",
    ),
    "status.no_cell": ("（不在所发表格中）", "(not on the form sent out)"),
    "status.sent_nothing": ("未交：{names}", "Not returned: {names}"),
    "status.owe_nothing": ("无缺项：{names}", "Nothing missing: {names}"),
    "status.complete": (
        "表格已全部收齐，各文件一致。",
        "Every form has arrived, and the files agree.",
    ),
    "status.incomplete": (
        "尚未收齐：{not_returned} 个考核组织未交，另缺 {missing} 项，冲突 {conflicts} 处，"
        "有问题的文件 {files} 个，错误 {problems} 处。",
        "Not complete: {not_returned} not returned, {missing} more missing, {conflicts} "
        "conflicts, {files} files with problems, {problems} errors.",
    ),
    "status.sheet_matrix": ("收回情况", "Returns"),
    "status.sheet_problems": ("问题", "Problems"),
    "status.kind": ("类别", "Kind"),
}
