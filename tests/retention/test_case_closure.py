# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Closing the help to a household (*hulp afsluiten*) and reopening it, on the household page (issue 18).

The household's team closes the help with a legal basis and the day it ended; from that day the retention period of
the legal basis counts, and `retention_due` lists the file once it has passed. Nobody else may close or reopen it;
bad input gets a message, 400, and saves nothing; a second closure is refused.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import Role
from eenplan.households.models import Household
from eenplan.plans import services as plan_services
from eenplan.plans.models import PlanStatus
from eenplan.retention import due, removal
from eenplan.retention import services as retention
from eenplan.retention.models import CaseClosure, LegalBasis
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ONE_DAY = datetime.timedelta(days=1)


def close_url(household: Household) -> str:
    return reverse("households:close", kwargs={"pk": household.pk})


def reopen_url(household: Household) -> str:
    return reverse("households:reopen", kwargs={"pk": household.pk})


def closing(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"legal_basis": "wmo", "help_ended_on": TODAY.isoformat(), "confirm": "ja"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def registered_long_ago(household: Household, days: int = 800) -> None:
    Household.objects.filter(pk=household.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def closed(household: Household, by, basis: str = LegalBasis.WMO, ended_on: datetime.date = TODAY) -> CaseClosure:
    return CaseClosure.objects.create(household=household, legal_basis=basis, help_ended_on=ended_on, recorded_by=by)


def in_dutch_date(day: datetime.date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


# -- closing --------------------------------------------------------------------------------------------------------


def test_a_regisseur_closes_the_help(regisseur_client, household, regisseur):
    registered_long_ago(household)
    ended = TODAY - datetime.timedelta(days=10)
    response = regisseur_client.post(close_url(household), closing(help_ended_on=ended.isoformat()))
    assert response.status_code == 302 and response.url == f"/huishoudens/{household.pk}/"
    closure = CaseClosure.objects.get()
    assert (closure.household, closure.legal_basis, closure.help_ended_on, closure.recorded_by) == (
        household,
        "wmo",
        ended,
        regisseur,
    )


def test_a_wijkteam_member_of_the_team_closes_the_help(verified_client, household):
    assert verified_client.post(close_url(household), closing()).status_code == 302
    assert CaseClosure.objects.filter(household=household).exists()


def test_closing_writes_one_access_log_entry_saying_what_was_done(regisseur_client, household, regisseur):
    regisseur_client.post(close_url(household), closing())
    entry = AccessLogEntry.objects.get()
    assert (entry.user_id, entry.household_id, entry.action, entry.object_type) == (
        regisseur.pk,
        household.pk,
        "create",
        "case_closure",
    )


def test_the_closure_keeps_who_recorded_it_in_its_history(regisseur_client, household, regisseur):
    regisseur_client.post(close_url(household), closing())
    version = CaseClosure.history.get()
    assert (version.history_type, version.history_user, version.legal_basis) == ("+", regisseur, "wmo")


def test_the_form_offers_the_three_legal_bases_and_today(regisseur_client, household):
    page = regisseur_client.get(close_url(household)).content.decode()
    assert all(f'value="{basis}"' in page for basis in ("wmo", "jeugdwet", "participatiewet"))
    assert f'value="{TODAY.isoformat()}"' in page


def test_the_household_page_shows_the_closure_and_until_when_the_file_is_kept(regisseur_client, household, regisseur):
    ended = TODAY - datetime.timedelta(days=3)
    closed(household, regisseur, ended_on=ended)
    page = regisseur_client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert f"{in_dutch_date(ended)} (Wmo 2015)" in page
    assert in_dutch_date(retention.years_after(ended, 15)) in page
    assert reopen_url(household) in page and close_url(household) not in page


def test_an_open_household_page_offers_to_close_the_help(regisseur_client, household):
    page = regisseur_client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert close_url(household) in page and reopen_url(household) not in page


# -- who may not ----------------------------------------------------------------------------------------------------


def test_a_partner_under_consent_cannot_close_the_help(client, household, professional):
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    login_verified(client, story.member_of(partner_org, Role.PARTNER_PROFESSIONAL))
    assert client.get(close_url(household)).status_code == 403
    assert client.post(close_url(household), closing()).status_code == 403
    assert not CaseClosure.objects.exists()


def test_a_partner_under_consent_sees_the_closure_but_no_way_to_reopen_it(client, household, professional):
    partner_org = story.partner_organisation()
    story.grant_consent(household, partner_org, ["financien"], recorded_by=professional)
    closed(household, professional)
    login_verified(client, story.member_of(partner_org, Role.PARTNER_PROFESSIONAL))
    page = client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert "(Wmo 2015)" in page and reopen_url(household) not in page
    assert client.post(reopen_url(household)).status_code == 403
    assert CaseClosure.objects.filter(household=household).exists()


def test_a_volunteer_cannot_close_the_help(client, household):
    login_verified(client, story.volunteer())
    assert client.post(close_url(household), closing()).status_code == 403
    assert not CaseClosure.objects.exists()


def test_a_member_of_another_team_cannot_close_the_help(client, household):
    login_verified(client, factories.wijkteam_member())
    assert client.post(close_url(household), closing()).status_code == 403
    assert not CaseClosure.objects.exists()


# -- refused: an active plan, bad input, a second closure ---------------------------------------------------------


def test_the_help_is_not_closed_while_a_plan_is_active(regisseur_client, household, regisseur):
    plan_services.start_plan(household, by=regisseur, regisseur=regisseur)
    response = regisseur_client.post(close_url(household), closing())
    assert response.status_code == 400
    assert not CaseClosure.objects.exists()
    assert reverse("plans:plan", kwargs={"pk": household.pk}) in response.content.decode()


def test_with_an_agreed_plan_the_page_links_to_closing_the_plan(regisseur_client, household, regisseur):
    plan = story.plan_with_goal_and_action(household, regisseur)
    plan_services.agree(plan, on=TODAY, method="in_persoon")
    page = regisseur_client.get(close_url(household)).content.decode()
    assert reverse("plans:finish", kwargs={"pk": household.pk}) in page
    assert 'name="legal_basis"' not in page


def test_after_the_plan_is_closed_the_help_can_be_closed(regisseur_client, household, regisseur):
    plan = story.plan_with_goal_and_action(household, regisseur)
    plan_services.agree(plan, on=TODAY, method="in_persoon")
    plan_services.finish(plan, status=PlanStatus.AFGESLOTEN, evaluation="Het gaat goed")
    assert regisseur_client.post(close_url(household), closing()).status_code == 302
    assert CaseClosure.objects.filter(household=household).exists()


def test_a_day_in_the_future_is_refused(regisseur_client, household):
    tomorrow = TODAY + ONE_DAY
    response = regisseur_client.post(close_url(household), closing(help_ended_on=tomorrow.isoformat()))
    assert response.status_code == 400
    assert "toekomst" in response.content.decode() or "future" in response.content.decode()
    assert not CaseClosure.objects.exists()


def test_a_day_before_the_household_was_registered_is_refused(regisseur_client, household):
    registered_long_ago(household, days=30)
    too_early = TODAY - datetime.timedelta(days=31)
    response = regisseur_client.post(close_url(household), closing(help_ended_on=too_early.isoformat()))
    assert response.status_code == 400
    assert not CaseClosure.objects.exists()


def test_the_day_the_household_was_registered_is_accepted(regisseur_client, household):
    registered_long_ago(household, days=30)
    first_day = retention.registered_on(Household.objects.get(pk=household.pk))
    assert regisseur_client.post(close_url(household), closing(help_ended_on=first_day.isoformat())).status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"legal_basis": None},
        {"legal_basis": "wet_op_de_jeugdzorg"},
        {"help_ended_on": None},
        {"help_ended_on": "31-02-2026"},
        {"help_ended_on": "99999-01-01"},
        {"confirm": None},
        {"confirm": "on"},
    ],
    ids=["no basis", "unknown basis", "no date", "no such date", "absurd year", "not confirmed", "odd confirmation"],
)
def test_bad_input_gets_a_message_and_saves_nothing(regisseur_client, household, changes):
    response = regisseur_client.post(close_url(household), closing(**changes))
    assert response.status_code == 400
    assert 'id="formulierfouten"' in response.content.decode()
    assert not CaseClosure.objects.exists()


def test_a_second_submit_is_refused_with_a_message(regisseur_client, household):
    regisseur_client.post(close_url(household), closing())
    response = regisseur_client.post(close_url(household), closing(legal_basis="jeugdwet"))
    assert response.status_code == 409
    assert 'id="formulierfouten"' in response.content.decode()
    assert list(CaseClosure.objects.values_list("legal_basis", flat=True)) == ["wmo"]


def test_a_submit_racing_past_the_check_is_refused_by_the_database(regisseur_client, household, colleague, monkeypatch):
    closed(household, colleague)  # the colleague's submit landed between the check and the insert
    monkeypatch.setattr(retention, "is_closed", lambda household: False)
    response = regisseur_client.post(close_url(household), closing(legal_basis="jeugdwet"))
    assert response.status_code == 409
    assert list(CaseClosure.objects.values_list("legal_basis", flat=True)) == ["wmo"]


def test_the_database_holds_one_closure_per_household(household, professional):
    closed(household, professional)
    with pytest.raises(IntegrityError), transaction.atomic():
        closed(household, professional, basis=LegalBasis.JEUGDWET)


def test_opening_the_form_of_a_closed_household_leads_back_to_its_page(regisseur_client, household, regisseur):
    closed(household, regisseur)
    response = regisseur_client.get(close_url(household))
    assert response.status_code == 302 and response.url == f"/huishoudens/{household.pk}/"


# -- reopening ------------------------------------------------------------------------------------------------------


def test_the_regisseur_reopens_the_help(regisseur_client, household, regisseur):
    closed(household, regisseur)
    response = regisseur_client.post(reopen_url(household))
    assert response.status_code == 302
    assert not CaseClosure.objects.filter(household=household).exists()


def test_reopening_keeps_who_closed_and_who_reopened_in_the_history(regisseur_client, household, regisseur, colleague):
    regisseur_client.post(close_url(household), closing())
    login_verified(regisseur_client, colleague)
    regisseur_client.post(reopen_url(household))
    versions = list(CaseClosure.history.order_by("history_date", "history_id"))
    assert [(v.history_type, v.history_user) for v in versions] == [("+", regisseur), ("-", colleague)]


def test_reopening_writes_one_access_log_entry(regisseur_client, household, regisseur):
    closed(household, regisseur)
    regisseur_client.post(reopen_url(household))
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.household_id) == ("delete", "case_closure", household.pk)


def test_the_reopen_page_asks_before_it_reopens(regisseur_client, household, regisseur):
    closed(household, regisseur)
    response = regisseur_client.get(reopen_url(household))
    assert response.status_code == 200 and 'method="post"' in response.content.decode()
    assert CaseClosure.objects.filter(household=household).exists()


def test_a_reopened_household_can_be_closed_again(regisseur_client, household, regisseur):
    closed(household, regisseur)
    regisseur_client.post(reopen_url(household))
    assert regisseur_client.post(close_url(household), closing(legal_basis="jeugdwet")).status_code == 302
    assert CaseClosure.objects.get(household=household).legal_basis == "jeugdwet"


def test_reopening_an_open_household_changes_nothing(regisseur_client, household):
    response = regisseur_client.post(reopen_url(household))
    assert response.status_code == 302
    assert not CaseClosure.history.exists()
    assert AccessLogEntry.objects.get().action == "view"


# -- the retention period counts from the closure ------------------------------------------------------------------


def test_a_closure_made_on_the_page_makes_the_household_due_after_the_wmo_period(regisseur_client, household):
    regisseur_client.post(close_url(household), closing())
    limit = retention.years_after(TODAY, 15)
    assert list(due.due_closures(today=limit).values_list("household_id", flat=True)) == []
    assert list(due.due_closures(today=limit + ONE_DAY).values_list("household_id", flat=True)) == [household.pk]


def test_the_page_shows_the_last_day_the_file_is_kept(household, professional):
    closure = closed(household, professional, basis=LegalBasis.JEUGDWET)
    kept = retention.kept_until(closure)
    assert kept == retention.years_after(TODAY, 20)
    assert not due.is_due(household.pk, today=kept) and due.is_due(household.pk, today=kept + ONE_DAY)


def test_a_reopened_household_is_never_due(regisseur_client, household, regisseur):
    closed(household, regisseur)
    regisseur_client.post(reopen_url(household))
    assert not due.is_due(household.pk, today=retention.years_after(TODAY, 100))


def test_without_a_period_for_its_basis_the_page_says_the_file_is_kept(regisseur_client, household, regisseur):
    closure = closed(household, regisseur, basis=LegalBasis.PARTICIPATIEWET)
    assert retention.kept_until(closure) is None
    page = regisseur_client.get(reverse("households:detail", kwargs={"pk": household.pk})).content.decode()
    assert "(Participatiewet)" in page


def test_kept_until_moves_29_february_to_28_february():
    assert retention.years_after(datetime.date(2024, 2, 29), 15) == datetime.date(2039, 2, 28)


def test_removing_the_file_removes_the_closures_history_too(regisseur_client, household, colleague):
    regisseur_client.post(close_url(household), closing())
    login_verified(regisseur_client, colleague)
    regisseur_client.post(reopen_url(household))
    regisseur_client.post(close_url(household), closing(legal_basis="jeugdwet"))
    assert CaseClosure.history.count() == 3
    removal.remove_household(Household.objects.get(pk=household.pk))
    assert not CaseClosure.objects.exists() and not CaseClosure.history.exists()
