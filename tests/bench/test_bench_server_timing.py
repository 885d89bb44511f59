# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""bench/server_timing.py: the middleware the settings add when SERVER_TIMING is on loads from `bench` and times."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

SERVER_TIMING = "bench.server_timing.ServerTimingMiddleware"

pytestmark = pytest.mark.django_db


def test_the_middleware_is_off_unless_the_bench_asks_for_it():
    assert SERVER_TIMING not in settings.MIDDLEWARE


def test_with_the_middleware_a_page_reports_its_time_and_query_count(verified_client):
    with override_settings(MIDDLEWARE=[SERVER_TIMING, *settings.MIDDLEWARE]):
        response = verified_client.get("/ping/")
    assert re.fullmatch(r"app;dur=\d+\.\d\d, db;desc=queries;dur=\d+", response["Server-Timing"])
