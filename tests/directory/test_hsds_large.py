# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A large HSDS file, such as EenPlan's own export of a regional sociale kaart, imports through the upload page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from eenplan.accounts.models import Organisation, OrganisationType
from eenplan.directory.hsds.importer import MAX_UPLOAD_BYTES
from eenplan.directory.models import Service, ServiceDomain
from tests.conftest import login_verified
from tests.directory.conftest import municipal_admin

pytestmark = pytest.mark.django_db

SERVICES = 2_000


def many_services(count: int) -> None:
    """`count` small services of 40 organisations, each in one life domain."""
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Aanbieder {number}", type=OrganisationType.OVERIG) for number in range(40)
    )
    services = Service.objects.bulk_create(
        Service(
            organisation=organisations[number % len(organisations)],
            name=f"Dienst {number}",
            description=f"Hulp nummer {number} voor inwoners van de gemeente.",
            expected_response_days=5,
        )
        for number in range(count)
    )
    ServiceDomain.objects.bulk_create(ServiceDomain(service=service, code="financien") for service in services)


def test_an_export_of_2000_services_imports_through_the_upload_page(client):
    many_services(SERVICES)
    admin = municipal_admin()
    login_verified(client, admin)
    exported = client.get(reverse("directory:hsds_export")).content
    with translation.override("en"):
        response = client.post(
            reverse("directory:hsds_import"),
            {"file": SimpleUploadedFile("kaart.json", exported, content_type="application/json")},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,  # to the import's page; the tests run the background task at once
        )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert f"All {SERVICES + 41} records were imported." in response.content.decode()  # the 40 and the admin's


def test_the_upper_bound_is_far_above_an_export_of_20000_services(client):
    many_services(SERVICES)
    login_verified(client, municipal_admin())
    exported = client.get(reverse("directory:hsds_export")).content
    assert len(exported) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # such a file is spooled to disk, not held in memory
    assert 3 * 10 * len(exported) < MAX_UPLOAD_BYTES  # a regional export (ten times as many services), three times
