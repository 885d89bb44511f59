# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Accessible SVG charts of assessments, computed on the server (no JavaScript), each with a table twin."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats

from eenplan.assessments.models import Assessment, Instrument, InstrumentDomain

BAR_MAX_WIDTH = 300
ROW_HEIGHT = 28
LABEL_WIDTH = 220
SPARK_WIDTH = 240
SPARK_HEIGHT = 40


def _spark_y(value: int, scale_min: int, scale_max: int) -> int:
    return int(SPARK_HEIGHT - (value - scale_min) * (SPARK_HEIGHT - 4) / max(scale_max - scale_min, 1) - 2)


@dataclass
class BarRow:
    domain: InstrumentDomain
    first: int | None
    latest: int | None
    y: int
    first_width: int
    latest_width: int

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass
class SparkRow:
    domain: InstrumentDomain
    values: list[int | None]
    points: str


@dataclass
class ResidentChart:
    resident_name: str
    instrument: Instrument
    dates: list[str]
    bars: list[BarRow]
    sparks: list[SparkRow]
    height: int
    scale_max: int
    scale_min: int = 1


def resident_chart(
    resident_name: str,
    instrument: Instrument,
    domains: list[InstrumentDomain],
    assessments: list[Assessment],
    scale_max: int,
    visible_domain_ids: set[int],
    scale_min: int = 1,
) -> ResidentChart:
    """First against latest per domain, and every domain over time. Hidden domains are left out entirely."""
    shown = [d for d in domains if d.pk in visible_domain_ids]
    values: list[dict[int, int]] = [{s.domain_id: s.value for s in a.scores.all()} for a in assessments]
    first, latest = (values[0], values[-1]) if values else ({}, {})
    bars = []
    sparks = []
    for index, domain in enumerate(shown):
        f, last = first.get(domain.pk), latest.get(domain.pk)
        bars.append(
            BarRow(
                domain,
                f,
                last,
                index * ROW_HEIGHT,
                int(BAR_MAX_WIDTH * (f or 0) / scale_max),
                int(BAR_MAX_WIDTH * (last or 0) / scale_max),
            )
        )
        series = [v.get(domain.pk) for v in values]
        step = SPARK_WIDTH / max(len(series) - 1, 1)
        points = " ".join(
            f"{int(i * step)},{_spark_y(value, scale_min, scale_max)}"
            for i, value in enumerate(series)
            if value is not None
        )
        sparks.append(SparkRow(domain, series, points))
    return ResidentChart(
        resident_name,
        instrument,
        [formats.date_format(a.assessed_on, "DATE_FORMAT") for a in assessments],
        bars,
        sparks,
        max(len(shown), 1) * ROW_HEIGHT,
        scale_max,
        scale_min,
    )
