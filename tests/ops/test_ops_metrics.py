# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""/metrics: Prometheus metrics for requests, background tasks and the access log; only for this machine or with the
configured token, never for the public."""

from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from eenplan.notifications.models import Notification
from eenplan.notifications.tasks import send_notification_email
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def scrape(client, **headers) -> dict[str, float]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}"] = sample.value
    return samples


def test_metrics_answer_on_the_loopback_address_without_configuration(client):
    samples = scrape(client)
    assert any(name.startswith("django_http_requests_total_by_method_total") for name in samples)
    assert samples["eenplan_database_up{}"] == 1


def test_metrics_are_not_found_from_another_address(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_metrics_are_not_found_through_a_proxy_on_the_same_machine(client):
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404


@override_settings(METRICS_ALLOW_LOOPBACK=False)
def test_the_loopback_address_can_be_refused_too(client):
    assert client.get("/metrics").status_code == 404


@override_settings(METRICS_TOKEN="s3cret-scrape-token")
def test_the_token_opens_metrics_from_anywhere(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")
    assert response.status_code == 200


@override_settings(METRICS_TOKEN="s3cret-scrape-token")
def test_a_wrong_token_is_refused_even_on_loopback(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess").status_code == 404


def test_opening_a_household_counts_one_access_log_entry(client, professional, household):
    before = scrape(client).get("eenplan_access_log_entries_written_total{action=view}", 0)
    login_verified(client, professional)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    samples = scrape(client)
    assert samples["eenplan_access_log_entries_written_total{action=view}"] == before + 1
    assert samples["eenplan_access_log_entries{}"] >= 1


def test_a_sent_notification_counts_as_enqueued_and_succeeded(client, professional):
    task = "eenplan.notifications.tasks.send_notification_email"
    key_enqueued = f"eenplan_tasks_enqueued_total{{task={task}}}"
    key_succeeded = f"eenplan_tasks_finished_total{{outcome=succeeded,task={task}}}"
    before = scrape(client)
    notification = Notification.objects.create(user=professional, message="Er is een verwijzing voor u")
    send_notification_email.enqueue(notification.pk)  # what notify() does once its transaction commits
    after = scrape(client)
    assert after[key_enqueued] == before.get(key_enqueued, 0) + 1
    assert after[key_succeeded] == before.get(key_succeeded, 0) + 1


def test_the_last_chain_check_is_a_metric(client, professional, household):
    login_verified(client, professional)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    assert "eenplan_access_log_chain_intact{}" not in scrape(client)  # never checked: no value, not a false "ok"
    call_command("check_access_log", stdout=StringIO())
    samples = scrape(client)
    assert samples["eenplan_access_log_chain_intact{}"] == 1
    assert samples["eenplan_access_log_chain_checked_entries{}"] >= 1


def test_metrics_carry_no_names(client, professional, household):
    login_verified(client, professional)
    client.get(reverse("households:list"), {"q": "Vries"})
    body = client.get("/metrics").content.decode()
    assert "Vries" not in body and "Anna" not in body and professional.email not in body


def test_a_broken_chain_is_recorded_as_not_intact(client, professional, household):
    login_verified(client, professional)
    client.get(reverse("households:detail", kwargs={"pk": household.pk}))
    with (
        mock.patch("eenplan.access.management.commands.verify_access_log.Command.handle", side_effect=SystemExit(1)),
        pytest.raises(SystemExit),
    ):
        call_command("check_access_log", stdout=StringIO(), stderr=StringIO())
    assert scrape(client)["eenplan_access_log_chain_intact{}"] == 0
