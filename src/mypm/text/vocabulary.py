"""The office's vocabulary: words that belong to its workbooks and files, whatever --lang says.

The answers a clerk may type in a yes/no cell, the names of the sheets and columns mypm writes
and reads back, the headings of a unit list, the default names of the forms mypm writes. The
message catalogue says the words that follow the language; where a workbook's words do (its
sheet names and column headings, Chinese or English), both are here, as (Chinese, English), and
the catalogue takes them from here, so that a reader finds a workbook written in either. This
module is the bottom layer: it imports nothing from mypm. It also holds the run's language, which
the catalogue's words and the sheet names follow: a context variable, so that each thread (or
task) has its own.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from typing import Literal

Lang = Literal["zh", "en"]

_language: ContextVar[Lang | None] = ContextVar("mypm_language", default=None)


def default_language() -> Lang:
    """English when the locale says English, else Chinese (Windows often sets no LANG at all)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def set_language(lang: Lang | None) -> None:
    """Use `lang`, or (None) the default from the environment, from now on (in this thread or
    task: each has its own language)."""
    _language.set(lang or default_language())


def language() -> Lang:
    return _language.get() or default_language()


# What a yes/no cell may hold (compared after NFKC and lower-casing)
YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "✔"})
NO = frozenset({"否", "无", "n", "no", "false", "0", "×", "✗", "✘", "x"})
# The answers a blank form offers in a yes/no cell's drop-down list; a yes/no input is written
# so in the 明细 sheet and in JSON, whatever the language (compare reads them back)
YES_NO_CHOICES = ("是", "否")
BLANK = "空"  # a blank input where the what-if JSON names it ("from")
# What a certified value did to a unit's claim, in JSON whatever the language
CERTIFIED_DOWN, CERTIFIED_UP = "核减", "核增"
# Between names in one cell or JSON value (市财政局核定、市民生办核定), whatever the language
NAMES_SEPARATOR = "、"


def office_text(value: str | bool) -> str:
    """An input as the office's workbooks and mypm's JSON hold it, whatever the language: a
    yes/no answer as 是 or 否, anything else as shown."""
    if isinstance(value, bool):
        return YES_NO_CHOICES[0] if value else YES_NO_CHOICES[1]
    return value


# The sheets mypm writes: (Chinese, English), as the run's language chooses
SHEETS: dict[str, tuple[str, str]] = {
    "entry": ("填报", "Entry"),
    "reference": ("参照单位", "Reference units"),
    "guide": ("说明", "Guide"),
    "summary": ("汇总", "Summary"),
    "chart": ("总分图", "Chart"),
    "details": ("明细", "Details"),
    "issues": ("问题", "Issues"),
    "rules": ("规则", "Rules"),
    "losses": ("失分分析", "Points lost"),
    "appeals": ("申诉", "Appeals"),
    "review": ("审核", "Review"),
}


def sheet_name(which: str) -> str:
    """A sheet mypm writes, named in the run's language (`entry` → 填报 / Entry)."""
    zh, en = SHEETS[which]
    return en if language() == "en" else zh


# The review form's columns, in order (the catalogue says them: review.column.<name>), and the
# decisions its decision column takes, each as (Chinese, English); either is read back
REVIEW_COLUMNS = ("unit", "field", "key", "claim", "cell", "evidence", "verdict", "value", "reason")
REVIEW_VERDICTS = {"accept": ("接受", "accept"), "correct": ("更正", "correct")}
REVIEW_FORM = "审核表"  # county-审核表-市民生办核定.xlsx

# The headings of a scored workbook that compare reads back (汇总, 明细 and 规则)
HEADINGS: dict[str, tuple[str, str]] = {
    "rank": ("名次", "Rank"),
    "unit": ("单位", "Unit"),
    "group": ("分组", "Group"),
    "total": ("总分", "Total"),
    "grade": ("等次", "Grade"),
    "key": ("字段键", "Field key"),  # an earlier mypm's column of 明细
    "item": ("考核指标", "Indicator"),
    "value": ("填报值", "Value"),
    "score": ("得分", "Score"),
    "source": ("来源", "Source"),
    "rules_id": ("规则集", "Rule set"),
    "self_check": ("自查表", "Self-check"),
    "yes": ("是", "yes"),  # the value beside self_check
    "ledger_head": ("考核季台账记录（哈希）", "Season ledger head (hash)"),
}

# What a Chinese keyboard may type into a rule file by mistake, which mypm names in its advice
FULL_WIDTH_COLON = "："
IDEOGRAPHIC_SPACE = "\u3000"
RULE_TEST_UNIT = "用例"  # the unit a rule file's one-unit test scores, as its messages name it

# The columns of a unit list (.csv, .xlsx), and the heading a .txt list (a name a line) is given
UNIT_HEADERS = ("单位", "unit", "单位名称", "name")
GROUP_HEADERS = ("分组", "group")

# Default names of the blank forms: county-填报.xlsx, county-自查表.xlsx, folder county-填报表
ENTRY_FORM = "填报"
SELF_CHECK_FORM = "自查表"
APPEALS_FORM = "申诉表"  # the season's appeals workbook: county-申诉表.xlsx
FORMS_FOLDER = "填报表"


# A unit list's column of former names (曾用名), several in a cell separated by one of these
FORMER_HEADERS = ("曾用名", "former", "former names")
FORMER_SEPARATORS = "、，,;；"

# The season folder (mypm.season): its folders, the office's name, the mark of a received
# file's name and the names of the results a run writes, whatever the language
SEASON_FORMS_FOLDER = "发出表格"  # the blank forms sent to the units and certifiers
SEASON_RETURNED_FOLDER = "收回文件"  # every file received, each version under its own name
SEASON_RESULTS_FOLDER = "评分结果"  # what score, status, explain and publish write
SEASON_RULES_FOLDER = "规则"  # the season's own copy of its rule file and unit list
SEASON_EVIDENCE_FOLDER = "佐证材料"  # evidence files: 佐证材料/<unit>/<field key>/<file>
OFFICE = "绵阳市民生工作办公室"
RECEIVED = "收到"  # county-填报-市财政局核定-收到20140115-093000.xlsx
RESULT_NAMES = {"score": "评分", "publish": "发布", "public": "公开"}


# Where a line of a title may break (`page.phrases`): before an opening bracket, after a
# closing one
OPENING_BRACKETS = "（("
CLOSING_BRACKETS = "）)"
