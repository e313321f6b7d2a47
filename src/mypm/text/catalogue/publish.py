"""publish: the web pages of results, feedback sheets, the rubric and the analysis."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "publish.derived_tag": ("按同类单位取值", "from peers"),
    "publish.derived": ("按同类单位取值的指标", "Values taken from peers"),
    "publish.derived_where": ("备注：{units}的{field}", "note: {field} of {units}"),
    "publish.derived_line": ("{rule}：{values}。", "{rule}: {values}."),
    "publish.in_brackets": ("（{text}）", " ({text})"),
    "publish.fill_in": ("{label}：", "{label}: "),
    "publish.derived_rule": ("规则", "Rule"),
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
}
