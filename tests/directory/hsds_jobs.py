# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Helpers of the HSDS import job tests: an export with every service changed, an upload, the job's page."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from eenplan.directory.hsds.export import export_directory
from eenplan.directory.models import HSDSImportJob

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def changed_export() -> bytes:
    document = export_directory()
    for organisation in document["contents"]:
        for service in organisation["services"]:
            service["description"] = "Nu ook op zaterdag."
    return json.dumps(document).encode()


def records_in(data: bytes) -> int:
    document = json.loads(data)
    return len(document["contents"]) + sum(len(o["services"]) for o in document["contents"])


def upload(client: Client, content: bytes, **extra: Any) -> Any:
    with translation.override("en"):
        return client.post(
            reverse("directory:hsds_import"),
            {"file": SimpleUploadedFile("kaart.json", content, content_type="application/json")},
            HTTP_ACCEPT_LANGUAGE="en",
            **extra,
        )


def job_page(client: Client, job: HSDSImportJob, **headers: str) -> Any:
    return client.get(
        reverse("directory:hsds_import_job", kwargs={"job_pk": job.pk}), HTTP_ACCEPT_LANGUAGE="en", headers=headers
    )
