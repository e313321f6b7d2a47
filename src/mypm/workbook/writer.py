"""The scored workbook (SPEC §5.2): 汇总 and its chart, 明细, 失分分析, 问题, 规则, each laid out
for A4. Written in write-only mode, so memory stays flat however many units there are; 明细
continues on 明细2, 明细3 … past Excel's row limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from mypm.i18n import say, t
from mypm.labels import attribute_label, detail_lines
from mypm.messages import number
from mypm.results import Issue, Progress, ScoreReport
from mypm.rules import RuleSet
from mypm.values import looks_like_formula
from mypm.workbook import layout as L
from mypm.workbook import page
from mypm.workbook.save import save_verified
from mypm.workbook.stream import Row, StreamedSheet, Styled, Tall

EXCEL_MAX_ROWS = 1_048_576
PROGRESS_EVERY = 500  # units
MAX_PAGE_BREAKS = 1_000  # Excel keeps at most 1,026 manual page breaks a sheet
GRADE_FILLS = ("C6EFCE", "DDEBF7", "FFEB9C", "FFC7CE", "EDEDED")
GROUP_FILLS = ("DDEBF7", "E2EFDA", "FCE4D6", "FFF2CC", "EDEDED")  # the table: light
GROUP_COLOURS = ("4472C4", "70AD47", "ED7D31", "BF9000", "7F7F7F")  # the chart: the same, dark
TITLE_FONT = Font(name="Calibri", bold=True, size=page.TITLE_SIZE)
BOLD = Font(name="Calibri", bold=True, size=page.BODY_SIZE)
CENTER = Alignment(horizontal="center", vertical="top")
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="top")


class _Sheet:
    """A write-only sheet with helpers that always write user text as text, every table cell
    with a border, and the page set up for A4 landscape with a header and page numbers."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        truncated: list[str],
        *,
        widths: Sequence[float],
        freeze: str,
        header: str,
        ws: Any = None,
    ) -> None:
        # In write-only mode, widths, panes and page setup come before the rows in the file.
        self.ws = wb.create_sheet(title) if ws is None else ws
        self.truncated = truncated
        self.rows = 0
        self.widths = list(widths)
        self._styles: dict[tuple[object, ...], Any] = {}
        for col, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = freeze
        page.set_up_page(self.ws, paper="a4", header=header)

    def cell(
        self,
        value: object,
        *,
        number_format: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = WRAP,
        border: Border | None = L.BORDER,
    ) -> Cell:
        cell = _styled_cell(
            self.ws,
            number_format=number_format,
            font=font or L.BODY_FONT,
            fill=fill,
            alignment=alignment,
            border=border,
        )
        if isinstance(value, str):
            if L.set_text(cell, value):
                self.truncated.append(f"{self.ws.title}!{self.rows + 1}")
        else:
            cell.value = value
        return cell

    def styled(
        self,
        value: object,
        *,
        number_format: str | None = None,
        fill: PatternFill | None = None,
        font: Font | None = None,
        alignment: Alignment | None = TOP,
    ) -> Cell:
        """A table cell of mypm's own (a figure, a grade, a label) with a style made once and
        shared: setting a style cell by cell costs more than writing the cell."""
        if isinstance(value, str) and not L.is_plain_text(value):  # a grade from the rule file
            cell = self.cell(value, number_format=number_format, fill=fill, font=font)
            if alignment is not None:
                cell.alignment = alignment
            return cell
        key = (number_format, id(fill), id(font), id(alignment))
        style = self._styles.get(key)
        if style is None:
            template = self.cell(
                0, number_format=number_format, fill=fill, font=font, alignment=alignment
            )
            style = self._styles[key] = template._style
        cell = WriteOnlyCell(self.ws, value)
        cell._style = style
        return cell

    def safe(self, value: object) -> object:
        """A bordered cell: text that could be taken for a formula, or that Excel cannot hold
        as it is, goes through `cell`; everything else shares a style."""
        if isinstance(value, Cell):
            return value
        if isinstance(value, str) and not L.is_plain_text(value):
            return self.cell(value)
        return self.styled(value, alignment=WRAP)

    def append(self, values: Iterable[object]) -> None:
        """A table row, as tall as its longest wrapped text."""
        cells = [self.safe(v) for v in values]
        texts: list[tuple[str, float, float]] = [
            (cell.value, width, page.BODY_SIZE)
            for cell, width in zip(cells, self.widths, strict=False)
            if isinstance(cell, Cell) and isinstance(cell.value, str) and cell.alignment.wrap_text
        ]
        if any(page.lines_needed(*text) > 1 for text in texts):
            page.fit_row(self.ws, self.rows + 1, texts)
        self.ws.append(cells)
        self.rows += 1

    def title(self, title: str, subtitle: str) -> None:
        """The sheet's title and a line under it, outside the table (no borders)."""
        for text, font, size in ((title, TITLE_FONT, page.TITLE_SIZE), (subtitle, None, 10)):
            self.ws.row_dimensions[self.rows + 1].height = page.height_for(1, size)
            self.ws.append([self.cell(text, font=font, alignment=None, border=None)])
            self.rows += 1

    def header(self, labels: Sequence[str]) -> None:
        page.fit_row(
            self.ws,
            self.rows + 1,
            [
                (label, width, page.BODY_SIZE)
                for label, width in zip(labels, self.widths, strict=False)
            ],
        )
        self.append(
            self.cell(label, font=L.HEADER_FONT, fill=L.HEADER_FILL, alignment=L.WRAP_CENTER)
            for label in labels
        )

    def print_table(self, top: int, columns: int) -> None:
        """Print rows 1 to the last written, columns A to `columns`, the header on every page."""
        self.ws.print_title_rows = f"{top}:{top}"
        self.ws.print_area = f"A1:{get_column_letter(columns)}{max(self.rows, top)}"


def results_title(rules: RuleSet) -> str:
    """The scored workbook's title: 2013年度绩效考核结果."""
    return t("summary.title", year=rules.year)


def write_scored_workbook(
    path: Path, report: ScoreReport, rules: RuleSet, *, progress: Progress | None = None
) -> list[Issue]:
    """Write the scored workbook to `path`; returns warnings for text that had to be cut."""
    wb = Workbook(write_only=True)
    # marks it as mypm's output, so that it is never read back as an input
    wb.custom_doc_props.append(StringProperty(name=L.META_SCORED, value=report.created))
    truncated: list[str] = []
    title = results_title(rules)
    try:
        _summary(wb, report, rules, truncated, title)
        _details(wb, report, rules, truncated, progress, title)
        _losses(wb, report, truncated, title)
        _issues(wb, report, truncated, title)
        _provenance(wb, report, rules, truncated, title)
        save_verified(wb, path)
    except BaseException:
        _close_unsaved(wb)
        raise
    return [Issue("warning", t("write.truncated"), where=where) for where in truncated]


def _close_unsaved(wb: Workbook) -> None:
    """After a failure (a full disk, Ctrl-C), close the sheet streams openpyxl left open, inner
    first, so that nothing prints "Exception ignored" tracebacks when they are collected."""
    for ws in wb.worksheets:
        for stream in (ws._rows, ws._writer and ws._writer.xf):
            if stream is not None:
                with suppress(Exception):  # a stream that failed half-way cannot close cleanly
                    stream.close()


def _score(sheet: _Sheet, value: Decimal | None, fill: PatternFill | None = None) -> Any:
    """A figure shown with two decimals (5 as 5.00)."""
    return sheet.styled(value, number_format=L.SCORE_FORMAT, fill=fill, alignment=RIGHT)


def _groups(report: ScoreReport, rules: RuleSet) -> list[str]:
    """The groups in the order of the rule set's units, then any others as they appear."""
    names = [u.group for u in rules.assessed_units] + [u.group for u in report.units]
    return list(dict.fromkeys(names))


def _summary(
    wb: Workbook, report: ScoreReport, rules: RuleSet, truncated: list[str], title: str
) -> None:
    """The ranking on one page for up to 20 units: rank, unit, group and group rank, the
    categories, the totals and grade, and what it takes to move up; then a chart sheet."""
    labels = [t("label.rank"), t("label.unit"), t("label.group"), t("label.group_rank")]
    labels += [f"{c.name}（{number(c.points)}）" for c in rules.categories]
    labels += [
        t("label.base"),
        t("section.bonus"),
        t("section.deductions"),
        t("label.total"),
        t("label.grade"),
        t("label.to_grade"),
        t("label.to_rank"),
    ]
    unit_width = min(max([10.0, *(page.text_width(u.unit) + 2 for u in report.units)]), 16.0)
    group_width = min(max([6.0, *(page.text_width(g) + 2 for g in _groups(report, rules))]), 10.0)
    widths = [5.0, unit_width, group_width, 5.0, *[7.0] * len(rules.categories)]
    widths += [6.0, 6.0, 6.0, 6.5, 5.5, 6.0, 6.0]
    groups = _groups(report, rules)
    sheet = _Sheet(
        wb,
        t("sheet.summary"),
        truncated,
        widths=[*widths, *[8.0] * len(groups)],
        freeze="C4",
        header=title,
    )
    ws = sheet.ws
    for col in range(len(widths) + 1, len(widths) + len(groups) + 1):  # the chart's data
        ws.column_dimensions[get_column_letter(col)].hidden = True
    sheet.title(title, t("summary.basis", title=rules.title, document=rules.document))
    top = sheet.rows + 1
    sheet.header([*labels, *(t("summary.chart_series", group=g or "—") for g in groups)])
    grade_fills = {
        g.name: PatternFill("solid", fgColor=GRADE_FILLS[min(i, len(GRADE_FILLS) - 1)])
        for i, g in enumerate(rules.grades)
    }
    group_fills = {
        g: PatternFill("solid", fgColor=GROUP_FILLS[i % len(GROUP_FILLS)])
        for i, g in enumerate(groups)
    }
    for unit in report.units:
        fill = grade_fills.get(unit.grade)
        gaps = {gap.kind: gap.needed for gap in unit.gaps}
        row: list[object] = [
            sheet.styled(unit.rank, alignment=CENTER),
            unit.unit,
            sheet.cell(unit.group, fill=group_fills[unit.group]),
            sheet.styled(unit.group_rank, alignment=CENTER),
        ]
        row += [_score(sheet, unit.categories[c.id]) for c in rules.categories]
        row += [
            _score(sheet, unit.base),
            _score(sheet, unit.bonus),
            _score(sheet, unit.deductions),
            _score(sheet, unit.total, fill),
            sheet.styled(unit.grade, fill=fill, alignment=CENTER),
            _score(sheet, gaps.get("grade")),
            _score(sheet, gaps.get("rank")),
        ]
        row += [unit.total if unit.group == g else None for g in groups]
        sheet.append(row)
    last_col = get_column_letter(len(labels))
    last_row = sheet.rows
    ws.auto_filter.ref = f"A{top}:{last_col}{last_row}"
    sheet.print_table(top, len(labels))
    if report.units:
        _chart(wb, ws, rules, title, groups, top, last_row, first_series=len(labels) + 1)


def _chart(
    wb: Workbook,
    ws: Any,
    rules: RuleSet,
    title: str,
    groups: list[str],
    top: int,
    last_row: int,
    *,
    first_series: int,
) -> None:
    """The totals as horizontal bars, rank 1 at the top, one colour a group, on a sheet of its
    own that prints on one page."""
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: Chinese unit names stay readable
    chart.grouping = "clustered"
    chart.overlap = 100  # a unit has a value in one group's series only: one bar a unit
    chart.gapWidth = 40
    chart.title = title
    highest = rules.base_points + (rules.bonus.cap or 0)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = float(-(-highest // 10) * 10)  # 105 → 110: room for the labels
    chart.y_axis.majorUnit = 10
    chart.y_axis.number_format = "0"
    chart.y_axis.majorGridlines = None
    chart.x_axis.tickLblSkip = 1  # every unit's name, not every other one
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top ...
    chart.y_axis.crosses = "max"  # ... and the value axis at the bottom
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.visible_cells_only = False  # the series are hidden columns of 汇总
    for i, _group in enumerate(groups):
        data = Reference(ws, min_col=first_series + i, min_row=top, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=top + 1, max_row=last_row))
    for i, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = GROUP_COLOURS[i % len(GROUP_COLOURS)]
        series.graphicalProperties.line.noFill = True
        series.dLbls = DataLabelList(showVal=True, numFmt=L.SCORE_FORMAT)
        series.dLbls.position = "outEnd"
        for hidden in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
            setattr(series.dLbls, hidden, False)
    chart.width, chart.height = 25.0, min(16.0, max(8.0, 0.6 * (last_row - top) + 3))  # cm
    # a worksheet, not a chart sheet: openpyxl numbers print settings wrongly after one
    sheet = wb.create_sheet(t("sheet.chart"))
    page.set_up_page(sheet, paper="a4", header=title)
    sheet.add_chart(chart, "A1")


def _details(
    wb: Workbook,
    report: ScoreReport,
    rules: RuleSet,
    truncated: list[str],
    progress: Progress | None,
    title: str,
) -> None:
    """Every unit's explanation lines under a line with its total, rank and grade, in rank
    order, made again from its inputs when the workbook is saved; each unit on its own pages,
    its name on every line; on 明细, 明细2 … when they pass Excel's row limit."""
    labels = [
        t("label.unit"),
        t("label.group"),
        t("label.item"),
        t("label.value"),
        t("label.score"),
        t("label.max"),
        t("label.certified_by"),
        t("label.explanation"),
        t("label.source"),
        t("label.key"),  # for the office and for `mypm compare`, right of the printed area
    ]
    widths = [11, 6, 20, 7, 6.5, 6.5, 13, 21, 19, 28]
    details = _DetailRows(wb, report, rules, progress, widths)
    per_unit = details.rows_per_unit
    capacity = (EXCEL_MAX_ROWS - 1) // per_unit * per_unit  # a unit never spans two sheets
    total = len(report.units) * per_unit
    for start in range(0, max(total, 1), capacity):
        stop = min(start + capacity, total)
        name = t("sheet.details") + (str(start // capacity + 1) if start else "")
        ws = StreamedSheet.add_to(wb, name, details.rows(start, stop), stop - start)
        sheet = _Sheet(wb, name, truncated, widths=widths, freeze="C2", header=title, ws=ws)
        sheet.header(labels)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{stop - start + 1}"
        ws.print_title_rows = "1:1"
        ws.print_area = f"A1:{get_column_letter(len(labels) - 1)}{stop - start + 1}"
        if len(report.units) <= MAX_PAGE_BREAKS:  # each unit's pages to send to that unit
            for end in range(start + per_unit, stop, per_unit):
                ws.row_breaks.append(Break(id=end - start + 1))  # below the unit's last row


class _DetailRows:
    """The 明细 rows, made when openpyxl saves each 明细 sheet (see `StreamedSheet`)."""

    def __init__(
        self,
        wb: Workbook,
        report: ScoreReport,
        rules: RuleSet,
        progress: Progress | None,
        widths: Sequence[float],
    ) -> None:
        self.report = report
        # Row heights for wrapped text where the sheet is meant to be printed; a sheet too big to
        # print is written without them, which keeps large runs as fast as before.
        self.widths = widths if len(report.units) <= MAX_PAGE_BREAKS else None
        units = report.units
        self.rows_per_unit = len(detail_lines(units[0])) + 1 if units else 1  # and the unit's line
        self.progress = progress
        ws = wb.worksheets[0]  # any sheet: a cell's style id is the workbook's

        def style(**kwargs: Any) -> int:
            return int(_styled_cell(ws, border=L.BORDER, **kwargs).style_id)

        self.text = style(font=L.BODY_FONT, alignment=WRAP)
        self.bold_style = style(font=BOLD, alignment=WRAP)
        self.heading = style(font=BOLD, alignment=TOP, fill=L.HEADER_FILL)
        self.figure = style(font=L.BODY_FONT, number_format=L.SCORE_FORMAT, alignment=RIGHT)
        self.count = style(font=L.BODY_FONT, number_format="0", alignment=RIGHT)
        self.decimal = style(font=L.BODY_FONT, alignment=RIGHT)  # General: every digit typed
        self.percent = style(font=L.BODY_FONT, number_format="0.0#%", alignment=RIGHT)
        self.quoted = style(font=L.BODY_FONT, alignment=WRAP, quotePrefix=True)
        self.bold_quoted = style(font=BOLD, alignment=WRAP, quotePrefix=True)
        self.empty = Styled("", self.text)

    def rows(self, start: int, stop: int) -> Iterator[Row | Tall]:
        """Rows `start` to `stop` of all units' rows, counting from 0."""
        units, per_unit = self.report.units, self.rows_per_unit
        for index in range(start // per_unit, -(-stop // per_unit)):
            if self.progress is not None and index % PROGRESS_EVERY == 0:
                self.progress("write", index, len(units))
            unit = units[index]
            lines = detail_lines(unit)
            name, group = self.user_text(unit.unit), self.user_text(unit.group)
            rows: list[Row | Tall] = [
                [
                    name,
                    group,
                    Styled(
                        t(
                            "details.heading",
                            total=f"{unit.total:f}",
                            rank=unit.rank,
                            group_rank=unit.group_rank,
                            grade=unit.grade,
                        ),
                        self.heading,
                    ),
                    *[Styled("", self.heading)] * 6,
                ]
            ]
            # Units, groups and sources come from workbooks; labels, certifiers and the
            # explanation's words from the rule file: all of them are text, never formulas.
            rows += [
                self.tall(
                    name,
                    group,
                    self.user_text(line.label) if line.kind == "leaf" else self.bold(line.label),
                    self.value(line.value),
                    Styled(line.score, self.figure),
                    self.empty if line.maximum is None else Styled(line.maximum, self.figure),
                    self.user_text(line.certifier),
                    self.user_text(line.explanation),
                    self.user_text(str(line.source) if line.source else ""),
                    Styled(line.key, self.text),
                )
                for line in lines
            ]
            first = index * per_unit
            yield from rows[max(start - first, 0) : stop - first]

    def tall(self, *cells: Styled) -> Row | Tall:
        """The row, with a height that shows its wrapped texts whole when it is for print."""
        if self.widths is None:
            return cells
        lines = max(
            page.lines_needed(str(cell.value), width)
            for cell, width in zip(cells, self.widths, strict=False)
            if isinstance(cell.value, str)
        )
        return Tall(cells, page.height_for(lines)) if lines > 1 else cells

    def value(self, shown: str) -> Styled:
        """An input as Excel should hold it: a count or score as a number, a percentage as a
        percent-formatted number, 是/否 as text."""
        if shown.endswith("%"):
            return Styled(Decimal(shown[:-1]).scaleb(-2), self.percent)
        try:
            figure = Decimal(shown)
        except InvalidOperation:
            return Styled(shown, self.text)
        if not figure.is_finite():
            return Styled(shown, self.text)
        return Styled(figure, self.count if figure == figure.to_integral_value() else self.decimal)

    def user_text(self, value: str) -> Styled:
        """User text as Excel can hold it, never as a formula. Text cut to fit has been warned
        about already: every unit and group is in 汇总, and a source is never that long."""
        if L.is_plain_text(value):
            return Styled(value, self.text)
        cleaned, _ = L.clean_text(value)
        return Styled(cleaned, self.quoted if looks_like_formula(cleaned) else self.text)

    def bold(self, value: str) -> Styled:
        """A subtotal's label in bold, as text like `user_text`."""
        cleaned, _ = L.clean_text(value)
        return Styled(cleaned, self.bold_quoted if looks_like_formula(cleaned) else self.bold_style)


def _styled_cell(ws: Any, **style: Any) -> Any:
    """An empty write-only cell of `ws` styled so (font, fill, number_format, quotePrefix …);
    a style given as None is left as it is."""
    cell = WriteOnlyCell(ws)
    for name, value in style.items():
        if value is not None:
            setattr(cell, name, value)
    return cell


def _losses(wb: Workbook, report: ScoreReport, truncated: list[str], title: str) -> None:
    """Per base field: how many units lost points there and how many in all."""
    widths = [14, 36, 6.5, 8, 8, 8, 28]
    sheet = _Sheet(wb, t("sheet.losses"), truncated, widths=widths, freeze="C2", header=title)
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
        sheet.append(
            [
                row.category,
                row.label,
                _score(sheet, row.maximum),
                sheet.styled(row.units_losing, alignment=RIGHT),
                _score(sheet, row.total_lost),
                _score(sheet, row.mean_lost),
                row.key,
            ]
        )
    sheet.ws.auto_filter.ref = f"A1:G{sheet.rows}"
    sheet.print_table(1, len(labels) - 1)


def _issues(wb: Workbook, report: ScoreReport, truncated: list[str], title: str) -> None:
    sheet = _Sheet(
        wb, t("sheet.issues"), truncated, widths=[6, 14, 22, 44, 24], freeze="A2", header=title
    )
    sheet.header(
        [t("label.level"), t("label.unit"), t("label.key"), t("label.message"), t("label.source")]
    )
    for issue in report.issues:
        sheet.append(
            [
                t(f"level.{issue.level}"),
                issue.unit,
                issue.field,
                say(issue.message),
                str(issue.source or issue.where),
            ]
        )
    if not report.issues:
        sheet.append(["", "", "", t("issues.none"), ""])
    sheet.print_table(1, 5)


def _provenance(
    wb: Workbook, report: ScoreReport, rules: RuleSet, truncated: list[str], title: str
) -> None:
    """Where the scores come from: the rule set, its file's name and full hash, every input's
    name and full hash, the time in the office's time zone; then every local choice."""
    sheet = _Sheet(wb, t("sheet.rules"), truncated, widths=[20, 82], freeze="A2", header=title)
    sheet.header([t("label.property"), t("label.content")])
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
    for i, f in enumerate(report.files, start=1):
        rows.append((t("prov.input", n=i), Path(f.path).name))
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
        rows.append((label, f"{where}：{choice.reason}"))
    for key, value in rows:
        sheet.append([sheet.cell(key, font=L.HEADER_FONT), value])
    sheet.print_table(1, 2)
