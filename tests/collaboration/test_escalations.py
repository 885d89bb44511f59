# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Escalation with mandate: to someone holding a mandate configured per organisation and role, with a deadline, an
overdue flag, and the decision landing in the plan."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.models import OrganisationType, Role
from eenplan.collaboration.models import Escalation, EscalationStatus
from eenplan.notifications.models import Notification
from eenplan.plans.models import JournalNote
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def doorbraak():
    """The municipality's doorbraak-regisseur: mandate level 2, five days to decide."""
    municipality = factories.OrganisationFactory(name="Gemeente", type=OrganisationType.WERK_EN_INKOMEN)
    mandate = story.escalation_mandate(
        municipality, Role.TEAM_LEADER, level=2, title="Doorbraak-regisseur", response_days=5
    )
    return mandate, story.member_of(municipality, Role.TEAM_LEADER)


def escalate(client, household, mandate, decider, decide_by: datetime.date):
    return client.post(
        reverse("collaboration:escalation_add", kwargs={"pk": household.pk}),
        {
            "kind": "wachtlijst",
            "stuck": "Wachtlijst schuldhulp vier maanden",
            "needed": "Voorrang bij schuldhulp",
            "category": story.category("financien").pk,
            "mandate": mandate.pk,
            "decider": decider.pk,
            "decide_by": decide_by.isoformat(),
        },
    )


def test_an_escalation_goes_to_the_mandate_holder_with_the_deadline_the_mandate_allows(
    verified_client, household, plan_regisseur, doorbraak
):
    mandate, holder = doorbraak
    response = escalate(verified_client, household, mandate, holder, timezone.localdate() + datetime.timedelta(days=30))
    escalation = Escalation.objects.get()
    assert response.status_code == 302
    assert escalation.decider == holder
    assert escalation.decide_by == timezone.localdate() + datetime.timedelta(days=5)
    assert Notification.objects.filter(user=holder).count() == 1


def test_an_escalation_to_someone_without_the_mandate_is_refused(verified_client, household, plan_regisseur, doorbraak):
    mandate, _holder = doorbraak
    other = factories.wijkteam_member(role=Role.TEAM_LEADER)
    story.escalation_mandate(other.memberships.get().organisation, Role.TEAM_LEADER)
    response = escalate(verified_client, household, mandate, other, timezone.localdate() + datetime.timedelta(days=3))
    assert response.status_code == 400 and not Escalation.objects.exists()


def test_a_deadline_today_or_earlier_is_refused(verified_client, household, plan_regisseur, doorbraak):
    mandate, holder = doorbraak
    response = escalate(verified_client, household, mandate, holder, timezone.localdate())
    assert response.status_code == 400 and not Escalation.objects.exists()


def test_an_escalation_past_its_date_is_flagged_once_and_both_sides_are_told(household, plan_regisseur, doorbraak):
    mandate, holder = doorbraak
    late = story.escalation_for(household, plan_regisseur, holder, mandate, decide_by=timezone.localdate())
    on_time = story.escalation_for(household, plan_regisseur, holder, mandate)
    Escalation.objects.filter(pk=late.pk).update(decide_by=timezone.localdate() - datetime.timedelta(days=1))
    call_command("flag_overdue_escalations")
    call_command("flag_overdue_escalations")
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.is_overdue and late.overdue_flagged_at is not None
    assert not on_time.is_overdue and on_time.overdue_flagged_at is None
    link = reverse("collaboration:escalation", kwargs={"escalation_pk": late.pk})
    assert Notification.objects.filter(user=holder, link=link).count() == 1
    assert Notification.objects.filter(user=plan_regisseur, link=link).count() == 1


def test_a_decided_escalation_is_not_overdue(household, plan_regisseur, doorbraak):
    mandate, holder = doorbraak
    escalation = story.escalation_for(household, plan_regisseur, holder, mandate)
    Escalation.objects.filter(pk=escalation.pk).update(
        status=EscalationStatus.REFUSED,
        decision="Nee",
        decided_at=timezone.now(),
        decide_by=timezone.localdate() - datetime.timedelta(days=3),
    )
    escalation.refresh_from_db()
    assert not escalation.is_overdue


def test_the_mandate_holder_decides_and_the_decision_lands_in_the_plans_journal(
    client, household, plan_regisseur, doorbraak
):
    mandate, holder = doorbraak
    escalation = story.escalation_for(household, plan_regisseur, holder, mandate)
    login_verified(client, holder)
    url = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"granted": "1", "decision": "Voorrang binnen twee weken", "version": 1})
    escalation.refresh_from_db()
    note = JournalNote.objects.get(household=household)
    assert response.status_code == 302
    assert escalation.status == EscalationStatus.GRANTED and escalation.journal_note == note
    assert "Voorrang binnen twee weken" in note.text and note.category.code == "financien"


def test_someone_else_cannot_decide(verified_client, household, plan_regisseur, doorbraak):
    mandate, holder = doorbraak
    escalation = story.escalation_for(household, plan_regisseur, holder, mandate)
    url = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
    response = verified_client.post(url, {"granted": "1", "decision": "Zelf besloten", "version": 1})
    escalation.refresh_from_db()
    assert response.status_code == 403 and escalation.status == EscalationStatus.OPEN


def test_a_decider_who_lost_the_mandate_role_cannot_decide(client, household, plan_regisseur, doorbraak):
    mandate, holder = doorbraak
    escalation = story.escalation_for(household, plan_regisseur, holder, mandate)
    holder.memberships.update(until=timezone.localdate() - datetime.timedelta(days=1), since="2020-01-01")
    login_verified(client, holder)
    url = reverse("collaboration:escalation", kwargs={"escalation_pk": escalation.pk})
    client.post(url, {"granted": "1", "decision": "Toch", "version": 1})
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.OPEN


def test_the_deciders_list_takes_the_same_number_of_queries_for_more_escalations(
    client, household, plan_regisseur, doorbraak, queries_of
):
    mandate, holder = doorbraak
    login_verified(client, holder)
    story.escalation_for(household, plan_regisseur, holder, mandate)
    few = queries_of(client, reverse("collaboration:escalations"))
    for _ in range(4):
        story.escalation_for(household, plan_regisseur, holder, mandate)
    assert queries_of(client, reverse("collaboration:escalations")) == few
