# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What an account leaves behind (*overdracht*) and the queries of the account pages.

The handover names households by number and owning team only, and counts open actions: no content. Moving the
regisseur role goes through `plans.services.transfer_regisseur`, as on the plan page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.policy import handover_membership, regisseur_candidates
from eenplan.accounts.models import Membership, User, organisations_managed_by
from eenplan.households.models import Household
from eenplan.plans.models import OPEN_ACTION_STATUSES, Action
from eenplan.plans.services import PlanRuleError, transfer_regisseur


@dataclass
class HandoverHousehold:
    household_id: int
    team_name: str
    is_regisseur: bool
    open_actions: int
    may_hand_over: bool = False
    candidates: list[User] = field(default_factory=list)


def managed_accounts(actor: User, query: str = "") -> QuerySet[User]:
    """Accounts with a membership (now or before) in an organisation this user manages, newest first."""
    organisations = organisations_managed_by(actor)
    accounts = (
        User.objects.filter(memberships__organisation__in=organisations)
        .distinct()
        .annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            invited=Q(password__startswith="!"),  # noqa: S106  # Django marks an unusable password so: not accepted yet
        )
        .order_by("full_name", "id")
    )
    query = query.strip()
    if query:
        accounts = accounts.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return accounts


def handover(user: User, *, actor: User) -> list[HandoverHousehold]:
    """The households this account is regisseur of and those where it owns open actions, by number."""
    regisseur_of = list(
        Household.objects.filter(regisseur=user).select_related("owning_team__organisation").order_by("id")
    )
    action_counts = dict(
        Action.objects.filter(owner_user=user, status__in=OPEN_ACTION_STATUSES)
        .values_list("plan__household_id")
        .annotate(n=Count("id"))
        .values_list("plan__household_id", "n")
    )
    items = []
    for household in regisseur_of:
        may = handover_membership(actor, household) is not None
        items.append(
            HandoverHousehold(
                household_id=household.pk,
                team_name=household.owning_team.name,
                is_regisseur=True,
                open_actions=action_counts.pop(household.pk, 0),
                may_hand_over=may,
                candidates=[c for c in regisseur_candidates(household) if c.pk != user.pk] if may else [],
            )
        )
    teams = dict(Household.objects.filter(pk__in=list(action_counts)).values_list("id", "owning_team__name"))
    for household_id, count in sorted(action_counts.items()):
        items.append(HandoverHousehold(household_id, teams.get(household_id, ""), False, count))
    return items


def hand_over_household(
    leaving: User, household_id: int, *, to_user_id: int, actor: User, note: str
) -> tuple[Household, Membership]:
    """Move the regisseur role of one of the leaving person's households; returns the household and the role the
    actor acted in (for the access log). Refuses what the policy does not allow."""
    household = (
        Household.objects.select_related("owning_team__organisation").filter(pk=household_id, regisseur=leaving).first()
    )
    if household is None:
        raise PlanRuleError(_("This household is no longer coordinated by this person."))
    acting = handover_membership(actor, household)
    if acting is None:
        raise PermissionDenied
    to_user = regisseur_candidates(household).exclude(pk=leaving.pk).filter(pk=to_user_id).first()
    if to_user is None:
        raise PlanRuleError(_("Choose a regisseur or wijkteam member of the household's team."))
    transfer_regisseur(household, to_user=to_user, by=actor, note=note)
    return household, acting
