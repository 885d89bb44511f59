# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The demo's working together (eenplan/demo/collaboration.py): conferences, escalations, helpdesk questions and
barriers in every state, so every page of working together has something to show."""

from __future__ import annotations

import pytest

from eenplan.collaboration.models import (
    Barrier,
    BarrierKind,
    BarrierSource,
    BarrierStatus,
    CaseConference,
    ConferenceDecision,
    ConferenceStatus,
    Escalation,
    EscalationStatus,
    FollowUp,
    HelpdeskQuestion,
    QuestionStatus,
)

# The whole demo as `seed_demo` loads it, once for this module; these tests read its working together.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]


def test_the_demo_has_conferences_in_every_state_with_every_follow_up():
    assert set(CaseConference.objects.values_list("status", flat=True)) == set(ConferenceStatus.values)
    follow_ups = {decision.follow_up() for decision in ConferenceDecision.objects.select_related("action")}
    assert {FollowUp.DONE, FollowUp.LATE, FollowUp.CHANGED} <= follow_ups


def test_the_demo_has_escalations_in_every_state_and_an_overdue_one():
    escalations = list(Escalation.objects.all())
    assert {e.status for e in escalations} == set(EscalationStatus.values)
    assert any(e.is_overdue for e in escalations) and any(
        e.status == EscalationStatus.OPEN and not e.is_overdue for e in escalations
    )


def test_the_demo_has_helpdesk_questions_in_every_state_and_an_overdue_one():
    questions = list(HelpdeskQuestion.objects.all())
    assert {q.status for q in questions} == set(QuestionStatus.values)
    assert any(q.is_overdue for q in questions)


def test_the_demo_has_barriers_of_every_kind_and_status_some_from_a_household():
    assert set(Barrier.objects.values_list("status", flat=True)) == set(BarrierStatus.values)
    assert set(Barrier.objects.values_list("kind", flat=True)) == set(BarrierKind.values)
    assert BarrierSource.objects.exists()
