# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Prometheus metrics beside django-prometheus' request metrics: background tasks and the access log.

Counters count what *this process* did (tasks enqueued in a web process, finished in the worker); the gauges are
read from the database at scrape time, so they are the same whichever process is scraped: task results by state,
permanently failed tasks, access log size and the last chain check. No label ever holds personal data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import DatabaseError
from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

TASKS_ENQUEUED = Counter("eenplan_tasks_enqueued", "Background tasks enqueued by this process.", ["task"])
TASKS_FINISHED = Counter(
    "eenplan_tasks_finished",
    "Background task attempts finished in this process: succeeded, retried (next attempt enqueued) or failed.",
    ["task", "outcome"],
)
ACCESS_LOG_ENTRIES_WRITTEN = Counter(
    "eenplan_access_log_entries_written", "Access log entries written by this process.", ["action"]
)


def _task_name(task_result: Any) -> str:
    return str(task_result.task.module_path)


def _on_enqueued(sender: Any, task_result: Any, **kwargs: Any) -> None:
    TASKS_ENQUEUED.labels(task=_task_name(task_result)).inc()


def _on_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    from django_tasks import TaskResultStatus

    from eenplan.notifications.tasks import RETRY_SCHEDULED

    if task_result.status == TaskResultStatus.SUCCESSFUL:
        outcome = "succeeded"
    elif task_result.errors and task_result.errors[-1].exception_class_path == RETRY_SCHEDULED:
        outcome = "retried"
    else:
        outcome = "failed"
    TASKS_FINISHED.labels(task=_task_name(task_result), outcome=outcome).inc()


class DatabaseGauges(Collector):
    """Read at scrape time: cheap queries (a grouped count of the task table, the highest log id, one row)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            yield from self._tasks()
            yield from self._access_log()
        except DatabaseError:  # a scrape during an outage still answers, with the request metrics
            up = GaugeMetricFamily("eenplan_database_up", "1 when the database answered this scrape.")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("eenplan_database_up", "1 when the database answered this scrape.")
        up.add_metric([], 1)
        yield up

    def _tasks(self) -> Iterator[GaugeMetricFamily]:
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        from eenplan.ops.tasks import permanently_failed

        results = GaugeMetricFamily("eenplan_task_results", "Task results in the database by state.", labels=["state"])
        counts = dict(DBTaskResult.objects.order_by().values_list("status").annotate(n=Count("id")))
        for state in ("READY", "RUNNING", "SUCCESSFUL", "FAILED"):
            results.add_metric([state.lower()], counts.get(state, 0))
        yield results
        failed = GaugeMetricFamily(
            "eenplan_tasks_permanently_failed", "Tasks that failed their last attempt; see manage.py failed_tasks."
        )
        failed.add_metric([], permanently_failed().count())
        yield failed

    def _access_log(self) -> Iterator[GaugeMetricFamily]:
        from django.db.models import Max

        from eenplan.access.models import AccessLogEntry
        from eenplan.ops.models import AccessLogCheck

        entries = GaugeMetricFamily("eenplan_access_log_entries", "Highest access log entry id (entries written).")
        entries.add_metric([], AccessLogEntry.objects.aggregate(n=Max("id"))["n"] or 0)
        yield entries
        check = AccessLogCheck.objects.order_by("-checked_at", "-id").first()
        intact = GaugeMetricFamily(
            "eenplan_access_log_chain_intact", "1 when the last chain check found the chain intact, 0 when broken."
        )
        checked_at = GaugeMetricFamily(
            "eenplan_access_log_chain_checked_timestamp_seconds", "When the chain was last checked (Unix time)."
        )
        checked = GaugeMetricFamily("eenplan_access_log_chain_checked_entries", "Entries the last chain check read.")
        if check is not None:
            intact.add_metric([], 1 if check.intact else 0)
            checked_at.add_metric([], check.checked_at.timestamp())
            checked.add_metric([], check.entries_checked)
        yield intact
        yield checked_at
        yield checked


_connected = False


def connect_signals() -> None:
    """Called once from the app's ready(): the task signals. (The view adds `DatabaseGauges` per scrape.)"""
    global _connected
    if _connected:
        return
    from django_tasks.signals import task_enqueued, task_finished

    task_enqueued.connect(_on_enqueued, dispatch_uid="eenplan.ops.tasks_enqueued")
    task_finished.connect(_on_finished, dispatch_uid="eenplan.ops.tasks_finished")
    _connected = True
