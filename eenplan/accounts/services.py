# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Account lifecycle (*accountbeheer*): invite, give and end memberships, reset the second factor, switch off.

Each step records an `AccountEvent` (who did what to which account, with the reason where one is asked). What an
account leaves behind in households (open actions, households as regisseur) is the handover's business, in
`eenplan.staff`, which may look at households; this module may not (accounts is the lowest app).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts import passkeys
from eenplan.accounts.models import (
    AccountEvent,
    AccountEventKind,
    Membership,
    Organisation,
    Team,
    User,
    grantable_roles,
)
from eenplan.accounts.tokens import invitation_tokens


class AccountRuleError(Exception):
    """A step the rules do not allow; its message is Dutch (through gettext) and shown to the user."""


def invitation_path(user: User) -> str:
    """The one-time path of an invitation: set a password, then link an authenticator app."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:invitation", kwargs={"uidb64": uid, "token": invitation_tokens.make_token(user)})


def send_invitation(user: User, *, base_url: str) -> None:
    """E-mail the invitation link. `base_url` is scheme and host ("https://eenplan.gemeente.nl")."""
    context = {
        "user": user,
        "link": base_url.rstrip("/") + invitation_path(user),
        "days": settings.ACCOUNT_INVITATION_DAYS,
    }
    send_mail(
        _("Your account for EenPlan"),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [user.email],
    )


def check_membership(actor: User, organisation: Organisation, team: Team | None, role: str) -> None:
    if role not in grantable_roles(actor, organisation):
        raise AccountRuleError(_("You may not give this role in this organisation."))
    if team is not None and team.organisation_id != organisation.pk:
        raise AccountRuleError(_("The team must belong to the chosen organisation."))


@transaction.atomic
def invite(
    *,
    email: str,
    full_name: str,
    organisation: Organisation,
    team: Team | None,
    role: str,
    by: User,
) -> User:
    """A new account without a password, with its first membership; the caller sends the invitation."""
    check_membership(by, organisation, team, role)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountRuleError(_("There is already an account with this e-mail address."))
    user = User.objects.create_user(email=email, password=None, full_name=full_name.strip())
    Membership.objects.create(user=user, organisation=organisation, team=team, role=role)
    AccountEvent.objects.create(user=user, kind=AccountEventKind.INVITED, by=by, detail=_membership_detail(role, team))
    return user


def _membership_detail(role: str, team: Team | None) -> str:
    from eenplan.accounts.models import Role

    label = str(Role(role).label)
    return f"{label} — {team.name}" if team is not None else label


def give_membership(
    user: User,
    *,
    organisation: Organisation,
    team: Team | None,
    role: str,
    by: User,
    since: datetime.date | None = None,
) -> Membership:
    check_membership(by, organisation, team, role)
    today = timezone.localdate()
    try:
        with transaction.atomic():
            existing = Membership.objects.filter(user=user, organisation=organisation, team=team, role=role).first()
            if existing is not None:
                if existing.until is None or existing.until >= today:
                    raise AccountRuleError(_("This person already has this role in this team."))
                existing.until = None  # the same role again: the old membership continues
                existing.save(update_fields=["until"])
                membership = existing
            else:
                membership = Membership.objects.create(
                    user=user, organisation=organisation, team=team, role=role, since=since or today
                )
            AccountEvent.objects.create(
                user=user, kind=AccountEventKind.MEMBERSHIP_GIVEN, by=by, detail=_membership_detail(role, team)
            )
    except IntegrityError as error:  # a double submit
        raise AccountRuleError(_("This person already has this role in this team.")) from error
    return membership


def end_membership(membership: Membership, *, by: User) -> None:
    """The role ends now: valid until yesterday, so every right it gave ends with this request. A membership that
    had not started before today is removed (it never gave a right); the account's history keeps both."""
    if membership.organisation_id not in set(_managed_ids(by)):
        raise AccountRuleError(_("You may not change memberships of this organisation."))
    if not _stop(membership, timezone.localdate()):
        raise AccountRuleError(_("This membership has already ended."))
    AccountEvent.objects.create(
        user=membership.user,
        kind=AccountEventKind.MEMBERSHIP_ENDED,
        by=by,
        detail=_membership_detail(membership.role, membership.team),
    )


def _stop(membership: Membership, today: datetime.date) -> bool:
    """End a membership before today; False when it had ended already."""
    if membership.until is not None and membership.until < today:
        return False
    if membership.since >= today:
        membership.delete()
    else:
        membership.until = today - datetime.timedelta(days=1)
        membership.save(update_fields=["until"])
    return True


def _managed_ids(user: User) -> list[int]:
    from eenplan.accounts.models import organisations_managed_by

    return list(organisations_managed_by(user).values_list("id", flat=True))


def may_manage_account(actor: User, user: User) -> bool:
    """Manage this account: the municipality's functional administrator, or a coordinator of an organisation the
    person has (or had) a membership in. Nobody manages their own account here."""
    from eenplan.accounts.models import is_account_administrator

    if actor.pk == user.pk:
        return False
    if is_account_administrator(actor):
        return True
    if user.is_superuser or any(m.role == "functional_admin" for m in user.memberships.all()):
        return False  # a coordinator does not manage an administrator's account
    return user.memberships.filter(organisation_id__in=_managed_ids(actor)).exists()


@transaction.atomic
def reset_mfa(user: User, *, by: User, reason: str) -> int:
    """Remove the account's authenticator apps and passkeys: at the next login they link a new app. The reason is
    kept; the event's detail says how many passkeys went with it."""
    if len(reason.strip()) < 10:
        raise AccountRuleError(_("Write why the second factor is reset (at least 10 characters)."))
    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    removed_passkeys = passkeys.remove_all(user)
    AccountEvent.objects.create(
        user=user,
        kind=AccountEventKind.MFA_RESET,
        by=by,
        reason=reason.strip(),
        detail=_("Passkeys removed: %(count)d") % {"count": removed_passkeys} if removed_passkeys else "",
    )
    return int(removed)


@transaction.atomic
def deactivate(user: User, *, by: User, reason: str) -> None:
    """Switch the account off and end its memberships today: no login, no rights. History keeps the name."""
    if not reason.strip():
        raise AccountRuleError(_("Write why the account is switched off."))
    if user.pk == by.pk:
        raise AccountRuleError(_("You cannot switch off your own account."))
    today = timezone.localdate()
    for membership in Membership.objects.filter(user=user).exclude(until__lt=today):
        _stop(membership, today)
    user.is_active = False
    user.save(update_fields=["is_active"])
    TOTPDevice.objects.filter(user=user).delete()
    passkeys.remove_all(user)
    AccountEvent.objects.create(user=user, kind=AccountEventKind.DEACTIVATED, by=by, reason=reason.strip())


def reactivate(user: User, *, by: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    AccountEvent.objects.create(user=user, kind=AccountEventKind.REACTIVATED, by=by)
