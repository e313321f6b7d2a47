"""Values decided on the record (review corrections, appeal decisions) and appeals (申诉/复核):
recording, deciding, listing and applying them, and the commands' help."""

MESSAGES: dict[str, tuple[str, str]] = {
    "decided.unknown_unit": (
        "{ref}：没有名为 {unit} 的单位",
        "{ref}: there is no unit named {unit}",
    ),
    "decided.unknown_field": (
        "{ref}：规则中没有字段 {field}",
        "{ref}: the rules have no field {field}",
    ),
    "decided.no_data": (
        "{ref}：{unit} 没有交回数据，无法对 {field} 作出调整",
        "{ref}: {unit} returned no data, so {field} cannot be adjusted",
    ),
    "decided.derived": (
        "{ref}：{unit} 的 {field} 按其他单位的均值推算（规则备注），不能另定其值",
        "{ref}: {unit}'s {field} is its peers' mean (the rules' note); it takes no value of "
        "its own",
    ),
    "decided.value": (
        "{ref}：{unit} 的 {field} 决定值不可用：{problem}",
        "{ref}: the value decided for {unit}, {field} cannot be used: {problem}",
    ),
    "decided.blank": (
        "{ref}：{unit} 的 {field} 决定值为空",
        "{ref}: the value decided for {unit}, {field} is blank",
    ),
    "decided.review": (
        "{unit} 的 {field}：复核核定 {value}（自查 {claim}），依据 {ref}",
        "{unit}, {field}: the review set {value} (claimed {claim}), per {ref}",
    ),
    "decided.appeal": (
        "{unit} 的 {field}：复核调整 {before} → {value}，依据 {ref}",
        "{unit}, {field}: adjusted on appeal {before} → {value}, per {ref}",
    ),
    "explain.appeal": (
        "{terms}（复核调整：原值 {before} → {before_score}，新值 {value} → {score}，"
        "依据 {ref}：{reason}）",
        "{terms} (adjusted on appeal: was {before} → {before_score}, now {value} → {score}, "
        "per {ref}: {reason})",
    ),
    "explain.review": (
        "{text}（复核依据 {ref}：{reason}）",
        "{text} (reviewed, per {ref}: {reason})",
    ),
    # recording, deciding and listing appeals (mypm.season.appeals, mypm.render.appeals)
    "appeals.ref": ("申诉 {number}", "appeal {number}"),
    "appeals.field": ("{label}（{key}）", "{label} ({key})"),
    "appeals.has_parts": (
        "“{field}”含多个分项，申诉须指明其中一项：{keys}",
        "'{field}' has parts; an appeal names one of them: {keys}",
    ),
    "appeals.derived": (
        "{unit} 的 {field} 按其他单位的均值推算（规则备注），不能申诉另定其值",
        "{unit}'s {field} is its peers' mean (the rules' note); it cannot be appealed to a "
        "value of its own",
    ),
    "appeals.bad_value": (
        "{unit} 的 {field}：{problem}",
        "{unit}, {field}: {problem}",
    ),
    "appeals.blank_value": (
        "{unit} 的 {field}：申诉值或决定值不能为空",
        "{unit}, {field}: the claimed or decided value cannot be blank",
    ),
    "appeals.no_reason": (
        "须写明理由（--reason 不能为空）",
        "a reason is needed (--reason cannot be blank)",
    ),
    "appeals.unknown": (
        "没有第 {number} 号申诉（已登记：{known}）；可用 mypm appeal list 查看",
        "there is no appeal {number} (recorded: {known}); mypm appeal list lists them",
    ),
    "appeals.none_yet": (
        "没有第 {number} 号申诉：本考核季尚未登记任何申诉",
        "there is no appeal {number}: the season has no appeals yet",
    ),
    "appeals.decided_already": (
        "申诉 {number} 已于 {at} 由 {by} 作出决定（{outcome}），不再重复决定",
        "appeal {number} was decided on {at} by {by} ({outcome}); it is not decided twice",
    ),
    "appeals.revise_advice": (
        "如需改变决定，请加 --revise；原决定仍保留在台账和申诉清单中",
        "to change the decision add --revise; the earlier one stays in the ledger and the list",
    ),
    "appeals.nothing_to_revise": (
        "申诉 {number} 尚未作出决定，没有可修改的决定；请去掉 --revise",
        "appeal {number} has no decision to revise yet; leave out --revise",
    ),
    "appeals.value_needed": (
        "部分采纳须用 --value 给出决定的值",
        "a partial acceptance needs the decided value (--value)",
    ),
    "appeals.value_not_taken": (
        "{outcome} 不带 --value（采纳按申诉值计分，维持不改变结果）；部分采纳才给出决定值",
        "{outcome} takes no --value (accept scores the claimed value, uphold changes nothing); "
        "only partial takes a decided value",
    ),
    "appeals.state.pending": ("未决定", "pending"),
    "appeals.state.uphold": ("维持", "upheld"),
    "appeals.state.accept": ("采纳", "accepted"),
    "appeals.state.partial": ("部分采纳", "partly accepted"),
    "appeals.pending": (
        "{ref} 尚未决定：{unit} 的 {field}，申诉值 {claim}",
        "{ref} is not decided: {unit}, {field}, claimed {claim}",
    ),
    "appeals.pending_advice": (
        "正式发布前请用 mypm appeal decide 对每一件申诉作出决定；或加 --draft 发布标明草稿的页面",
        "decide every appeal with mypm appeal decide before a final publish; or add --draft to "
        "publish pages marked as a draft",
    ),
    "appeals.head": (
        "{ref}：{unit} 的 {field}，申诉值 {claim}，收到 {received}",
        "{ref}: {unit}, {field}, claimed {claim}, received {received}",
    ),
    "appeals.late": ("（逾期）", " (late)"),
    "appeals.added": ("已登记 {head}", "Recorded {head}"),
    "appeals.added_late": (
        "  收到时已过申诉截止日 {due}，记为逾期申诉",
        "  received after the appeal deadline {due}: recorded as late",
    ),
    "appeals.outcome_value": ("{outcome}，按 {value} 计分", "{outcome}, scored as {value}"),
    "appeals.ruling": ("{outcome}（{by}，{at}）：{reason}", "{outcome} ({by}, {at}): {reason}"),
    "appeals.decided": ("{ref} 已决定：{ruling}", "{ref} decided: {ruling}"),
    "appeals.revised": (
        "  修改了原决定：{earlier}（原决定仍保留在台账中）",
        "  revising the earlier decision: {earlier} (it stays in the ledger)",
    ),
    "appeals.none": ("本考核季尚未登记申诉", "the season has no appeals"),
    "appeals.reason_line": ("  理由：{reason}", "  reason: {reason}"),
    "appeals.file_line": ("  材料：{file}", "  file: {file}"),
    "appeals.pending_line": ("  决定：未决定", "  decision: pending"),
    "appeals.ruling_line": ("  决定：{ruling}", "  decision: {ruling}"),
    "appeals.earlier_line": ("  原决定：{ruling}", "  earlier decision: {ruling}"),
    "appeals.unit_counts": (
        "{unit}：申诉 {count} 件，采纳 {accept} 件，部分采纳 {partial} 件，维持 {uphold} 件，"
        "未决定 {pending} 件",
        "{unit}: {count} appeal{s}, {accept} accepted, {partial} partly accepted, {uphold} "
        "upheld, {pending} pending",
    ),
    "log.appeal": (
        "申诉 {number}：{unit} 的 {field}，申诉值 {claim}{late}",
        "appeal {number}: {unit}, {field}, claimed {claim}{late}",
    ),
    "log.appeal_decision": (
        "申诉 {number} 的决定：{outcome}（{by}）",
        "decision on appeal {number}: {outcome} ({by})",
    ),
    # the commands' help
    "help.appeal": (
        "申诉（复核）：登记、决定和列出各单位对考核结果的申诉。",
        "Appeals: record, decide and list the units' appeals against their results.",
    ),
    "help.appeal.add": (
        "登记一件申诉：单位、字段（字段键，或规则中唯一的名称）、申诉值和理由；打印申诉编号。"
        "过了 season.yaml 的申诉截止日（reply_deadline）收到的记为逾期。",
        "Record an appeal: the unit, the field (its key, or a name found once in the rules), "
        "the claimed value and the reason; prints the appeal's number. One received after "
        "season.yaml's reply_deadline is recorded as late.",
    ),
    "help.appeal.claim": (
        "单位主张的值，按该字段的填报格式检查（是/否、次数、百分比……）。",
        "The value the unit claims, checked as the field's entry cell is (yes/no, a count, a "
        "percentage...).",
    ),
    "help.appeal.reason": ("申诉理由。", "Why the unit appeals."),
    "help.appeal.received_at": (
        "收到申诉的时间（默认现在），如 2014-02-08 10:00。",
        "When the appeal was received (default now), e.g. 2014-02-08 10:00.",
    ),
    "help.appeal.decide": (
        "对第 N 号申诉作出决定：uphold（维持）、accept（采纳，按申诉值计分）或 partial（部分"
        "采纳，按 --value 计分），并写明理由。已决定的申诉须加 --revise 才能修改，原决定保留。",
        "Decide appeal N: uphold, accept (the claimed value is scored) or partial (--value is "
        "scored), with the reason. A decided appeal is changed only with --revise; the earlier "
        "decision stays.",
    ),
    "help.appeal.value": (
        "部分采纳时决定的值（按该字段的填报格式检查）。",
        "The decided value of a partial acceptance (checked as the field's entry cell is).",
    ),
    "help.appeal.decide_reason": ("决定理由。", "Why it was so decided."),
    "help.appeal.by": (
        "作出决定的人或小组（默认当前系统用户）。",
        "Who decided (default the operating-system user).",
    ),
    "help.appeal.revise": (
        "修改已作出的决定（原决定仍保留在台账中）。",
        "Revise a decision already made (the earlier one stays in the ledger).",
    ),
    "help.appeal.list": (
        "列出全部申诉：申诉值、理由、状态、决定（及修改前的决定），以及各单位采纳件数。",
        "List every appeal: claim, reason, state, decision (and any earlier one), and per unit "
        "how many were accepted.",
    ),
    "help.appeal.format": ("输出格式。", "Output format."),
    # the 申诉 sheet of the scored workbook, and the pages
    "appeals.column.number": ("编号", "No."),
    "appeals.column.field": ("字段", "Field"),
    "appeals.column.claim": ("申诉值", "Claimed"),
    "appeals.column.reason": ("申诉理由", "Reason"),
    "appeals.column.received": ("收到时间", "Received"),
    "appeals.column.state": ("状态", "State"),
    "appeals.column.value": ("决定值", "Decided value"),
    "appeals.column.decision": ("决定", "Decision"),
    "appeals.earlier": ("原决定：{ruling}", "earlier: {ruling}"),
    "appeals.prov_reviewed": (
        "复核后结果（最后一次申诉决定）",
        "Reviewed results (last decision on an appeal)",
    ),
    "appeals.page_draft_title": ("草稿", "DRAFT"),
    "appeals.page_draft": (
        "草稿：本页结果尚未最终确定（如尚有申诉未作决定），不得据此公布",
        "DRAFT: these results are not final (appeals may still be undecided); do not publish them",
    ),
    "appeals.page_reviewed": (
        "复核后结果：已按申诉复核决定调整（最后一次决定 {date}）",
        "Results after review: adjusted by the decisions on appeals (last decision {date})",
    ),
    "help.publish.draft": (
        "发布草稿：每页标明“草稿”；考核季中尚有申诉未决定时也可发布。",
        "Publish a draft: every page is marked as a draft; allowed while appeals are still to "
        "be decided in the season.",
    ),
    "appeals.side_before": ("申诉决定前", "before appeals"),
    "appeals.side_after": ("申诉决定后", "after appeals"),
    "appeals.compare_no_sides": (
        "--appeals 比较本考核季申诉决定前后的结果，不另给 A、B",
        "--appeals compares this season before and after its appeals; give no A or B",
    ),
    "help.compare.appeals": (
        "在考核季中：比较申诉决定前（A）与决定后（B）的结果，逐单位列出总分和名次的变化。",
        "In a season: compare the results before its appeal decisions (A) with those after "
        "them (B), unit by unit with totals and ranks.",
    ),
    "help.score.before_appeals": (
        "在考核季中：按申诉决定之前的结果计分（复核核定仍适用），供核对申诉前的结果。",
        "In a season: score as before the appeal decisions (review corrections still apply), "
        "to see the result before appeals.",
    ),
    # the appeals workbook (mypm.render.workbook.appeals) and receiving it
    "appeals.form_title": (
        "{year}年度{title} 申诉表 {unit}",
        "{year} {title}: appeals {unit}",
    ),
    "appeals.form_note": (
        "对考核结果有异议的，请在对应指标行填写“申诉值”（按填报格式：是/否、次数、百分比……）"
        "和“申诉理由”，依据材料随表一并报送；不申诉的行留空。请于 {deadline} 前报 {issuer}。",
        "Where you disagree with a result, type the value you claim on the field's row (as the "
        "form takes it: yes/no, a count, a percentage...) and the reason, and send the documents "
        "with this workbook; leave other rows blank. Due to {issuer} by {deadline}.",
    ),
    "appeals.form_no_deadline": ("规定日期", "the date set"),
    "appeals.form_group": ("考核项目", "Category"),
    "appeals.form_fill": ("填写方式", "How to fill"),
    "appeals.template_season": (
        "申诉表属于考核季：请在考核季文件夹中运行（或用 --season 指定）",
        "the appeals workbook belongs to a season: run this in a season folder (or give --season)",
    ),
    "appeals.template_alone": (
        "--appeals 按考核季的规则和单位名单写出申诉表，不与 --kind、--rules、--units、"
        "--certifier、--self-check、--per-unit、--by-certifier 同用",
        "--appeals writes the appeals workbook by the season's rules and units; it takes no "
        "--kind, --rules, --units, --certifier, --self-check, --per-unit or --by-certifier",
    ),
    "appeals.row_no_field": (
        "这一行不是申诉表原有的指标行（字段键“{key}”不在规则中）；请在原有的行中填写",
        "this row is not one of the workbook's field rows (key '{key}' is not in the rules); "
        "type the appeal on the field's own row",
    ),
    "appeals.row_no_reason": (
        "填写了申诉值但没有申诉理由；请在同一行填写理由",
        "a value is claimed but no reason is given; type the reason on the same row",
    ),
    "appeals.workbook_empty": (
        "申诉表中没有填写任何申诉，未登记",
        "the appeals workbook holds no appeal; nothing recorded",
    ),
    "appeals.received": (
        "收到申诉表 {path}：登记 {count} 件申诉",
        "Received the appeals workbook {path}: {count} appeal{s} recorded",
    ),
    "appeals.materials_line": ("  依据材料：{materials}", "  documents: {materials}"),
    "appeals.source_line": ("  来自：{source}", "  from: {source}"),
    "help.template.appeals": (
        "在考核季中：写出申诉表（每个单位一张工作表，逐项列出指标，填写申诉值和理由），"
        "收回后用 mypm receive 登记其中的申诉。",
        "In a season: write the appeals workbook (a sheet per unit listing every field, with "
        "cells for the claimed value and the reason); mypm receive records the appeals in it.",
    ),
}
