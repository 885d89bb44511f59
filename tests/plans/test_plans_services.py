# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The plan's lifecycle and the regisseur role (eenplan.plans.services): one household, one plan, one regisseur.

concept → vastgesteld (the resident's agreement) → geëvalueerd / afgesloten; reopening starts a new version;
the regisseur role moves only with a handover note and both professionals hear of it."""

from __future__ import annotations

import datetime

import pytest

from eenplan.notifications.models import Notification
from eenplan.plans import services
from eenplan.plans.models import Action, Plan, RegisseurTransfer
from tests import access_helpers as story
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 3)


@pytest.fixture
def agreed_plan(started_plan) -> Plan:
    story.add_goal(started_plan, "financien", "Ik wil rust over geld")
    return services.agree(started_plan, on=TODAY, method="in_persoon")


# Starting a plan


def test_starting_a_plan_makes_a_first_version_in_concept(started_plan):
    assert (started_plan.number, started_plan.status, started_plan.is_active) == (1, "concept", True)


def test_starting_a_plan_makes_the_chosen_professional_the_regisseur(household, professional, colleague):
    services.start_plan(household, by=professional, regisseur=colleague)
    household.refresh_from_db()
    assert household.regisseur == colleague


def test_starting_a_plan_records_how_the_regisseur_got_the_role(household, professional, colleague):
    services.start_plan(household, by=professional, regisseur=colleague)
    transfer = RegisseurTransfer.objects.get(household=household)
    assert (transfer.from_user, transfer.to_user, transfer.transferred_by) == (None, colleague, professional)


def test_the_first_regisseur_is_notified(household, professional, colleague):
    services.start_plan(household, by=professional, regisseur=colleague)
    assert Notification.objects.filter(user=colleague).count() == 1


def test_a_second_active_plan_is_refused(started_plan, household, professional):
    with pytest.raises(services.PlanRuleError):
        services.start_plan(household, by=professional, regisseur=professional)
    assert household.plans.count() == 1


def test_after_a_finished_plan_a_new_plan_gets_the_next_number(agreed_plan, household, professional):
    services.finish(agreed_plan, status="afgesloten", evaluation="Alles loopt weer")
    assert services.start_plan(household, by=professional, regisseur=professional).number == 2


# The resident's agreement


def test_a_plan_without_goals_cannot_be_agreed(started_plan):
    with pytest.raises(services.PlanRuleError):
        services.agree(started_plan, on=TODAY, method="in_persoon")
    started_plan.refresh_from_db()
    assert started_plan.status == "concept" and started_plan.agreed_on is None


def test_agreeing_records_the_date_and_the_method(agreed_plan):
    agreed_plan.refresh_from_db()
    assert (agreed_plan.status, agreed_plan.agreed_on, agreed_plan.agreement_method) == (
        "vastgesteld",
        TODAY,
        "in_persoon",
    )


def test_agreeing_makes_a_new_version_of_the_plan(started_plan):
    story.add_goal(started_plan, "financien", "Ik wil rust over geld")
    before = started_plan.version
    services.agree(started_plan, on=TODAY, method="papier")
    started_plan.refresh_from_db()
    assert started_plan.version == before + 1


def test_only_a_concept_plan_can_be_agreed(agreed_plan):
    with pytest.raises(services.PlanRuleError):
        services.agree(agreed_plan, on=TODAY, method="digitaal")
    agreed_plan.refresh_from_db()
    assert agreed_plan.agreement_method == "in_persoon"


# Evaluating or closing


def test_a_concept_plan_cannot_be_finished(started_plan):
    with pytest.raises(services.PlanRuleError):
        services.finish(started_plan, status="afgesloten", evaluation="Te vroeg")
    started_plan.refresh_from_db()
    assert started_plan.is_active and started_plan.status == "concept"


def test_finishing_needs_evaluated_or_closed(agreed_plan):
    with pytest.raises(services.PlanRuleError):
        services.finish(agreed_plan, status="concept", evaluation="Terug naar af")


def test_an_agreed_plan_can_be_evaluated(agreed_plan):
    services.finish(agreed_plan, status="geevalueerd", evaluation="Geld is rustiger, wonen nog niet")
    agreed_plan.refresh_from_db()
    assert (agreed_plan.status, agreed_plan.is_active) == ("geevalueerd", False)
    assert agreed_plan.evaluation == "Geld is rustiger, wonen nog niet"


def test_a_finished_plan_leaves_the_household_without_an_active_plan(agreed_plan, household):
    services.finish(agreed_plan, status="afgesloten", evaluation="Hulp stopt")
    assert services.active_plan(household) is None


# Reopening: a new version


@pytest.fixture
def evaluated_plan(started_plan, professional):
    money = story.add_goal(started_plan, "financien", "Ik wil rust over geld")
    home = story.add_goal(started_plan, "huisvesting", "Een huis zonder schimmel")
    reached = story.add_goal(started_plan, "sociaal_netwerk", "Ik wil mijn zus weer zien")
    reached.achieved = True
    reached.save()
    story.add_action(started_plan, "Schuldhulp aanvragen", owner=professional, goal=money, status="open")
    story.add_action(started_plan, "Budgetcursus volgen", owner=professional, goal=money, status="bezig")
    story.add_action(started_plan, "Belastingdienst bellen", owner=professional, goal=money, status="gedaan")
    story.add_action(started_plan, "Verhuurder bellen", owner=professional, goal=home, status="vervallen")
    story.add_action(started_plan, "Zus uitnodigen", owner=professional, goal=reached, status="open")
    services.agree(started_plan, on=TODAY, method="in_persoon")
    return services.finish(started_plan, status="geevalueerd", evaluation="Half bereikt")


def test_reopening_starts_the_next_version_in_concept(evaluated_plan, professional):
    new = services.reopen(evaluated_plan, by=professional)
    assert (new.number, new.status, new.is_active) == (evaluated_plan.number + 1, "concept", True)


def test_reopening_carries_over_the_goals_not_yet_achieved(evaluated_plan, professional):
    new = services.reopen(evaluated_plan, by=professional)
    assert sorted(new.goals.values_list("resident_words", flat=True)) == [
        "Een huis zonder schimmel",
        "Ik wil rust over geld",
    ]


def test_reopening_carries_over_only_the_open_actions(evaluated_plan, professional):
    new = services.reopen(evaluated_plan, by=professional)
    assert sorted(new.actions.values_list("description", "status")) == [
        ("Budgetcursus volgen", "bezig"),
        ("Schuldhulp aanvragen", "open"),
        ("Zus uitnodigen", "open"),
    ]


def test_carried_over_actions_hang_under_the_carried_over_goals(evaluated_plan, professional):
    new = services.reopen(evaluated_plan, by=professional)
    money = new.goals.get(domain="financien")
    assert set(new.actions.filter(goal=money).values_list("description", flat=True)) == {
        "Schuldhulp aanvragen",
        "Budgetcursus volgen",
    }
    assert new.actions.get(description="Zus uitnodigen").goal is None  # its goal was achieved and stays behind


def test_reopening_leaves_the_finished_version_as_it_was(evaluated_plan, professional):
    services.reopen(evaluated_plan, by=professional)
    assert evaluated_plan.goals.count() == 3 and evaluated_plan.actions.count() == 5
    assert Action.objects.filter(plan=evaluated_plan, status="open").count() == 2


def test_an_active_plan_cannot_be_reopened(started_plan, professional):
    with pytest.raises(services.PlanRuleError):
        services.reopen(started_plan, by=professional)


def test_a_finished_plan_cannot_be_reopened_beside_a_new_active_plan(evaluated_plan, household, professional):
    services.start_plan(household, by=professional, regisseur=professional)
    with pytest.raises(services.PlanRuleError):
        services.reopen(evaluated_plan, by=professional)


# The regisseur role: warm handover


def test_a_handover_needs_a_note(started_plan, household, professional, colleague):
    with pytest.raises(services.PlanRuleError):
        services.transfer_regisseur(household, to_user=colleague, by=professional, note="   ")
    household.refresh_from_db()
    assert household.regisseur == professional
    assert not RegisseurTransfer.objects.filter(to_user=colleague).exists()


def test_a_handover_makes_the_new_professional_the_one_regisseur(started_plan, household, professional, colleague):
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Anna belt liefst 's ochtends")
    household.refresh_from_db()
    assert household.regisseur == colleague


def test_a_handover_is_recorded_with_its_note(started_plan, household, professional, colleague):
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Anna belt liefst 's ochtends")
    transfer = RegisseurTransfer.objects.filter(household=household).order_by("-id").first()
    assert (transfer.from_user, transfer.to_user, transfer.transferred_by) == (professional, colleague, professional)
    assert transfer.note == "Anna belt liefst 's ochtends"


def test_a_handover_notifies_both_the_old_and_the_new_regisseur(started_plan, household, professional, colleague):
    already = Notification.objects.filter(user=professional).count()
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Warme overdracht")
    assert Notification.objects.filter(user=colleague).count() == 1
    assert Notification.objects.filter(user=professional).count() == already + 1
    assert {n.link for n in Notification.objects.filter(user__in=[professional, colleague])} == {
        f"/huishoudens/{household.pk}/"
    }


def test_a_notification_names_no_personal_data_of_the_resident(started_plan, household, professional, colleague):
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Anna heeft schulden")
    for message in Notification.objects.values_list("message", flat=True):
        assert "Anna" not in message and "Vries" not in message and "schulden" not in message


def test_a_handover_to_the_current_regisseur_is_refused(started_plan, household, professional):
    with pytest.raises(services.PlanRuleError):
        services.transfer_regisseur(household, to_user=professional, by=professional, note="Ik blijf")


def test_the_last_handover_wins_there_is_never_a_second_regisseur(started_plan, household, professional, colleague):
    third = factories.wijkteam_member(team=household.owning_team)
    services.transfer_regisseur(household, to_user=colleague, by=professional, note="Eerste overdracht")
    services.transfer_regisseur(household, to_user=third, by=colleague, note="Tweede overdracht")
    household.refresh_from_db()
    assert household.regisseur == third
    assert list(household.regisseur_transfers.values_list("to_user", flat=True).order_by("id")) == [
        professional.pk,
        colleague.pk,
        third.pk,
    ]
