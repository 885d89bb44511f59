# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""What residents do in Mijn EenPlan, and what the regisseur does for them (docs/portal.md)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.access.models import Consent, ConsentMethod, ConsentProposal, MemberAccessGrant
from eenplan.access.policy import may_give_member_access
from eenplan.access.resident_door import (
    REPRESENTATIVE_SESSION_KEY,
    RESIDENT_ACTOR_SESSION_KEY,
    RESIDENT_SESSION_KEY,
)
from eenplan.accounts.models import User
from eenplan.assessments.models import Assessment, Instrument, InstrumentDomain, ScaleLevel, Score
from eenplan.households.crypto import lookup_digests
from eenplan.households.models import Household, Resident
from eenplan.notifications.models import notify
from eenplan.plans import services as plan_services
from eenplan.plans.models import Action, ActionStatus, AgreementMethod, Plan
from eenplan.portal.models import (
    ActivationLetter,
    CorrectionRequest,
    Message,
    OrganisationPortalPolicy,
    PlanAgreement,
    PortalAccount,
    Representative,
)
from eenplan.referrals.models import ReferralState

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
    _start_portal_session(request, resident, actor_id=account.user_id)
    PortalAccount.objects.filter(pk=account.pk).update(last_login_at=timezone.now())
    return account


def _start_portal_session(request: HttpRequest, resident: Resident, *, actor_id: int) -> None:
    """A fresh session (what it held before, a professional's login included, is thrown away) for this resident's
    portal, acted in by the log account `actor_id`, for the portal's own length."""
    request.session.flush()
    request.user = AnonymousUser()
    request.session[RESIDENT_SESSION_KEY] = resident.pk
    request.session[RESIDENT_ACTOR_SESSION_KEY] = actor_id
    request.session.set_expiry(PORTAL_SESSION_SECONDS)


def sign_out(request: HttpRequest) -> None:
    request.session.flush()


# -- representatives (eHerkenning bewindvoering, eenplan.portal.oidc) -------------------------------------------------


def representative_for(legal_subject: str, *, is_rsin: bool, acting_subject: str) -> Representative:
    """The representative (organisation and employee pseudonym) with their log account, made at their first login.
    The log account's name says the organisation, never a BSN: "Representative, KvK 12345678". Two first logins at
    the same moment get the same representative: the one whose row came second takes the first one's."""
    found = _existing_representative(legal_subject, acting_subject)
    if found is not None:
        return found
    representative = Representative(
        legal_subject=legal_subject, legal_subject_is_rsin=is_rsin, acting_subject=acting_subject
    )
    try:
        with transaction.atomic():
            representative.user = User.objects.create_user(
                email=f"vertegenwoordiger-{secrets.token_hex(8)}@portaal.eenplan.invalid",
                password=None,
                full_name=_("Representative, %(organisation)s") % {"organisation": representative.organisation_label},
            )
            representative.save()
    except IntegrityError:
        # Another login made this representative between our read and our insert (the unique constraint caught it);
        # the log account made here went with the rolled-back block.
        found = _existing_representative(legal_subject, acting_subject)
        if found is None:
            raise
        return found
    return representative


def _existing_representative(legal_subject: str, acting_subject: str) -> Representative | None:
    return (
        Representative.objects.select_related("user")
        .filter(legal_subject=legal_subject, acting_subject=acting_subject)
        .first()
    )


def sign_in_representative(request: HttpRequest, resident: Resident, representative: Representative) -> None:
    """Start a fresh portal session for `resident`, acted in by `representative`: the log account is the
    representative's, and the session is marked as theirs (`resident_door.REPRESENTATIVE_SESSION_KEY`)."""
    _start_portal_session(request, resident, actor_id=representative.user_id)
    request.session[REPRESENTATIVE_SESSION_KEY] = representative.pk
    Representative.objects.filter(pk=representative.pk).update(last_login_at=timezone.now())


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


# -- my self-assessment ---------------------------------------------------------------------------------------------


def resident_instrument() -> Instrument | None:
    """The resident version (in plain words) of the default instrument, if there is one in use."""
    return (
        Instrument.objects.filter(is_active=True, resident_version_of__is_default=True)
        .select_related("resident_version_of")
        .first()
    )


def save_self_assessment(
    resident: Resident, actor: User, instrument: Instrument, values: dict[InstrumentDomain, int]
) -> Assessment:
    """*Zelfbeoordeling*: the resident scores their own domains. Stored as an assessment made by the resident
    (`by_resident`, with their log account as `assessed_by`), on the resident version of the instrument."""
    with transaction.atomic():
        assessment = Assessment.objects.create(
            household_id=resident.household_id,
            resident=resident,
            instrument=instrument,
            assessed_on=timezone.localdate(),
            assessed_by=actor,
            by_resident=resident,
        )
        Score.objects.bulk_create(Score(assessment=assessment, domain=d, value=v) for d, v in values.items())
    return assessment


@dataclass(frozen=True)
class DomainComparison:
    """One row of "my scores beside the professional's": the domain in plain words and both levels (or None)."""

    question: str
    name: str
    mine: ScaleLevel | None
    professional: ScaleLevel | None


def compare_scores(
    instrument: Instrument, mine: Assessment | None, professional: Assessment | None
) -> list[DomainComparison]:
    """Per domain of the resident version: the resident's latest level beside the professional's latest level on
    the instrument it is a version of (domains matched by their code)."""
    base = instrument.resident_version_of
    mine_by_code = {s.domain.code: s.value for s in mine.scores.select_related("domain")} if mine else {}
    prof_by_code = (
        {s.domain.code: s.value for s in professional.scores.select_related("domain")} if professional else {}
    )
    my_levels = {level.value: level for level in instrument.levels.all()}
    base_levels = {level.value: level for level in base.levels.all()} if base else {}
    rows = []
    for domain in instrument.domains.all():
        m, p = mine_by_code.get(domain.code), prof_by_code.get(domain.code)
        rows.append(
            DomainComparison(
                domain.description,
                domain.name,
                my_levels.get(m) if m is not None else None,
                # The professional's level in the resident's words (same value on the same 1..5 scale).
                (my_levels.get(p) or base_levels.get(p)) if p is not None else None,
            )
        )
    return rows


# -- my referrals ---------------------------------------------------------------------------------------------------

# The referral's state in plain words (B1), for the resident.
REFERRAL_STATE_WORDS = {
    ReferralState.VERZONDEN: gettext_lazy("Sent, waiting for an answer"),
    ReferralState.ONTVANGEN: gettext_lazy("Received, waiting for an answer"),
    ReferralState.GEACCEPTEERD: gettext_lazy("Accepted: they will help you"),
    ReferralState.AFGEWEZEN: gettext_lazy("Not accepted: your regisseur will look for something else with you"),
    ReferralState.IN_BEHANDELING: gettext_lazy("They are helping you now"),
    ReferralState.AFGEROND: gettext_lazy("Finished"),
    ReferralState.GESTOPT: gettext_lazy("Stopped"),
    ReferralState.INGETROKKEN: gettext_lazy("Cancelled by your regisseur"),
}


# -- access for another adult member --------------------------------------------------------------------------------


def give_member_access(giver: Resident, receiver: Resident) -> MemberAccessGrant:
    """An adult gives another adult member of the household access to their information in the portal (to see it,
    not to act for them). Giving it twice keeps the one already given."""
    if not may_give_member_access(giver, receiver):
        raise PortalError(_("You can only give access to another adult in your household."))
    with transaction.atomic():
        existing = (
            MemberAccessGrant.objects.select_for_update()
            .filter(from_resident=giver, to_resident=receiver, withdrawn_at__isnull=True)
            .first()
        )
        if existing is not None:
            return existing
        return MemberAccessGrant.objects.create(
            household_id=giver.household_id, from_resident=giver, to_resident=receiver
        )


def withdraw_member_access(grant: MemberAccessGrant) -> bool:
    """Stop it at once: from the member's next page they see nothing personal of the giver. False if it had stopped
    already."""
    return bool(
        MemberAccessGrant.objects.filter(pk=grant.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    )


# -- names or roles -------------------------------------------------------------------------------------------------


def organisations_showing_names(organisation_ids: set[int]) -> set[int]:
    """Of these organisations, the ones whose policy lets residents see their professionals' names (default: none)."""
    if not organisation_ids:
        return set()
    return set(
        OrganisationPortalPolicy.objects.filter(
            organisation_id__in=organisation_ids, show_professional_names=True
        ).values_list("organisation_id", flat=True)
    )


def members_to_share_with(resident: Resident) -> list[Resident]:
    """The other adult members of the household this resident may give access to (none if they are under 16)."""
    members = Resident.objects.filter(household_id=resident.household_id).exclude(pk=resident.pk)
    return [r for r in members.order_by("first_name", "id") if may_give_member_access(resident, r)]


def open_grants_given(resident: Resident) -> QuerySet[MemberAccessGrant]:
    return MemberAccessGrant.objects.filter(from_resident=resident, withdrawn_at__isnull=True).order_by("given_at")


def open_grants_received(resident: Resident) -> QuerySet[MemberAccessGrant]:
    return MemberAccessGrant.objects.filter(
        to_resident=resident, household_id=resident.household_id, withdrawn_at__isnull=True
    ).order_by("given_at")
