# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The bench's floor page (/ping/): minimal, logged in, no household data, with or without the layout."""

import pytest
from django.test import Client

from eenplan.access.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_the_floor_answers_a_verified_professional_with_plain_text(verified_client):
    response = verified_client.get("/ping/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"


def test_the_floor_with_layout_is_an_empty_page_in_the_standard_layout(verified_client):
    html = verified_client.get("/ping/?opmaak=1").content.decode()
    assert "<h1>EenPlan</h1>" in html
    assert 'href="#inhoud"' in html  # the skip link of base.html


def test_the_floor_needs_a_login_and_writes_no_access_log(verified_client):
    assert Client().get("/ping/").status_code == 302
    verified_client.get("/ping/")
    verified_client.get("/ping/?opmaak=1")
    assert not AccessLogEntry.objects.exists()
