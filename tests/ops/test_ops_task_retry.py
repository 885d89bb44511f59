# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A notification e-mail that cannot be sent is retried with backoff and never lost: after the last attempt it is
listed as permanently failed and `manage.py failed_tasks --rerun` enqueues it again. Runs the real database backend
and its worker (`db_worker --batch`)."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from eenplan.notifications.models import Notification
from eenplan.notifications.tasks import RETRY_SCHEDULED, send_notification_email
from eenplan.ops.tasks import permanently_failed

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_SERVER_AWAY = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def database_backend():
    with override_settings(TASKS=DB_TASKS, TASK_MAX_ATTEMPTS=3, TASK_RETRY_BACKOFF_SECONDS=60):
        yield


@pytest.fixture
def notification(professional) -> Notification:
    return Notification.objects.create(user=professional, message="Er is een verwijzing voor u", link="/x/")


def run_worker() -> None:
    """The worker closes "old" connections between tasks; inside the test's transaction that would close the test's
    own connection (PostgreSQL), so that housekeeping is left out here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)


def make_due_now() -> None:
    """As if the backoff has passed."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))


def test_a_failed_attempt_enqueues_the_next_attempt_after_the_backoff(notification):
    send_notification_email.enqueue(notification.pk)
    before = timezone.now()
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=MAIL_SERVER_AWAY):
        run_worker()
    first = DBTaskResult.objects.get(status="FAILED")
    assert first.exception_class_path == RETRY_SCHEDULED
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.args_kwargs == {"args": [notification.pk], "kwargs": {"attempt": 2}}
    assert before + timedelta(seconds=59) <= waiting.run_after <= timezone.now() + timedelta(seconds=61)


def test_the_retry_succeeds_when_the_mail_server_is_back(notification, professional):
    send_notification_email.enqueue(notification.pk)
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=MAIL_SERVER_AWAY):
        run_worker()
    make_due_now()
    run_worker()
    assert [message.to for message in mail.outbox] == [[professional.email]]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert not permanently_failed().exists()


def test_the_backoff_grows_with_each_attempt(notification):
    send_notification_email.enqueue(notification.pk)
    delays = []
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=MAIL_SERVER_AWAY):
        for _ in range(2):
            started = timezone.now()
            run_worker()
            waiting = DBTaskResult.objects.get(status="READY")
            delays.append(round((waiting.run_after - started).total_seconds() / 60))
            make_due_now()
    assert delays == [1, 4]


def test_after_the_last_attempt_the_task_is_listed_as_permanently_failed(notification):
    send_notification_email.enqueue(notification.pk)
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=MAIL_SERVER_AWAY):
        for _ in range(3):
            run_worker()
            make_due_now()
    assert not DBTaskResult.objects.filter(status="READY").exists()  # bounded: no fourth attempt
    failed = permanently_failed().get()
    assert failed.exception_class_path == "smtplib.SMTPServerDisconnected"
    out = StringIO()
    call_command("failed_tasks", stdout=out)
    assert str(failed.pk) in out.getvalue() and "attempts=3" in out.getvalue()


def test_a_permanently_failed_task_can_be_run_again(notification, professional):
    send_notification_email.enqueue(notification.pk)
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=MAIL_SERVER_AWAY):
        for _ in range(3):
            run_worker()
            make_due_now()
    failed = permanently_failed().get()
    call_command("failed_tasks", "--rerun", str(failed.pk), stdout=StringIO())
    assert not permanently_failed().exists()
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs == {"args": [notification.pk], "kwargs": {"attempt": 1}}
    run_worker()
    assert [message.to for message in mail.outbox] == [[professional.email]]


def test_the_listing_shows_no_address_of_the_failed_mail(notification, professional):
    refused = smtplib.SMTPRecipientsRefused({professional.email: (550, b"no such user")})
    send_notification_email.enqueue(notification.pk)
    with mock.patch("eenplan.notifications.tasks.send_mail", side_effect=refused):
        for _ in range(3):
            run_worker()
            make_due_now()
    out = StringIO()
    call_command("failed_tasks", stdout=out)
    assert "SMTPRecipientsRefused" in out.getvalue()
    assert professional.email not in out.getvalue()
