# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""From the self-reliance page to a plan: without a plan the page always offers to start one (not only when the
multi-problem signal fires); making goals from low domains says who became regisseur; and a domain that names no
life domain of the plan is not guessed: the professional chooses one."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.translation import gettext as _

from eenplan.assessments.models import InstrumentDomain
from eenplan.plans import services
from eenplan.plans.models import Goal, Plan
from tests import access_helpers as story
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

MONEY_WORDS = "Ik wil mijn rekeningen weer zelf kunnen betalen"
YOU_ARE_REGISSEUR = (
    "A new plan has been started for this household, with you as regisseur. "
    "Should someone else be the regisseur? Hand it over on the plan page."
)


def overview_url(household) -> str:
    return f"/huishoudens/{household.pk}/zelfredzaamheid/"


def goals_url(household) -> str:
    return f"/huishoudens/{household.pk}/zelfredzaamheid/doelen/"


def start_link(household) -> str:
    return f'<a id="plan-starten" href="/huishoudens/{household.pk}/plan/">'


def shown_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def one_goal(domains, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        f"make_{domains['financien'].pk}": "on",
        f"words_{domains['financien'].pk}": MONEY_WORDS,
    }
    data.update(changes)
    return data


# The way to a plan


def test_without_a_plan_or_a_signal_the_page_offers_to_start_a_plan(verified_client, household, professional):
    story.assess(household, professional)  # every domain at 4: no signal
    response = verified_client.get(overview_url(household))
    assert response.context["signal"].needed is False
    assert start_link(household) in response.content.decode()


def test_without_any_assessment_the_page_offers_to_start_a_plan(verified_client, household):
    assert start_link(household) in verified_client.get(overview_url(household)).content.decode()


def test_with_the_signal_and_no_plan_the_page_offers_both_goals_and_a_plan(verified_client, signalled):
    page = verified_client.get(overview_url(signalled)).content.decode()
    assert start_link(signalled) in page and f'href="{goals_url(signalled)}"' in page


def test_with_an_active_plan_the_page_does_not_offer_another(verified_client, household, professional):
    services.start_plan(household, by=professional, regisseur=professional)
    assert start_link(household) not in verified_client.get(overview_url(household)).content.decode()


def test_a_partner_is_not_offered_to_start_a_plan(household, professional):
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["gezondheid"], recorded_by=professional)
    client = login_verified(Client(), story.member_of(partner_org, "partner_professional"))
    assert start_link(household) not in client.get(overview_url(household)).content.decode()


# Who becomes regisseur


def test_goals_that_start_the_plan_tell_the_user_they_became_regisseur(verified_client, signalled, domains):
    response = verified_client.post(goals_url(signalled), one_goal(domains))
    assert _(YOU_ARE_REGISSEUR) in shown_messages(response)


def test_goals_that_start_the_plan_keep_the_households_regisseur_and_name_them(
    verified_client, signalled, domains, colleague, professional
):
    signalled.regisseur = colleague
    signalled.save()
    response = verified_client.post(goals_url(signalled), one_goal(domains))
    signalled.refresh_from_db()
    assert signalled.regisseur == colleague
    expected = _("A new plan has been started for this household, with %(name)s as regisseur.") % {
        "name": colleague.full_name
    }
    assert expected in shown_messages(response)


def test_goals_added_to_an_existing_plan_say_nothing_about_a_regisseur(
    verified_client, signalled, domains, professional
):
    services.start_plan(signalled, by=professional, regisseur=professional)
    response = verified_client.post(goals_url(signalled), one_goal(domains))
    assert shown_messages(response) == [_("The goals have been added to the plan.")]


def test_the_goals_form_says_who_becomes_regisseur_before_saving(verified_client, signalled):
    page = verified_client.get(goals_url(signalled)).content.decode()
    assert _("This household has no plan yet. A plan is started with you as regisseur.") in page


# A domain without a life domain of the plan


@pytest.fixture
def unmapped_finances(domains):
    InstrumentDomain.objects.filter(pk=domains["financien"].pk).update(life_domain="")
    return domains["financien"]


def test_a_domain_without_a_life_domain_asks_the_professional_to_choose_one(
    verified_client, signalled, unmapped_finances
):
    form = verified_client.get(goals_url(signalled)).context["form"]
    assert f"life_domain_{unmapped_finances.pk}" in form.fields


def test_a_domain_with_a_life_domain_does_not_ask_for_one(verified_client, signalled, domains):
    form = verified_client.get(goals_url(signalled)).context["form"]
    assert f"life_domain_{domains['huisvesting'].pk}" not in form.fields


def test_a_goal_for_a_domain_without_a_life_domain_is_refused_until_one_is_chosen(
    verified_client, signalled, domains, unmapped_finances
):
    response = verified_client.post(goals_url(signalled), one_goal(domains))
    assert response.status_code == 400
    assert f"life_domain_{unmapped_finances.pk}" in response.context["form"].errors
    assert not Plan.objects.exists() and not Goal.objects.exists()


def test_a_goal_for_a_domain_without_a_life_domain_gets_the_chosen_one(
    verified_client, signalled, domains, unmapped_finances
):
    data = one_goal(domains, **{f"life_domain_{unmapped_finances.pk}": "werk_opleiding"})
    verified_client.post(goals_url(signalled), data)
    assert list(Goal.objects.values_list("domain", flat=True)) == ["werk_opleiding"]


# The assessment form describes the instrument's own scale


def test_the_assessment_form_describes_the_scale_of_its_instrument(verified_client, household):
    story.positieve_gezondheid(levels=range(0, 11))
    url = f"/huishoudens/{household.pk}/zelfredzaamheid/nieuw/?instrument=positieve-gezondheid"
    page = verified_client.get(url).content.decode()
    assert "0 (Score 0)" in page and "10 (Score 10)" in page


def test_with_one_instrument_the_page_offers_no_other(verified_client, household):
    assert verified_client.get(overview_url(household)).context["other_instruments"] == []
