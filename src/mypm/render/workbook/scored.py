"""The scored workbook (SPEC §5.2): 汇总 and its chart, 明细, 失分分析, 问题, 规则, each laid out
for A4. Written with XlsxWriter in constant_memory mode, so memory stays flat however many units
there are; 明细 continues on 明细2, 明细3 … past Excel's row limit.

In constant_memory mode XlsxWriter streams each sheet's rows to a file of its own as they are
written, so a sheet's rows must come in order, top to bottom; sheets are written one after the
other in the workbook's order. Everything else (widths, panes, print setup, breaks, filters) is
kept until the workbook is closed, so it may be set once the rows are known.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from mypm.core.appeals import last_decided
from mypm.core.messages import Msg, number, short_number
from mypm.core.results import InputValue, Issue, Progress, Source
from mypm.core.rules import RuleSet
from mypm.core.rules.model import LocalChoice
from mypm.core.trace import ScoreReport
from mypm.core.values import looks_like_formula
from mypm.jobs.scoring import Scored
from mypm.read import layout as L
from mypm.render.appeals import appeal_row, unit_counts, unit_counts_text, when
from mypm.render.labels import (
    DetailLine,
    InputForm,
    attribute_label,
    cap_text,
    derived_text,
    detail_lines,
    grade_text,
    local_text,
    measure_text,
)
from mypm.render.workbook import page
from mypm.render.workbook.xlsx import (
    BORDER,
    FONT,
    HEADER,
    TITLE,
    Book,
    Props,
    set_up_page,
    set_width,
)
from mypm.text.catalogue import aside, language, place, say, t
from mypm.text.vocabulary import office_text

EXCEL_MAX_ROWS = 1_048_576
SURROGATE = re.compile("[\ud800-\udfff]")  # what is left of an undecodable file name
PROGRESS_EVERY = 500  # units
MAX_PAGE_BREAKS = 1_000  # Excel keeps at most 1,026 manual page breaks a sheet
GRADE_FILLS = ("#C6EFCE", "#DDEBF7", "#FFEB9C", "#FFC7CE", "#EDEDED")
GROUP_FILLS = ("#DDEBF7", "#E2EFDA", "#FCE4D6", "#FFF2CC", "#EDEDED")  # the table: light
GROUP_COLOURS = ("#4472C4", "#70AD47", "#ED7D31", "#BF9000", "#7F7F7F")  # the chart: the same, dark

# One format a kind of cell; a table cell has the body's font, a border, its text at the top.
TABLE: Props = {**FONT, **BORDER, "valign": "top"}
STYLES: dict[str, Props] = {
    "title": TITLE,
    "subtitle": FONT,
    "header": HEADER,
    "text": {**TABLE, "text_wrap": True},
    "bold": {**TABLE, "text_wrap": True, "bold": True},
    "heading": {**TABLE, "bold": True, "bg_color": HEADER["bg_color"]},  # 明细: a unit's line
    "heading_wrap": {**TABLE, "bold": True, "bg_color": HEADER["bg_color"], "text_wrap": True},
    "heading_file": {**TABLE, "bold": True, "bg_color": HEADER["bg_color"], "align": "right"},
    "center": {**TABLE, "align": "center"},
    "score": {**TABLE, "num_format": L.SCORE_FORMAT, "align": "right"},
    "count": {**TABLE, "num_format": "0", "align": "right"},
    "decimal": {**TABLE, "align": "right"},  # General: every digit as typed
    "percent": {**TABLE, "num_format": "0.0#%", "align": "right"},
}
TABLE_STYLES = frozenset(name for name, props in STYLES.items() if props.get("border"))


class _Formats:
    """The formats of the scored workbook by style, fill and quote prefix, each made once."""

    def __init__(self, book: Book, size: float = page.BODY_SIZE) -> None:
        self.book = book
        self.size = size  # the table's text, in points
        self.truncated: list[str] = []  # cells whose text was cut
        # looked up for every cell of every sheet: a cache's lookup is the cheapest there is
        self.of: Callable[[str, str | None, bool], Any] = functools.cache(self._make)

    def __call__(self, style: str, fill: str | None = None) -> Any:
        """`style` on `fill`."""
        return self.of(style, fill, False)

    def for_text(self, text: str, style: str = "text", fill: str | None = None) -> Any:
        """`style` on `fill` for `text`: with Excel's quote prefix when it looks like a formula,
        so that it shows as typed and stays text when edited."""
        return self.of(style, fill, looks_like_formula(text))

    def small(self) -> _Formats:
        """The same formats with the table's text at the smallest size printed (明细)."""
        formats = _Formats(self.book, page.SMALL_SIZE)
        formats.truncated = self.truncated
        return formats

    def _make(self, style: str, fill: str | None, quoted: bool) -> Any:
        more: dict[str, Any] = {"bg_color": fill} if fill else {}
        if style in TABLE_STYLES and self.size != page.BODY_SIZE:
            more["font_size"] = self.size
        return self.book.format(STYLES[style], more, quote_prefix=quoted)


class _Sheet:
    """A worksheet written row by row, top to bottom, for A4 landscape with a header and page
    numbers; user text always as text, with its row tall enough for wrapped text."""

    def __init__(
        self,
        formats: _Formats,
        name: str,
        *,
        widths: Sequence[float],
        freeze: tuple[int, int],
        header: str,
        empty: str | None = None,
    ) -> None:
        """`empty`: the style the table's columns give a cell where nothing is written, so that
        it keeps its borders without a blank cell being written there."""
        self.format = formats
        self.ws = formats.book.add_sheet(name)
        self.name = name
        self.widths = list(widths)
        self.usual = 1  # the lines of a row of the sheet's own height
        self.row = 0  # the next row to write, counting from 0
        column_format = formats(empty) if empty else None
        for col, width in enumerate(widths):
            set_width(self.ws, col, col, width, cell_format=column_format)
        self.ws.freeze_panes(*freeze)
        set_up_page(self.ws, paper="a4", header=header)

    def text(self, col: int, value: str, style: str = "text", fill: str | None = None) -> None:
        """Text from a rule file or a workbook, as text (never a formula): `put` in the format
        `_Formats.for_text` gives it. Text that may hold a file name goes through `named`
        first."""
        self.put(col, value, self.format.for_text(value, style, fill))

    def put(self, col: int, value: str, fmt: Any) -> None:
        """Text in `fmt` (from `_Formats.for_text`, which a caller may keep for text it writes
        again and again), whole or warned about: XlsxWriter stores a control character as
        Excel does (_x0007_) and cuts text at Excel's 32,767 characters."""
        if not value:
            self.ws.write_blank(self.row, col, None, fmt)
        elif self.ws.write_string(self.row, col, value, fmt) == -2:
            self.format.truncated.append(f"{self.name}!{self.row + 1}")

    def span(self, first: int, last: int, value: str) -> None:
        """Text over the columns `first` … `last` of the current row, merged, a border all
        round."""
        fmt = self.format.for_text(value)
        self.ws.merge_range(self.row, first, self.row, last, "", fmt)
        self.put(first, value, fmt)

    def figure(
        self, col: int, value: Decimal | int | None, style: str, fill: str | None = None
    ) -> None:
        """A number (a bordered blank when there is none)."""
        fmt = self.format(style, fill)
        if value is None:
            self.ws.write_blank(self.row, col, None, fmt)
        else:
            self.ws.write_number(self.row, col, value, fmt)

    def figure_or_text(self, col: int, value: Decimal | str, style: str) -> None:
        """A number in `style`, or text."""
        if isinstance(value, str):
            self.text(col, value)
        else:
            self.figure(col, value, style)

    def fit(self, texts: Sequence[tuple[int, str]]) -> None:
        """Make the current row tall enough for each (column, text) wrapped in its column."""
        size = self.format.size
        self.lines(max((page.lines_needed(s, self.widths[c], size) for c, s in texts), default=1))

    def usual_lines(self, lines: int) -> None:
        """Make the sheet's rows `lines` lines tall, but for those given their own height."""
        self.usual = lines
        if lines > 1:
            self.ws.set_default_row(page.height_for(lines, self.format.size))

    def lines(self, lines: int) -> None:
        """Make the current row tall enough for `lines` lines of the table's text."""
        if lines != self.usual:
            height = page.height_for(lines, self.format.size) if lines > 1 else page.ONE_LINE
            self.ws.set_row(self.row, height)

    def append(self, values: Sequence[object]) -> None:
        """A table row of text and figures (a Decimal as a score with two decimals)."""
        self.fit([(c, v) for c, v in enumerate(values) if isinstance(v, str)])
        for col, value in enumerate(values):
            if isinstance(value, str):
                self.text(col, named(value))
            else:
                self.figure(col, value if isinstance(value, Decimal | int) else None, "score")
        self.row += 1

    def title(self, title: str, subtitle: str) -> None:
        """The sheet's title and a line under it, outside the table (no borders)."""
        for text, style, size in ((title, "title", page.TITLE_SIZE), (subtitle, "subtitle", 10)):
            self.ws.set_row(self.row, page.height_for(1, size))
            self.text(0, text, style)
            self.row += 1

    def header(self, labels: Sequence[str]) -> int:
        """The table's header row; returns its row (from 0)."""
        self.fit(list(enumerate(labels)))
        for col, label in enumerate(labels):
            self.text(col, label, "header")
        self.row += 1
        return self.row - 1

    def print_table(self, top: int, columns: int) -> None:
        """Print from the first row to the last written, `columns` wide, row `top` (from 0, the
        header) on every page."""
        self.ws.repeat_rows(top)
        self.ws.print_area(0, 0, max(self.row - 1, top), columns - 1)


def named(text: str) -> str:
    """Text that may hold a file name (a cell's place, a message, an input's name), with what
    is left of an undecodable file name, a lone surrogate, shown as U+FFFD: no workbook holds
    it."""
    return SURROGATE.sub("\ufffd", text)


def results_title(rules: RuleSet) -> str:
    """The scored workbook's title: 2013年度绩效考核结果."""
    return t("summary.title", year=rules.year)


def write_scored(path: Path, scored: Scored, *, progress: Progress | None = None) -> list[Issue]:
    """The scored workbook of a scoring run (the renderer of `score --format xlsx`)."""
    return write_scored_workbook(path, scored.report, scored.rule_file.rules, progress=progress)


def write_scored_workbook(
    path: Path, report: ScoreReport, rules: RuleSet, *, progress: Progress | None = None
) -> list[Issue]:
    """Write the scored workbook to `path`; returns warnings for text that had to be cut."""
    # XlsxWriter's row files go in a folder of their own, removed whatever happens (Windows
    # keeps a file that is still open: it is left in the temporary folder)
    with tempfile.TemporaryDirectory(prefix="mypm-", ignore_cleanup_errors=True) as rows:
        book = Book(path, constant_memory=True, tmpdir=rows)
        formats = _Formats(book)
        title = results_title(rules)
        # marks it as mypm's output, so that it is never read back as an input
        book.set_metadata({L.META_SCORED: report.created}, title=title)
        _summary(formats, report, rules, title)
        _details(formats, report, rules, progress, title)
        _losses(formats, report, title)
        _issues(formats, report, rules, title)
        if report.appeals:
            _appeals(formats, report, rules, title)
        _provenance(formats, report, rules, title)
        book.close()
    return [Issue("warning", Msg.of("write.truncated"), where=where) for where in formats.truncated]


def _groups(report: ScoreReport, rules: RuleSet) -> list[str]:
    """The groups in the order of the rule set's units, then any others as they appear."""
    names = [u.group for u in rules.assessed_units] + [u.group for u in report.units]
    return list(dict.fromkeys(names))


def _fills(names: Sequence[str], colours: Sequence[str], *, repeat: bool) -> dict[str, str]:
    """A colour for each name in order: the colours over again, or the last for the rest."""
    last = len(colours) - 1
    return {n: colours[i % len(colours) if repeat else min(i, last)] for i, n in enumerate(names)}


def _summary(formats: _Formats, report: ScoreReport, rules: RuleSet, title: str) -> None:
    """The ranking on one page for up to 20 units: rank, unit, group and group rank, the
    categories, the totals and grade, and what it takes to move up; then a chart sheet."""
    labels = [t("label.rank"), t("label.unit"), t("label.group"), t("label.group_rank")]
    labels += [aside(c.name, number(c.points)) for c in rules.categories]
    labels += [
        t("label.base"),
        t("section.bonus"),
        t("section.deductions"),
        t("label.total"),
        t("label.grade"),
        t("label.to_grade"),
        t("label.to_rank"),
    ]
    groups = _groups(report, rules)
    unit_width = min(max([10.0, *(page.text_width(u.unit) + 2 for u in report.units)]), 16.0)
    group_width = min(max([6.0, *(page.text_width(g) + 2 for g in groups)]), 10.0)
    widths = [5.0, unit_width, group_width, 5.0, *[7.0] * len(rules.categories)]
    widths += [6.0, 6.0, 6.0, 6.5, 5.5, 6.0, 6.0]
    sheet = _Sheet(
        formats,
        t("sheet.summary"),
        widths=[*widths, *[8.0] * len(groups)],  # the hidden columns' for their header
        freeze=(3, 2),
        header=title,
    )
    ws = sheet.ws
    first_series = len(labels)  # the chart's data: a hidden column a group
    set_width(ws, first_series, first_series + len(groups) - 1, 8.0, hidden=True)
    sheet.title(title, t("summary.basis", title=rules.title, document=rules.document))
    top = sheet.header([*labels, *(t("summary.chart_series", group=g or "—") for g in groups)])
    grade_fills = _fills([g.name for g in rules.grades], GRADE_FILLS, repeat=False)
    group_fills = _fills(groups, GROUP_FILLS, repeat=True)
    for unit in report.units:
        fill = grade_fills.get(unit.grade)
        gaps = {gap.kind: gap.needed for gap in unit.gaps}
        sheet.fit([(1, unit.unit), (2, unit.group)])
        sheet.figure(0, unit.rank, "center")
        sheet.text(1, unit.unit)
        sheet.text(2, unit.group, fill=group_fills[unit.group])
        sheet.figure(3, unit.group_rank, "center")
        figures = [unit.categories[c.id] for c in rules.categories]
        figures += [unit.base, unit.bonus, unit.deductions]
        for col, value in enumerate(figures, start=4):
            sheet.figure(col, value, "score")
        col = 4 + len(figures)
        sheet.figure(col, unit.total, "score", fill)
        sheet.text(col + 1, unit.grade, "center", fill)
        sheet.figure(col + 2, gaps.get("grade"), "score")
        sheet.figure(col + 3, gaps.get("rank"), "score")
        ws.write_number(sheet.row, first_series + groups.index(unit.group), unit.total)
        sheet.row += 1
    last = sheet.row - 1
    ws.autofilter(top, 0, last, len(labels) - 1)
    sheet.print_table(top, len(labels))
    if report.units:
        highest = max(u.total for u in report.units)
        axis = _chart_axis(rules, highest)
        _chart(formats, sheet.name, title, groups, (top, last), axis, first_series=first_series)


# Points of axis beyond the highest total, for its label at the bar's end ("102.08").
LABEL_ROOM = 6


def _chart_axis(rules: RuleSet, highest: Decimal) -> int:
    """The chart's axis maximum: a multiple of 10 at or above the highest possible total (the
    base plus the bonus cap) and above the highest total with room for its label."""
    reach = max(rules.base_points + (rules.bonus.cap or 0), highest + LABEL_ROOM)
    return int((reach / 10).to_integral_value(rounding=ROUND_CEILING)) * 10


def _chart(
    formats: _Formats,
    summary: str,
    title: str,
    groups: list[str],
    rows: tuple[int, int],
    axis: int,
    *,
    first_series: int,
) -> None:
    """The totals as horizontal bars, rank 1 at the top, one colour a group, on a sheet of its
    own that prints on one page; `rows`: the header and last row of the totals on `summary`."""
    top, last = rows
    chart = formats.book.workbook.add_chart(
        {"type": "bar"}
    )  # horizontal bars: Chinese names stay readable
    assert chart is not None  # XlsxWriter returns None only for an unknown type
    for i, _group in enumerate(groups):
        col = first_series + i
        chart.add_series(
            {
                "name": [summary, top, col],
                "categories": [summary, top + 1, 1, last, 1],
                "values": [summary, top + 1, col, last, col],
                "fill": {"color": GROUP_COLOURS[i % len(GROUP_COLOURS)]},
                "border": {"none": True},
                "data_labels": {
                    "value": True,
                    "position": "outside_end",
                    "num_format": L.SCORE_FORMAT,
                },
                # a unit has a value in one group's series only: one bar a unit
                "overlap": 100,
                "gap": 40,
            }
        )
    chart.set_title({"name": title})
    # XlsxWriter's x axis of a bar chart is the horizontal one, the values
    chart.set_x_axis(
        {
            "min": 0,
            "max": axis,
            "major_unit": 10,
            "num_format": "0",
            "major_gridlines": {"visible": False},
        }
    )
    # rank 1 at the top, every unit's name, the value axis at the bottom
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "crossing": "max"})
    chart.set_legend({"position": "bottom"})
    chart.show_hidden_data()  # the series are hidden columns of 汇总
    # a chart sheet: the chart fills the page, whatever the program's column widths
    sheet = formats.book.workbook.add_chartsheet(t("sheet.chart"))
    set_up_page(sheet, paper="a4", header=title)
    sheet.set_chart(chart)


def _details(
    formats: _Formats,
    report: ScoreReport,
    rules: RuleSet,
    progress: Progress | None,
    title: str,
) -> None:
    """Every unit's explanation lines under a line with its group, total, rank and grade, in
    rank order; each unit on its own pages, its name on every line; on 明细, 明细2 … when they
    pass Excel's row limit (a unit never spans two sheets). The cells are what a reader needs on
    every line: the group is said on the unit's line (汇总 lists and filters the groups), and
    `mypm compare` knows a line's field by its label and the rule set."""
    labels = [
        t("label.unit"),
        t("label.item"),
        t("label.value"),
        t("label.score"),
        t("label.max"),
        t("label.certified_by"),
        t("label.explanation"),
        t("label.source"),
    ]
    # 明细 prints at the smallest size (9 pt), in columns that fit A4 landscape: the units' names
    # whole where they are short (up to 16 units), a source as `填报 › AC9` (its file named
    # on the unit's line), the indicator's label in what is left. A unit's 35 lines then take at
    # most 2 pages in both bundled examples.
    formats = formats.small()
    size = formats.size
    longest = max((page.text_width(u.unit, size) for u in report.units), default=0.0)
    widths = [min(max(longest + 1, 8.0), 16.0), 0.0, 8.5, 6, 6, 14, 21, 11.5]
    widths[1] = page.LANDSCAPE_WIDTH["a4"] - sum(widths)
    in_season = any(unit.evidence is not None for unit in report.units)
    if in_season:  # the evidence each field rests on: internal, like every scored workbook
        labels.append(t("label.evidence"))
        widths.append(20)
    # Row heights for wrapped text where the sheet is meant to be printed; a sheet too big to
    # print is written without them.
    printed = len(report.units) <= MAX_PAGE_BREAKS
    sheets: list[_Sheet] = []
    breaks: list[int] = []
    # what every unit's line of a field has in common: its label's and certifier's formats and
    # the lines they take, worked out once per field (a line's key)
    fields: dict[str, tuple[Any, Any, int]] = {}

    def field_of(line: DetailLine) -> tuple[Any, Any, int]:
        if line.key not in fields:
            lines = max(
                page.lines_needed(line.label, widths[1], size),
                page.lines_needed(line.certifier, widths[5], size),
            )
            style = "text" if line.kind == "leaf" else "bold"
            label, certifier = formats.for_text(line.label, style), formats.for_text(line.certifier)
            fields[line.key] = (label, certifier, lines)
        return fields[line.key]

    def lines_of(line: DetailLine, unit_lines: int, one_file: bool) -> int:
        """How many lines a 明细 line takes: what every unit's line has in common (its label and
        certifier, the unit's name, a place's file and sheet) is worked out once."""
        place_lines = _place_lines(line.source, widths[7], size, one_file) if line.source else 1
        explanation_lines = page.lines_needed(line.explanation, widths[6], size)
        evidence_lines = page.lines_needed(line.evidence, widths[-1], size) if line.evidence else 1
        return max(unit_lines, field_of(line)[2], explanation_lines, place_lines, evidence_lines)

    def finish(sheet: _Sheet) -> None:
        sheet.ws.autofilter(0, 0, sheet.row - 1, len(labels) - 1)
        sheet.print_table(0, len(labels))
        if in_season:  # the evidence column too on each page's width
            sheet.ws.fit_to_pages(1, 0)
        if printed:  # each unit's pages to send to that unit
            sheet.ws.set_h_pagebreaks(breaks[:-1])

    for index, unit in enumerate(report.units):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress("write", index, len(report.units))
        lines = detail_lines(unit)
        files = list(dict.fromkeys(line.source.file for line in lines if line.source))
        one_file = len(files) == 1
        unit_lines = page.lines_needed(unit.unit, widths[0], size)
        heights = [lines_of(line, unit_lines, one_file) for line in lines] if printed else []
        if not sheets or sheets[-1].row + 1 + len(lines) > EXCEL_MAX_ROWS:
            if sheets:
                finish(sheets[-1])
            name = t("sheet.details") + (str(len(sheets) + 1) if sheets else "")
            # a field without a value, maximum, certifier or source keeps its borders from its
            # columns' style: no blank cells on every line (what a sheet this size costs is cells)
            sheet = _Sheet(formats, name, widths=widths, freeze=(1, 2), header=title, empty="text")
            if heights:  # the height most lines have, as the sheet's own: they need no other
                sheet.usual_lines(Counter(heights).most_common(1)[0][0])
            sheet.header(labels)
            sheets.append(sheet)
            breaks = []
        sheet = sheets[-1]
        heading = t(
            "details.heading",
            group=unit.group or "—",
            total=f"{unit.total:f}",
            rank=unit.rank,
            group_rank=unit.group_rank,
            grade=unit.grade,
        )
        # the file of the unit's `sheet › cell` places, at the right of the unit's line: over
        # the two last columns where it fits on one line there, else wrapped in the last
        file = named(files[0]) if one_file else ""
        file_lines = page.lines_needed(file, widths[6] + widths[7], size)
        if file_lines > 1:
            file_lines = page.lines_needed(file, widths[7], size)
        if printed:  # the name and file may wrap; the heading runs on to the right in one line
            sheet.lines(max(unit_lines, file_lines))
        sheet.text(0, unit.unit)
        sheet.text(1, heading, "heading")
        for col in (*range(2, 7), *range(8, len(labels))):
            sheet.ws.write_blank(sheet.row, col, None, formats("heading"))
        sheet.text(7, file, "heading_wrap" if file_lines > 1 else "heading_file")
        sheet.row += 1
        # Units and sources come from workbooks; labels, certifiers and the explanation's
        # words from the rule file: all of them are text, never formulas.
        name = formats.for_text(unit.unit)
        for i, line in enumerate(lines):
            if heights:
                sheet.lines(heights[i])
            label, certifier, _ = field_of(line)
            sheet.put(0, unit.unit, name)
            sheet.put(1, line.label, label)
            if line.value is not None:
                sheet.figure_or_text(2, *_input_cell(line.value, line.form))
            sheet.figure(3, line.score, "score")
            if line.maximum is not None:
                sheet.figure(4, line.maximum, "score")
            if line.certifier:
                sheet.put(5, line.certifier, certifier)
            if line.explanation:
                sheet.text(6, line.explanation)
            if line.source:
                sheet.text(7, _place_text(line.source, one_file))
            if line.evidence:
                sheet.text(8, line.evidence)
            sheet.row += 1
        breaks.append(sheet.row)
    if not sheets:  # no units: the sheet and its header all the same
        sheets.append(
            _Sheet(formats, t("sheet.details"), widths=widths, freeze=(1, 2), header=title)
        )
        sheets[-1].header(labels)
    finish(sheets[-1])


def _place_text(source: Source, in_file: bool) -> str:
    """A cell's place as people read it (`place`), said once per file and sheet: the cell's
    reference goes where the NUL is, which no file or sheet name holds. `in_file`: the file is
    named on the unit's line, the place is `sheet › cell`."""
    return _places(source.file, source.sheet, in_file, language()).replace("\0", source.cell)


def _place_lines(source: Source, width: float, size: float, in_file: bool) -> int:
    """How many lines a cell's place takes in a column `width` wide. A reference's letters and
    digits are each as wide as the next, so places with as long a reference take as many."""
    shown = _places(source.file, source.sheet, in_file, language())
    return page.lines_needed(shown.replace("\0", "A" * len(source.cell)), width, size)


@functools.lru_cache(maxsize=256)
def _places(file: str, sheet: str, in_file: bool, lang: str) -> str:
    if in_file:
        return named(t("details.place", sheet=sheet, cell="\0"))
    return named(place(Source(file, sheet, "\0")))


@functools.lru_cache(maxsize=4096)  # units share their inputs: 是, 4, 93.1% …
def _input_cell(value: InputValue, form: InputForm) -> tuple[Decimal | str, str]:
    """An input as Excel should hold it, and its style: a yes/no answer as the office's word
    (是/否, read back by compare), a percentage as a percent-formatted number, a derived mean
    too long to show whole as text (≈ and 4 places), any other number as a number."""
    if isinstance(value, bool):
        return office_text(value), "text"
    if form == "percent":
        return value.scaleb(-2), "percent"
    if form == "mean" and (shown := short_number(value)).startswith("≈"):
        return shown, "text"
    return value, "count" if value == value.to_integral_value() else "decimal"


def _losses(formats: _Formats, report: ScoreReport, title: str) -> None:
    """Per base field: how many units lost points there and how many in all."""
    widths = [14, 36, 6.5, 8, 8, 8, 28]
    sheet = _Sheet(formats, t("sheet.losses"), widths=widths, freeze=(1, 2), header=title)
    labels = [
        t("label.category"),
        t("label.item"),
        t("label.max"),
        t("label.units_losing"),
        t("label.total_lost"),
        t("label.mean_lost"),
        t("label.key"),
    ]
    sheet.header(labels)
    for row in report.losses:
        sheet.fit([(0, row.category), (1, row.label)])
        sheet.text(0, row.category)
        sheet.text(1, row.label)
        sheet.figure(2, row.maximum, "score")
        sheet.figure(3, row.units_losing, "count")
        sheet.figure(4, row.total_lost, "score")
        sheet.figure(5, row.mean_lost, "score")
        sheet.text(6, row.key)
        sheet.row += 1
    sheet.ws.autofilter(0, 0, sheet.row - 1, len(labels) - 1)
    sheet.print_table(0, len(labels) - 1)


def _issues(formats: _Formats, report: ScoreReport, rules: RuleSet, title: str) -> None:
    """The warnings and notes, each field by its label (the JSON keeps its key)."""
    sheet = _Sheet(
        formats, t("sheet.issues"), widths=[6, 14, 22, 44, 24], freeze=(1, 0), header=title
    )
    sheet.header(
        [t("label.level"), t("label.unit"), t("label.item"), t("label.message"), t("label.source")]
    )
    leaves = rules.leaf_by_key
    for issue in report.issues:
        sheet.append(
            [
                t(f"level.{issue.level}"),
                issue.unit,
                leaves[issue.field].label if issue.field in leaves else issue.field,
                say(issue.message),
                place(issue.source) if issue.source else issue.where,
            ]
        )
    if not report.issues:
        sheet.append([None, None, None, t("issues.none"), None])
    sheet.print_table(0, 5)


def _appeals(formats: _Formats, report: ScoreReport, rules: RuleSet, title: str) -> None:
    """Every appeal of the season with its state and decision (an earlier decision revised
    is named with it), then per unit how many were accepted."""
    widths = [6, 12, 26, 10, 30, 16, 10, 10, 30]
    sheet = _Sheet(formats, t("sheet.appeals"), widths=widths, freeze=(1, 0), header=title)
    labels = [
        t("appeals.column.number"),
        t("label.unit"),
        t("appeals.column.field"),
        t("appeals.column.claim"),
        t("appeals.column.reason"),
        t("appeals.column.received"),
        t("appeals.column.state"),
        t("appeals.column.value"),
        t("appeals.column.decision"),
    ]
    sheet.header(labels)
    for appeal in report.appeals:
        sheet.append([str(appeal.number), *appeal_row(rules, appeal)])
    sheet.row += 1
    for unit, counts in unit_counts(report.appeals).items():
        sheet.append([None, unit, unit_counts_text(unit, counts)])
    sheet.print_table(0, len(labels))


def _provenance(formats: _Formats, report: ScoreReport, rules: RuleSet, title: str) -> None:
    """Where the scores come from: the rule set, its file's name and full hash, every input's
    name and full hash, the time in the office's time zone, every local choice; then the rubric
    they were worked out by, as the rule file says it (categories with their points or caps,
    indicators, points, 考核组织, 结果认定, how each is scored, which values are local), the
    grades and the 备注 rules, in the words of the 说明 sheet and rules.html."""
    labels = [
        t("guide.category"),
        t("guide.indicator"),
        t("guide.indicator_points"),
        t("guide.certifier"),
        t("guide.criterion"),
        t("label.scoring"),
        t("guide.note"),
    ]
    # A4 landscape's 110; the first as wide as 本地取值：单位名单, a category or section
    # breaking only between its phrases (其他加分 / （上限9分）)
    widths = [18, 22, 5, 12, 23, 13, 17]
    sheet = _Sheet(formats, t("sheet.rules"), widths=widths, freeze=(0, 0), header=title)
    last = len(widths) - 1

    def write(rows: list[tuple[str, str]]) -> None:
        """Rows of a name, and its text over the other columns."""
        for key, value in rows:
            value = named(value)
            lines = page.lines_needed(value, sum(widths[1:]))
            sheet.lines(max(lines, page.lines_needed(key, widths[0])))
            sheet.text(0, key, "bold")
            sheet.span(1, last, value)
            sheet.row += 1

    write(_sources(report, rules))
    sheet.row += 1  # a line between where the scores come from and the rubric
    top = sheet.header(labels)
    groups = {
        c.id: aside(c.name, t("label.points", points=number(c.points))) for c in rules.categories
    }
    for section in ("bonus", "deductions"):
        groups[section] = aside(t(f"section.{section}"), cap_text(getattr(rules, section).cap))
    local: dict[str, list[LocalChoice]] = {}
    for choice in rules.local_choices():
        local.setdefault(choice.path, []).append(choice)
    item_caps = {
        f"{section}.{item.id}": cap_text(item.cap)
        for section in ("bonus", "deductions")
        for item in getattr(rules, section).items
        if item.cap is not None
    }
    for leaf in rules.leaves:
        # a part's local choices are its item's too (the 说明 sheet's marks), and so is its cap
        owner_key = leaf.key.rsplit(".", 1)[0] if leaf.part_name else None
        owner = local.get(owner_key, []) if owner_key else []
        marked = local_text([*owner, *local.get(leaf.key, [])])
        cap = item_caps.get(owner_key) if owner_key else None
        texts = [
            groups[leaf.group_id],
            f"{aside(leaf.name, cap)}·{leaf.part_name}" if cap else leaf.label,
            "" if leaf.points is None else number(leaf.points),
            rules.certifier_names(leaf),
            leaf.criterion,
            measure_text(leaf),
            "\n".join(text for text in (leaf.note, marked) if text),
        ]
        # the category, criterion and note broken between their phrases where they must
        # break: never a lone "）"
        values = [
            "\n".join(page.break_lines(page.phrases(line), width) for line in text.split("\n"))
            if col in (0, 4, 6)
            else text
            for col, (text, width) in enumerate(zip(texts, widths, strict=True))
        ]
        sheet.fit(list(enumerate(values)))
        for col, value in enumerate(values):
            sheet.text(col, value, "center" if col == 2 else "text")
        sheet.row += 1
    rows = [(t("label.grade"), grade_text(grade)) for grade in rules.grades]
    for rule in rules.derived:
        text = derived_text(rules, rule)
        rows.append((t("guide.note"), aside(text, rule.note) if rule.note else text))
    write(rows)
    sheet.ws.freeze_panes(top + 1, 0)
    sheet.print_table(top, len(widths))


def _sources(report: ScoreReport, rules: RuleSet) -> list[tuple[str, str]]:
    """The provenance of a scoring run, a (name, text) a line; then every local choice."""
    rows = [
        (t("prov.rules_id"), report.rules_id),
        (t("prov.title"), report.rules_title),
        (t("prov.document"), report.rules_document),
        (t("prov.rules_file"), Path(report.rules_path).name),
        (t("prov.rules_sha256"), report.rules_sha256),
        (t("prov.version"), report.version),
        (t("prov.created", zone=report.timezone), report.created.replace("T", " ")),
    ]
    if report.self_check:
        rows.append((t("prov.self_check"), t("label.yes")))
    if report.ledger_head:
        rows.append((t("prov.ledger_head"), report.ledger_head))
    reviewed = last_decided(report.appeals)
    if reviewed:
        rows.append((t("appeals.prov_reviewed"), when(reviewed)))
    for i, f in enumerate(report.files, start=1):
        name = Path(f.path).name
        rows.append((t("prov.input", n=i), t("prov.late", name=name) if f.late else name))
        rows.append((t("prov.input_sha256", n=i), f.sha256))
    leaves = rules.leaf_by_key
    items = {
        f"{section}.{item.id}": item.name
        for section in ("bonus", "deductions")
        for item in getattr(rules, section).items
    }
    owners = {f"{c.id}.{i.id}": i.name for c in rules.categories for i in c.indicators}
    for choice in rules.local_choices():
        where = (
            leaves[choice.path].label
            if choice.path in leaves
            else items.get(choice.path) or owners.get(choice.path) or t("local.rule_set")
        )
        label = t("local.marked", attributes=attribute_label(choice.attribute))
        rows.append((label, t("label.labelled", label=where, text=choice.reason)))
    return rows
