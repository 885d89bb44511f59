# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Accounts in the demo (issue 17): in the demo team leader's team, a colleague invited but not yet started, one who
left (switched off after a handover) and one whose second step was reset. No random draws."""

from __future__ import annotations

import datetime

from django.utils import timezone

from eenplan.accounts.models import AccountEvent, AccountEventKind, Membership, Role, User

DEMO_DOMAIN = "demo.eenplan.nl"
# The demo's accounts in a state of their lifecycle (invited, left, second step reset): none has an authenticator.
EMAILS = tuple(f"{name}@{DEMO_DOMAIN}" for name in ("uitgenodigd", "vertrokken", "nieuwetelefoon"))


def build_accounts(now: datetime.datetime, team_leader_email: str) -> int:
    """Add the three accounts to the team leader's team; the number made (0 when the team leader is missing)."""
    leader = Membership.objects.filter(user__email=team_leader_email, role=Role.TEAM_LEADER).select_related("user")
    membership = leader.first()
    if membership is None or membership.team is None:
        return 0
    by, team = membership.user, membership.team
    today = timezone.localdate()

    invited = User.objects.create_user(email=f"uitgenodigd@{DEMO_DOMAIN}", password=None, full_name="Ines Uitgenodigd")
    Membership.objects.create(user=invited, organisation=team.organisation, team=team, role=Role.REGISSEUR)
    AccountEvent.objects.create(
        user=invited, kind=AccountEventKind.INVITED, by=by, detail=str(Role.REGISSEUR.label), at=now
    )

    left = User.objects.create_user(email=f"vertrokken@{DEMO_DOMAIN}", password=None, full_name="Victor Vertrokken")
    left.is_active = False
    left.save(update_fields=["is_active"])
    Membership.objects.create(
        user=left,
        organisation=team.organisation,
        team=team,
        role=Role.REGISSEUR,
        since=today - datetime.timedelta(days=700),
        until=today - datetime.timedelta(days=10),
    )
    AccountEvent.objects.create(
        user=left,
        kind=AccountEventKind.DEACTIVATED,
        by=by,
        reason="Uit dienst; huishoudens overgedragen aan collega's.",
        at=now - datetime.timedelta(days=9),
    )

    reset = User.objects.create_user(
        email=f"nieuwetelefoon@{DEMO_DOMAIN}", password=None, full_name="Nora Nieuwetelefoon"
    )
    reset.password = by.password  # the demo password, as every demo login; no authenticator app until they log in
    reset.save(update_fields=["password"])
    Membership.objects.create(user=reset, organisation=team.organisation, team=team, role=Role.WIJKTEAM_MEMBER)
    AccountEvent.objects.create(
        user=reset,
        kind=AccountEventKind.MFA_RESET,
        by=by,
        reason="Telefoon gestolen; teruggebeld op het bekende nummer.",
        at=now - datetime.timedelta(days=1),
    )
    return 3
