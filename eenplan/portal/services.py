# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What residents do in Mijn EenPlan, and what the regisseur does for them (docs/portal.md)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eenplan.access.models import Consent, ConsentMethod, ConsentProposal
from eenplan.access.resident_door import RESIDENT_ACTOR_SESSION_KEY, RESIDENT_SESSION_KEY
from eenplan.accounts.models import User
from eenplan.households.crypto import lookup_digests
from eenplan.households.models import Household, Resident
from eenplan.notifications.models import notify
from eenplan.plans import services as plan_services
from eenplan.plans.models import Action, ActionStatus, AgreementMethod, Plan
from eenplan.portal.models import ActivationLetter, CorrectionRequest, Message, PlanAgreement, PortalAccount

ACTIVATION_DAYS = 30
CORRECTION_DAYS = 30  # AVG art. 12(3): answer within one month
# DigiD asks for a session of at most 15 minutes (DigiD-check norm T14); the activation login keeps the same.
PORTAL_SESSION_SECONDS = 15 * 60
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper


class PortalError(Exception):
    """Something the resident asked that cannot be done; the message is shown to them."""


def resident_for_bsn(bsn: str) -> Resident | None:
    """The resident with this BSN, found by its keyed lookup digest (never by decrypting every BSN). Where the
    same person is registered in more than one household (moved), the newest registration."""
    return (
        Resident.objects.filter(bsn_digest__in=lookup_digests(bsn.strip()))
        .select_related("household")
        .order_by("-created_at", "-id")
        .first()
    )


def account_for(resident: Resident) -> PortalAccount:
    """The resident's portal account, made at their first sign-in (with its log account: no password, no role)."""
    account = PortalAccount.objects.select_related("user").filter(resident=resident).first()
    if account is not None:
        return account
    with transaction.atomic():
        user = User.objects.create_user(
            email=f"inwoner-{resident.pk}-{secrets.token_hex(4)}@portaal.eenplan.invalid",
            password=None,
            full_name=_("Resident (My EenPlan)"),
        )
        return PortalAccount.objects.create(resident=resident, user=user)


def sign_in(request: HttpRequest, resident: Resident) -> PortalAccount:
    """Start a fresh portal session for this resident: whatever the session held before (a professional's login
    included) is thrown away, so the two never mix."""
    account = account_for(resident)
    request.session.flush()
    request.user = AnonymousUser()
    request.session[RESIDENT_SESSION_KEY] = resident.pk
    request.session[RESIDENT_ACTOR_SESSION_KEY] = account.user_id
    request.session.set_expiry(PORTAL_SESSION_SECONDS)
    PortalAccount.objects.filter(pk=account.pk).update(last_login_at=timezone.now())
    return account


def sign_out(request: HttpRequest) -> None:
    request.session.flush()


# -- activation letters ---------------------------------------------------------------------------------------------


def _code_digest(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), f"activation:{normalised}".encode(), hashlib.sha256).hexdigest()


def make_activation_letter(resident: Resident, *, by: User) -> tuple[ActivationLetter, str]:
    """A new one-time code for this resident (earlier unused letters stop working). The code is shown once, for the
    letter; EenPlan keeps only its digest."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
    now = timezone.now()
    with transaction.atomic():
        ActivationLetter.objects.filter(resident=resident, used_at__isnull=True).update(expires_at=now)
        letter = ActivationLetter.objects.create(
            resident=resident,
            code_digest=_code_digest(code),
            created_by=by,
            created_at=now,
            expires_at=now + datetime.timedelta(days=ACTIVATION_DAYS),
        )
    return letter, code


def redeem_activation_code(code: str, date_of_birth: datetime.date) -> Resident | None:
    """The resident of a valid, unused code with this date of birth; the code is used up. None otherwise (the
    page says only that the combination is not right)."""
    now = timezone.now()
    with transaction.atomic():
        letter = (
            ActivationLetter.objects.select_for_update()
            .select_related("resident__household")
            .filter(code_digest=_code_digest(code), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if letter is None or letter.resident.date_of_birth != date_of_birth:
            return None
        letter.used_at = now
        letter.save(update_fields=["used_at"])
        return letter.resident


# -- the plan -------------------------------------------------------------------------------------------------------


def agree_to_plan(plan: Plan, resident: Resident) -> PlanAgreement:
    """The resident agrees to the draft plan in the portal: the plan becomes agreed, "digitaal", today; the
    moment and the resident are kept in a PlanAgreement."""
    try:
        plan_services.agree(plan, on=timezone.localdate(), method=AgreementMethod.DIGITAL)
    except plan_services.PlanRuleError as error:
        raise PortalError(str(error)) from error
    return PlanAgreement.objects.create(plan=plan, resident=resident)


def mark_action_done(action: Action, resident_ids: frozenset[int] | None) -> None:
    """A resident marks an action of their own (or of a child in their care) done."""
    if action.owner_resident_id is None or (resident_ids is not None and action.owner_resident_id not in resident_ids):
        raise PortalError(_("You can only mark your own actions as done."))
    if action.status == ActionStatus.GEDAAN:
        return
    action.status = ActionStatus.GEDAAN
    action.version += 1
    action.save(update_fields=["status", "version"])


# -- consents -------------------------------------------------------------------------------------------------------


def withdraw_consent(consent: Consent, *, actor: User, reason: str) -> bool:
    """Withdraw a consent at once: from the organisation's next request it has no access. False when it was
    withdrawn already (by someone else in the meantime)."""
    with transaction.atomic():
        locked = Consent.objects.select_for_update().filter(pk=consent.pk, withdrawn_at__isnull=True).first()
        if locked is None:
            return False
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = actor
        locked.withdrawal_reason = reason
        locked.version += 1
        locked.save()  # through save(): the consent's history records the withdrawal
    return True


def answer_proposal(proposal: ConsentProposal, *, actor: User, accept: bool) -> Consent | None:
    """The resident gives (or declines) a consent a professional proposed. Giving it records a Consent, given
    digitally ("digitaal") and recorded by the resident's own portal account."""
    with transaction.atomic():
        answered = ConsentProposal.objects.filter(pk=proposal.pk, decided_at__isnull=True).update(
            decided_at=timezone.now(), accepted=accept
        )
        if not answered:
            raise PortalError(_("You already answered this request."))
        if not accept:
            return None
        consent = Consent.objects.create(
            household_id=proposal.household_id,
            resident_id=proposal.resident_id,
            organisation_id=proposal.organisation_id,
            purpose=proposal.purpose,
            valid_from=timezone.localdate(),
            valid_until=proposal.valid_until,
            method=ConsentMethod.DIGITAAL,
            recorded_by=actor,
        )
        consent.categories.set(proposal.categories.all())
        ConsentProposal.objects.filter(pk=proposal.pk).update(consent=consent)
    return consent


# -- messages and requests ------------------------------------------------------------------------------------------


def send_resident_message(household: Household, resident: Resident, actor: User, body: str) -> Message:
    """The resident writes to their regisseur; the regisseur gets a notification (no content in it)."""
    message = Message.objects.create(household=household, from_resident=resident, author=actor, body=body)
    if household.regisseur_id is not None:
        notify(
            household.regisseur,
            _("New message in My EenPlan for household %(number)s.") % {"number": household.pk},
            reverse("portal:household", kwargs={"pk": household.pk}),
        )
    return message


def send_regisseur_message(household: Household, author: User, body: str) -> Message:
    """The regisseur answers; residents with an e-mail address hear that there is a new message, not what it says."""
    message = Message.objects.create(household=household, author=author, body=body)
    addresses = [a for a in household.residents.exclude(email="").values_list("email", flat=True)]
    if addresses:
        transaction.on_commit(
            lambda: send_mail(
                _("New message in My EenPlan"),
                _("There is a new message for you in My EenPlan. Sign in with DigiD to read it."),
                None,
                addresses,
                fail_silently=True,
            )
        )
    return message


def request_correction(household: Household, resident: Resident, text: str) -> CorrectionRequest:
    """AVG art. 16: a task for the regisseur with a deadline of one month, and a notification (no content)."""
    request = CorrectionRequest.objects.create(
        household=household,
        resident=resident,
        text=text,
        due_on=timezone.localdate() + datetime.timedelta(days=CORRECTION_DAYS),
    )
    if household.regisseur_id is not None:
        notify(
            household.regisseur,
            _("A resident of household %(number)s asks for a correction (answer before %(date)s).")
            % {"number": household.pk, "date": formats.date_format(request.due_on, "DATE_FORMAT")},
            reverse("portal:household", kwargs={"pk": household.pk}),
        )
    return request
