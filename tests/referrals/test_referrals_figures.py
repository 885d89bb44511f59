# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The referral figures per organisation and service (/verwijzingen/cijfers/): small counts hidden through the shared
disclosure control, and no hidden count recoverable from an organisation's published total."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eenplan.lib.disclosure import HIDDEN
from eenplan.referrals.models import Referral, ReferralState
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

S = ReferralState
URL = "/verwijzingen/cijfers/"


def make_referrals(household, service, by, rows: list[tuple[str, float | None]]) -> None:
    """Referrals made directly in the database: (state, days from sending to acceptance or None)."""
    sent_at = timezone.now() - datetime.timedelta(days=60)
    for state, days in rows:
        referral = Referral.objects.create(
            household=household,
            service=service,
            to_organisation=service.organisation,
            from_user=by,
            from_organisation=household.owning_team.organisation,
            summary="Verwijzing",
            state=state,
            sent_at=None if state == S.CONCEPT else sent_at,
            response_deadline=None if state == S.CONCEPT else sent_at + datetime.timedelta(days=5),
            accepted_at=None if days is None else sent_at + datetime.timedelta(days=days),
        )
        referral.shared_categories.set([story.category("basis")])


def received_cells(html: str) -> tuple[dict[str, str], dict[str, str]]:
    """What the page shows as "received": per organisation and per service (the first figure cell of each row)."""
    html = re.sub(r"\s+", " ", html)
    organisations = dict(re.findall(r"<tr><th scope=\"row\">([^<]+)</th> ?<td class=\"ep-num\">([^<]*)</td>", html))
    services = dict(
        re.findall(r"<tr><td>[^<]+</td><th scope=\"row\">([^<]+)</th> ?<td class=\"ep-num\">([^<]*)</td>", html)
    )
    return organisations, services


def test_a_hidden_service_count_cannot_be_recomputed_from_the_organisations_total(
    household, professional, verified_client
):
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    for name, number in (("Schuldhulpverlening", 7), ("Budgetcoaching", 6), ("Inkomensadvies", 2)):
        make_referrals(household, story.service_of(schuldhulp, name), professional, [(S.AFGEROND, 1)] * number)

    organisations, services = received_cells(verified_client.get(URL).content.decode())

    assert set(services) == {"Schuldhulpverlening", "Budgetcoaching", "Inkomensadvies"}
    assert not services["Inkomensadvies"].isdigit(), "the 2 itself must not show"
    total = organisations["Schuldhulp Samen"]
    others = [services["Schuldhulpverlening"], services["Budgetcoaching"]]
    recoverable = total.isdigit() and all(other.isdigit() for other in others)
    assert not recoverable, f"the total {total} minus {others} gives the hidden 2"


def test_the_figures_hide_small_counts_and_show_median_and_percentages(household, professional, verified_client):
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    big = story.service_of(schuldhulp, "Schuldhulpverlening")
    small = story.service_of(schuldhulp, "Budgetcoaching")
    make_referrals(
        household,
        big,
        professional,
        [
            (S.AFGEROND, 1),
            (S.AFGEROND, 2),
            (S.IN_BEHANDELING, 3),
            (S.GEACCEPTEERD, 4),
            (S.GESTOPT, 5),
            (S.AFGEWEZEN, None),
            (S.CONCEPT, None),  # not sent: not counted
        ],
    )
    make_referrals(household, small, professional, [(S.AFGEROND, 1), (S.AFGEROND, 1), (S.VERZONDEN, None)])
    # A third service, so that the small one hides behind it and not behind the big one.
    make_referrals(household, story.service_of(schuldhulp, "Inkomensadvies"), professional, [(S.AFGEROND, 1)] * 5)

    response = verified_client.get(URL)
    assert response.status_code == 200
    rows = {row["service"]: row for row in response.context["service_rows"]}
    assert rows["Budgetcoaching"]["received"] is None
    assert rows["Budgetcoaching"]["median_days"] is None
    assert rows["Budgetcoaching"]["pct_accepted"] is None and rows["Budgetcoaching"]["pct_completed"] is None
    big_row = rows["Schuldhulpverlening"]
    assert big_row["received"] == 6
    assert big_row["median_days"] == 3.0
    assert big_row["pct_accepted"] == 83  # 5 accepted of 6 decided
    assert big_row["pct_completed"] == 40  # 2 completed of 5 accepted

    html = re.sub(r"\s+", " ", response.content.decode())
    budget_row = re.search(r"<tr><td>Schuldhulp Samen</td><th scope=\"row\">Budgetcoaching</th>(.*?)</tr>", html)
    assert budget_row is not None
    assert f">{HIDDEN}<" in budget_row.group(1)
    assert ">3<" not in budget_row.group(1), "the small count itself must not show"
    big_html = re.search(r"<th scope=\"row\">Schuldhulpverlening</th>(.*?)</tr>", html)
    assert big_html is not None
    cells = big_html.group(1)
    assert ">6<" in cells and "83%" in cells and "40%" in cells
    assert re.search(r">3[,.]0<", cells)


def test_a_service_hidden_to_protect_another_shows_no_percentages(household, professional, verified_client):
    """Seven and two: the seven is hidden too (else 9 − 7 gives the 2), and so are its shares and median."""
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    make_referrals(household, story.service_of(schuldhulp, "Schuldhulpverlening"), professional, [(S.AFGEROND, 1)] * 7)
    make_referrals(household, story.service_of(schuldhulp, "Budgetcoaching"), professional, [(S.AFGEROND, 1)] * 2)
    rows = {row["service"]: row for row in verified_client.get(URL).context["service_rows"]}
    assert rows["Schuldhulpverlening"] == {
        "organisation": "Schuldhulp Samen",
        "service": "Schuldhulpverlening",
        "received": None,
        "median_days": None,
        "pct_accepted": None,
        "pct_completed": None,
    }


def test_the_figures_page_without_referrals(verified_client):
    response = verified_client.get(URL)
    assert response.status_code == 200
    assert response.context["service_rows"] == [] and response.context["organisation_rows"] == []
    assert "Nog geen verwijzingen." in response.content.decode()


def test_the_figures_add_up_per_organisation(household, professional, verified_client):
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    make_referrals(household, story.service_of(schuldhulp, "Schuldhulpverlening"), professional, [(S.AFGEROND, 1)] * 5)
    make_referrals(household, story.service_of(schuldhulp, "Budgetcoaching"), professional, [(S.AFGEROND, 3)] * 5)
    rows = verified_client.get(URL).context["organisation_rows"]
    assert rows == [
        {
            "organisation": "Schuldhulp Samen",
            "received": 10,
            "median_days": 2.0,
            "pct_accepted": 100,
            "pct_completed": 100,
        }
    ]


def test_an_organisation_with_a_handful_of_referrals_shows_none_of_its_figures(
    household, professional, verified_client
):
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    make_referrals(household, story.service_of(schuldhulp, "Schuldhulpverlening"), professional, [(S.AFGEROND, 1)] * 3)
    (row,) = verified_client.get(URL).context["organisation_rows"]
    assert (row["received"], row["median_days"], row["pct_accepted"], row["pct_completed"]) == (None, None, None, None)


def test_a_share_of_fewer_than_five_referrals_is_not_shown(household, professional, verified_client):
    """Eight received, but only four accepted: the share completed would describe four households."""
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    service = story.service_of(schuldhulp, "Schuldhulpverlening")
    make_referrals(household, service, professional, [(S.AFGEROND, 1)] * 4 + [(S.AFGEWEZEN, None)] * 4)
    (row,) = verified_client.get(URL).context["service_rows"]
    assert (row["received"], row["pct_accepted"]) == (8, 50)
    assert row["pct_completed"] is None and row["median_days"] is None


def test_the_threshold_is_the_shared_setting(household, professional, verified_client, settings):
    settings.REPORT_SMALL_CELL = 10
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    make_referrals(household, story.service_of(schuldhulp, "Schuldhulpverlening"), professional, [(S.AFGEROND, 1)] * 8)
    (row,) = verified_client.get(URL).context["service_rows"]
    assert row["received"] is None


def test_the_figures_page_costs_the_same_queries_for_more_services(
    household, professional, verified_client, django_assert_max_num_queries
):
    schuldhulp = story.partner_organisation("Schuldhulp Samen")
    make_referrals(household, story.service_of(schuldhulp, "Dienst 1"), professional, [(S.AFGEROND, 1)] * 5)
    with CaptureQueriesContext(connection) as one:
        verified_client.get(URL)
    for number in range(2, 8):
        service = story.service_of(story.partner_organisation(f"Organisatie {number}"), f"Dienst {number}")
        make_referrals(household, service, professional, [(S.AFGEROND, 1)] * 5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        verified_client.get(URL)
