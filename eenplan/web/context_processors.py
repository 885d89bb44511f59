# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Navigation context: which menu items the logged-in user's roles open."""

from __future__ import annotations

from django.http import HttpRequest

from eenplan.access.policy import (
    is_professional,
    may_signal,
    may_triage,
    privacy_officer_membership,
    report_scope,
    team_leader_team_ids,
)
from eenplan.accounts.models import Role, User, manages_accounts


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    from eenplan.budget.services import sees_budgets
    from eenplan.notifications.models import Notification

    roles = {m.role for m in user.active_memberships()}
    reports = report_scope(user)
    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()
        if user.is_verified()  # type: ignore[attr-defined]
        else 0,
        # Who may go where is the policy's question (eenplan.access.policy), asked here, not answered.
        "nav_professional": is_professional(user),
        "nav_triage": may_triage(user),
        "nav_signal": may_signal(user) is not None,
        "nav_privacy": privacy_officer_membership(user) is not None,
        "nav_budget": sees_budgets(user),
        "nav_admin": user.is_superuser or Role.FUNCTIONAL_ADMIN in roles,
        "nav_team_leader": bool(team_leader_team_ids(user)),
        "nav_staff": manages_accounts(user),
        "nav_team_dashboard": bool(reports.team_ids),
        "nav_outcomes": reports.outcomes,
    }
