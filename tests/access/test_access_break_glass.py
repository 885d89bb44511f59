# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Break-the-glass: emergency access needs a reason, is time-limited, marked in the log and reviewed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, BreakGlassAccess
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

EXPLANATION = "Melding van acute onveiligheid door de wijkagent, kinderen in huis"


@pytest.fixture
def privacy_officer():
    """The municipality's privacy officer, who oversees every organisation's emergency accesses and log entries."""
    return story.member_of(factories.OrganisationFactory(name="Gemeente", type="werk_inkomen"), "privacy_officer")


def take(client, household, **data):
    return client.post(reverse("access:break_glass", kwargs={"pk": household.pk}), data)


def test_the_refusal_page_offers_emergency_access_to_professionals(client, household, outsider):
    login_verified(client, outsider)
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert response.status_code == 403
    assert reverse("access:break_glass", kwargs={"pk": household.pk}) in response.content.decode()


def test_emergency_access_without_a_reason_is_refused_and_nothing_changes(client, household, outsider):
    login_verified(client, outsider)
    response = take(client, household, reason="", explanation="")
    assert response.status_code == 400
    assert not BreakGlassAccess.objects.exists() and not AccessLogEntry.objects.exists()


def test_emergency_access_opens_the_file_and_is_marked_in_the_log(client, household, outsider):
    login_verified(client, outsider)
    assert take(client, household, reason="veiligheid", explanation=EXPLANATION).status_code == 302
    assert client.get(reverse("households:detail", kwargs={"pk": household.pk})).status_code == 200
    taken, viewed = AccessLogEntry.objects.order_by("id")
    assert taken.action == "break_glass" and taken.break_glass
    assert viewed.break_glass and viewed.justification.startswith("break_glass:")


def test_emergency_access_ends_after_its_time(client, household, outsider, settings):
    login_verified(client, outsider)
    take(client, household, reason="veiligheid", explanation=EXPLANATION)
    BreakGlassAccess.objects.update(
        started_at=timezone.now() - datetime.timedelta(hours=25),
        expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert client.get(reverse("households:detail", kwargs={"pk": household.pk})).status_code == 403


def test_emergency_access_lasts_the_configured_hours(client, household, outsider, settings):
    settings.BREAK_GLASS_HOURS = 2
    login_verified(client, outsider)
    take(client, household, reason="meldcode", explanation=EXPLANATION)
    emergency = BreakGlassAccess.objects.get()
    assert emergency.expires_at - emergency.started_at == pytest.approx(
        datetime.timedelta(hours=2), abs=datetime.timedelta(seconds=5)
    )


def test_emergency_access_is_read_only(client, household, outsider):
    login_verified(client, outsider)
    take(client, household, reason="veiligheid", explanation=EXPLANATION)
    assert client.get(reverse("households:edit", kwargs={"pk": household.pk})).status_code == 403


def test_volunteers_cannot_take_emergency_access(client, household):
    volunteer = story.member_of(story.partner_organisation("Vrijwilligers"), "volunteer")
    login_verified(client, volunteer)
    assert take(client, household, reason="veiligheid", explanation=EXPLANATION).status_code == 403
    assert not BreakGlassAccess.objects.exists()


def test_the_privacy_officer_reviews_emergency_access_with_a_comment(client, household, outsider, privacy_officer):
    login_verified(client, outsider)
    take(client, household, reason="veiligheid", explanation=EXPLANATION)
    emergency = BreakGlassAccess.objects.get()

    officer = login_verified(type(client)(), privacy_officer)
    listing = officer.get(reverse("access:break_glass_reviews")).content.decode()
    assert outsider.full_name in listing
    review_url = reverse("access:break_glass_review", kwargs={"access_pk": emergency.pk})
    assert officer.post(review_url, {"review_comment": ""}).status_code == 400
    assert officer.post(review_url, {"review_comment": "Terecht, melding bevestigd"}).status_code == 302
    emergency.refresh_from_db()
    assert emergency.reviewed_by == privacy_officer and emergency.review_comment == "Terecht, melding bevestigd"
    assert outsider.full_name not in officer.get(reverse("access:break_glass_reviews")).content.decode()


def test_only_the_privacy_officer_sees_the_review_list(client, professional):
    login_verified(client, professional)
    assert client.get(reverse("access:break_glass_reviews")).status_code == 403
    assert client.get(reverse("access:log_search")).status_code == 403


def test_the_privacy_officer_searches_the_log_by_user_household_and_period(
    client, household, professional, privacy_officer
):
    login_verified(client, professional)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    officer = login_verified(type(client)(), privacy_officer)
    today = timezone.localdate().isoformat()
    found = officer.get(
        reverse("access:log_search"), {"user": professional.email, "huishouden": household.pk, "van": today}
    )
    assert found.status_code == 200 and professional.full_name in found.content.decode()
    other_user = officer.get(reverse("access:log_search"), {"user": "niemand@example.org"}).content.decode()
    assert professional.full_name not in other_user
    bad = officer.get(reverse("access:log_search"), {"van": "gisteren"})
    assert bad.status_code == 400


def test_the_regisseur_sees_who_looked_at_the_file(client, household):
    regisseur = factories.wijkteam_member(team=household.owning_team, role="regisseur")
    colleague = factories.wijkteam_member(team=household.owning_team)
    login_verified(type(client)(), colleague).get(reverse("households:detail", kwargs={"pk": household.pk}))
    login_verified(client, regisseur)
    page = client.get(reverse("access:household_log", kwargs={"pk": household.pk})).content.decode()
    assert colleague.full_name in page
