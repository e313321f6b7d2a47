"""click's own frame around the help texts."""

MESSAGES: dict[str, tuple[str, str]] = {
    "click.usage": ("用法：", "Usage: "),
    "click.heading": ("{heading}：", "{heading}:"),
    "help.cli": (
        "绵阳市民生工程绩效考核评分。",
        ("Score the Mianyang livelihood-projects performance assessment (绵阳市民生工程绩效考核)."),
    ),
    "help.validate": (
        "检查规则文件并运行其中的用例（默认 ./rules，否则用内置规则）。",
        "Check rule files and run their test cases (default ./rules, else the bundled rules).",
    ),
    "help.schema": (
        "输出规则文件格式的 JSON Schema（供编辑器使用）。",
        "Print the JSON Schema of the rule-file format (for editors).",
    ),
    "help.template": (
        (
            "为一套规则（或其中一个考核组织负责的部分）生成空白填报工作簿，或每个单位、"
            "每个考核组织各一份。"
        ),
        (
            "Write a blank entry workbook for one rule set (or one certifier's share of it), or "
            "one\n"
            "per unit or per certifier."
        ),
    ),
    "help.score": (
        "合并填好的工作簿，评分、排名，并写出评分结果。",
        "Merge filled workbooks, score and rank the units, and write the scored results.",
    ),
    "help.explain": (
        "说明一个单位的得分由来、失分之处，以及要提升名次或等次还差什么。",
        ("Show how one unit's score is made, where it lost points, and what it takes to move up."),
    ),
    "help.diff": (
        "显示两个规则文件之间的变化（如去年的指南与今年的）。",
        (
            "Show what changed from one rule file to another (e.g. last year's guide to this "
            "year's)."
        ),
    ),
    "help.publish": (
        "把评分结果写成网页：排名、各单位反馈单、失分分析、考核细则。",
        ("Write the results as web pages: ranking, each unit's feedback sheet, analysis, rubric."),
    ),
    "help.compare": (
        (
            "比较两次评分：自查与核定、去年与今年，或更正前与更正后。A 和 B "
            "各是填报工作簿的文件夹或文件、评分结果工作簿，或 `mypm score --format json` 输出的 "
            "JSON，或考核季文件夹。在考核季中只给 A 时，与本考核季比较（B 为本季当前收回的文件）。"
        ),
        (
            "Compare two scorings: self-check against certified, last year against this year, "
            "or\n"
            "before against after a correction. A and B are each a folder or file of input "
            "workbooks,\n"
            "a scored workbook, the JSON of `mypm score --format json`, or a season folder. "
            "Inside a\n"
            "season, A alone is compared with this season (its current returned files)."
        ),
    ),
    "help.status": (
        (
            "显示哪些工作簿已交回：单位×考核组织矩阵、冲突、无法读取的文件，"
            "以及各考核组织还欠什么。只有全部交齐且一致时才以 0 退出。"
        ),
        (
            "Show which workbooks have come back: units × certifiers, conflicts, unreadable "
            "files, and\n"
            "what each certifier still owes. Exits 0 only when everything has arrived and agrees."
        ),
    ),
    "help.kind": (
        "规则类别，工作簿中未注明时使用（county、department）。",
        "Rule set kind, when the workbook does not say (county, department).",
    ),
    "help.rules": (
        "用此规则文件或文件夹代替内置规则。",
        "A rule file or folder instead of the bundled rules.",
    ),
    "help.units": (
        "本单位的单位名单，代替规则中的名单（与 template 相同）。",
        "The office's unit list, replacing the rule set's (as for template).",
    ),
    "help.allow_missing": (
        "必填项空白时按 0 分计（每一处都列入问题清单）。",
        "Score blank required inputs as 0 (each is listed in the issues).",
    ),
    "help.problems": (
        ("另把问题清单（评分成功时为警告清单）写成工作簿，每个输入文件一张表；评分失败时也写出。"),
        (
            "Also write the list of problems (or, when scoring succeeds, of warnings) as a "
            "workbook, one sheet per input file; written even when scoring fails."
        ),
    ),
    "help.force_all": ("覆盖已存在的输出文件。", "Overwrite existing output files."),
    "help.score.output": (
        (
            "输出文件（xlsx 默认：第一个输入旁的 <输入>-scored.xlsx，文件夹则在其旁边；json/csv "
            "默认：标准输出）。"
        ),
        (
            "Output file (xlsx default: <first input>-scored.xlsx beside it; json/csv default: "
            "standard output)."
        ),
    ),
    "help.score.format": (
        "输出格式（默认按 -o 的扩展名，否则为 xlsx）。",
        "Output format (default: from -o's extension, else xlsx).",
    ),
    "help.strict": ("把每条警告都当作错误。", "Treat every warning as an error."),
    "help.quiet": ("只输出错误。", "Print nothing but errors."),
    "help.lang": (
        "提示和标签的语言（默认按 LANG 环境变量，否则为中文 zh）。",
        "Language of messages and labels (default: from LANG, else zh).",
    ),
    "help.version": ("显示版本号并退出。", "Show the version and exit."),
    "help.large": (
        (
            "读取可信的大批输入（最多 100,000 个单位）：把每次运行的读取上限（100,000 个单元格、"
            "48 MB）放宽到 5,000,000 个单元格、2 GB。"
        ),
        (
            "Read trusted inputs of up to 100,000 units: lift the per-run limits (100,000 cells, "
            "48 MB) to 5,000,000 cells and 2 GB."
        ),
    ),
    "help.validate.tree": (
        "把每套规则显示为考核项目和字段的树。",
        "Show each rule set as a tree of categories and fields.",
    ),
    "help.validate.no_tests": (
        "不运行规则文件中的用例。",
        "Do not run the rule files' own test cases.",
    ),
    "help.template.kind": (
        "哪一套规则：county（县市区）或 department（市级部门）。",
        "Which rule set: county or department.",
    ),
    "help.template.units": (
        "单位名单：.txt（每行一个名称），或带“单位/分组”列的 .csv、.xlsx。",
        "Unit list: .txt (a name a line), .csv or .xlsx with 单位/分组 columns.",
    ),
    "help.template.certifier": (
        "只包含此考核组织认定的字段（如 finance）。",
        "Only the fields this certifier certifies (e.g. finance).",
    ),
    "help.template.self_check": (
        "生成自查表：各单位对每个字段自评；score 只单独读取自查表。",
        (
            "A self-check form (自查表): units assess themselves on every field; score reads it "
            "only on its own."
        ),
    ),
    "help.template.per_unit": (
        "每个单位一份工作簿，为该单位排版：纵向 A4，指标自上而下逐行填写（写入 -o 指定的文件夹）。",
        "One workbook per unit, laid out for it: A4 portrait, a row a field down the page "
        "(into the folder -o names).",
    ),
    "help.template.by_certifier": (
        "每个考核组织一份工作簿（与 --per-unit 同用时：每个单位、每个考核组织各一份）。",
        "One workbook per certifier (with --per-unit: per unit and certifier).",
    ),
    "help.template.output": (
        (
            "输出文件（默认：当前文件夹中的 <kind>-填报[-考核组织].xlsx 或 <kind>-自查表.xlsx）；"
            "用 --per-unit 或 --by-certifier 时为文件夹（默认：<kind>-填报表）。"
        ),
        (
            "Output file (default: <kind>-填报[-certifier].xlsx or <kind>-自查表.xlsx here); "
            "with --per-unit or --by-certifier, the folder (default: <kind>-填报表)."
        ),
    ),
    "help.template.paper": (
        "填报表按此纸张横向排版。",
        "Paper the entry sheet is laid out for (landscape).",
    ),
    "help.force": ("覆盖已存在的输出文件。", "Overwrite an existing output file."),
    "help.explain.unit": ("要说明的单位，如 涪城区。", "The unit to explain, e.g. 涪城区."),
    "help.explain.format": (
        "在终端显示为树，或输出同样内容的 JSON。",
        "A tree on the terminal, or the same tree as JSON.",
    ),
    "help.diff.format": (
        "在终端逐行显示，或输出同样内容的 JSON。",
        "Lines on the terminal, or the same differences as JSON.",
    ),
    "help.publish.output": (
        "输出文件夹（默认：第一个输入旁的 <输入>-publish 或 -public）。",
        "Output folder (default: <first input>-publish, or -public, beside it).",
    ),
    "help.publish.public": (
        "只含可以公开的内容：不含单位页、文件名、单元格、哈希值和填报值。",
        "Only what may be published: no unit pages, file names, cells, hashes or inputs.",
    ),
    "help.publish.deadline": (
        "各单位交回反馈单的截止日期，如 2014-02-10。",
        "The date by which units return their feedback sheet, e.g. 2014-02-10.",
    ),
    "help.compare.rules_a": (
        "A 一方的规则文件或文件夹（如去年的），代替内置规则。",
        "A's rule file or folder (e.g. last year's), instead of the bundled rules.",
    ),
    "help.compare.rules_b": (
        "B 一方的规则文件或文件夹，代替内置规则。",
        "B's rule file or folder, instead of the bundled rules.",
    ),
    "help.compare.kind": (
        "规则类别，供未注明的填报工作簿使用（county 等）。",
        "Rule set kind, for input workbooks that do not say (county, department).",
    ),
    "help.compare.allow_missing": (
        "填报工作簿一方的必填项空白时按 0 分计。",
        "Score blank required inputs as 0 on a side of input workbooks.",
    ),
    "help.compare.output": (
        "把比较结果写入 .xlsx 工作簿或 .json 文件。",
        "Write the comparison to an .xlsx workbook or a .json file.",
    ),
    "help.compare.format": (
        "json：在标准输出输出 JSON（默认按 -o，否则为文本）。",
        "json: the comparison as JSON on standard output (default: from -o, else text).",
    ),
    "help.status.output": (
        "另把矩阵和每个考核组织一张表写入此 .xlsx 工作簿。",
        "Also write the matrix and one sheet per certifier to this .xlsx workbook.",
    ),
}
