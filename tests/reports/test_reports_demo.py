# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A fresh demo shows the outcomes at once: seed_demo computes the nightly summary once."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from eenplan.accounts.models import User
from eenplan.demo.data import DEMO_EMAIL_DOMAIN
from eenplan.reports.models import OutcomeFact
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def test_a_fresh_demo_shows_the_outcomes_with_the_time_they_were_computed(settings, client):
    settings.DEBUG = True  # seed_demo refuses to run without it (the demo logins share a published password)
    call_command("seed_demo", stdout=StringIO())

    login_verified(client, User.objects.get(email=f"beleid@{DEMO_EMAIL_DOMAIN}"))
    response = client.get("/rapportages/uitkomsten/")

    assert response.context["run"] is not None and response.context["run"].finished_at is not None
    computed = re.search(r'<p class="ep-muted">[^<]*?(\d{1,2} \w+ \d{4} \d{2}:\d{2})', response.content.decode())
    assert computed, "the page says when the figures were computed"
    assert OutcomeFact.objects.exists()
