# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Minimal storage (DESIGN.md §3, retention: a withdrawn request for help is kept 6 weeks): `purge_intake_requests`
removes requests declined (or withdrawn) longer ago than INTAKE_DECLINED_RETENTION_DAYS (default 42), clears the
sender digests older than the rate-limit window, leaves requests that became a household alone, and prints only
counts."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from eenplan.intake.models import Intake, IntakeRequest, RequestStatus
from tests import access_helpers as story

pytestmark = pytest.mark.django_db

DIGEST = "a" * 64


def ago(**delta: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def declined(days_ago: float, **fields: object) -> IntakeRequest:
    return story.request_for_help(
        status=RequestStatus.DECLINED,
        decline_reason="De bewoner trok de aanmelding in",
        decided_at=ago(days=days_ago),
        submitted_at=ago(days=days_ago + 1),
        **fields,
    )


def accepted(household, days_ago: float) -> IntakeRequest:
    return story.request_for_help(
        status=RequestStatus.ACCEPTED,
        household=household,
        decided_at=ago(days=days_ago),
        submitted_at=ago(days=days_ago + 1),
        sender_digest=DIGEST,
    )


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_intake_requests", *args, stdout=out)
    return out.getvalue()


def exists(item: IntakeRequest) -> bool:
    return IntakeRequest.objects.filter(pk=item.pk).exists()


# Declined and withdrawn requests


def test_a_request_declined_more_than_six_weeks_ago_is_removed():
    old = declined(days_ago=43)
    purge()
    assert not exists(old)


def test_a_request_declined_less_than_six_weeks_ago_is_kept():
    recent = declined(days_ago=41)
    purge()
    assert exists(recent)


def test_the_retention_period_follows_the_setting(settings):
    settings.INTAKE_DECLINED_RETENTION_DAYS = 7
    week_old = declined(days_ago=8)
    purge()
    assert not exists(week_old)


def test_a_declined_request_without_a_decision_date_counts_from_when_it_came_in():
    old = declined(days_ago=50)
    IntakeRequest.objects.filter(pk=old.pk).update(decided_at=None)
    purge()
    assert not exists(old)


def test_open_requests_are_left_alone_however_old():
    new = story.request_for_help(submitted_at=ago(days=400))
    assigned = story.request_for_help(status=RequestStatus.ASSIGNED, submitted_at=ago(days=400))
    purge()
    assert exists(new) and exists(assigned)


# Requests that became a household


def test_a_request_that_became_a_household_is_not_removed(household):
    kept = accepted(household, days_ago=400)
    purge()
    assert exists(kept)


def test_a_request_that_became_a_household_keeps_its_content(household):
    kept = accepted(household, days_ago=400)
    purge()
    after = IntakeRequest.objects.get(pk=kept.pk)
    assert (after.first_name, after.phone, after.question, after.household) == (
        kept.first_name,
        kept.phone,
        kept.question,
        household,
    )


def test_the_intake_of_a_household_keeps_its_request(household, professional):
    kept = accepted(household, days_ago=400)
    intake = story.intake_for(household, professional)
    intake.request = kept
    intake.save()
    purge()
    assert Intake.objects.get(pk=intake.pk).request_id == kept.pk


# The sender digest of the rate limit


def test_a_sender_digest_older_than_the_rate_limit_window_is_cleared():
    item = story.request_for_help(sender_digest=DIGEST, submitted_at=ago(hours=1, minutes=1))
    purge()
    assert IntakeRequest.objects.get(pk=item.pk).sender_digest == ""


def test_a_sender_digest_within_the_rate_limit_window_is_kept():
    item = story.request_for_help(sender_digest=DIGEST, submitted_at=ago(minutes=59))
    purge()
    assert IntakeRequest.objects.get(pk=item.pk).sender_digest == DIGEST


# What the command prints and does not do


def test_the_command_prints_only_counts():
    declined(days_ago=43, first_name="Geheim", phone="06 99887766", email="geheim@example.org")
    story.request_for_help(sender_digest=DIGEST, submitted_at=ago(hours=2))
    output = purge()
    assert output.splitlines() == [
        "1 declined request(s) for help older than 42 days removed.",
        "1 sender digest(s) older than the rate-limit window cleared.",
    ]


def test_the_command_prints_no_personal_data():
    declined(days_ago=43, first_name="Geheim", last_name="Persoon", phone="06 99887766", email="geheim@example.org")
    output = purge()
    assert not any(secret in output for secret in ("Geheim", "Persoon", "06 99887766", "geheim@example.org"))


def test_a_dry_run_counts_but_removes_nothing():
    old = declined(days_ago=43)
    output = purge("--dry-run")
    assert exists(old)
    assert "1 declined request(s) for help older than 42 days would be removed." in output
