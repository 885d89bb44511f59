# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The sociale kaart's HSDS upload in the browser: the import runs in the background, its page polls the progress
(htmx, every 2 s) and shows the report by itself once the import is done; at 1280 and 320 px, checked with axe-core."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from eenplan.accounts.models import Organisation, OrganisationType
from eenplan.directory.hsds.export import export_directory
from eenplan.directory.hsds.tasks import run_hsds_import
from eenplan.directory.models import HSDSImportJob, Service
from tests.browser.axe import assert_accessible, assert_no_horizontal_scroll
from tests.browser.conftest import current_code, nl, submit_code, submit_password
from tests.directory.conftest import municipal_admin

POLL_MS = 6_000  # the page polls every 2 s


def test_an_upload_shows_its_progress_and_then_its_report(page: Page, live_server, settings, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # the test runs the task
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Aanbieder {n}", type=OrganisationType.OVERIG) for n in range(10)
    )
    Service.objects.bulk_create(
        Service(organisation=organisations[n % 10], name=f"Dienst {n}", description=f"Hulp {n}.") for n in range(120)
    )
    document = export_directory()
    document["contents"][0]["services"][0]["description"] = "Nu ook op zaterdag."
    file = tmp_path / "sociale-kaart-hsds.json"
    file.write_text(json.dumps(document))
    submit_password(page, live_server, municipal_admin())
    submit_code(page, current_code())

    page.goto(f"{live_server.url}/sociale-kaart/importeren/")
    page.locator("input[type=file]").set_input_files(str(file))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sociale-kaart/importeren/\d+/$"))
    job = HSDSImportJob.objects.get()
    expect(page.locator("#hsds-job")).to_contain_text(nl("Waiting for its turn…"))

    HSDSImportJob.objects.filter(pk=job.pk).update(
        status="running", stage="checking", processed=45, total=130, updated_at=timezone.now()
    )
    expect(page.locator("#hsds-job")).to_contain_text(re.compile(r"45 \w+ 130"), timeout=POLL_MS)
    expect(page.locator("#hsds-job progress")).to_have_attribute("value", "45")
    assert_accessible(page, "an HSDS import in progress")
    page.set_viewport_size({"width": 320, "height": 700})
    assert_no_horizontal_scroll(page, "an HSDS import in progress")

    HSDSImportJob.objects.filter(pk=job.pk).update(status="queued", stage="", processed=0)
    run_hsds_import.call(job.pk)
    expect(page.locator("main")).to_contain_text(
        nl("All %(count)s records were imported.") % {"count": 130}, timeout=POLL_MS
    )
    assert_no_horizontal_scroll(page, "the report of an HSDS import")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page, "the report of an HSDS import")
    assert Service.objects.filter(description="Nu ook op zaterdag.").count() == 1
