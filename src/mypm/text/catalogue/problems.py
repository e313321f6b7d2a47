"""Problems with what mypm reads and writes (rule choice, unit lists, input files,
cells, rows, missing values, output files), and how a problem is said."""

MESSAGES: dict[str, tuple[str, str]] = {
    "score.self_check_mixed": (
        "这是自查表（单位自评），不能与核定数据一起计分：自查值既不填补核定空白，也不与核定值比对冲突。"
        "请单独对自查表计分，或用 mypm compare 比较自查与核定",
        "this is a self-check form (the unit's own claims) and cannot be scored with certified "
        "data: claims never fill a certified blank. Score the self-check forms on their own, or "
        "compare them with mypm compare",
    ),
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
        "无法从扩展名“{suffix}”判断输出格式；此处请用 {choices}",
        "cannot tell the output format from the extension '{suffix}'; use {choices} here",
    ),
    "output.format_unknown_or_name": (
        "无法从扩展名“{suffix}”判断输出格式；请用 {choices}，或加 --format",
        "cannot tell the output format from the extension '{suffix}'; use {choices}, or give "
        "--format",
    ),
    "output.format_disagree": (
        "文件扩展名与 --format {fmt} 不符；请改扩展名，或去掉 --format 按扩展名输出",
        "the extension does not match --format {fmt}; change the extension, or drop --format "
        "to write what the extension says",
    ),
    "output.twice": (
        "两个输出是同一个文件（如 -o 与 --problems）；请为每个输出指定不同的文件",
        "two outputs name the same file (-o and --problems, say); give each its own file",
    ),
    "output.needs_file": (
        "--format {fmt} 写出文件，请用 -o 指定文件",
        "--format {fmt} writes a file: name it with -o",
    ),
    "output.format_choice": (
        "输出格式须为 {choices} 之一，不能是“{fmt}”",
        "the output format must be one of {choices}, not '{fmt}'",
    ),
    "output.written": ("已写出 {path}", "wrote {path}"),
    "output.folder_not_ours": (
        "输出文件夹 {folder} 中有不是 mypm publish 写出的文件，整个文件夹不会被替换；"
        "请用 -o 指定新的文件夹",
        "the output folder {folder} holds files mypm publish did not write, so it is not "
        "replaced; choose a new folder with -o",
    ),
    "timezone.unknown": (
        "不认识的时区“{name}”；请填 IANA 时区名，如 Asia/Shanghai",
        "unknown time zone '{name}'; use an IANA name such as Asia/Shanghai",
    ),
    "units.encoding": (
        "无法识别文本编码，请另存为 UTF-8",
        "cannot tell the text encoding; save the file as UTF-8",
    ),
    "units.no_column": (
        "找不到“单位”列（表头须有“单位”或“unit”）",
        "no unit column (the header needs 单位 or unit)",
    ),
    "units.empty": ("单位清单为空", "the unit list is empty"),
    "units.spellings": (
        "“{first}”与“{name}”只差全角/半角字符或空格，mypm 会当作同一单位；"
        "请把名单中的两处写成同一写法，或改成确实不同的两个名称",
        "'{first}' and '{name}' differ only in full-width/half-width characters or spaces, which "
        "mypm takes as one unit: spell them the same in the list, or give them names that differ",
    ),
    "input.unreadable": ("无法读取：{error}", "cannot read: {error}"),
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
        "{value} 大于 0、不超过 1，单元格又不是百分比格式，无法判断是 {value}% 还是 {hundred}%",
        "{value} is above 0 and at most 1 in a cell without percent format: it could mean "
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
        "本次读取的各部分解压后合计超过 {limit} MB（同一部分每读一次计一次），不予读取；请分批处理",
        "the parts read in this run inflate to more than {limit} MB together (a part read twice "
        "counts twice); not read. Process the files in smaller batches",
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
    # --- read layer: damage Excel would not write, refused where it is (issue 27) ---
    "input.budget_elements": (
        "本次读取的 XML 元素超过 {limit} 个（一次运行的上限），已停止读取；请分批处理",
        "more than {limit} XML elements parsed in this run (the limit for one run); reading "
        "stopped. Process the files in smaller batches",
    ),
    "input.duplicate_member": (
        "压缩包中有两个同名的部分 {part}，文件已损坏，不知该读哪一个",
        "the zip holds two entries named {part}: the file is damaged, and which one to read "
        "cannot be told",
    ),
    "input.row_twice": (
        "第 {row} 行在工作表中出现了两次，文件已损坏，不知该读哪一行",
        "row {row} is given twice in the sheet: the file is damaged, and which one to read "
        "cannot be told",
    ),
    "input.cell_twice": (
        "该单元格在工作表中出现了两次，文件已损坏，不知该读哪一个",
        "this cell is given twice in the sheet: the file is damaged, and which one to read "
        "cannot be told",
    ),
    "input.cell_outside_row": (
        "第 {row} 行中有一个单元格写作 {ref}，不在该行，文件已损坏",
        "a cell of row {row} is given as {ref}, outside that row: the file is damaged",
    ),
    "input.bad_number": (
        "单元格存的“{text}”不是 Excel 写数字的方式（含分隔符或非 ASCII 数字），文件已损坏",
        "the cell holds '{text}', which is not how Excel writes a number (a digit separator or "
        "digits other than 0 to 9): the file is damaged",
    ),
    "input.no_styles": (
        "工作簿缺少样式部分 {part}，看不出哪些单元格是百分比或日期格式，文件已损坏",
        "the workbook lacks its styles part {part}, so which cells show a percentage or a date "
        "cannot be told: the file is damaged",
    ),
    "input.damaged_advice": (
        "请在 Excel 或 WPS 中打开，核对该处的值后另存为 .xlsx",
        "open it in Excel or WPS, check the value there and save it as .xlsx again",
    ),
    "value.percent_format": (
        "单元格是百分比格式，显示为 {shown}%，但此处不是百分比（存的数是 {value}）",
        "the cell has percent format and shows {shown}%, but this field is not a percentage "
        "(it holds {value})",
    ),
    "value.percent_format_advice": (
        "把单元格格式改为“常规”，再填写数值（如指 {shown}，请填 {shown}）",
        "set the cell's format to General and type the number ({shown} for {shown})",
    ),
    # --- end of the read layer's block ---
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
    # one unit's form, its fields down the page and their keys in a hidden column
    "read.duplicate_row": (
        "字段键“{key}”出现两次（已在 {first}）",
        "field key '{key}' appears twice (first at {first})",
    ),
    "read.duplicate_row_advice": (
        "删去多余的一行，只留一行填报",
        "delete the extra row, so that one row holds the value",
    ),
    "read.unknown_row_key": (
        "字段键“{key}”不在规则中，这一行没有读取",
        "field key '{key}' is not in the rules, so this row was not read",
    ),
    "read.unknown_row_key_close": (
        "字段键“{key}”不在规则中，这一行没有读取（是否应为“{close}”？）",
        "field key '{key}' is not in the rules, so this row was not read (did you mean '{close}'?)",
    ),
    "read.unknown_row_key_advice": (
        "把隐藏列中的字段键改回 mypm template 生成时的样子，或重新生成本单位的填报表后再填写",
        "restore the key in the hidden column as mypm template wrote it, or make this unit's "
        "form again and fill that in",
    ),
    "read.off_form": (
        "这里填了数值，但这一行没有字段键，不是填报行；数值没有读取",
        "a value was typed here, but this row has no field key, so it is not an entry row; "
        "the value was not read",
    ),
    "read.off_form_advice": (
        "把数值填到对应指标所在行的“填报”列，并清空这里",
        "type the value in the Entry column of its indicator's row, and clear this cell",
    ),
    "read.row_missing": (
        "字段键为“{key}”的填报行不见了（应在第 {row} 行附近），该指标没有读取",
        "the entry row of field key '{key}' is gone (it belongs near row {row}), so the field "
        "was not read",
    ),
    "read.row_missing_advice": (
        "不要删除填报表中的行：从原表中把这一行复制回来，或用 mypm template 重新生成本单位的填报表",
        "do not delete rows of the form: copy the row back from the original, or make this "
        "unit's form again with mypm template",
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
    "merge.conflict_claim": (
        "按规则此项以“{higher}”核定的值为准，{claim} 中只是单位的自查值：请向“{higher}”核实，"
        "在其填报表中填写核定值，并改正或清空 {other} 中的值",
        "the rules have {higher} certify what {claim} claims, so the certified value counts: "
        "ask {higher} for it in their form, and correct or clear the value in {other}",
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
    "engine.missing_row": (
        "有“{field}”（{key}）这一列的文件中没有 {units} 的行（{count} 个单位缺此值）",
        "the files with a column for '{field}' ({key}) have no row for {units} ({count} "
        "unit{s} lacking it)",
    ),
    "engine.missing_row_advice": (
        "请核对这些文件中的单位名称是否写错（见“不在单位名单中”的问题），或向“{certifier}”"
        "索取这些单位的行",
        "check the unit names in those files (see the 'not in the unit list' problems), or ask "
        "{certifier} for these units' rows",
    ),
    "engine.missing_column_advice": (
        "请向“{certifier}”索取其填报工作簿，一并评分",
        "ask {certifier} for their workbook and score it with the others",
    ),
    "engine.missing_zero": (
        "未填写，按 0 分计（--allow-missing）",
        "blank, scored 0 (--allow-missing)",
    ),
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
    "engine.mean_all": (
        "均值({count} 个被考核单位) = {mean}",
        "mean({count} assessed unit{s}) = {mean}",
    ),
    "engine.derived_replaced": (
        "填写的 {typed} 已按派生规则替换为 {basis}",
        "the typed value {typed} was replaced by {basis}",
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
    "progress.read": ("读取填报行", "Reading rows"),
    "progress.write": ("写出评分结果", "Writing results"),
    "problem.where": ("{where}：{message}", "{where}: {message}"),
    "problem.location": ("{file} › {sheet} › {cell}", "{file} > {sheet} > {cell}"),
    "problem.unit": ("{unit} · {message}", "{unit}, {message}"),
    "problem.advice": ("{message}；{advice}", "{message}; {advice}"),
    "error.count": (
        "共 {count} 个问题，未写出任何文件。",
        "{count} problem{s}; nothing was written.",
    ),
    "error.count_after_outputs": (
        "共 {count} 个问题；此前已写出 {paths}，其余未写出。",
        "{count} problem{s}; {paths} had been written, nothing else was.",
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
