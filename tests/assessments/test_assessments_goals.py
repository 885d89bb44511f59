# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""From the multi-problem signal to a plan in one step: goals in the resident's own words for the low-scoring
domains, with each domain's information category; the plan is made if there is none."""

from __future__ import annotations

import pytest
from django.test import Client

from eenplan.plans import services
from eenplan.plans.models import Goal, Plan
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

MONEY_WORDS = "Ik wil mijn rekeningen weer zelf kunnen betalen"
HOME_WORDS = "Ik wil een droge slaapkamer voor de kinderen"


def goals_url(household) -> str:
    return f"/huishoudens/{household.pk}/zelfredzaamheid/doelen/"


def two_goals(domains, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        f"make_{domains['financien'].pk}": "on",
        f"words_{domains['financien'].pk}": MONEY_WORDS,
        f"make_{domains['huisvesting'].pk}": "on",
        f"words_{domains['huisvesting'].pk}": HOME_WORDS,
        f"words_{domains['sociaal_netwerk'].pk}": "",
    }
    data.update(changes)
    return data


def test_the_goals_form_offers_the_low_scoring_domains(verified_client, signalled, domains):
    response = verified_client.get(goals_url(signalled))
    assert response.status_code == 200
    assert [d.code for d in response.context["form"].domains] == ["financien", "huisvesting", "sociaal_netwerk"]


def test_goals_from_two_low_domains_create_a_plan_when_there_is_none(verified_client, signalled, domains, professional):
    response = verified_client.post(goals_url(signalled), two_goals(domains))
    assert response.status_code == 302 and response.url == f"/huishoudens/{signalled.pk}/plan/"
    plan = Plan.objects.get(household=signalled, is_active=True)
    signalled.refresh_from_db()
    assert signalled.regisseur == professional and plan.created_by == professional


def test_goals_from_low_domains_hold_the_residents_words_and_the_domains_categories(
    verified_client, signalled, domains
):
    verified_client.post(goals_url(signalled), two_goals(domains))
    goals = {(g.domain, g.resident_words, g.category.code) for g in Goal.objects.select_related("category")}
    assert goals == {("financien", MONEY_WORDS, "financien"), ("huisvesting", HOME_WORDS, "wonen")}


def test_goals_from_low_domains_are_added_to_the_existing_plan(verified_client, signalled, domains, professional):
    plan = services.start_plan(signalled, by=professional, regisseur=professional)
    story.add_goal(plan, "werk_opleiding", "Ik wil een opleiding afmaken")
    verified_client.post(goals_url(signalled), two_goals(domains))
    assert Plan.objects.filter(household=signalled).count() == 1
    assert plan.goals.count() == 3


def test_goals_from_low_domains_keep_their_history_like_any_goal(verified_client, signalled, domains):
    """History is kept (DESIGN.md §4): a goal made in one step from the signal has its first version recorded."""
    verified_client.post(goals_url(signalled), two_goals(domains))
    assert Goal.history.filter(history_type="+").count() == 2


def test_ticking_a_domain_without_words_answers_400_and_creates_nothing(verified_client, signalled, domains):
    data = two_goals(domains, **{f"words_{domains['huisvesting'].pk}": "  "})
    response = verified_client.post(goals_url(signalled), data)
    assert response.status_code == 400
    assert f"words_{domains['huisvesting'].pk}" in response.context["form"].errors
    assert not Plan.objects.exists() and not Goal.objects.exists()


def test_ticking_no_domain_answers_400_and_creates_nothing(verified_client, signalled, domains):
    response = verified_client.post(goals_url(signalled), {f"words_{domains['financien'].pk}": MONEY_WORDS})
    assert response.status_code == 400
    assert not Plan.objects.exists() and not Goal.objects.exists()


def test_words_for_a_domain_that_is_not_low_make_no_goal(verified_client, signalled, domains):
    data = two_goals(domains, **{f"make_{domains['justitie'].pk}": "on", f"words_{domains['justitie'].pk}": "x"})
    verified_client.post(goals_url(signalled), data)
    assert not Goal.objects.filter(domain="justitie").exists()


def test_without_the_signal_no_goals_are_made(verified_client, household, domains, professional):
    story.assess(household, professional, {"financien": 2, "huisvesting": 2})
    response = verified_client.post(goals_url(household), two_goals(domains))
    assert response.status_code == 302 and response.url == f"/huishoudens/{household.pk}/zelfredzaamheid/"
    assert not Plan.objects.exists() and not Goal.objects.exists()


def test_a_partner_with_consent_cannot_make_goals(signalled, domains, professional):
    partner_org = story.partner_organisation()
    story.grant_consent(signalled, partner_org, ["financien", "wonen"], recorded_by=professional)
    client = login_verified(Client(), story.member_of(partner_org, "partner_professional"))
    assert client.post(goals_url(signalled), two_goals(domains)).status_code == 403
    assert not Goal.objects.exists()
