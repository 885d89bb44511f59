# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""On PostgreSQL the job's page shows the saving progress before the import commits (a transactional test).

In a module of its own: pytest-django runs transactional tests after the others, and with `--dist loadfile` a file is
one unit, so a transactional test in a file of ordinary ones would run among them and its flush would leave the
reference data (categories, instruments) gone for the files after it on the same worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from eenplan.directory.hsds import importer
from eenplan.directory.hsds.tasks import run_hsds_import
from eenplan.directory.models import HSDSImportJob
from tests.directory.hsds_jobs import DUMMY_TASKS, changed_export, upload


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: no saving progress to show")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_the_saving_progress_shows_before_the_import_commits(
    importer_client, hsds_kaart, settings, monkeypatch
):
    try:
        _watch_the_saving_progress(importer_client, settings, monkeypatch)
    finally:
        # The flush after a transactional test truncates every table, which the access log's trigger refuses: as
        # in tests/budget/test_budget_race.py, triggers are off for this session only, until Django closes it.
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")


def _watch_the_saving_progress(importer_client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.TASKS = DUMMY_TASKS
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 1)
    upload(importer_client, changed_export())
    job = HSDSImportJob.objects.get()
    seen: list[tuple[bool, int]] = []
    real_apply = importer._apply

    def watched_apply(plans: Any, user: Any, saved: Any) -> None:
        real_tell = saved._tell

        def tell() -> None:
            real_tell()
            # Inside the import's transaction; READ COMMITTED sees what the progress connection committed.
            seen.append((connection.in_atomic_block, HSDSImportJob.objects.get(pk=job.pk).processed))

        saved._tell = tell
        real_apply(plans, user, saved)

    monkeypatch.setattr(importer, "_apply", watched_apply)
    run_hsds_import.call(job.pk)

    assert HSDSImportJob.objects.get(pk=job.pk).status == HSDSImportJob.Status.DONE
    assert seen and all(inside for inside, _processed in seen)
    assert [processed for _inside, processed in seen] == list(range(1, len(seen) + 1))
