"""click's own words (usage, help headings, usage errors) in Chinese, through gettext.

click passes every text of its own through `gettext`; mypm's Chinese for them is `CLICK_ZH`
below, compiled into `locale/zh/LC_MESSAGES/mypm-click.mo` (`python -m mypm.text.clickzh` writes it
again; a test checks that it matches). The texts of mypm's own commands and options are
translated by `help_text`.
"""

from __future__ import annotations

import gettext
import os
import struct
from pathlib import Path

DOMAIN = "mypm-click"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
MO_FILE = LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo"

# msgid → msgstr; a plural msgid is "singular\0plural" (Chinese has one form)
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "可运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?\0(Did you mean one of: {possibilities}?)": (
        "是否应为 {possibility}？"
    ),
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.\0Option {name!r} requires {nargs} arguments.": (
        "选项 {name!r} 需要一个值。"
    ),
    "Got unexpected extra argument ({args})\0Got unexpected extra arguments ({args})": (
        "多余的参数（{args}）"
    ),
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not {choice}.\0{value!r} is not one of {choices}.": (
        "{value!r} 不是可选值之一：{choices}。"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止！",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
}


# mypm's own help texts, by their English text
HELP_ZH: dict[str, str] = {
    "Show the version and exit.": "显示版本号并退出。",
    "Read trusted inputs of up to 100,000 units: lift the per-run limits "
    "(100,000 cells, 48 MB) to 5,000,000 cells and 2 GB.": (
        "读取可信的大批输入（最多 100,000 个单位）：把每次运行的读取上限"
        "（100,000 个单元格、48 MB）放宽到 5,000,000 个单元格、2 GB。"
    ),
    "Write a blank entry workbook for one rule set (or one certifier's share of it), or one\n"
    "per unit or per certifier.": (
        "为一套规则（或其中一个考核组织负责的部分）生成空白填报工作簿，或每个单位、每个考核组织各一份。"
    ),
    "One workbook per unit, holding only that unit's row (into the folder -o names).": (
        "每个单位一份工作簿，只含该单位的一行（写入 -o 指定的文件夹）。"
    ),
    "One workbook per certifier (with --per-unit: per unit and certifier).": (
        "每个考核组织一份工作簿（与 --per-unit 同用时：每个单位、每个考核组织各一份）。"
    ),
    "Output file (default: <kind>-填报[-certifier].xlsx or <kind>-自查表.xlsx here); with "
    "--per-unit or --by-certifier, the folder (default: <kind>-填报表).": (
        "输出文件（默认：当前文件夹中的 <kind>-填报[-考核组织].xlsx 或 <kind>-自查表.xlsx）；"
        "用 --per-unit 或 --by-certifier 时为文件夹（默认：<kind>-填报表）。"
    ),
    "Paper the entry sheet is laid out for (landscape).": "填报表按此纸张横向排版。",
    "Show which workbooks have come back: units × certifiers, conflicts, unreadable files, and\n"
    "what each certifier still owes. Exits 0 only when everything has arrived and agrees.": (
        "显示哪些工作簿已交回：单位×考核组织矩阵、冲突、无法读取的文件，以及各考核组织还欠什么。"
        "只有全部交齐且一致时才以 0 退出。"
    ),
    "Also write the matrix and one sheet per certifier to this .xlsx workbook.": (
        "另把矩阵和每个考核组织一张表写入此 .xlsx 工作簿。"
    ),
    "A's rule file or folder (e.g. last year's), instead of the bundled rules.": (
        "A 一方的规则文件或文件夹（如去年的），代替内置规则。"
    ),
    "B's rule file or folder, instead of the bundled rules.": (
        "B 一方的规则文件或文件夹，代替内置规则。"
    ),
    "Write the results as web pages: ranking, each unit's feedback sheet, analysis, rubric.": (
        "把评分结果写成网页：排名、各单位反馈单、失分分析、考核细则。"
    ),
    "A self-check form (自查表): units assess themselves on every field; score reads it only "
    "on its own.": "生成自查表：各单位对每个字段自评；score 只单独读取自查表。",
    "Compare two scorings: self-check against certified, last year against this year, or\n"
    "before against after a correction. A and B are each a folder or file of input workbooks,\n"
    "a scored workbook, or the JSON of `mypm score --format json`.": (
        "比较两次评分：自查与核定、去年与今年，或更正前与更正后。A 和 B 各是填报工作簿的"
        "文件夹或文件、评分结果工作簿，或 `mypm score --format json` 输出的 JSON。"
    ),
    "Only what may be published: no unit pages, file names, cells, hashes or inputs.": (
        "只含可以公开的内容：不含单位页、文件名、单元格、哈希值和填报值。"
    ),
    "Output file (default: <kind>-填报[-certifier].xlsx or <kind>-自查表.xlsx here).": (
        "输出文件（默认：当前文件夹中的 <kind>-填报[-考核组织].xlsx 或 <kind>-自查表.xlsx）。"
    ),
    "Output folder (default: <first input>-publish, or -public, beside it).": (
        "输出文件夹（默认：第一个输入旁的 <输入>-publish 或 -public）。"
    ),
    "Rule set kind, for input workbooks that do not say (county, department).": (
        "规则类别，供未注明的填报工作簿使用（county 等）。"
    ),
    "Score blank required inputs as 0 on a side of input workbooks.": (
        "填报工作簿一方的必填项空白时按 0 分计。"
    ),
    "The date by which units return their feedback sheet, e.g. 2014-02-10.": (
        "各单位交回反馈单的截止日期，如 2014-02-10。"
    ),
    "Write the comparison to an .xlsx workbook or a .json file.": (
        "把比较结果写入 .xlsx 工作簿或 .json 文件。"
    ),
    "json: the comparison as JSON on standard output (default: from -o, else text).": (
        "json：在标准输出输出 JSON（默认按 -o，否则为文本）。"
    ),
    "Score the Mianyang livelihood-projects performance assessment (绵阳市民生工程绩效考核).": (
        "绵阳市民生工程绩效考核评分。"
    ),
    "Language of messages and labels (default: from LANG, else zh).": (
        "提示和标签的语言（默认按 LANG 环境变量，否则为中文 zh）。"
    ),
    "Check rule files and run their test cases (default ./rules, else the bundled rules).": (
        "检查规则文件并运行其中的用例（默认 ./rules，否则用内置规则）。"
    ),
    "Show each rule set as a tree of categories and fields.": (
        "把每套规则显示为考核项目和字段的树。"
    ),
    "Do not run the rule files' own test cases.": "不运行规则文件中的用例。",
    "Print the JSON Schema of the rule-file format (for editors).": (
        "输出规则文件格式的 JSON Schema（供编辑器使用）。"
    ),
    "Write a blank entry workbook for one rule set (or one certifier's share of it).": (
        "为一套规则（或其中一个考核组织负责的部分）生成空白填报工作簿。"
    ),
    "Which rule set: county or department.": (
        "哪一套规则：county（县市区）或 department（市级部门）。"
    ),
    "A rule file or folder instead of the bundled rules.": "用此规则文件或文件夹代替内置规则。",
    "Unit list: .txt (a name a line), .csv or .xlsx with 单位/分组 columns.": (
        "单位名单：.txt（每行一个名称），或带“单位/分组”列的 .csv、.xlsx。"
    ),
    "Only the fields this certifier certifies (e.g. finance).": (
        "只包含此考核组织认定的字段（如 finance）。"
    ),
    "Output file (default: <kind>-填报[-certifier].xlsx here).": (
        "输出文件（默认：当前文件夹中的 <kind>-填报[-考核组织].xlsx）。"
    ),
    "Overwrite an existing output file.": "覆盖已存在的输出文件。",
    "Overwrite existing output files.": "覆盖已存在的输出文件。",
    "Rule set kind, when the workbook does not say (county, department).": (
        "规则类别，工作簿中未注明时使用（county、department）。"
    ),
    "The office's unit list, replacing the rule set's (as for template).": (
        "本单位的单位名单，代替规则中的名单（与 template 相同）。"
    ),
    "Score blank required inputs as 0 (each is listed in the issues).": (
        "必填项空白时按 0 分计（每一处都列入问题清单）。"
    ),
    "Also write the list of problems (or, when scoring succeeds, of warnings) as a workbook, "
    "one sheet per input file; written even when scoring fails.": (
        "另把问题清单（评分成功时为警告清单）写成工作簿，每个输入文件一张表；评分失败时也写出。"
    ),
    "Output file (xlsx default: <first input>-scored.xlsx beside it; json/csv default: "
    "standard output).": (
        "输出文件（xlsx 默认：第一个输入旁的 <输入>-scored.xlsx，文件夹则在其旁边；"
        "json/csv 默认：标准输出）。"
    ),
    "Output format (default: from -o's extension, else xlsx).": (
        "输出格式（默认按 -o 的扩展名，否则为 xlsx）。"
    ),
    "Treat every warning as an error.": "把每条警告都当作错误。",
    "Print nothing but errors.": "只输出错误。",
    "Merge filled workbooks, score and rank the units, and write the scored results.": (
        "合并填好的工作簿，评分、排名，并写出评分结果。"
    ),
    "The unit to explain, e.g. 涪城区.": "要说明的单位，如 涪城区。",
    "A tree on the terminal, or the same tree as JSON.": "在终端显示为树，或输出同样内容的 JSON。",
    "Show how one unit's score is made, where it lost points, and what it takes to move up.": (
        "说明一个单位的得分由来、失分之处，以及要提升名次或等次还差什么。"
    ),
    "Lines on the terminal, or the same differences as JSON.": (
        "在终端逐行显示，或输出同样内容的 JSON。"
    ),
    "Show what changed from one rule file to another (e.g. last year's guide to this year's).": (
        "显示两个规则文件之间的变化（如去年的指南与今年的）。"
    ),
}


def help_text(text: str | None, lang: str) -> str:
    """A help text of mypm's in `lang` (the English text when there is no translation)."""
    if not text:
        return ""
    return HELP_ZH.get(text, text) if lang == "zh" else text


def mo_bytes(catalogue: dict[str, str]) -> bytes:
    """A GNU .mo file (little-endian, no hash table) holding `catalogue`."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
    entries = sorted({"": header, **catalogue}.items())
    ids = [key.encode("utf-8") for key, _ in entries]
    strs = [value.encode("utf-8") for _, value in entries]
    count = len(entries)
    start = 7 * 4 + 16 * count  # after the header and the two tables
    data = b""
    id_table, str_table = [], []
    for text in ids:
        id_table.append((len(text), start + len(data)))
        data += text + b"\0"
    for text in strs:
        str_table.append((len(text), start + len(data)))
        data += text + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in [*id_table, *str_table])
    return head + tables + data


def use_language(lang: str) -> None:
    """Make click speak `lang` (zh or en) from now on."""
    # gettext chooses the catalogue by LANGUAGE; it is consulted by gettext alone
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


if __name__ == "__main__":
    MO_FILE.write_bytes(mo_bytes(CLICK_ZH))
