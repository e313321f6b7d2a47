"""Print setup shared by every sheet mypm writes: paper, margins, header and footer with page
numbers, borders, and row heights worked out from wrapped text so that no line is cut."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from typing import Any, Literal

from mypm.text.catalogue import t
from mypm.text.vocabulary import CLOSING_BRACKETS, OPENING_BRACKETS

Paper = Literal["a4", "a3"]

PAPER_SIZES = {"a4": 9, "a3": 8}  # the paperSize codes of Excel's page setup
# The usable width of a landscape page in column-width units: the paper less the margins
# (A4: 784 pt, A3: 1133 pt), at 7 pt a unit. A unit is the width of a digit of the default font:
# 5.25 pt in Excel with Calibri, but up to 7 pt where Calibri is missing and a wider font stands
# in (LibreOffice on Linux), so a band planned at 7 pt fits on the page everywhere.
LANDSCAPE_WIDTH = {"a4": 110, "a3": 160}
# The same for a portrait page (A4: 538 pt, A3: 784 pt): a narrow form prints upright.
PORTRAIT_WIDTH = {"a4": 76, "a3": 112}
POINTS_PER_UNIT = 5.25  # Excel's unit, for text widths: narrower makes more lines, never too few
MARGIN_INCHES = {
    "left": 0.4,
    "right": 0.4,
    "top": 0.75,
    "bottom": 0.6,
    "header": 0.3,
    "footer": 0.25,
}
BODY_SIZE = 10  # points; sheets print at 100 %, so what is set here is what is printed
SMALL_SIZE = 9  # the smallest text on paper
TITLE_SIZE = 14


def page_numbers() -> str:
    """The footer's "第 &P 页 共 &N 页", which Excel fills in page by page."""
    return t("page.number", page="&P", pages="&N")


# How wide a character prints, in ems of its font. Measured against both programs that print
# these sheets: Excel (Calibri, a column unit 5.25 pt at 96 dpi: a digit 0.51 em, a space or a
# full stop 0.25 em, a CJK character one em from the fallback font) and LibreOffice without Calibri
# (DejaVu Sans and Noto Sans CJK, a column unit 7 pt: a digit 0.64 em, a CJK character one em,
# 1.43 units where Excel takes 1.9). A character of ambiguous width (→ × − ›) is taken as wide as
# a CJK one, which it is in a Chinese font; the estimate is made for the narrower program.
NARROW = frozenset(" .,:;'|!()[]ijlI")
NARROW_EMS, LATIN_EMS = 0.35, 0.6


def _ems(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    return NARROW_EMS if ch in NARROW else LATIN_EMS


def text_width(text: str, size: float = BODY_SIZE) -> float:
    """How wide `text` prints at `size` points, in column-width units (a CJK character at 10 pt
    is 1.9 units, a Latin letter or digit 1.1, a space or full stop 0.7)."""
    return sum(map(_ems, text)) * size / POINTS_PER_UNIT


@functools.lru_cache(maxsize=65_536)  # 明细 repeats the same labels and workings unit after unit
def lines_needed(text: str, width: float, size: float = BODY_SIZE) -> int:
    """How many lines `text` takes when wrapped in a column `width` units wide: Excel's column
    is its width in digits and 5 pixels more, of which the cell's margins take about 4."""
    usable = max(width - 0.5, 1.0)
    return sum(max(1, math.ceil(text_width(line, size) / usable)) for line in text.split("\n"))


def break_lines(parts: Sequence[str], width: float, size: float = BODY_SIZE, gap: str = "") -> str:
    """`parts` (words that must not be broken: a title's phrases, a signature block's labels
    with their blanks) packed into as few lines as fit a cell `width` units wide, `gap` between
    two parts on a line; a part too long for any line is left on a line of its own."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{gap}{part}" if lines else part
        if lines and lines_needed(joined, width, size) == 1:
            lines[-1] = joined
        else:
            lines.append(part)
    return "\n".join(lines)


def phrases(text: str) -> list[str]:
    """`text` cut where a line may break without breaking a word: before an opening bracket
    and after a closing one or a space, outside any bracket (a title such as
    `市总工会 · …办法（试行）工作指南（县市区、园区）填报表`)."""
    parts, depth = [""], 0
    for char in text:
        if char in OPENING_BRACKETS:
            if depth == 0 and parts[-1]:
                parts.append("")
            depth += 1
        parts[-1] += char
        if char in CLOSING_BRACKETS:
            depth = max(depth - 1, 0)
        if depth == 0 and (char in CLOSING_BRACKETS or char == " "):
            parts.append("")
    return [part for part in parts if part]


ONE_LINE = 15.0  # points: a row's height in a new sheet, which shows one line of body text
# The height of a page's rows in points: the paper's (A4 landscape 595 pt, A3 842 pt; upright the
# other side) less the top and bottom margins
PAPER_SIDES = {"a4": (595.28, 841.89), "a3": (841.89, 1190.55)}


def rows_height(paper: Paper, *, portrait: bool = False) -> float:
    """How tall the rows printed on one page may be, in points."""
    short, long = PAPER_SIDES[paper]
    return (long if portrait else short) - (MARGIN_INCHES["top"] + MARGIN_INCHES["bottom"]) * 72


def balanced_breaks(count: int, first_page: int) -> list[int]:
    """Where to break `count` rows that are all as tall (as the rows before which the break
    falls, from 0) so that every page carries about as many and none a lone row, when the
    first page holds `first_page` of them (the later ones at least as many): 15 rows at 10 a
    page are 8 + 7, not 10 + 5, nor 14 + 1 on pages without the title."""
    if count <= first_page or first_page < 1:
        return []
    per_page = math.ceil(count / math.ceil(count / first_page))
    return list(range(per_page, count, per_page))


def height_for(lines: int, size: float = BODY_SIZE) -> float:
    """A row height in points that shows `lines` lines of `size`-point text whole: a line of
    Noto Sans CJK is 1.45 times its size (Excel's CJK fonts take less), and 2 points for the
    cell's top and bottom."""
    return round(lines * size * 1.45 + 2, 1)


def row_height(cells: Sequence[tuple[str, float, float]], minimum: float = 0) -> float:
    """A row height in points tall enough for each (text, width, size) wrapped in its cell."""
    needed = [height_for(lines_needed(text, width, size), size) for text, width, size in cells]
    return max([minimum, *needed])


def fit_row(
    ws: Any, row: int, texts: Sequence[str], widths: Sequence[float], minimum: float = 0
) -> None:
    """Make `row` (from 0) of an XlsxWriter sheet tall enough for each of `texts`, body text
    wrapped in its column of `widths`: not every program works the height out on opening."""
    cells = [(text, width, BODY_SIZE) for text, width in zip(texts, widths, strict=True)]
    ws.set_row(row, row_height(cells, minimum))
