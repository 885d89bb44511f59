# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`make run` as a new user meets it (issue 17): the demo logins README.md lists are the ones `demo_logins` prints,
with the same team names; the hint it prints for a new code works as printed (a make target that exists); and
loading the demo data queues no e-mails, so the worker does not start with a burst of mail about demo data."""

from __future__ import annotations

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from eenplan.collaboration.tasks import send_conference_invitation
from eenplan.demo.data import DEMO_EMAIL_DOMAIN, NAMED_LOGINS
from eenplan.demo.management.commands.seed_demo import MESSAGE_TASKS, drop_queued_messages
from eenplan.notifications.tasks import send_notification_email
from eenplan.reports.tasks import refresh_summary

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def demo_seeded_with_a_task_queue(settings) -> str:
    """The demo data loaded as `make run` does it: DEBUG on, tasks queued in the database."""
    settings.DEBUG = True
    settings.TASKS = DB_TASKS
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def printed_logins(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


def readme_rows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+@[^`]+)` \| ([^|]+) \|$", text, flags=re.MULTILINE))


def test_the_readme_names_the_team_or_organisation_demo_logins_prints(demo_seeded_with_a_task_queue, settings):
    printed = printed_logins(settings)
    rows = readme_rows()
    for local, *_rest in NAMED_LOGINS:
        email = f"{local}@{DEMO_EMAIL_DOMAIN}"
        place = re.search(rf"^  {re.escape(email)}\s+.* — (.+)$", printed, flags=re.MULTILINE)
        assert place is not None, f"demo_logins does not print {email}"
        assert place.group(1).split(",")[0] in rows[email], f"README.md's row for {email}: {rows[email]}"


def test_the_hint_for_a_new_code_is_a_make_target_that_exists(demo_seeded_with_a_task_queue, settings):
    hint = re.search(r"nieuwe code: make ([\w-]+)", printed_logins(settings))
    assert hint is not None
    assert re.search(rf"^{re.escape(hint.group(1))}:", (ROOT / "Makefile").read_text(), flags=re.MULTILINE)


@pytest.fixture
def task_queue(settings) -> None:
    """Tasks queued in the database, as `make run` does (the tests otherwise run them at once)."""
    settings.TASKS = DB_TASKS


def queued() -> set[str]:
    from django_tasks_db.models import DBTaskResult

    return set(DBTaskResult.objects.values_list("task_path", flat=True))


def test_the_seed_drops_the_e_mails_it_queued(task_queue):
    since = timezone.now()
    send_notification_email.enqueue(1)
    send_conference_invitation.enqueue(1)
    drop_queued_messages(since)
    assert queued() & set(MESSAGE_TASKS) == set()


def test_the_seed_keeps_other_tasks_queued(task_queue):
    since = timezone.now()
    refresh_summary.enqueue()
    drop_queued_messages(since)
    assert queued() == {"eenplan.reports.tasks.refresh_summary"}


def test_the_seed_keeps_e_mails_queued_before_it_started(task_queue):
    send_notification_email.enqueue(1)
    drop_queued_messages(timezone.now() + datetime.timedelta(seconds=1))
    assert queued() == {"eenplan.notifications.tasks.send_notification_email"}
