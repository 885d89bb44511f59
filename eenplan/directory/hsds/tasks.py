# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The upload page's HSDS import as a background task (django-tasks; the database backend runs it in
`manage.py db_worker`, the tests run it at once). See docs/hsds.md, "Importing".

The page validates the upload (size, JSON), keeps it with an `HSDSImportJob` and enqueues `run_hsds_import`, which runs
`import_directory` (all or nothing, as ever) and writes its progress and its report to the job. The page polls the job.
"""

from __future__ import annotations

import datetime
import gzip
import logging
import traceback

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone, translation
from django_tasks import task

from eenplan.accounts.models import User
from eenplan.directory.hsds.importer import SAVING, import_directory, parse_document
from eenplan.directory.models import STALLED_AFTER, HSDSImportJob

logger = logging.getLogger(__name__)


def running_import() -> HSDSImportJob | None:
    """The import that is queued or running now (not stalled), if any."""
    return (
        HSDSImportJob.objects.defer("document", "report")
        .filter(status__in=HSDSImportJob.ACTIVE, updated_at__gte=timezone.now() - STALLED_AFTER)
        .order_by("-created_at", "-id")
        .first()
    )


# Finished imports kept with their reports (a report of 20,000 records is a few MB); older ones are deleted when a
# new file is uploaded. What an import changed stays in the services' history ("HSDS import", who uploaded it).
KEEP_FINISHED = 20


def queue_import(data: bytes, *, file_name: str, user: User) -> HSDSImportJob:
    """Keep the uploaded file with a new job and enqueue its import. The file is already known to be JSON.

    Finished jobs beyond the KEEP_FINISHED most recent are deleted."""
    finished = HSDSImportJob.objects.exclude(status__in=HSDSImportJob.ACTIVE).order_by("-created_at", "-id")
    old = list(finished.values_list("pk", flat=True)[KEEP_FINISHED - 1 :])
    if old:
        HSDSImportJob.objects.filter(pk__in=old).delete()
    job = HSDSImportJob.objects.create(
        uploaded_by=user,
        file_name=file_name[:255],
        file_size=len(data),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        document=gzip.compress(data, compresslevel=6),
    )
    run_hsds_import.enqueue(job.pk)
    return job


class _JobProgress:
    """Writes an import's progress to its job, where the page reads it.

    The check runs outside any transaction, so its progress is written as it goes. Saving is one transaction: what
    is written in it shows only once the import is committed, so on PostgreSQL the progress goes through a second
    connection of its own; SQLite has a single writer (the import holds it), so there the page shows that everything
    is being saved, without numbers, until the import is done.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.side: BaseDatabaseWrapper | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = timezone.now()
        if stage == SAVING and done > 0:
            if connection.vendor == "postgresql":
                self._write_aside(stage, done, total, now)
            return
        HSDSImportJob.objects.filter(pk=self.job_id).update(stage=stage, processed=done, total=total, updated_at=now)

    def _write_aside(self, stage: str, done: int, total: int, now: datetime.datetime) -> None:
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        quote = self.side.ops.quote_name
        table, names = HSDSImportJob._meta.db_table, ("stage", "processed", "total", "updated_at")
        assignments = ", ".join(f"{quote(name)} = %s" for name in names)
        with self.side.cursor() as cursor:  # autocommit: seen by the page at once
            cursor.execute(
                f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s",  # noqa: S608 (names, not data)
                [stage, done, total, now, self.job_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


@task()
def run_hsds_import(job_id: int) -> None:
    """Import the file kept with job `job_id`; its report (or its failure) and progress go to the job.

    Runs once: a job that is no longer queued is left alone. The kept file is removed when the task is done.
    An unexpected error fails the job with a message for the user (nothing was imported: the import is one
    transaction); the log names the error's class and where it happened (file, line, function), not its text nor
    source lines (which may quote the file).
    """
    now = timezone.now()
    if not HSDSImportJob.objects.filter(pk=job_id, status=HSDSImportJob.Status.QUEUED).update(
        status=HSDSImportJob.Status.RUNNING, updated_at=now
    ):
        return
    job = HSDSImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    progress = _JobProgress(job_id)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            document = parse_document(gzip.decompress(bytes(job.document or b"")))
            report = import_directory(document, user=job.uploaded_by, progress=progress)
    except Exception as error:
        logger.error(
            "HSDS import %s failed: %s\n%s",
            job_id,
            type(error).__name__,
            "\n".join(
                f"  {frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ),
        )
        _finish(job_id, HSDSImportJob.Status.FAILED)
        return
    finally:
        progress.close()
    _finish(job_id, HSDSImportJob.Status.DONE, report=report.to_data(), imported=report.imported)


def _finish(job_id: int, status: str, *, report: dict[str, object] | None = None, imported: bool = False) -> None:
    now = timezone.now()
    HSDSImportJob.objects.filter(pk=job_id).update(
        status=status, report=report, imported=imported, document=None, finished_at=now, updated_at=now
    )
