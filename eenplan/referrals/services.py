# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Making, sending and moving referrals: consent checks, deadlines, the care team and notifications."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import policy
from eenplan.access.models import InformationCategory
from eenplan.accounts.models import Organisation, Role, User
from eenplan.households.models import Household
from eenplan.notifications.models import notify
from eenplan.plans.models import CareTeamMember
from eenplan.referrals.models import Referral, ReferralEvent, ReferralState
from eenplan.referrals.states import MoveRefused, Side, check


def missing_consent(
    household: Household, organisation: Organisation, categories: list[InformationCategory]
) -> list[str]:
    """Names of the categories the receiving organisation has no valid consent for (empty: sharing is allowed);
    the access policy decides."""
    missing = policy.missing_consent(household, organisation.pk, [c.code for c in categories])
    names = {c.code: str(c) for c in InformationCategory.objects.filter(code__in=missing)}
    return [names.get(code, code) for code in missing]


def _record(referral: Referral, to_state: str, by: User, note: str = "") -> None:
    ReferralEvent.objects.create(referral=referral, from_state=referral.state, to_state=to_state, by=by, note=note)
    referral.state = to_state


def _link(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"referral_pk": referral.pk})


def _tell_referrer_and_regisseur(referral: Referral, message: str) -> None:
    people: dict[int, User] = {referral.from_user.pk: referral.from_user}
    regisseur = referral.household.regisseur
    if regisseur is not None:
        people[regisseur.pk] = regisseur
    for person in people.values():
        notify(person, message, _link(referral))


@transaction.atomic
def send(referral: Referral, by: User) -> Referral:
    """concept → verzonden, only with consent for every shared category; the deadline starts now."""
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("household__owning_team", "service")
        .get(pk=referral.pk)
    )
    check(locked.state, ReferralState.VERZONDEN, Side.REFERRER)
    missing = missing_consent(locked.household, locked.to_organisation, list(locked.shared_categories.all()))
    if missing:
        raise MoveRefused(
            _("The resident has given %(organisation)s no consent for: %(categories)s. Record the consent first.")
            % {"organisation": locked.to_organisation.name, "categories": ", ".join(missing)}
        )
    now = timezone.now()
    _record(locked, ReferralState.VERZONDEN, by)
    locked.sent_at = now
    locked.response_deadline = now + datetime.timedelta(days=locked.service.expected_response_days)
    locked.version += 1
    locked.save()
    today = timezone.localdate()
    receivers = locked.to_organisation.memberships.filter(
        Q(until__isnull=True) | Q(until__gte=today),
        since__lte=today,
        user__is_active=True,
        role__in=(Role.PARTNER_PROFESSIONAL, Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER),
    ).select_related("user")
    for member in receivers:
        notify(
            member.user,
            _("A new referral (#%(id)s) arrived for %(service)s.") % {"id": locked.pk, "service": locked.service.name},
            _link(locked),
        )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def move(referral: Referral, to_state: str, by: User, side: Side, text: str = "") -> Referral:
    if to_state == ReferralState.VERZONDEN and side == Side.REFERRER:
        return send(referral, by)  # sending always checks consent, whichever way it is asked for
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("household__regisseur", "from_user", "service", "to_organisation")
        .get(pk=referral.pk)
    )
    check(locked.state, to_state, side, text)
    now = timezone.now()
    _record(locked, to_state, by, text)
    if to_state in (ReferralState.AFGEWEZEN, ReferralState.GESTOPT, ReferralState.INGETROKKEN):
        locked.reason = text
    if to_state == ReferralState.AFGEROND:
        locked.outcome = text
    if to_state in (ReferralState.AFGEWEZEN, ReferralState.AFGEROND, ReferralState.GESTOPT, ReferralState.INGETROKKEN):
        locked.closed_at = now
    if to_state == ReferralState.GEACCEPTEERD:
        locked.accepted_at = now
        locked.handled_by = by
        CareTeamMember.objects.create(
            household=locked.household,
            user=by,
            organisation=locked.to_organisation,
            role=locked.service.name[:120],
            task=_("Via referral #%(id)s") % {"id": locked.pk},
        )
    locked.version += 1
    locked.save()
    if side == Side.RECEIVER and to_state != ReferralState.ONTVANGEN:
        _tell_referrer_and_regisseur(
            locked,
            _("Referral #%(id)s to %(service)s is now: %(state)s.")
            % {"id": locked.pk, "service": locked.service.name, "state": ReferralState(to_state).label},
        )
    locked.refresh_from_db()
    return locked


def flag_overdue(now: datetime.datetime | None = None) -> int:
    """Notify referrer and regisseur once about every referral whose answer is late. Returns how many."""
    now = now or timezone.now()
    overdue = Referral.objects.filter(
        state__in=(ReferralState.VERZONDEN, ReferralState.ONTVANGEN),
        response_deadline__lt=now,
        overdue_notified_at__isnull=True,
    ).select_related("household__regisseur", "from_user", "service")
    count = 0
    for referral in overdue:
        with transaction.atomic():
            claimed = Referral.objects.filter(pk=referral.pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=now
            )
            if claimed:
                _tell_referrer_and_regisseur(
                    referral,
                    _("Referral #%(id)s to %(service)s has had no answer in time.")
                    % {"id": referral.pk, "service": referral.service.name},
                )
                count += 1
    return count


def record_created(referral: Referral, by: User) -> None:
    ReferralEvent.objects.create(referral=referral, from_state="", to_state=ReferralState.CONCEPT, by=by)
