"""The scored workbook (SPEC §5.2): 汇总 with a chart, 明细, 问题, 规则. Written in write-only mode,
so memory stays flat however many units there are; 明细 continues on 明细2, 明细3 … past Excel's
row limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mypm.engine import Engine
from mypm.i18n import t
from mypm.labels import number
from mypm.results import Issue, Progress, ScoreReport
from mypm.rules import RuleSet
from mypm.values import looks_like_formula
from mypm.whatif import next_grade, rank_gaps
from mypm.workbook import layout as L
from mypm.workbook.save import save_verified
from mypm.workbook.stream import Row, StreamedSheet, Styled

EXCEL_MAX_ROWS = 1_048_576
PROGRESS_EVERY = 500  # units
GRADE_FILLS = ("C6EFCE", "DDEBF7", "FFEB9C", "FFC7CE", "EDEDED")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)


class _Sheet:
    """A write-only sheet with helpers that always write user text as text."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        truncated: list[str],
        *,
        widths: Sequence[float],
        freeze: str,
        landscape: bool = False,
        ws: Any = None,
    ) -> None:
        # In write-only mode, widths, panes and page setup come before the rows in the file.
        self.ws = wb.create_sheet(title) if ws is None else ws
        self.truncated = truncated
        self.rows = 0
        self._styles: dict[tuple[str | None, int, int], Any] = {}
        for col, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.freeze_panes = freeze
        if landscape:
            self.ws.page_setup.orientation = "landscape"
            self.ws.page_setup.fitToWidth = 1
            self.ws.page_setup.fitToHeight = 0
            self.ws.sheet_properties.pageSetUpPr.fitToPage = True

    def cell(
        self,
        value: object,
        *,
        number_format: str | None = None,
        font: Font | None = None,
        fill: PatternFill | None = None,
    ) -> Cell:
        cell = _styled_cell(self.ws, number_format=number_format, font=font, fill=fill)
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
    ) -> Cell:
        """A cell of mypm's own (a figure, a grade, a label) with a style made once and shared:
        setting a style cell by cell costs more than writing the cell."""
        if isinstance(value, str) and not L.is_plain_text(value):  # a grade from the rule file
            return self.cell(value, number_format=number_format, fill=fill, font=font)
        key = (number_format, id(fill), id(font))
        style = self._styles.get(key)
        if style is None:
            template = self.cell(0, number_format=number_format, fill=fill, font=font)
            style = self._styles[key] = template._style
        cell = WriteOnlyCell(self.ws, value)
        cell._style = style
        return cell

    def safe(self, value: object) -> object:
        """Plain values as they are (the fast path); text that could be taken for a formula,
        or that Excel cannot hold as it is, as a text cell."""
        return self.cell(value) if isinstance(value, str) and not L.is_plain_text(value) else value

    def append(self, values: Iterable[object]) -> None:
        self.ws.append([self.safe(v) for v in values])
        self.rows += 1

    def header(self, labels: Sequence[str]) -> None:
        self.ws.row_dimensions[self.rows + 1].height = 32
        cells = [self.cell(label, font=L.HEADER_FONT, fill=L.HEADER_FILL) for label in labels]
        for cell in cells:
            cell.alignment = L.WRAP_CENTER
        self.append(cells)


def write_scored_workbook(
    path: Path, report: ScoreReport, rules: RuleSet, *, progress: Progress | None = None
) -> list[Issue]:
    """Write the scored workbook to `path`; returns warnings for text that had to be cut."""
    wb = Workbook(write_only=True)
    # marks it as mypm's output, so that it is never read back as an input
    wb.custom_doc_props.append(StringProperty(name=L.META_SCORED, value=report.created))
    truncated: list[str] = []
    try:
        _summary(wb, report, rules, truncated)
        _details(wb, report, rules, truncated, progress)
        _losses(wb, report, truncated)
        _issues(wb, report, truncated)
        _provenance(wb, report, truncated)
        save_verified(wb, path)
    except BaseException:
        _close_unsaved(wb)
        raise
    return [Issue("warning", t("write.truncated"), source=where) for where in truncated]


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
    if value is None:
        return None
    return sheet.styled(value, number_format=L.SCORE_FORMAT, fill=fill)


def _summary(wb: Workbook, report: ScoreReport, rules: RuleSet, truncated: list[str]) -> None:
    widths = [6, 8, 18, 10, *[11] * len(rules.categories), 9, 9, 9, 9, 8, 10, 10]
    sheet = _Sheet(wb, t("sheet.summary"), truncated, widths=widths, freeze="E3", landscape=True)
    ws = sheet.ws
    ws.print_title_rows = "1:2"
    sheet.append([sheet.cell(f"{rules.title}（{rules.year}）", font=TITLE_FONT)])
    labels = [t("label.rank"), t("label.group_rank"), t("label.unit"), t("label.group")]
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
    sheet.header(labels)
    fills = {
        g.name: PatternFill("solid", fgColor=GRADE_FILLS[min(i, len(GRADE_FILLS) - 1)])
        for i, g in enumerate(rules.grades)
    }
    to_rank = rank_gaps(report.units)
    for unit, rank_gap in zip(report.units, to_rank, strict=True):
        fill = fills.get(unit.grade)
        grade = next_grade(rules, unit.total)
        row: list[object] = [unit.rank, unit.group_rank, unit.unit, unit.group]
        row += [_score(sheet, unit.categories[c.id]) for c in rules.categories]
        row += [
            _score(sheet, unit.base),
            _score(sheet, unit.bonus),
            _score(sheet, unit.deductions),
            _score(sheet, unit.total, fill),
            sheet.styled(unit.grade, fill=fill),
            _score(sheet, grade.min - unit.total if grade else None),
            _score(sheet, rank_gap),
        ]
        sheet.append(row)
    last_col = get_column_letter(len(labels))
    last_row = 2 + len(report.units)
    ws.auto_filter.ref = f"A2:{last_col}{last_row}"
    if report.units:
        top = rules.base_points + (rules.bonus.cap or 0)
        total_col = labels.index(t("label.total")) + 1
        ws.add_chart(_chart(ws, total_col, last_row, len(report.units), top), f"B{last_row + 3}")


def _chart(ws: Any, total_col: int, last_row: int, count: int, top: Decimal) -> BarChart:
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: Chinese unit names stay readable
    chart.style = 10
    chart.title = t("label.chart_title")
    chart.y_axis.title = t("label.total")
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = float(top)
    chart.x_axis.tickLblSkip = 1  # every unit's name, not every other one
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    data = Reference(ws, min_col=total_col, min_row=2, max_row=last_row)
    categories = Reference(ws, min_col=3, min_row=3, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.height = max(7.5, 0.8 * count + 2)
    chart.width = 18
    return chart


def _details(
    wb: Workbook,
    report: ScoreReport,
    rules: RuleSet,
    truncated: list[str],
    progress: Progress | None,
) -> None:
    """Every unit's explanation lines, in rank order, made again from its inputs when the
    workbook is saved; on 明细, 明细2 … when they pass Excel's row limit."""
    labels = [
        t("label.unit"),
        t("label.group"),
        t("label.key"),
        t("label.item"),
        t("label.value"),
        t("label.score"),
        t("label.max"),
        t("label.certified_by"),
        t("label.explanation"),
        t("label.source"),
    ]
    widths = [16, 9, 30, 40, 10, 8, 8, 22, 44, 36]
    details = _DetailRows(wb, report, rules, progress)
    capacity = EXCEL_MAX_ROWS - 1  # under each sheet's header row
    total = len(report.units) * details.engine.lines_per_unit
    for start in range(0, max(total, 1), capacity):
        stop = min(start + capacity, total)
        title = t("sheet.details") + (str(start // capacity + 1) if start else "")
        ws = StreamedSheet.add_to(wb, title, details.rows(start, stop), stop - start)
        sheet = _Sheet(wb, title, truncated, widths=widths, freeze="C2", ws=ws)
        sheet.header(labels)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{stop - start + 1}"


class _DetailRows:
    """The 明细 rows, made when openpyxl saves each 明细 sheet (see `StreamedSheet`)."""

    def __init__(
        self, wb: Workbook, report: ScoreReport, rules: RuleSet, progress: Progress | None
    ) -> None:
        self.report = report
        self.engine = Engine(rules)
        self.progress = progress
        ws = wb.worksheets[0]  # any sheet: a cell's style id is the workbook's
        self.bold: int = _styled_cell(ws, font=BOLD).style_id
        self.figure: int = _styled_cell(ws, number_format=L.SCORE_FORMAT).style_id
        self.quoted: int = _styled_cell(ws, quotePrefix=True).style_id
        self.bold_quoted: int = _styled_cell(ws, font=BOLD, quotePrefix=True).style_id

    def rows(self, start: int, stop: int) -> Iterator[Row]:
        """Rows `start` to `stop` of all units' lines, counting from 0."""
        units, per_unit = self.report.units, self.engine.lines_per_unit
        for index in range(start // per_unit, -(-stop // per_unit)):
            if self.progress is not None and index % PROGRESS_EVERY == 0:
                self.progress("write", index, len(units))
            unit = units[index]
            lines = self.engine.lines(self.report.inputs[unit.unit], unit)
            name, group = self.text(unit.unit), self.text(unit.group)
            first = index * per_unit
            for line in lines[max(start - first, 0) : stop - first]:
                # Units, groups and sources come from workbooks; labels, certifiers and the
                # explanation's words from the rule file: all of them are text, never formulas.
                yield [
                    name,
                    group,
                    line.key,
                    self.text(line.label) if line.kind == "leaf" else self.bold_text(line.label),
                    line.value,
                    Styled(line.score, self.figure),
                    None if line.maximum is None else Styled(line.maximum, self.figure),
                    self.text(line.certifier),
                    self.text(line.explanation),
                    self.text(line.source),
                ]

    def text(self, value: str) -> str | Styled:
        """User text as Excel can hold it, never as a formula. Text cut to fit has been warned
        about already: every unit and group is in 汇总, and a source is never that long."""
        if L.is_plain_text(value):
            return value
        cleaned, _ = L.clean_text(value)
        return Styled(cleaned, self.quoted) if looks_like_formula(cleaned) else cleaned

    def bold_text(self, value: str) -> Styled:
        """A subtotal's label in bold, as text like `text`."""
        cleaned, _ = L.clean_text(value)
        return Styled(cleaned, self.bold_quoted if looks_like_formula(cleaned) else self.bold)


def _styled_cell(ws: Any, **style: Any) -> Any:
    """An empty write-only cell of `ws` styled so (font, fill, number_format, quotePrefix …);
    a style given as None is left as it is."""
    cell = WriteOnlyCell(ws)
    for name, value in style.items():
        if value is not None:
            setattr(cell, name, value)
    return cell


def _losses(wb: Workbook, report: ScoreReport, truncated: list[str]) -> None:
    """Per base field: how many units lost points there and how many in all."""
    widths = [14, 40, 30, 8, 10, 10, 10]
    sheet = _Sheet(wb, t("sheet.losses"), truncated, widths=widths, freeze="C2")
    sheet.header(
        [
            t("label.category"),
            t("label.item"),
            t("label.key"),
            t("label.max"),
            t("label.units_losing"),
            t("label.total_lost"),
            t("label.mean_lost"),
        ]
    )
    for row in report.losses:
        sheet.append(
            [
                row.category,
                row.label,
                row.key,
                _score(sheet, row.maximum),
                row.units_losing,
                _score(sheet, row.total_lost),
                _score(sheet, row.mean_lost),
            ]
        )
    sheet.ws.auto_filter.ref = f"A1:G{sheet.rows}"


def _issues(wb: Workbook, report: ScoreReport, truncated: list[str]) -> None:
    sheet = _Sheet(wb, t("sheet.issues"), truncated, widths=[8, 16, 30, 70, 36], freeze="A2")
    sheet.header(
        [t("label.level"), t("label.unit"), t("label.key"), t("label.message"), t("label.source")]
    )
    for issue in report.issues:
        sheet.append(
            [t(f"level.{issue.level}"), issue.unit, issue.field, issue.message, issue.source]
        )


def _provenance(wb: Workbook, report: ScoreReport, truncated: list[str]) -> None:
    sheet = _Sheet(wb, t("sheet.rules"), truncated, widths=[22, 90], freeze="A2")
    sheet.header([t("label.property"), t("label.value")])
    rows = [
        (t("prov.rules_id"), report.rules_id),
        (t("prov.title"), report.rules_title),
        (t("prov.document"), report.rules_document),
        (t("prov.rules_file"), report.rules_path),
        (t("prov.rules_sha256"), report.rules_sha256),
        (t("prov.version"), report.version),
        (t("prov.created"), report.created),
    ]
    if report.self_check:
        rows.append((t("prov.self_check"), t("label.yes")))
    rows += [
        (t("prov.input", n=i), f"{f.path}  sha256 {f.sha256}")
        for i, f in enumerate(report.files, start=1)
    ]
    for key, value in rows:
        sheet.append([key, value])
