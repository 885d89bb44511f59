# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Mijn EenPlan in the demo: one household of the demo regisseur whose residents can log in with the development
DigiD (django-digid-eherkenning's mock, listed there by name), in every state the portal shows.

The household gets a draft plan to agree to, an action of the resident, a message from the regisseur, a consent
proposal waiting for an answer, a handled request for correction and an unused activation letter for a second
resident, a self-assessment of the first resident, access given to them by a second adult, and the schuldhulp
organisation showing names to residents. No random draws: the rest of the demo stays the same per seed.
"""

from __future__ import annotations

import datetime

from django.db.models import Count

from eenplan.access.models import ConsentProposal, InformationCategory
from eenplan.access.policy import may_give_member_access
from eenplan.accounts.models import Membership, Organisation, OrganisationType
from eenplan.assessments.models import Assessment
from eenplan.households.models import Resident
from eenplan.plans.models import Action, ActionStatus, OwnerKind, Plan, PlanStatus
from eenplan.portal import services
from eenplan.portal.models import CorrectionRequest, Message, OrganisationPortalPolicy

# Listed on the development DigiD page; only while DIGID_MOCK is on (never in production).
MOCK_USERS_MAX = 3


def build_portal(now: datetime.datetime, regisseur_email: str) -> int:
    """Fill the portal of one household of the demo regisseur; the number of residents who can log in."""
    from digid_eherkenning.models.digid import MockDigidUser

    membership = Membership.objects.filter(user__email=regisseur_email).select_related("user").first()
    if membership is None:
        return 0
    regisseur = membership.user
    plan = (
        Plan.objects.filter(household__regisseur=regisseur, is_active=True)
        .annotate(goal_count=Count("goals"))
        .filter(goal_count__gt=0)
        .order_by("status", "pk")
        .select_related("household")
        .first()
    )
    if plan is None:
        return 0
    household = plan.household
    residents = list(household.residents.exclude(bsn_digest="").order_by("date_of_birth", "pk")[:MOCK_USERS_MAX])
    if not residents:
        return 0
    if plan.status != PlanStatus.CONCEPT:
        Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.CONCEPT, agreed_on=None, agreement_method="")
    first = residents[0]
    goal = plan.goals.order_by("pk").first()
    Action.objects.create(
        plan=plan,
        goal=goal,
        description="Alle post van de afgelopen maand in één map doen",
        owner_kind=OwnerKind.RESIDENT,
        owner_resident=first,
        due_date=now.date() + datetime.timedelta(days=14),
        status=ActionStatus.OPEN,
        category=goal.category if goal is not None else InformationCategory.objects.get(code="basis"),
    )
    Message.objects.create(
        household=household,
        author=regisseur,
        body="Goed dat we elkaar spraken. Het plan staat klaar in Mijn EenPlan: wilt u het lezen?",
        sent_at=now - datetime.timedelta(days=1),
    )
    partner = Organisation.objects.filter(type=OrganisationType.SCHULDHULP).order_by("pk").first()
    if partner is not None:
        proposal = ConsentProposal.objects.create(
            household=household,
            resident=first,
            organisation=partner,
            purpose="Samen uw schulden op een rij zetten",
            proposed_by=regisseur,
            proposed_at=now - datetime.timedelta(days=1),
        )
        proposal.categories.set(InformationCategory.objects.filter(code__in=["basis", "financien"]))
    CorrectionRequest.objects.create(
        household=household,
        resident=first,
        text="Mijn telefoonnummer is veranderd.",
        requested_at=now - datetime.timedelta(days=20),
        due_on=(now - datetime.timedelta(days=20)).date() + datetime.timedelta(days=30),
        handled_at=now - datetime.timedelta(days=18),
        handled_by=regisseur,
        answer="Aangepast, dank u wel.",
    )
    without_digid = household.residents.exclude(pk__in=[r.pk for r in residents]).order_by("date_of_birth").first()
    if without_digid is not None:
        services.make_activation_letter(without_digid, by=regisseur)
    _self_assessment(first, now)
    # Another adult of the household lets the first see their information (Wie mag mijn gegevens zien).
    others = [
        r
        for r in household.residents.exclude(pk=first.pk).order_by("date_of_birth", "pk")
        if may_give_member_access(r, first)
    ]
    if others:
        services.give_member_access(others[0], first)
    # The schuldhulp organisation shows its professionals' names to residents; every other shows roles only.
    if partner is not None:
        OrganisationPortalPolicy.objects.get_or_create(organisation=partner, defaults={"show_professional_names": True})
    MockDigidUser.objects.bulk_create(
        MockDigidUser(name=f"{resident.first_name} {resident.last_name} (demo)", bsn=resident.bsn)
        for resident in residents
    )
    return len(residents)


def portal_residents() -> list[Resident]:
    """The residents who can log in to Mijn EenPlan in the demo (for `demo_logins`)."""
    from digid_eherkenning.models.digid import MockDigidUser

    from eenplan.households.crypto import lookup_digest

    digests = [lookup_digest(bsn) for bsn in MockDigidUser.objects.values_list("bsn", flat=True)]
    return list(Resident.objects.filter(bsn_digest__in=digests))


def _self_assessment(resident: Resident, now: datetime.datetime) -> None:
    """The resident's own self-assessment (Hoe gaat het met mij?), a little more hopeful on money than the team's."""
    instrument = services.resident_instrument()
    if instrument is None:
        return
    values = {domain: 2 if domain.code == "financien" else 3 for domain in instrument.domains.all()}
    assessment = services.save_self_assessment(resident, services.account_for(resident).user, instrument, values)
    Assessment.objects.filter(pk=assessment.pk).update(assessed_on=(now - datetime.timedelta(days=3)).date())
