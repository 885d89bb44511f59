# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Background work for notifications (django-tasks; the database backend runs it in `manage.py db_worker`).

django-tasks 0.12 and django-tasks-db 0.13 have no retry of a failed task (their `retry` helper only retries the
worker's own database writes). So a task here retries itself, bounded and with backoff: an attempt that fails
enqueues the next attempt (`attempt + 1`, run after a growing delay) and then fails with `RetryScheduled`, so its
result row shows that it was retried. The last attempt fails with the real error: that row is a *permanently* failed
task, which `manage.py failed_tasks` lists and re-runs. A task is never lost: either it succeeds, or a next attempt
is waiting, or it is listed as permanently failed.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import Task


class RetryScheduled(Exception):
    """This attempt failed and the next attempt is enqueued (the task is not lost)."""


RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 5))


def backoff(attempt: int) -> timedelta:
    """Delay before the attempt after `attempt`: the base delay times 4 per failed attempt, at most 6 hours."""
    base = float(getattr(settings, "TASK_RETRY_BACKOFF_SECONDS", 60))
    return timedelta(seconds=min(base * 4 ** (attempt - 1), 6 * 3600))


def retry_or_raise(task_: Task, attempt: int, error: Exception, *args: object) -> None:
    """Enqueue attempt `attempt + 1` of `task_` after its backoff and raise RetryScheduled; on the last attempt
    re-raise `error` itself. The message names the error's class only, never its text (it may hold an address)."""
    if attempt >= max_attempts():
        raise error
    next_attempt = task_
    if task_.get_backend().supports_defer:
        next_attempt = task_.using(run_after=timezone.now() + backoff(attempt))
    next_attempt.enqueue(*args, attempt=attempt + 1)
    raise RetryScheduled(
        f"attempt {attempt} of {max_attempts()} failed ({type(error).__name__}); attempt {attempt + 1} is enqueued"
    ) from error


@task()
def send_notification_email(notification_id: int, attempt: int = 1) -> None:
    """E-mail that there is a notification, with a link. Never the message itself: it stays behind the login.
    A failure (mail server away) is retried up to TASK_MAX_ATTEMPTS times with backoff."""
    try:
        _send_notification_email(notification_id)
    except Exception as error:
        retry_or_raise(send_notification_email, attempt, error, notification_id)


def _send_notification_email(notification_id: int) -> None:
    from eenplan.notifications.models import Notification

    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email or not notification.user.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        link = f"{settings.SITE_URL}{notification.link or '/meldingen/'}"
        send_mail(
            subject=_("EenPlan: you have a new notification"),
            message=_("There is a new notification for you in EenPlan. Log in to read it:\n\n%(link)s")
            % {"link": link},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.user.email],
        )
