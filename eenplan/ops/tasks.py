# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Permanently failed background tasks: listed and re-run by `manage.py failed_tasks`.

A failed result row whose error is `RetryScheduled` was retried (its next attempt has its own row); any other failed
row is a task that failed its last attempt, or a task without retries.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from eenplan.notifications.tasks import RETRY_SCHEDULED


def permanently_failed() -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.failed().exclude(exception_class_path=RETRY_SCHEDULED).order_by("finished_at", "id")


def rerun(result: DBTaskResult) -> str:
    """Enqueue the task again with its arguments (attempts counted from 1 again) and remove the failed row, in one
    transaction: the task is then waiting again, so it is neither lost nor listed twice. Returns the new id."""
    task = result.task  # raises ImportError when the task no longer exists; the row then stays
    args = list(result.args_kwargs.get("args", []))
    kwargs = dict(result.args_kwargs.get("kwargs", {}))
    if "attempt" in kwargs:
        kwargs["attempt"] = 1
    with transaction.atomic():
        new = task.enqueue(*args, **kwargs)
        DBTaskResult.objects.filter(pk=result.pk).delete()
    return str(new.id)
