# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Live search does not read out a whole table on every keystroke (issue 17): the results are not a live region;
a polite status outside them gets a short count ("12 resultaten") with each htmx answer."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
COUNT = re.compile(r'<p id="zoekstatus" hx-swap-oob="innerHTML">(\d+) [^<]+</p>')


@pytest.mark.parametrize("url_name", ["households:list", "directory:list"])
def test_the_results_are_not_a_live_region(verified_client, url_name):
    html = verified_client.get(reverse(url_name)).content.decode()
    assert '<div id="resultaten">' in html
    assert '<p id="zoekstatus" class="ep-visually-hidden" role="status"></p>' in html


@pytest.mark.parametrize("url_name", ["households:list", "directory:list"])
def test_an_htmx_answer_updates_the_status_with_a_count(verified_client, url_name):
    html = verified_client.get(reverse(url_name), {"q": "zzzz"}, **HTMX).content.decode()
    assert COUNT.search(html).group(1) == "0"


def test_a_full_page_carries_no_out_of_band_count(verified_client):
    assert not COUNT.search(verified_client.get(reverse("households:list")).content.decode())
