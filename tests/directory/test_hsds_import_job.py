# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The upload page imports in the background: the page checks the file, keeps it with an HSDSImportJob and enqueues
the import; the job's page shows its progress and then its report (docs/hsds.md, "Importing")."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend

from eenplan.accounts.models import Role
from eenplan.directory.hsds import importer
from eenplan.directory.hsds.export import export_directory
from eenplan.directory.hsds.importer import CHECKING, SAVING, ImportReport, import_directory
from eenplan.directory.hsds.tasks import run_hsds_import
from eenplan.directory.models import HSDSImportJob, Service
from tests import factories
from tests.conftest import login_verified
from tests.directory.hsds_jobs import DUMMY_TASKS, changed_export, job_page, records_in, upload

pytestmark = pytest.mark.django_db

# --- the upload page hands the import over ------------------------------------------------------------------------


def test_an_upload_is_enqueued_and_the_page_shows_its_progress(importer_client, hsds_kaart, settings):
    settings.TASKS = DUMMY_TASKS  # enqueued, not run
    content = changed_export()

    response = upload(importer_client, content)

    job = HSDSImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sociale-kaart/importeren/{job.pk}/"
    assert job.status == HSDSImportJob.Status.QUEUED and job.file_name == "kaart.json"
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [("run_hsds_import", [job.pk])]
    html = job_page(importer_client, job).content.decode()
    assert 'hx-trigger="every 2s"' in html and 'aria-live="polite"' in html and "<progress" in html
    assert Service.objects.filter(description="Nu ook op zaterdag.").count() == 0


def test_the_task_imports_the_file_and_the_page_then_shows_the_report(importer_client, hsds_kaart, settings):
    settings.TASKS = DUMMY_TASKS
    content = changed_export()
    upload(importer_client, content)
    job = HSDSImportJob.objects.get()

    with translation.override("en"):
        run_hsds_import.call(job.pk)

    job.refresh_from_db()
    assert job.status == HSDSImportJob.Status.DONE and job.document is None  # the kept file is gone
    assert Service.objects.filter(description="Nu ook op zaterdag.").count() == 12
    polled = job_page(importer_client, job, HX_Request="true")
    assert polled["HX-Refresh"] == "true"  # the polling page reloads itself to show the report
    html = job_page(importer_client, job).content.decode()
    assert f"All {records_in(content)} records were imported." in html and "Dienst 2-3" in html
    assert "hx-trigger" not in html


def test_with_tasks_run_at_once_the_upload_leads_to_the_report(importer_client, hsds_kaart):
    content = changed_export()

    response = upload(importer_client, content, follow=True)

    assert response.status_code == 200
    assert f"All {records_in(content)} records were imported." in response.content.decode()
    job = HSDSImportJob.objects.get()
    listed = importer_client.get(reverse("directory:hsds_import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("directory:hsds_import_job", kwargs={"job_pk": job.pk}) in listed and "· imported ·" in listed


def test_the_report_is_kept_as_json_data_and_read_back_the_same(importer_client, hsds_kaart):
    upload(importer_client, changed_export())
    job = HSDSImportJob.objects.get()
    assert isinstance(job.report, dict)
    assert json.loads(json.dumps(job.report)) == job.report
    assert ImportReport.from_data(job.report).to_data() == job.report
    assert ImportReport.from_data(job.report).imported and job.imported


def test_a_rejected_file_is_reported_on_the_jobs_page_and_nothing_changes(importer_client, hsds_kaart):
    document = export_directory()
    document["contents"][0]["services"][0]["status"] = "closed for good"
    document["contents"][1]["services"][0]["description"] = "Gewijzigd."

    response = upload(importer_client, json.dumps(document).encode(), follow=True)

    html = response.content.decode()
    assert "Nothing was imported: fix the rejected records and try again." in html and "closed for good" in html
    job = HSDSImportJob.objects.get()
    assert job.status == HSDSImportJob.Status.DONE and not job.imported
    assert not Service.objects.filter(description="Gewijzigd.").exists()


# --- quick errors stay on the page --------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"{not json", b"[]"], ids=["broken", "not-an-object"])
def test_a_bad_upload_gets_400_on_the_page_and_no_job(importer_client, hsds_kaart, content):
    response = upload(importer_client, content)
    assert response.status_code == 400 and "Nothing was imported" in response.content.decode()
    assert not HSDSImportJob.objects.exists()


def test_a_second_upload_is_refused_while_an_import_runs(importer_client, hsds_kaart, settings):
    settings.TASKS = DUMMY_TASKS
    upload(importer_client, changed_export())
    running = HSDSImportJob.objects.get()

    response = upload(importer_client, changed_export())

    assert response.status_code == 409
    html = response.content.decode()
    assert "Another import is still running." in html
    assert reverse("directory:hsds_import_job", kwargs={"job_pk": running.pk}) in html
    assert HSDSImportJob.objects.count() == 1


def test_a_stalled_import_does_not_block_the_next_upload(importer_client, hsds_kaart, settings):
    settings.TASKS = DUMMY_TASKS
    upload(importer_client, changed_export())
    stalled = HSDSImportJob.objects.get()
    HSDSImportJob.objects.filter(pk=stalled.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=2))

    assert upload(importer_client, changed_export()).status_code == 302
    assert "stopped before it was done" in job_page(importer_client, stalled).content.decode()


# --- who sees a job -----------------------------------------------------------------------------------------------


def test_someone_who_may_not_import_does_not_see_anothers_import(importer_client, hsds_kaart, professional):
    upload(importer_client, changed_export())
    job = HSDSImportJob.objects.get()
    stranger = login_verified(Client(), professional)
    assert job_page(stranger, job).status_code == 404
    assert job_page(stranger, job, HX_Request="true").status_code == 404


def test_another_importer_sees_the_import_and_the_uploader_keeps_seeing_it(importer_client, hsds_kaart):
    upload(importer_client, changed_export())
    job = HSDSImportJob.objects.get()
    assert job.uploaded_by is not None
    team = job.uploaded_by.memberships.get().team
    colleague = factories.MembershipFactory(team=team, role=Role.FUNCTIONAL_ADMIN).user
    assert job_page(login_verified(Client(), colleague), job).status_code == 200
    job.uploaded_by.memberships.all().delete()  # no longer maintains the sociale kaart, still the uploader
    assert job_page(importer_client, job).status_code == 200


def test_an_unknown_job_is_404(importer_client):
    assert importer_client.get(reverse("directory:hsds_import_job", kwargs={"job_pk": 999999})).status_code == 404


# --- progress -----------------------------------------------------------------------------------------------------


def test_the_progress_callback_counts_every_record_through_both_stages(hsds_kaart, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 4)
    document = json.loads(changed_export())
    calls: list[tuple[str, int, int]] = []

    report = import_directory(document, progress=lambda *call: calls.append(call))

    total = len(report.records)
    assert report.imported and total == 15  # three organisations, twelve services
    assert calls[0] == (CHECKING, 0, total) and calls[-1] == (SAVING, total, total)
    for stage in (CHECKING, SAVING):
        done = [d for s, d, t in calls if s == stage]
        assert done == sorted(done) and done[0] == 0 and done[-1] == total and len(done) > 3
    assert {t for _s, _d, t in calls} == {total}


def test_the_progress_callback_does_not_change_the_report(hsds_kaart):
    document = json.loads(changed_export())
    document["contents"][0]["services"][0]["status"] = "closed for good"  # rejected: nothing is written either way

    without = import_directory(document).to_data()
    with_progress = import_directory(document, progress=lambda *call: None).to_data()

    assert with_progress == without


def test_the_job_shows_its_progress_while_the_file_is_checked(importer_client, hsds_kaart, settings, monkeypatch):
    settings.TASKS = DUMMY_TASKS
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 1)
    content = changed_export()
    total = records_in(content)  # the three organisations, their services and the administrator's organisation
    upload(importer_client, content)
    job = HSDSImportJob.objects.get()
    seen: list[tuple[str, int, int]] = []
    seen_page: list[str] = []
    real_import = importer.import_directory

    def watched(document: Any, **kwargs: Any) -> Any:
        progress = kwargs.pop("progress")

        def spy(stage: str, done: int, total: int) -> None:
            progress(stage, done, total)
            row = HSDSImportJob.objects.get(pk=job.pk)
            seen.append((row.stage, row.processed, row.total))
            if stage == CHECKING and done == 5:
                page = job_page(importer_client, row, HX_Request="true").content.decode()
                seen_page.append(page)

        return real_import(document, progress=spy, **kwargs)

    monkeypatch.setattr("eenplan.directory.hsds.tasks.import_directory", watched)
    run_hsds_import.call(job.pk)

    assert f"5 of {total} records processed" in seen_page[0] and 'value="5"' in seen_page[0]
    checking = [done for stage, done, _total in seen if stage == CHECKING]
    assert checking == sorted(checking) and checking[0] == 0 and checking[-1] == total and len(checking) > 3
    assert (SAVING, 0, total) in seen


# --- failures -----------------------------------------------------------------------------------------------------


def test_a_failing_import_fails_the_job_with_a_clear_message_and_imports_nothing(
    importer_client, hsds_kaart, monkeypatch, caplog
):
    saved = []

    def broken_save(*args: Any, **kwargs: Any) -> None:
        saved.append(1)
        if len(saved) == 3:
            raise RuntimeError("disk full at Dienst 1-1 <kees@example.org>")
        real_save(*args, **kwargs)

    real_save = importer._save_history
    monkeypatch.setattr(importer, "_save_history", broken_save)

    with caplog.at_level(logging.ERROR, logger="eenplan.directory.hsds.tasks"):
        response = upload(importer_client, changed_export(), follow=True)

    job = HSDSImportJob.objects.get()
    assert job.status == HSDSImportJob.Status.FAILED and job.document is None and job.report is None
    assert "The import failed because of an error in EenPlan. Nothing was imported." in response.content.decode()
    assert not Service.objects.filter(description="Nu ook op zaterdag.").exists()  # two were saved, rolled back
    assert "RuntimeError" in caplog.text and "kees@example.org" not in caplog.text and "Dienst" not in caplog.text


def test_a_job_runs_only_once(importer_client, hsds_kaart, settings):
    settings.TASKS = DUMMY_TASKS
    upload(importer_client, changed_export())
    job = HSDSImportJob.objects.get()
    run_hsds_import.call(job.pk)
    finished = HSDSImportJob.objects.get(pk=job.pk).finished_at

    run_hsds_import.call(job.pk)

    assert HSDSImportJob.objects.get(pk=job.pk).finished_at == finished


def test_only_the_most_recent_finished_imports_are_kept(importer_client, hsds_kaart, monkeypatch):
    monkeypatch.setattr("eenplan.directory.hsds.tasks.KEEP_FINISHED", 3)
    for _ in range(5):
        upload(importer_client, changed_export())
    kept = list(HSDSImportJob.objects.order_by("id").values_list("pk", flat=True))
    assert len(kept) == 3 and kept == list(range(kept[0], kept[0] + 3))  # the three newest, the new one included
