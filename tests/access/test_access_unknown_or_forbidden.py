# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Unknown or forbidden: a household id that names no household and one the user may not see get the same answer
(status and page, the id and the CSRF token aside), for every household page and every role, so household numbers
cannot be probed (docs/privacy.md, "Unknown or forbidden"). Emergency access for an unknown id is refused only after
a reason is given, and logged."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from eenplan.access.models import AccessLogEntry, BreakGlassAccess, LogAction
from eenplan.accounts.models import Role
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified
from tests.url_walk import household_page_url_names, walk

pytestmark = pytest.mark.django_db

UNKNOWN = 987654  # no household has this id in these tests
EMERGENCY = {"reason": "veiligheid", "explanation": "Acute dreiging gemeld, kinderen in huis, politie onderweg"}


def pages_of_one_household() -> list[tuple[str, list[str]]]:
    """Every household page addressed by the household's id, with the names of its other ids."""
    names = household_page_url_names()
    pages = {
        name: sorted(set(pattern.pattern.converters) - {"pk"})
        for name, pattern in walk(get_resolver().url_patterns)
        if name in names and "pk" in pattern.pattern.converters
    }
    return sorted(pages.items())


def page_url(name: str, others: list[str], household_id: int) -> str:
    return reverse(name, kwargs={"pk": household_id, **dict.fromkeys(others, 1)})


def normalised(response, household_id: int) -> str:
    """The page with the asked id, the CSRF token and the session's seconds left (they tick between the two requests)
    taken out."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    text = re.sub(r'data-seconds-left="\d+"', "", text)
    return text.replace(f"/{household_id}/", "/N/")


def someone_in(role: str) -> tuple[Client, object]:
    """A signed-in person in this role towards a household of their own, and a household they may not see."""
    own = factories.HouseholdFactory(display_name="Jansen")
    user = story.person_in_role(role, own, story.partner_organisation())
    return login_verified(Client(), user), factories.HouseholdFactory(display_name="Bakker")


def differences(client: Client, method: str, forbidden_id: int, *, skip: str = "") -> list[str]:
    found = []
    for name, others in pages_of_one_household():
        if name == skip:
            continue
        send = getattr(client, method)
        forbidden = send(page_url(name, others, forbidden_id))
        unknown = send(page_url(name, others, UNKNOWN))
        if forbidden.status_code != unknown.status_code:
            found.append(f"{name}: {forbidden.status_code} when forbidden, {unknown.status_code} when unknown")
        elif normalised(forbidden, forbidden_id) != normalised(unknown, UNKNOWN):
            found.append(f"{name}: the pages differ")
    return found


def test_every_household_page_is_checked():
    assert len(pages_of_one_household()) > 40  # a broken walk would make the tests below pass on nothing


@pytest.mark.parametrize("role", [r for r in story.ALL_ROLES if r != "privacy_officer"])
def test_an_unknown_household_answers_as_a_forbidden_one_on_every_page(role):
    client, forbidden = someone_in(role)
    assert differences(client, "get", forbidden.pk) == []


@pytest.mark.parametrize("role", ["regisseur", "partner"])
def test_a_write_to_an_unknown_household_answers_as_one_to_a_forbidden_one(role):
    client, forbidden = someone_in(role)
    assert differences(client, "post", forbidden.pk) == []


def test_for_the_privacy_officer_only_the_access_log_tells_a_household_exists():
    """The privacy officer oversees the access log of every household number (also of households since removed),
    so that one page is no leak; every other page answers an unknown id as a forbidden one."""
    client, forbidden = someone_in("privacy_officer")
    log = "access:household_log"
    assert client.get(reverse(log, kwargs={"pk": forbidden.pk})).status_code == 200
    assert differences(client, "get", forbidden.pk, skip=log) == []


def test_the_refusal_page_offers_emergency_access_for_an_unknown_id_too():
    client, _forbidden = someone_in("partner")
    response = client.get(reverse("households:detail", kwargs={"pk": UNKNOWN}))
    assert response.status_code == 403
    assert reverse("access:break_glass", kwargs={"pk": UNKNOWN}) in response.content.decode()


def test_an_unknown_and_a_forbidden_household_cost_the_same_queries():
    client, forbidden = someone_in("partner")
    client.get(reverse("start"))  # the session and the user's memberships are read once, before counting
    counts = []
    for household_id in (forbidden.pk, UNKNOWN):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("households:detail", kwargs={"pk": household_id}))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_emergency_form_of_an_unknown_id_is_the_form_of_a_forbidden_one():
    client, forbidden = someone_in("wijkteam_member")
    forbidden_form = client.get(reverse("access:break_glass", kwargs={"pk": forbidden.pk}))
    unknown_form = client.get(reverse("access:break_glass", kwargs={"pk": UNKNOWN}))
    assert forbidden_form.status_code == unknown_form.status_code == 200
    assert normalised(forbidden_form, forbidden.pk) == normalised(unknown_form, UNKNOWN)


def test_an_emergency_access_without_a_reason_answers_the_same_for_an_unknown_id():
    client, forbidden = someone_in("partner")
    forbidden_answer = client.post(reverse("access:break_glass", kwargs={"pk": forbidden.pk}), {"reason": ""})
    unknown_answer = client.post(reverse("access:break_glass", kwargs={"pk": UNKNOWN}), {"reason": ""})
    assert forbidden_answer.status_code == unknown_answer.status_code == 400
    assert normalised(forbidden_answer, forbidden.pk) == normalised(unknown_answer, UNKNOWN)


def test_an_emergency_access_with_a_reason_for_an_unknown_id_is_logged_and_not_found():
    client, _forbidden = someone_in("partner")
    before = AccessLogEntry.objects.count()
    response = client.post(reverse("access:break_glass", kwargs={"pk": UNKNOWN}), EMERGENCY)
    assert response.status_code == 404
    assert not BreakGlassAccess.objects.exists()
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.action, entry.break_glass, entry.household_id, entry.object_id, entry.role) == (
        LogAction.REFUSED,
        True,
        None,
        UNKNOWN,
        Role.PARTNER_PROFESSIONAL,
    )


def test_an_emergency_access_with_a_reason_for_a_forbidden_household_is_still_given():
    client, forbidden = someone_in("partner")
    response = client.post(reverse("access:break_glass", kwargs={"pk": forbidden.pk}), EMERGENCY)
    assert response.status_code == 302
    assert BreakGlassAccess.objects.filter(household=forbidden).exists()
