# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`manage.py create_first_admin`: the first functional administrator of a fresh installation."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from eenplan.accounts.models import OrganisationType, Role, User

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    call_command("create_first_admin", stdout=out, **options)
    return out.getvalue()


def test_it_creates_a_functional_administrator_of_the_municipality_with_an_invitation_link():
    output = run(email="Beheer@Gemeente.nl", name="Fenna Beheer", base_url="https://eenplan.test")
    user = User.objects.get(email="beheer@gemeente.nl")
    membership = user.memberships.get()
    assert membership.role == Role.FUNCTIONAL_ADMIN
    assert membership.organisation.type == OrganisationType.WERK_EN_INKOMEN
    assert not user.has_usable_password()
    assert "https://eenplan.test/uitnodiging/" in output


def test_it_refuses_when_an_administrator_exists_already(functional_admin):
    functional_admin.memberships.update(organisation=functional_admin.memberships.get().organisation)
    with pytest.raises(CommandError):
        run(email="tweede@gemeente.nl", name="Tweede")
    assert not User.objects.filter(email="tweede@gemeente.nl").exists()


def test_the_printed_link_opens_the_password_step(client):
    output = run(email="beheer@gemeente.nl", name="Fenna Beheer")
    path = output.strip().splitlines()[-1]
    response = client.get(path, follow=True)
    assert response.context["validlink"]
