# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch text on English pages is marked lang="nl" (issue 17, WCAG 3.1.2): a service's name and description on
the sociale kaart, and a goal in the resident's own words and an action on the plan, are Dutch whatever the
interface language, so a screen reader pronounces them as Dutch."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests import access_helpers as story

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_service():
    return story.service_of(story.partner_organisation("Schuldhulp Samen"), "Schuldhulpverlening")


def page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def test_a_services_name_is_marked_dutch_on_an_english_page(verified_client, dutch_service):
    html = page(verified_client, reverse("directory:detail", kwargs={"service_pk": dutch_service.pk}), "en")
    assert '<h1 lang="nl">Schuldhulpverlening</h1>' in html


def test_a_services_description_is_marked_dutch_in_the_english_list(verified_client, dutch_service):
    html = page(verified_client, reverse("directory:list"), "en")
    assert f'<p lang="nl">{dutch_service.description}</p>' in html


def test_a_dutch_page_needs_no_mark(verified_client, dutch_service):
    html = page(verified_client, reverse("directory:detail", kwargs={"service_pk": dutch_service.pk}), "nl")
    assert "<h1>Schuldhulpverlening</h1>" in html


def test_a_residents_own_words_are_marked_dutch_on_the_english_plan(regisseur_client, regisseur_plan):
    html = page(regisseur_client, reverse("plans:plan", kwargs={"pk": regisseur_plan.household_id}), "en")
    assert '<blockquote class="ep-quote" lang="nl">“Ik wil rust over geld”</blockquote>' in html
    assert '<td lang="nl">Aanmelden bij schuldhulp</td>' in html
