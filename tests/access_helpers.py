# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Vocabulary for access tests: a household of a wijkteam, people in every role, and consent states."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from eenplan.access.models import BreakGlassAccess, Consent, ConsentMethod, InformationCategory
from eenplan.accounts.models import Organisation, OrganisationType, Role, Team, User
from eenplan.budget.models import MandateLevel, NeighbourhoodBudget, Purpose
from eenplan.households.models import Household, Resident
from tests import factories


def category(code: str) -> InformationCategory:
    return InformationCategory.objects.get(code=code)


def partner_organisation(name: str = "Schuldhulp Samen") -> Organisation:
    return factories.OrganisationFactory(name=name, type=OrganisationType.SCHULDHULP)


def member_of(organisation: Organisation, role: str) -> User:
    team = factories.TeamFactory(organisation=organisation)
    return factories.wijkteam_member(team=team, role=role)


def grant_consent(
    household: Household,
    organisation: Organisation,
    categories: list[str],
    *,
    recorded_by: User,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    resident: Resident | None = None,
) -> Consent:
    consent = Consent.objects.create(
        household=household,
        resident=resident,
        organisation=organisation,
        purpose="Schulden in beeld brengen",
        valid_from=valid_from or timezone.localdate(),
        valid_until=valid_until,
        method=ConsentMethod.MONDELING,
        recorded_by=recorded_by,
    )
    consent.categories.set([category(code) for code in {"basis", *categories}])
    return consent


def withdraw(consent: Consent, by: User) -> None:
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.withdrawal_reason = "Bewoner trok toestemming mondeling in"
    consent.save()


def take_break_glass(user: User, household: Household, *, hours: int = 24) -> BreakGlassAccess:
    membership = user.active_memberships()[0]
    return BreakGlassAccess.objects.create(
        user=user,
        organisation_id=membership.organisation_id,
        household=household,
        reason="veiligheid",
        explanation="Acute dreiging gemeld door de buren, kinderen in huis",
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )


ALL_ROLES = [
    "regisseur",
    "wijkteam_member",
    "other_team_member",
    "team_leader",
    "partner",
    "volunteer",
    "policy_officer",
    "privacy_officer",
    "functional_admin",
    "moved_regisseur",
]


def moved_regisseur(household: Household, partner_org: Organisation) -> User:
    """The household's regisseur, whose membership of the owning team ended yesterday, now a partner professional
    of `partner_org` (DESIGN.md §5, invariant 9: rights end with the membership that granted them)."""
    today = timezone.localdate()
    membership = factories.MembershipFactory(
        team=household.owning_team,
        role=Role.REGISSEUR,
        since=today - datetime.timedelta(days=400),
        until=today - datetime.timedelta(days=1),
    )
    user = membership.user
    partner_team = factories.TeamFactory(organisation=partner_org)
    factories.MembershipFactory(user=user, team=partner_team, role=Role.PARTNER_PROFESSIONAL)
    Household.objects.filter(pk=household.pk).update(regisseur=user)
    household.regisseur = user
    return user


def person_in_role(role_name: str, household: Household, partner_org: Organisation) -> User:
    """A professional standing in the given relation to the household."""
    team = household.owning_team
    if role_name == "regisseur":
        return factories.wijkteam_member(team=team, role=Role.REGISSEUR)
    if role_name == "wijkteam_member":
        return factories.wijkteam_member(team=team, role=Role.WIJKTEAM_MEMBER)
    if role_name == "other_team_member":
        other = factories.TeamFactory(organisation=team.organisation)
        return factories.wijkteam_member(team=other, role=Role.WIJKTEAM_MEMBER)
    if role_name == "team_leader":
        return factories.wijkteam_member(team=team, role=Role.TEAM_LEADER)
    if role_name == "partner":
        return member_of(partner_org, Role.PARTNER_PROFESSIONAL)
    if role_name == "moved_regisseur":
        return moved_regisseur(household, partner_org)
    if role_name == "volunteer":
        return member_of(factories.OrganisationFactory(type=OrganisationType.VRIJWILLIGERS), Role.VOLUNTEER)
    municipality = factories.OrganisationFactory(type=OrganisationType.WERK_EN_INKOMEN)
    return member_of(
        municipality,
        {"policy_officer": Role.POLICY_OFFICER, "privacy_officer": Role.PRIVACY_OFFICER}.get(
            role_name, Role.FUNCTIONAL_ADMIN
        ),
    )


def plan_with_goal_and_action(household: Household, regisseur: User):
    """An active plan with a goal on finances and one action in the finances category."""
    from eenplan.plans import services
    from eenplan.plans.models import Action, Goal, OwnerKind

    plan = services.start_plan(household, by=regisseur, regisseur=regisseur)
    goal = Goal.objects.create(
        plan=plan, domain="financien", resident_words="Ik wil rust over geld", category=category("financien")
    )
    Action.objects.create(
        plan=plan,
        goal=goal,
        description="Aanmelden bij schuldhulp",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=regisseur,
        category=category("financien"),
    )
    return plan


# Plan vocabulary: volunteers, goals and actions, written the way the tests of the plans feature tell them.


def volunteer(full_name: str = "Sanne Vrijwilliger") -> User:
    """A volunteer (*vrijwilliger*) of a volunteer organisation, with no wijkteam membership."""
    organisation = factories.OrganisationFactory(type=OrganisationType.VRIJWILLIGERS)
    team = factories.TeamFactory(organisation=organisation)
    return factories.wijkteam_member(team=team, role=Role.VOLUNTEER, full_name=full_name)


def add_goal(plan, domain: str, words: str, *, category_code: str | None = None):
    """A goal in the resident's own words; the category defaults to the one that belongs to the life domain."""
    from eenplan.plans.domains import DEFAULT_CATEGORY, LifeDomain
    from eenplan.plans.models import Goal

    code = category_code or DEFAULT_CATEGORY[LifeDomain(domain)]
    return Goal.objects.create(plan=plan, domain=domain, resident_words=words, category=category(code))


def add_action(
    plan,
    description: str,
    *,
    owner: User,
    goal=None,
    kind: str = "professional",
    due_date: datetime.date | None = None,
    status: str = "open",
    category_code: str | None = None,
):
    """An action owned by a professional or volunteer; the category follows the goal unless given."""
    from eenplan.plans.models import Action

    code = category_code or (goal.category.code if goal is not None else "basis")
    return Action.objects.create(
        plan=plan,
        goal=goal,
        description=description,
        owner_kind=kind,
        owner_user=owner,
        due_date=due_date,
        status=status,
        category=category(code),
    )


def intake_for(household: Household, by: User):
    from eenplan.intake.models import Intake

    return Intake.objects.create(household=household, question_in_own_words="Ik kom er niet meer uit", conducted_by=by)


def referral_to(household: Household, organisation: Organisation, referrer: User):
    """A referral already sent to a service of the organisation (made directly, whatever the consent now is)."""
    from django.utils import timezone as tz

    from eenplan.directory.models import Service
    from eenplan.referrals.models import Referral, ReferralState

    service = Service.objects.create(
        organisation=organisation, name="Schuldhulpverlening", description="Hulp bij schulden"
    )
    referral = Referral.objects.create(
        household=household,
        action=household.plans.get().actions.get(),
        service=service,
        to_organisation=organisation,
        from_user=referrer,
        from_organisation=household.owning_team.organisation,
        summary="Schulden in beeld brengen",
        state=ReferralState.VERZONDEN,
        sent_at=tz.now(),
        response_deadline=tz.now() + datetime.timedelta(days=5),
    )
    referral.shared_categories.set([category("basis"), category("financien")])
    return referral


# Access point and assessment vocabulary: wijken served by teams, requests for help, and assessments as data.


def serves(team, neighbourhood) -> None:
    """The team serves this wijk: its members triage the wijk's requests for help."""
    team.neighbourhoods.add(neighbourhood)


def request_for_help(neighbourhood=None, **fields: object):
    """A new request for help from a resident, as the public form stores it."""
    from eenplan.intake.models import IntakeRequest, Source

    values: dict[str, object] = {
        "source": Source.PUBLIC,
        "first_name": "Sara",
        "last_name": "Bakker",
        "postcode": "3512 AB",
        "phone": "06 12345678",
        "question": "Ik heb schulden en de huur loopt achter.",
        **fields,
    }
    return IntakeRequest.objects.create(neighbourhood=neighbourhood, **values)


def zrm_domains() -> dict:
    """The Zelfredzaamheid-Matrix's domains by code, as the data migration loaded them."""
    from eenplan.assessments.models import InstrumentDomain

    return {d.code: d for d in InstrumentDomain.objects.filter(instrument__code="zrm").select_related("category")}


def assess(
    household: Household,
    by: User,
    levels: dict[str, int] | None = None,
    *,
    resident=None,
    on: datetime.date | None = None,
    otherwise: int = 4,
    instrument_code: str = "zrm",
):
    """An assessment of one resident: the given levels per domain code, every other domain at `otherwise`."""
    from eenplan.assessments.models import Assessment, Instrument, Score

    instrument = Instrument.objects.get(code=instrument_code)
    assessment = Assessment.objects.create(
        household=household,
        resident=resident or household.residents.order_by("id").first(),
        instrument=instrument,
        assessed_on=on or timezone.localdate(),
        assessed_by=by,
    )
    given = levels or {}
    Score.objects.bulk_create(
        Score(assessment=assessment, domain=domain, value=given.get(domain.code, otherwise))
        for domain in instrument.domains.all()
    )
    return assessment


POSITIEVE_GEZONDHEID = [
    ("lichaamsfuncties", "Lichaamsfuncties", "gezondheid"),
    ("mentaal_welbevinden", "Mentaal welbevinden", "gezondheid"),
    ("zingeving", "Zingeving", "basis"),
    ("kwaliteit_van_leven", "Kwaliteit van leven", "basis"),
    ("meedoen", "Meedoen", "werk_inkomen"),
    ("dagelijks_functioneren", "Dagelijks functioneren", "basis"),
]


def positieve_gezondheid(levels: range = range(0, 11)):
    """A second instrument added as data, not code: Positieve Gezondheid's six dimensions on a 0..10 scale."""
    from eenplan.assessments.models import Instrument, InstrumentDomain, ScaleLevel

    instrument = Instrument.objects.create(code="positieve-gezondheid", name="Positieve Gezondheid")
    for position, (code, name, category_code) in enumerate(POSITIEVE_GEZONDHEID):
        InstrumentDomain.objects.create(
            instrument=instrument, code=code, name=name, position=position, category=category(category_code)
        )
    ScaleLevel.objects.bulk_create(ScaleLevel(instrument=instrument, value=v, label=f"Score {v}") for v in levels)
    return instrument


# Sociale kaart and referral vocabulary: services of organisations and referrals made to them.


def service_of(
    organisation: Organisation,
    name: str = "Schuldhulpverlening",
    *,
    description: str = "Hulp bij schulden en betalingsachterstanden.",
    expected_response_days: int = 5,
    domains: tuple[str, ...] = (),
    neighbourhoods: tuple = (),
    **fields: object,
):
    """A service on the sociale kaart, with its life domains and the wijken it serves (none: the whole city)."""
    from eenplan.directory.models import Service, ServiceDomain

    service = Service.objects.create(
        organisation=organisation,
        name=name,
        description=description,
        expected_response_days=expected_response_days,
        **fields,
    )
    ServiceDomain.objects.bulk_create(ServiceDomain(service=service, code=code) for code in domains)
    if neighbourhoods:
        service.neighbourhoods.set(neighbourhoods)
    return service


def draft_referral(
    household: Household,
    service,
    referrer: User,
    *,
    categories: tuple[str, ...] = ("basis", "financien"),
    summary: str = "Schulden bij drie schuldeisers, huurachterstand van twee maanden.",
):
    """A referral in concept from the household's first plan action (if any) to the service, as `refer` makes it."""
    from eenplan.referrals import services as referral_services
    from eenplan.referrals.models import Referral

    plan = household.plans.filter(is_active=True).first()
    referral = Referral.objects.create(
        household=household,
        action=plan.actions.order_by("id").first() if plan else None,
        service=service,
        to_organisation=service.organisation,
        from_user=referrer,
        from_organisation=household.owning_team.organisation,
        summary=summary,
    )
    referral.shared_categories.set([category(code) for code in categories])
    referral_services.record_created(referral, referrer)
    return referral


def resident_data(resident: Resident, **changes: object) -> dict[str, object]:
    """The resident form as it is opened for this resident (with its version), with some fields changed."""
    data: dict[str, object] = {
        "first_name": resident.first_name,
        "name_prefix": resident.name_prefix,
        "last_name": resident.last_name,
        "date_of_birth": resident.date_of_birth.isoformat(),
        "bsn": "",
        "email": resident.email,
        "phone": resident.phone,
        "version": resident.version,
    }
    data.update(changes)
    return data


def new_household_data(team, **changes: object) -> dict[str, object]:
    """The triage form's fields for registering Sara Bakker's new household in this team."""
    data: dict[str, object] = {
        "first_name": "Sara",
        "name_prefix": "",
        "last_name": "Bakker",
        "date_of_birth": "1990-02-03",
        "bsn": "",
        "email": "",
        "phone": "06 12345678",
        "street": "Oudegracht",
        "house_number": "12a",
        "city": "Utrecht",
        "owning_team": team.pk,
    }
    data.update(changes)
    return data


# Mijn EenPlan vocabulary: a resident with a (test) BSN, signed in to the portal as the portal's login does.

TEST_BSNS = ("999990019", "999990020", "999990032", "999990044", "999990056")


def resident_with_bsn(household: Household, bsn: str, **fields: object) -> Resident:
    """A resident with a BSN from the 9999xxxxx test range (elfproef-valid)."""
    return factories.ResidentFactory(household=household, bsn=bsn, **fields)


def sign_in_to_portal(client, resident: Resident):
    """Put a resident's portal session on this client, as DigiD's answer or an activation letter does."""
    from eenplan.access.resident_door import RESIDENT_ACTOR_SESSION_KEY, RESIDENT_SESSION_KEY
    from eenplan.portal.services import account_for

    account = account_for(resident)
    session = client.session
    session[RESIDENT_SESSION_KEY] = resident.pk
    session[RESIDENT_ACTOR_SESSION_KEY] = account.user_id
    session.save()
    return client


# Working-together vocabulary: case conferences, mandates and escalations (eenplan.collaboration).


def conference_for(
    household: Household,
    called_by: User,
    *,
    professionals: tuple[User, ...] = (),
    with_residents: bool = False,
    starts_at: datetime.datetime | None = None,
    reason: str = "Zorgen over schulden en de gezondheid van moeder",
    public_agenda: str = "Kennismaking, wie doet wat, afspraken",
):
    """A planned case conference about the household, as the form plans it, at the given time (default: in two
    days at ten)."""
    from eenplan.collaboration import services

    when = starts_at or timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    return services.plan_conference(
        household,
        by=called_by,
        organisation_id=household.owning_team.organisation_id,
        professionals=list(professionals),
        residents=list(household.residents.all()) if with_residents else [],
        network=[],
        starts_at=when,
        location="Wijkcentrum De Linde",
        reason=reason,
        public_agenda=public_agenda,
    )


def agenda_item(conference, title: str, category_code: str):
    from eenplan.collaboration.models import AgendaItem

    return AgendaItem.objects.create(conference=conference, title=title, category=category(category_code))


def escalation_mandate(organisation: Organisation, role: str = Role.TEAM_LEADER, **fields: object):
    """A mandate level as the functional administrator records it: this role in this organisation may decide."""
    from eenplan.collaboration.models import EscalationMandate

    values: dict[str, object] = {
        "level": 1,
        "title": "Teamleider",
        "description": "Uitzondering op een regel of wachtlijst, tot 2500 euro",
        "response_days": 10,
        **fields,
    }
    return EscalationMandate.objects.create(organisation=organisation, role=role, **values)


def escalation_for(
    household: Household,
    raised_by: User,
    decider: User,
    mandate,
    *,
    decide_by: datetime.date | None = None,
    category_code: str = "financien",
):
    """An open escalation of the household's plan to the decider, as the form sends it."""
    from eenplan.collaboration.models import Escalation

    return Escalation.objects.create(
        household=household,
        raised_by=raised_by,
        raised_by_organisation=household.owning_team.organisation,
        category=category(category_code),
        kind="wachtlijst",
        stuck="Wachtlijst schuldhulp is vier maanden",
        needed="Voorrang bij schuldhulp",
        decide_by=decide_by or timezone.localdate() + datetime.timedelta(days=7),
        mandate=mandate,
        decider=decider,
    )


def wijkbudget_commitment(household: Household, by: User):
    """€ 100 of the team's wijkbudget committed for the plan's action (made directly, as the services would); the
    team's organisation gives team leaders a mandate of € 2.500, so they may decide on it."""
    from decimal import Decimal

    from eenplan.budget.models import Commitment, CommitmentState, MandateLevel, NeighbourhoodBudget

    today = timezone.localdate()
    MandateLevel.objects.get_or_create(
        organisation=household.owning_team.organisation, role=Role.TEAM_LEADER, defaults={"limit": Decimal("2500")}
    )
    budget = NeighbourhoodBudget.objects.create(
        name="Wijkbudget",
        team=household.owning_team,
        year=today.year,
        amount=Decimal("1000.00"),
        owner=by,
        starts_on=today,
        ends_on=today,
        committed=Decimal("100.00"),
    )
    return Commitment.objects.create(
        budget=budget,
        household=household,
        action=household.plans.get().actions.get(),
        amount=Decimal("100.00"),
        year_total=Decimal("100.00"),
        what_for="Eerste huur",
        payee_kind="leverancier",
        expected_on=today,
        state=CommitmentState.TOEGEKEND,
        requested_by=by,
        requested_role=Role.REGISSEUR,
        requested_organisation=household.owning_team.organisation,
    )


def budget_mandates(organisation: Organisation) -> None:
    """The wijkteam's mandate levels: a regisseur and a team member commit up to € 500, the team leader € 2,500."""
    for role, limit in ((Role.REGISSEUR, "500"), (Role.WIJKTEAM_MEMBER, "500"), (Role.TEAM_LEADER, "2500")):
        MandateLevel.objects.create(organisation=organisation, role=role, limit=Decimal(limit))


def wijkbudget_oost(team: Team, owner: User) -> NeighbourhoodBudget:
    """This year's € 10,000 maatwerk budget of `team`, kept by `owner`; it warns at 80% spent."""
    today = timezone.localdate()
    return NeighbourhoodBudget.objects.create(
        name="Wijkbudget Oost",
        team=team,
        year=today.year,
        purpose=Purpose.MAATWERK,
        amount=Decimal("10000.00"),
        owner=owner,
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        warn_percentage=80,
    )
