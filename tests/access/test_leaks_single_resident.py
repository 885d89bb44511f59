# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Issue 18, finding 2: a consent given by one resident shows that resident only (DESIGN.md §5.10). The name and
contact details of another household member reach the partner through no page: not as the owner of an action on
the plan page, the printed plan or the history, and not as the contact on the start page's "Mijn acties"."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from eenplan.plans.models import Action, OwnerKind
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

BRAM_PHONE = "06 99887766"


@pytest.fixture
def bram_with_phone(household):
    """Another member of the household, who gave no consent; made before Anna gives hers."""
    return factories.ResidentFactory(household=household, first_name="Bram", last_name="Brouwer", phone=BRAM_PHONE)


@pytest.fixture
def anna_consents(household, professional, partner_org, anna, bram_with_phone):
    """Anna consents for herself: Financiën for the partner organisation."""
    return story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=anna)


@pytest.fixture
def anna_consented_partner_client(partner, anna_consents) -> Client:
    return login_verified(Client(), partner)


def resident_action(plan, description: str, resident) -> Action:
    return Action.objects.create(
        plan=plan,
        description=description,
        owner_kind=OwnerKind.RESIDENT,
        owner_resident=resident,
        goal=plan.goals.get(),
        category=story.category("financien"),
    )


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_page_does_not_name_another_resident_as_owner_of_an_action(
    plan, household, bram_with_phone, anna_consented_partner_client
):
    resident_action(plan, "Post openmaken en sorteren", bram_with_phone)
    content = page(anna_consented_partner_client, f"/huishoudens/{household.pk}/plan/")
    assert "Post openmaken en sorteren" in content
    assert "Bram" not in content


def test_the_plan_page_still_names_the_consenting_resident_as_owner(
    plan, household, anna, anna_consented_partner_client
):
    resident_action(plan, "Post openmaken en sorteren", anna)
    assert anna.full_name in page(anna_consented_partner_client, f"/huishoudens/{household.pk}/plan/")


def test_the_team_sees_the_other_residents_name_as_owner(plan, household, bram_with_phone, verified_client):
    resident_action(plan, "Post openmaken en sorteren", bram_with_phone)
    assert bram_with_phone.full_name in page(verified_client, f"/huishoudens/{household.pk}/plan/")


def test_the_printed_plan_does_not_name_another_resident_as_owner(
    plan, household, bram_with_phone, anna_consented_partner_client
):
    resident_action(plan, "Post openmaken en sorteren", bram_with_phone)
    response = anna_consented_partner_client.get(f"/huishoudens/{household.pk}/plan/pdf/")
    assert response.status_code == 200
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Post openmaken en sorteren" in text
    assert "Bram" not in text


def test_the_history_does_not_name_another_resident_as_owner(
    plan, household, bram_with_phone, anna_consented_partner_client
):
    resident_action(plan, "Post openmaken en sorteren", bram_with_phone)
    content = page(anna_consented_partner_client, f"/huishoudens/{household.pk}/plan/geschiedenis/")
    assert "Post openmaken en sorteren" in content
    assert "Bram" not in content


def test_the_history_does_not_name_another_resident_when_the_owner_changes(
    plan, household, anna, bram_with_phone, anna_consented_partner_client
):
    action = resident_action(plan, "Post openmaken en sorteren", anna)
    action.owner_resident = bram_with_phone
    action.version += 1
    action.save()
    content = page(anna_consented_partner_client, f"/huishoudens/{household.pk}/plan/geschiedenis/")
    assert anna.full_name in content
    assert "Bram" not in content


def test_the_timeline_does_not_name_another_resident_as_owner(
    plan, household, bram_with_phone, anna_consented_partner_client
):
    resident_action(plan, "Post openmaken en sorteren", bram_with_phone)
    assert "Bram" not in page(anna_consented_partner_client, f"/huishoudens/{household.pk}/tijdlijn/")


def test_my_actions_give_the_consenting_resident_as_contact_not_another_one(
    plan, household, anna, bram_with_phone, professional, partner_org, partner
):
    """The partner is named on an action; Bram consented, Anna (the household's first resident) did not."""
    anna.phone = "06 11223344"
    anna.save()
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional, resident=bram_with_phone)
    story.add_action(plan, "Eerste gesprek schuldhulp", owner=partner, goal=plan.goals.get())
    content = page(login_verified(Client(), partner), "/")
    assert "Eerste gesprek schuldhulp" in content
    assert "Anna" not in content and "06 11223344" not in content
    assert "Bram" in content and BRAM_PHONE in content


def test_a_volunteer_still_gets_the_first_resident_as_contact(plan, household, bram_with_phone):
    helper = story.volunteer()
    story.add_action(plan, "Boodschappen doen", owner=helper, goal=plan.goals.get())
    content = page(login_verified(Client(), helper), "/")
    assert "Boodschappen doen" in content and "Anna" in content
