# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The nightly refresh of the outcomes summary as a background task (django-tasks with the database backend: the
worker `manage.py db_worker` runs it; `manage.py refresh_reports --enqueue` hands it over)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_summary() -> int:
    """Compute the outcomes summary anew; returns the number of counts stored."""
    from eenplan.reports.summary import refresh

    return refresh().fact_count
