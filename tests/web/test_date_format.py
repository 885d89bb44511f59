# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""One date format across the app (issue 17): "20 november 2026", and "20 november 2026 14:05" where the time
matters. The format lives in eenplan/formats; no template spells out a format of its own."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

import eenplan

TEMPLATE_ROOT = Path(eenplan.__file__).parent
# The named formats of eenplan/formats, the machine-readable 'c' of <time datetime>, and the access log's seconds.
ALLOWED = {'"DATETIME_FORMAT"', '"YEAR_MONTH_FORMAT"', "'c'", '"j F Y H:i:s"'}
DATE_FILTER = re.compile(r"\|date:(\"[^\"]*\"|'[^']*')")
DAY = datetime.date(2026, 11, 20)
MOMENT = datetime.datetime(2026, 11, 20, 14, 5, tzinfo=datetime.UTC)


def render(source: str, value: object, language: str) -> str:
    with translation.override(language):
        return Template(source).render(Context({"value": value}))


def test_a_date_reads_as_day_month_year_in_dutch():
    assert render("{{ value|date }}", DAY, "nl") == "20 november 2026"


def test_a_date_reads_the_same_way_in_english():
    assert render("{{ value|date }}", DAY, "en") == "20 November 2026"


def test_a_moment_adds_the_time_in_the_netherlands_time_zone():
    assert render('{{ value|date:"DATETIME_FORMAT" }}', MOMENT, "nl") == "20 november 2026 15:05"


def test_a_date_shown_without_a_filter_uses_the_same_format():
    assert render("{{ value }}", DAY, "nl") == "20 november 2026"


def test_no_template_spells_out_a_date_format_of_its_own():
    own = {
        f"{path.relative_to(TEMPLATE_ROOT)}: {fmt}"
        for path in TEMPLATE_ROOT.rglob("*.html")
        for fmt in DATE_FILTER.findall(path.read_text(encoding="utf-8"))
        if fmt not in ALLOWED
    }
    assert not own
