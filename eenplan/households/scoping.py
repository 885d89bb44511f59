"""Which households a professional may see — a temporary rule until the access app exists.

ACCESS-APP-TAKES-OVER: this module is the single place the `access` app replaces (issue "Access: consent per
organisation and category, one door to household data"). Until then a professional sees only households owned
by a team they are an active member of. No view filters households by itself; they all call these functions.
"""

from __future__ import annotations

from django.db.models import QuerySet

from eenplan.accounts.models import Team, User
from eenplan.households.models import Household


def user_team_ids(user: User) -> list[int]:
    return sorted({m.team_id for m in user.active_memberships() if m.team_id is not None})


def households_visible_to(user: User) -> QuerySet[Household]:
    return Household.objects.filter(owning_team_id__in=user_team_ids(user))


def can_see_household(user: User, household: Household) -> bool:
    return household.owning_team_id in user_team_ids(user)


def teams_that_can_own_households(user: User) -> QuerySet[Team]:
    """The wijkteam teams the user belongs to: a new household is registered under one of them."""
    return Team.objects.filter(id__in=user_team_ids(user), organisation__type="wijkteam").select_related("organisation")
