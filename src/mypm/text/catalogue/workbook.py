"""The sheets, headings and guides of the workbooks mypm writes."""

from mypm.text.vocabulary import HEADINGS, SHEETS

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"sheet.{name}": words for name, words in SHEETS.items()},
    "prov.self_check": HEADINGS["self_check"],
    "summary.title": ("{year}年度绩效考核结果", "Performance assessment results, {year}"),
    "summary.basis": ("依据：{title}（{document}）", "Rules: {title} ({document})"),
    "summary.chart_series": ("总分·{group}", "Total - {group}"),
    "details.heading": (
        "分组 {group}　总分 {total}　名次 {rank}　组内名次 {group_rank}　等次 {grade}",
        "Group {group}   total {total}   rank {rank}   in group {group_rank}   grade {grade}",
    ),
    "details.place": ("{sheet} › {cell}", "{sheet} > {cell}"),
    "issues.none": ("无问题", "No issues"),
    "ranking.more": (
        "未显示：{columns}。终端宽 {width} 列以上可全部显示；各项得分也在评分工作簿的“汇总”表中，"
        "或用 --format csv 输出。",
        "Not shown: {columns}. A terminal {width} columns wide shows them all; they are also on "
        "the scored workbook's Summary sheet, or use --format csv.",
    ),
    "prov.input_sha256": ("输入文件 {n} sha256", "Input file {n} sha256"),
    "template.title": (
        "{year}年度{title}填报表（考核组织：{certifier}）",
        "{title}, {year}: entry form (certified by: {certifier})",
    ),
    "template.all_certifiers": ("全部", "all"),
    "template.self_check_title": ("{year}年度{title}自查表", "{title}, {year}: self-check form"),
    # the signature block under a form's title, item by item: a line breaks between items only
    "template.sign.unit": ("填报单位（盖章）：　　　　　　　　　　", "Unit (seal): ____________"),
    "template.sign.head": ("负责人：　　　　　　", "Head: ________"),
    "template.sign.contact": ("联系人：　　　　　　", "Contact: ________"),
    "template.sign.phone": ("电话：　　　　　　　　", "Phone: ________"),
    "template.sign.date": ("日期：　　　　年　　月　　日", "Date: ____-__-__"),
    "template.sign.gap": ("　　", "  "),
    "template.unit_title": ("{unit} · {title}", "{unit}: {title}"),
    "template.per_item_fill": ("{measure}，填次数", "{measure}: type how many"),
    "template.derived_fill": (
        "无需填写：按备注取其他单位的平均值（见说明）",
        "Nothing to fill in: the mean of other units' values (see the guide)",
    ),
    "template.fill": ("填写内容", "What to fill in"),
    "template.category": ("{text}\n{aside}", "{text}\n{aside}"),
    "template.unit_key_column": (
        "请在本单位名称下方的格中填写。右侧隐藏的一列是字段键，mypm 按它识别各行："
        "请勿修改，也不要删除或插入行。",
        "Fill in the cells under the unit's name. The hidden column to the right holds the "
        "field keys mypm finds rows by: do not edit it, and do not delete or insert rows.",
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
    "guide.unit_how.fill": (
        "在“填报”表最右侧、本单位名称下方的一列逐项填写数值；每行写明考核项目、考核指标、分值、"
        "考核组织、结果认定和填写内容。",
        "Fill in the values in the column at the right of the Entry sheet, under the unit's "
        "name; each row gives the category, indicator, points, certifier, criterion and what to "
        "fill in.",
    ),
    "guide.unit_how.cells": (
        "只有这一列带边框的白色单元格可以填写：工作表已保护（无密码，审阅 › 撤销工作表保护），"
        "以免误删表头、单位名称或隐藏的字段键列；请勿删除或插入行。",
        "Only the bordered white cells of that column can be changed: the sheet is "
        "protected without a password (Review > Unprotect Sheet) so that headers, the unit's "
        "name and the hidden key column are not deleted by accident; do not delete or insert "
        "rows.",
    ),
    "guide.by": ("（{date}前）", "by {date}"),
    "guide.local_heading": ("（适用于整套规则）", " (for the whole rule set)"),
    "guide.derived_heading": (
        "派生规则（指南备注）：以下单位的填报值由其他单位的值代替，无需填写",
        "Derived values (the guide's note): these units' values are replaced by other units' "
        "values and need not be filled in",
    ),
    "guide.document": ("文号：{document}（{issuer}）", "Document: {document} ({issuer})"),
    "guide.deadline": (
        "自查截止日期：{date}",
        "Self-check deadline: {date}",
    ),
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
    "prov.rules_id": HEADINGS["rules_id"],
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
    "template.unknown_certifier": (
        "没有考核组织“{certifier}”；可用：{known}",
        "no certifier '{certifier}'; known: {known}",
    ),
    "template.unknown_certifier_close": (
        "没有考核组织“{certifier}”，是否指“{close}”？可用：{known}",
        "no certifier '{certifier}'; did you mean '{close}'? known: {known}",
    ),
    "template.certifier": ("{id}（{name}）", "{id} ({name})"),
    "template.certifier_no_fields": (
        "考核组织“{certifier}”在 {kind} 规则中没有要认定的字段，其填报表将是空的；"
        "有字段的考核组织：{known}",
        "certifier '{certifier}' certifies no field of the {kind} rules, so its workbook would "
        "be empty; certifiers with fields: {known}",
    ),
    "problems.title": ("问题清单", "List of problems"),
    "problems.general": ("其他", "Other"),
    "problems.none": ("本次没有发现问题。", "No problems were found."),
    "problems.general_title": ("不属于某一文件的问题", "Problems not in one file"),
    "problems.file": ("问题清单：{file}", "Problems: {file}"),
    "problems.sheet": ("工作表", "Sheet"),
    "problems.cell": ("单元格", "Cell"),
    "problems.problem": ("问题", "Problem"),
    "problems.certifier": ("考核组织", "Certifier"),
    "problems.advice": ("怎么办", "What to do"),
}
