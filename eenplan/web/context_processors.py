"""Navigation context: which menu items the logged-in user's roles open."""

from __future__ import annotations

from django.http import HttpRequest

from eenplan.accounts.models import Role, User


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {}
    from eenplan.notifications.models import Notification

    roles = {m.role for m in user.active_memberships()}
    return {
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()
        if user.is_verified()  # type: ignore[attr-defined]
        else 0,
        "nav_professional": bool(roles - {Role.VOLUNTEER}),
        "nav_triage": bool(roles & {Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER}),
        "nav_signal": bool(roles & {Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER, Role.PARTNER_PROFESSIONAL}),
        "nav_privacy": Role.PRIVACY_OFFICER in roles,
        "nav_admin": user.is_superuser or Role.FUNCTIONAL_ADMIN in roles,
    }
