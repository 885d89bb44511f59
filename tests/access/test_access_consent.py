# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Consent is recorded, changed and withdrawn on the household page; withdrawal works on the next request."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import Consent
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def consent_form_data(partner_org, *codes, **overrides):
    data = {
        "organisation": partner_org.pk,
        "resident": "",
        "categories": [story.category(code).pk for code in codes],
        "purpose": "Schulden regelen",
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": "",
        "method": "mondeling",
    }
    data.update(overrides)
    return data


def test_the_regisseur_records_a_consent_and_basis_is_always_included(client, household, professional, partner_org):
    login_verified(client, professional)
    response = client.post(
        reverse("access:consent_create", kwargs={"pk": household.pk}), consent_form_data(partner_org, "financien")
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert set(consent.categories.values_list("code", flat=True)) == {"basis", "financien"}
    assert consent.recorded_by == professional


def test_a_consent_ending_before_it_starts_is_refused_and_nothing_saved(client, household, professional, partner_org):
    login_verified(client, professional)
    response = client.post(
        reverse("access:consent_create", kwargs={"pk": household.pk}),
        consent_form_data(
            partner_org, "financien", valid_until=(timezone.localdate() - datetime.timedelta(days=1)).isoformat()
        ),
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_a_partner_sees_only_the_consented_categories(client, household, professional, partner_org, partner):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, partner)
    html = client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert 'data-category="financien">' in html.replace('ep-visible" data', "data")
    shown = {code: f'class="ep-visible" data-category="{code}"' in html for code in ("financien", "gezondheid")}
    assert shown == {"financien": True, "gezondheid": False}


def test_a_partner_cannot_change_household_data_under_consent(client, household, professional, partner_org, partner):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, partner)
    response = client.post(reverse("households:edit", kwargs={"pk": household.pk}), {"street": "Elders"})
    assert response.status_code == 403


def test_a_withdrawal_takes_effect_on_the_very_next_request(client, household, professional, partner_org, partner):
    consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, partner)
    detail = reverse("households:detail", kwargs={"pk": household.pk})
    assert client.get(detail).status_code == 200

    regisseur_client = login_verified(type(client)(), professional)
    regisseur_client.post(
        reverse("access:consent_withdraw", kwargs={"pk": household.pk, "consent_pk": consent.pk}),
        {"reason": "Bewoner wil dit niet meer"},
    )
    assert client.get(detail).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_by == professional and consent.withdrawal_reason == "Bewoner wil dit niet meer"


def test_a_withdrawal_needs_a_reason(client, household, professional, partner_org):
    consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, professional)
    response = client.post(
        reverse("access:consent_withdraw", kwargs={"pk": household.pk, "consent_pk": consent.pk}), {"reason": ""}
    )
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_changing_a_consent_keeps_the_earlier_version(client, household, professional, partner_org):
    consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, professional)
    url = reverse("access:consent_edit", kwargs={"pk": household.pk, "consent_pk": consent.pk})
    response = client.post(
        url, consent_form_data(partner_org, "financien", "wonen", purpose="Ook huurschuld", version=1)
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.purpose == "Ook huurschuld"
    oldest = consent.history.order_by("history_date").first()
    assert oldest is not None and oldest.purpose == "Schulden in beeld brengen"


def test_two_people_changing_one_consent_get_a_conflict_not_a_silent_overwrite(
    client, household, professional, partner_org
):
    consent = story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, professional)
    url = reverse("access:consent_edit", kwargs={"pk": household.pk, "consent_pk": consent.pk})
    first = client.post(url, consent_form_data(partner_org, "financien", purpose="Eerste", version=1))
    second = client.post(url, consent_form_data(partner_org, "financien", purpose="Tweede", version=1))
    assert (first.status_code, second.status_code) == (302, 409)
    assert "Tweede" in second.content.decode()
    consent.refresh_from_db()
    assert consent.purpose == "Eerste"


def test_partners_do_not_see_the_consent_section(client, household, professional, partner_org, partner):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, partner)
    html = client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert 'id="toestemmingen"' not in html


def test_a_new_information_category_is_known_to_the_policy_at_once():
    from eenplan.access.categories import all_category_codes
    from eenplan.access.models import InformationCategory

    before = all_category_codes()
    InformationCategory.objects.create(code="onderwijs", name="Onderwijs", position=99)
    assert all_category_codes() == before | {"onderwijs"}


# A consent a resident gives for themself covers their own person, not the other members of the household


@pytest.fixture
def daughter(household):
    from tests import factories

    return factories.ResidentFactory(household=household, first_name="Sara", last_name="Vries", name_prefix="de")


def test_a_consent_for_one_resident_shows_the_partner_that_resident_only(
    client, household, professional, partner_org, partner, daughter
):
    anna = household.residents.get(first_name="Anna")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)
    login_verified(client, partner)
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert [r.first_name for r in response.context["residents"]] == ["Anna"]
    html = response.content.decode()
    assert "Sara" not in html
    assert "Andere leden van dit huishouden ziet u niet" in html


def test_a_consent_for_the_whole_household_shows_every_member(
    client, household, professional, partner_org, partner, daughter
):
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, partner)
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert sorted(r.first_name for r in response.context["residents"]) == ["Anna", "Sara"]


def test_the_resident_rows_a_partner_may_list_follow_the_residents_consent(
    household, professional, partner_org, partner, daughter
):
    from eenplan.access.policy import visible_rows
    from eenplan.households.models import Resident

    anna = household.residents.get(first_name="Anna")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)
    assert list(visible_rows(partner, Resident.objects.all())) == [anna]


def test_the_team_sees_every_member_whatever_a_partner_was_allowed(
    client, household, professional, partner_org, daughter
):
    anna = household.residents.get(first_name="Anna")
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)
    login_verified(client, professional)
    response = client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert sorted(r.first_name for r in response.context["residents"]) == ["Anna", "Sara"]
