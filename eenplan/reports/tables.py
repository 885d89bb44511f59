# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What a report page shows, as data: sections of tables (already protected by eenplan.lib.disclosure) with an
optional SVG chart of the same figures. The page, the CSV and the XLSX export are all made from these sections, so an
export holds exactly what the page shows. Also the filters every report shares (period, neighbourhood)."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.lib.disclosure import HIDDEN, shown

# --- Periods -------------------------------------------------------------------------------------------------------

PERIODS = {
    "3m": gettext_lazy("Last 3 months"),
    "12m": gettext_lazy("Last 12 months"),
    "jaar": gettext_lazy("This year"),
    "vorig-jaar": gettext_lazy("Last year"),
    "alles": gettext_lazy("All time"),
}
DEFAULT_PERIOD = "12m"


@dataclass(frozen=True)
class Period:
    code: str
    first_month: datetime.date | None  # None: from the beginning
    last_month: datetime.date  # inclusive, the first day of that month

    @property
    def label(self) -> str:
        return str(PERIODS[self.code])

    @property
    def start(self) -> datetime.date | None:
        return self.first_month

    @property
    def end(self) -> datetime.date:
        """The first day after the period."""
        return _add_months(self.last_month, 1)


def _add_months(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period(code: str, today: datetime.date | None = None) -> Period:
    """The period for a filter code (a KeyError for an unknown one)."""
    if code not in PERIODS:
        raise KeyError(code)
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    if code == "3m":
        return Period(code, _add_months(this_month, -2), this_month)
    if code == "12m":
        return Period(code, _add_months(this_month, -11), this_month)
    if code == "jaar":
        return Period(code, this_month.replace(month=1), this_month)
    if code == "vorig-jaar":
        return Period(code, datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 1))
    return Period(code, None, this_month)


# --- Charts ----------------------------------------------------------------------------------------------------------

CHART_WIDTH = 560
LABEL_WIDTH = 220
BAR_SPACE = 280
ROW_HEIGHT = 26
# Colours with enough contrast against white (WCAG 1.4.11) and each other, in the NL Design System's blue range.
SERIES_COLOURS = ("#1f3a93", "#5b6f9f", "#9aa5b8", "#c45100", "#6b3a8e")


@dataclass
class Bar:
    x: int
    width: int
    colour: str


@dataclass
class ChartRow:
    label: str
    y: int
    bars: list[Bar]
    text: str  # the figure(s) written beside the bar; HIDDEN where hidden


@dataclass
class Chart:
    """A horizontal bar chart (one bar per row) or a stacked one (a row's parts as shares of its total). Rows whose
    figure is hidden get no bar, only the mark."""

    title: str
    rows: list[ChartRow]
    legend: list[tuple[str, str]]  # (colour, label)
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH


def bar_chart(title: str, rows: Sequence[tuple[str, int | float | None]], *, legend: str = "") -> Chart:
    largest = max((v for _label, v in rows if v is not None and v > 0), default=1)
    chart_rows = []
    for index, (label, value) in enumerate(rows):
        bars = []
        if value is not None and value > 0:
            bars.append(Bar(LABEL_WIDTH, max(int(BAR_SPACE * value / largest), 1), SERIES_COLOURS[0]))
        chart_rows.append(ChartRow(label, index * ROW_HEIGHT, bars, shown(value)))
    return Chart(title, chart_rows, [(SERIES_COLOURS[0], legend)] if legend else [], _height(rows))


def stacked_chart(title: str, rows: Sequence[tuple[str, Sequence[int | None]]], series: Sequence[str]) -> Chart:
    """Each row's parts as shares of the row (100% wide). A row with a hidden part shows no bar: its shares would
    tell the hidden figure."""
    chart_rows = []
    for index, (label, parts) in enumerate(rows):
        bars: list[Bar] = []
        total = sum(p for p in parts if p is not None)
        if total > 0 and all(p is not None for p in parts):
            x = LABEL_WIDTH
            for colour, part in zip(SERIES_COLOURS, parts, strict=False):
                width = int(BAR_SPACE * (part or 0) / total)
                if width:
                    bars.append(Bar(x, width, colour))
                x += width
            text = " / ".join(str(p) for p in parts)
        else:
            text = HIDDEN if total or any(p is None for p in parts) else "0"
        chart_rows.append(ChartRow(label, index * ROW_HEIGHT, bars, text))
    legend = [(SERIES_COLOURS[i % len(SERIES_COLOURS)], name) for i, name in enumerate(series)]
    return Chart(title, chart_rows, legend, _height(rows))


def _height(rows: Sequence[object]) -> int:
    return max(len(rows), 1) * ROW_HEIGHT + 4


# --- Sections and exports --------------------------------------------------------------------------------------------


@dataclass
class Section:
    """One table of a report as it is published: a header for the labels, the value columns, rows of shown
    figures (strings: the number or HIDDEN) and an optional total row."""

    key: str
    title: str
    label_header: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    total: list[str] | None = None
    note: str = ""
    chart: Chart | None = None
    hidden_any: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.rows


def section_data(section: Section) -> dict[str, Any]:
    """The section as plain JSON data (what a kept page stores): lazy texts become text; `extra` is left out, views
    fill it per request."""
    data = json.loads(json.dumps(asdict(section), cls=DjangoJSONEncoder))
    data.pop("extra", None)
    return dict(data)


def section_from_data(data: dict[str, Any]) -> Section:
    """The section that `section_data` stored. An AttributeError, KeyError or TypeError means data of
    another shape (kept by an older version)."""
    chart = data.get("chart")
    return Section(
        key=data["key"],
        title=data["title"],
        label_header=data["label_header"],
        columns=list(data["columns"]),
        rows=[(label, list(values)) for label, values in data["rows"]],
        total=list(data["total"]) if data.get("total") is not None else None,
        note=data.get("note", ""),
        chart=(
            Chart(
                title=chart["title"],
                rows=[
                    ChartRow(row["label"], row["y"], [Bar(**bar) for bar in row["bars"]], row["text"])
                    for row in chart["rows"]
                ],
                legend=[(colour, label) for colour, label in chart["legend"]],
                height=chart["height"],
                width=chart["width"],
                label_width=chart["label_width"],
            )
            if chart
            else None
        ),
        hidden_any=bool(data.get("hidden_any", False)),
    )


def cells(values: Sequence[int | float | None]) -> list[str]:
    return [shown(v) for v in values]


def as_csv(title: str, sections: Sequence[Section], caption: Sequence[str]) -> str:
    """All sections one below the other, each with its title and header; a byte order mark for spreadsheet programs
    is added by the view."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([title])
    for line in caption:
        writer.writerow([line])
    for section in sections:
        writer.writerow([])
        writer.writerow([section.title])
        writer.writerow([section.label_header, *section.columns])
        for label, values in section.rows:
            writer.writerow([label, *values])
        if section.total is not None:
            writer.writerow([_("Total"), *section.total])
    writer.writerow([])
    writer.writerow([_("x: not shown (fewer than 5, or needed to keep such a figure hidden)")])
    return out.getvalue()


def as_xlsx(title: str, sections: Sequence[Section], caption: Sequence[str]) -> bytes:
    """One sheet per section, figures as numbers where they are shown and "x" where hidden."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = _("About")[:31]
    first.append([title])
    first["A1"].font = Font(bold=True)
    for line in caption:
        first.append([line])
    first.append([_("x: not shown (fewer than 5, or needed to keep such a figure hidden)")])
    for section in sections:
        sheet = book.create_sheet(_sheet_name(section.title, book.sheetnames))
        sheet.append([section.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([section.label_header, *section.columns])
        for label, values in section.rows:
            sheet.append([label, *(_number(v) for v in values)])
        if section.total is not None:
            sheet.append([_("Total"), *(_number(v) for v in section.total)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value: str) -> int | float | str:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def _sheet_name(title: str, taken: list[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Tabel"
    name, number = base, 2
    while name in taken:
        name, number = f"{base[:25]} {number}", number + 1
    return name
