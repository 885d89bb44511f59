# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The demo's accounts: an invited colleague, one who left, one whose second step was reset."""

from __future__ import annotations

import pytest
from django.utils import timezone

from eenplan.accounts.models import AccountEventKind, Role, User
from eenplan.demo.accounts import build_accounts
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_team_has_an_account_in_every_state(team):
    leader = factories.wijkteam_member(team=team, role=Role.TEAM_LEADER)
    assert build_accounts(timezone.now(), leader.email) == 3
    invited = User.objects.get(email__startswith="uitgenodigd@")
    left = User.objects.get(email__startswith="vertrokken@")
    reset = User.objects.get(email__startswith="nieuwetelefoon@")
    assert not invited.has_usable_password() and invited.has_role(Role.REGISSEUR)
    assert not left.is_active and not left.active_memberships()
    assert reset.has_usable_password() and reset.account_events.get().kind == AccountEventKind.MFA_RESET


def test_without_the_team_leader_nothing_is_made():
    assert build_accounts(timezone.now(), "niemand@example.org") == 0
