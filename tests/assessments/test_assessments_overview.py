# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The self-reliance overview: per resident an accessible SVG chart (role="img" with a title) and a table with the
same figures, per domain and assessment date. A partner sees only the domains of their consented categories; the
page's query count does not grow with the number of assessments (DESIGN.md §5.8)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from eenplan.accounts.models import Role
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
EARLIER = TODAY - datetime.timedelta(days=90)


def overview_url(household) -> str:
    return f"/huishoudens/{household.pk}/zelfredzaamheid/"


class TableReader(HTMLParser):
    """Reads every <table> of a page as rows of cell texts, and notes each <svg>'s attributes and <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.svgs: list[dict[str, str | None]] = []
        self._cell: list[str] | None = None
        self._in_svg_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "svg":
            self.svgs.append({**dict(attrs), "title": None})
        elif tag == "title" and self.svgs:
            self._in_svg_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "title":
            self._in_svg_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_svg_title:
            self.svgs[-1]["title"] = (self.svgs[-1]["title"] or "") + data


def read(response) -> TableReader:
    reader = TableReader()
    reader.feed(response.content.decode())
    return reader


def rows_by_domain(table: list[list[str]]) -> dict[str, list[str]]:
    """The table's body rows by their row header (the domain name); the header row under the key "Domain"."""
    return {"Domain": table[0][1:], **{row[0]: row[1:] for row in table[1:]}}


@pytest.fixture
def progress(household, professional):
    """Two assessments of Anna: first low on finances and housing, later better."""
    story.assess(household, professional, {"financien": 1, "huisvesting": 2, "justitie": 5}, on=EARLIER, otherwise=3)
    story.assess(household, professional, {"financien": 3, "huisvesting": 4, "justitie": 5}, on=TODAY, otherwise=3)
    return household


# The chart


def test_the_overview_shows_an_svg_chart_as_an_image_with_a_title(verified_client, progress):
    response = verified_client.get(overview_url(progress))
    assert response.status_code == 200
    bars = [svg for svg in read(response).svgs if "ep-bars" in (svg.get("class") or "")]
    assert len(bars) == 1
    assert bars[0]["role"] == "img"
    assert bars[0]["title"] and bars[0]["title"].strip()
    assert bars[0]["aria-labelledby"]


def test_every_svg_on_the_overview_is_marked_as_an_image_with_a_text_alternative(verified_client, progress):
    svgs = read(verified_client.get(overview_url(progress))).svgs
    assert svgs and all(svg["role"] == "img" for svg in svgs)
    assert all(svg["title"] or svg.get("aria-label") for svg in svgs)


def test_the_chart_draws_the_first_and_latest_level_of_each_domain(verified_client, progress):
    [chart] = verified_client.get(overview_url(progress)).context["charts"]
    financien = next(row for row in chart.bars if row.domain.code == "financien")
    assert (financien.first, financien.latest, financien.change) == (1, 3, 2)
    assert financien.latest_width == 3 * financien.first_width


# The table alternative


def test_the_table_has_a_column_per_assessment_date(verified_client, progress):
    [table] = read(verified_client.get(overview_url(progress))).tables
    assert rows_by_domain(table)["Domain"][:2] == [
        date_format(EARLIER, "DATE_FORMAT"),
        date_format(TODAY, "DATE_FORMAT"),
    ]


def test_the_table_holds_the_level_per_domain_for_each_assessment_date(verified_client, progress):
    rows = rows_by_domain(read(verified_client.get(overview_url(progress))).tables[0])
    assert rows["Financiën"] == ["1", "3", "+2"]
    assert rows["Huisvesting"] == ["2", "4", "+2"]
    assert rows["Justitie"] == ["5", "5", "0"]
    assert rows["Geestelijke gezondheid"] == ["3", "3", "0"]


def test_the_table_has_a_row_for_each_of_the_13_domains(verified_client, progress):
    [table] = read(verified_client.get(overview_url(progress))).tables
    assert len(table) == 1 + 13


def test_each_resident_gets_a_chart_of_their_own(verified_client, progress, professional):
    daan = factories.ResidentFactory(
        household=progress, first_name="Daan", last_name="Bakker", date_of_birth=datetime.date(2012, 6, 1)
    )
    story.assess(progress, professional, {"sociaal_netwerk": 2}, resident=daan)
    response = verified_client.get(overview_url(progress))
    assert [c.resident_name for c in response.context["charts"]] == ["Anna de Vries", "Daan Bakker"]
    assert len(read(response).tables) == 2


def test_a_level_zero_shows_as_zero_in_the_table_not_as_an_empty_cell(verified_client, household, professional):
    """On a 0..10 instrument (Positieve Gezondheid) 0 is a real answer; the table alternative must say so."""
    story.positieve_gezondheid(levels=range(0, 11))
    story.assess(household, professional, {"zingeving": 0}, otherwise=6, instrument_code="positieve-gezondheid")
    rows = rows_by_domain(read(verified_client.get(overview_url(household))).tables[0])
    assert rows["Zingeving"][0] == "0"
    assert rows["Meedoen"][0] == "6"


def test_the_table_caption_names_the_scale_of_the_instrument(verified_client, household, professional):
    """The caption tells a screen-reader user the range of the levels; on Positieve Gezondheid that is 0 to 10."""
    story.positieve_gezondheid(levels=range(0, 11))
    story.assess(household, professional, otherwise=6, instrument_code="positieve-gezondheid")
    html = verified_client.get(overview_url(household)).content.decode()
    caption = html[html.index("<caption>") : html.index("</caption>")]
    assert "10" in caption and "5)" not in caption


def test_the_signal_is_shown_on_the_overview_with_the_low_domains(verified_client, household, professional):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2, "sociaal_netwerk": 2})
    response = verified_client.get(overview_url(household))
    assert response.context["signal"].needed is True
    assert f"/huishoudens/{household.pk}/zelfredzaamheid/doelen/" in response.content.decode()


def test_without_assessments_the_overview_shows_the_empty_message(verified_client, household):
    response = verified_client.get(overview_url(household))
    assert response.status_code == 200
    assert response.context["charts"] == [] and 'class="ep-empty"' in response.content.decode()


# A partner under consent


@pytest.fixture
def progress_partner_client(progress, professional) -> Client:
    partner_org = story.partner_organisation()
    story.grant_consent(progress, partner_org, ["financien"], recorded_by=professional)
    return login_verified(Client(), story.member_of(partner_org, Role.PARTNER_PROFESSIONAL))


def test_a_partner_with_consent_for_finances_sees_the_finances_row(progress_partner_client, progress):
    response = progress_partner_client.get(overview_url(progress))
    assert response.status_code == 200
    assert rows_by_domain(read(response).tables[0])["Financiën"] == ["1", "3", "+2"]


def test_a_partner_with_consent_for_finances_does_not_see_mental_health(progress_partner_client, progress):
    response = progress_partner_client.get(overview_url(progress))
    assert "Geestelijke gezondheid" not in rows_by_domain(read(response).tables[0])
    assert "Geestelijke gezondheid" not in response.content.decode()


def test_a_partner_does_not_see_the_multi_problem_signal(progress_partner_client, household, professional):
    story.assess(household, professional, {"financien": 1, "huisvesting": 1, "middelengebruik": 1})
    response = progress_partner_client.get(overview_url(household))
    assert response.context["signal"] is None
    assert "Middelengebruik" not in response.content.decode()


def test_a_partner_without_consent_gets_403(progress):
    client = login_verified(Client(), story.member_of(story.partner_organisation(), Role.PARTNER_PROFESSIONAL))
    response = client.get(overview_url(progress))
    assert response.status_code == 403
    assert "Financiën" not in response.content.decode()


# Query counts


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overviews_query_count_does_not_grow_with_the_number_of_assessments(
    verified_client, household, professional
):
    story.assess(household, professional, {"financien": 2}, on=TODAY - datetime.timedelta(days=120))
    count_queries(verified_client, overview_url(household))  # warm up caches of the session and translations
    with_one = count_queries(verified_client, overview_url(household))
    for weeks in range(1, 5):
        story.assess(household, professional, {"financien": 2 + weeks % 3}, on=TODAY - datetime.timedelta(weeks=weeks))
    assert household.assessments.count() == 5
    assert count_queries(verified_client, overview_url(household)) == with_one


def test_the_overviews_query_count_does_not_grow_with_the_number_of_residents(verified_client, household, professional):
    story.assess(household, professional)
    count_queries(verified_client, overview_url(household))
    with_one = count_queries(verified_client, overview_url(household))
    for number in range(3):
        child = factories.ResidentFactory(household=household, first_name=f"Kind {number}")
        story.assess(household, professional, resident=child)
    assert count_queries(verified_client, overview_url(household)) == with_one


def test_under_annas_own_consent_a_partner_sees_only_annas_assessment(progress, professional):
    daan = factories.ResidentFactory(
        household=progress, first_name="Daan", last_name="Bakker", date_of_birth=datetime.date(2012, 6, 1)
    )
    story.assess(progress, professional, {"financien": 2}, resident=daan)
    partner_org = story.partner_organisation()
    anna = progress.residents.get(first_name="Anna")
    story.grant_consent(progress, partner_org, ["financien"], recorded_by=professional, resident=anna)
    partner = login_verified(Client(), story.member_of(partner_org, Role.PARTNER_PROFESSIONAL))
    response = partner.get(overview_url(progress))
    assert [c.resident_name for c in response.context["charts"]] == ["Anna de Vries"]
    assert "Daan" not in response.content.decode()
