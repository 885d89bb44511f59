# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""THE access policy: who may do what on which household, for which information categories (DESIGN.md §2).

Every household-scoped page asks `decide`; every household-scoped list starts from `visible_households` or
`visible_rows`. Nothing else in EenPlan filters household data by itself.

Rules
- The regisseur of a household (*household.regisseur*): everything on that household, while they are still a
  member (regisseur or wijkteam member) of the team that owns it. Rights end with the membership that granted them.
- Members of the wijkteam team that owns the household (wijkteam member, regisseur) work on the team's own legal
  task (Wmo 2015, Jeugdwet, Participatiewet): all categories, read and write. That is a legal basis, not consent.
- A team leader sees the team's caseload (lists) and each household's workflow (Operation.VIEW_WORKFLOW: regisseur,
  plan status, dates, what is overdue, counted), but the content of a household only where also a member.
- A partner professional sees a household only under a valid consent for their organisation, and only its
  categories; read only. Withdrawal or expiry takes effect on the next request (nothing is cached across requests).
- Volunteers see only actions assigned to them; policy officers only aggregates; the privacy
  officer the access log and emergency-access reviews; the functional administrator no household content.
- An action assigned to someone is visible to them. For a partner professional that holds only while their
  organisation has a valid consent for the action's category: being named on a plan is no consent (§3), and a
  withdrawal takes the action out of their list on the next request. A volunteer works for the household on the
  team's behalf and sees the assigned action with the minimum contact details (DESIGN.md §2).
- A consent a resident gives for themself (Consent.resident) covers their own person: the partner sees the
  household's plan in the consented categories, but of the members only those residents, and only their
  person-bound rows (registered with a `resident_field`, such as assessments).
- Break-the-glass: a professional without access may take time-limited emergency access with a reason; read only,
  all categories, marked in the log and reviewed by the privacy officer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils import timezone

from eenplan.access.categories import all_category_codes
from eenplan.access.models import BASIS, AccessLogEntry, BreakGlassAccess, Consent, MemberAccessGrant
from eenplan.access.registry import HouseholdScoped, registration
from eenplan.accounts.models import Membership, Organisation, OrganisationType, Role, Team, User
from eenplan.households.models import Household, RelationshipKind, Resident
from eenplan.households.names import search_forms

M = TypeVar("M", bound=Model)

TEAM_CONTENT_ROLES = frozenset({Role.REGISSEUR, Role.WIJKTEAM_MEMBER})
WORKFLOW_ROLES = frozenset({Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER})
BREAK_GLASS_ROLES = frozenset({Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.PARTNER_PROFESSIONAL, Role.TEAM_LEADER})


class Operation(StrEnum):
    VIEW = "view"
    CHANGE = "change"  # create, update or delete household data
    MANAGE_CONSENT = "manage_consent"
    VIEW_ACCESS_LOG = "view_access_log"
    # The workflow of a household: regisseur, plan status, dates, what is overdue, counted. No content categories:
    # a team leader opens this of their team's households (docs/privacy.md, "What a team leader sees").
    VIEW_WORKFLOW = "view_workflow"


class Basis(StrEnum):
    """Why access is allowed; stored as the access log entry's justification."""

    TEAM_TASK = "team_task"
    CONSENT = "consent"
    BREAK_GLASS = "break_glass"
    PRIVACY_OFFICER = "privacy_officer"
    CASELOAD = "caseload"
    RESIDENT = "resident_self"  # the resident in the portal (Mijn EenPlan), acting for themself
    REPRESENTATIVE = "representative"  # a representative (eHerkenning bewindvoering) in the portal, for a resident
    NONE = "none"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis
    categories: frozenset[str] = field(default_factory=frozenset)
    role: str = ""
    organisation_id: int | None = None
    break_glass: BreakGlassAccess | None = None
    may_break_glass: bool = False
    resident_ids: frozenset[int] | None = None  # under consents given for some residents only: theirs
    household_id: int | None = None  # the household decided about; `scoped` keeps its rows only
    offers_workflow: bool = False  # refused its content, but the user may open the household's workflow

    def allows_category(self, category: str) -> bool:
        return self.allowed and category in self.categories

    def shows_resident(self, resident_id: int) -> bool:
        """A consent given by one resident for themself covers their person, not the other members'."""
        return self.allowed and (self.resident_ids is None or resident_id in self.resident_ids)

    def shows_row(self, row: Model) -> bool:
        """May this decision show this row of a registered household-scoped model? Its category must be one the
        decision allows and, under a consent for some residents only, the row must be about one of them."""
        scoped = registration(type(row))
        if not self.allows_category(_row_category_code(scoped, row)):
            return False
        if scoped.resident_field is None or self.resident_ids is None:
            return True
        return self.shows_resident(_row_resident_id(scoped, row))

    def scoped(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """The rows of this queryset (of a registered household-scoped model) that this decision shows: only rows
        of the decided household, only allowed categories and, under a consent for some residents, only their
        rows. The one place where a page's rows are filtered by household, category and resident: a view starts
        from `decision.scoped(Model.objects...)` and cannot forget one of them
        (tests/access/test_access_door_lint.py)."""
        if not self.allowed:
            return queryset.none()
        scoped = registration(queryset.model)
        if self.household_id is not None:
            queryset = queryset.filter(**{scoped.household_field: self.household_id})
        if scoped.category_field is not None:
            queryset = queryset.filter(**{f"{scoped.category_field}__code__in": sorted(self.categories)})
        elif scoped.fixed_category not in self.categories:
            return queryset.none()
        if scoped.resident_field is not None and self.resident_ids is not None:
            queryset = queryset.filter(**{f"{scoped.resident_field}__in": sorted(self.resident_ids)})
        return queryset

    @property
    def shows_part_only(self) -> bool:
        """Whether this decision hides part of the household (some categories, or the other residents): pages say
        so, so that an empty list does not read as "there is nothing" (not whether anything is hidden)."""
        return self.allowed and (self.categories != all_category_codes() or self.resident_ids is not None)

    @property
    def may_change(self) -> bool:
        """Whether this decision lets the user change the household's data: only the owning team and the acting
        regisseur, on the team's legal task. Consent and emergency access only read."""
        return self.allowed and self.basis == Basis.TEAM_TASK

    @property
    def offers_access_log(self) -> bool:
        """Whether the household page offers "who looked at this file": to the regisseur working on it."""
        return self.may_change and self.role == Role.REGISSEUR

    @property
    def justification(self) -> str:
        if self.break_glass is not None:
            return f"{Basis.BREAK_GLASS}:{self.break_glass.pk}"
        return str(self.basis)


DENIED = Decision(False, Basis.NONE)


def _row_category_code(scoped: HouseholdScoped, row: Model) -> str:
    if scoped.fixed_category is not None:
        return scoped.fixed_category
    category = row
    for step in str(scoped.category_field).split("__"):
        category = getattr(category, step)
    return str(category.code)  # type: ignore[attr-defined]


def _row_resident_id(scoped: HouseholdScoped, row: Model) -> int:
    path = str(scoped.resident_field)
    if path == "pk":
        return int(row.pk)
    target: object = row
    steps = path.split("__")
    for step in steps[:-1]:
        target = getattr(target, step)
    return int(getattr(target, f"{steps[-1]}_id"))


def _memberships(user: User) -> list[Membership]:
    return user.active_memberships() if user.is_authenticated and user.is_active else []


def _team_membership(user: User, household: Household, roles: frozenset[str]) -> Membership | None:
    for membership in _memberships(user):
        if membership.team_id == household.owning_team_id and membership.role in roles:
            return membership
    return None


def _partner_memberships(user: User) -> list[Membership]:
    return [m for m in _memberships(user) if m.role == Role.PARTNER_PROFESSIONAL]


def consent_scope(organisation_ids: list[int], household: Household) -> tuple[frozenset[str], frozenset[int] | None]:
    """What valid consents give these organisations for this household (one query): the categories, and the
    residents they cover — None when one of them covers the whole household."""
    if not organisation_ids:
        return frozenset(), None
    pairs = list(
        Consent.objects.valid_on()
        .filter(household=household, organisation_id__in=organisation_ids)
        .values_list("categories__code", "resident_id")
    )
    categories = frozenset(code for code, _resident in pairs if code)
    residents = [resident for _code, resident in pairs]
    whole_household = not residents or None in residents
    return categories, None if whole_household else frozenset(r for r in residents if r is not None)


def consented_categories(organisation_ids: list[int], household: Household) -> frozenset[str]:
    """Categories that valid consents give these organisations for this household (one query)."""
    return consent_scope(organisation_ids, household)[0]


def missing_consent(household: Household, organisation_id: int, category_codes: list[str]) -> list[str]:
    """The codes of these categories that the resident has given this organisation no valid consent for (empty:
    sharing is allowed). The wijkteam that owns the household works on its own legal task and needs none; *basis*
    comes with any consent, and without one nothing may be shared, *basis* included."""
    if organisation_id == household.owning_team.organisation_id:
        return []
    consented = consented_categories([organisation_id], household)
    if not consented:
        return sorted(set(category_codes) | {BASIS})
    return sorted(code for code in set(category_codes) if code not in consented and code != BASIS)


def _assignee_needs_consent(memberships: list[Membership]) -> bool:
    """A user who is only a partner professional sees what is assigned to them under consent alone."""
    roles = {m.role for m in memberships}
    return Role.PARTNER_PROFESSIONAL in roles and not roles & (TEAM_CONTENT_ROLES | {Role.VOLUNTEER})


def may_be_assigned(user: User, household: Household, category_code: str) -> bool:
    """May this user be named as the owner of a row of this category of this household (and then see it)?"""
    memberships = _memberships(user)
    if not memberships:
        return False
    if not _assignee_needs_consent(memberships):
        return True
    organisation_ids = {m.organisation_id for m in memberships if m.role == Role.PARTNER_PROFESSIONAL}
    return any(not missing_consent(household, org_id, [category_code]) for org_id in sorted(organisation_ids))


def active_break_glass(user: User, household: Household) -> BreakGlassAccess | None:
    return _active_break_glass_households(user).filter(household=household).order_by("-started_at").first()


def break_glass_membership(user: User) -> Membership | None:
    """The membership under which this user may take emergency access (and which it is recorded with)."""
    return acting_membership(user, BREAK_GLASS_ROLES)


def may_take_break_glass(user: User) -> bool:
    return break_glass_membership(user) is not None


def acting_membership(
    user: User, roles: Collection[str] | None = None, organisation_ids: Collection[int] | None = None
) -> Membership | None:
    """The membership a user acts under where no household decides it (a list, an inbox, a row assigned to them,
    emergency access): the first of their active memberships in these roles and organisations, in a stable order
    (organisation, team, role). Its role and organisation are what the access log records."""
    return next(
        (
            m
            for m in _memberships(user)
            if (roles is None or m.role in roles)
            and (organisation_ids is None or m.organisation_id in organisation_ids)
        ),
        None,
    )


def registration_membership(user: User, team_id: int) -> Membership | None:
    """The membership under which this user registers a household for this team (see `teams_that_may_register`)."""
    return next((m for m in _memberships(user) if m.team_id == team_id and m.role in TEAM_CONTENT_ROLES), None)


# Referrals and other things a household's team addresses to an organisation: two sides.
RECEIVER_ROLES = frozenset({Role.PARTNER_PROFESSIONAL, Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.TEAM_LEADER})


def receiving_organisation_ids(user: User) -> list[int]:
    """The organisations for which this user receives what is addressed to an organisation (referrals)."""
    return sorted({m.organisation_id for m in _memberships(user) if m.role in RECEIVER_ROLES})


def is_sender(user: User, household: Household) -> bool:
    """Is this user on the sending side of what the household's team addresses to an organisation (the referrer)?
    Whoever may change the household: its own team on the legal task, the acting regisseur."""
    return decide(user, household, Operation.CHANGE).allowed


def is_receiver(user: User, household: Household, organisation_id: int) -> bool:
    """Is this user on the receiving side of something addressed to this organisation about this household? A
    member of the organisation in a receiving role, while the resident's consent (or their own team's task) lets
    them see the household. Emergency access gives no side."""
    if organisation_id not in receiving_organisation_ids(user):
        return False
    reading = decide(user, household, Operation.VIEW)
    return reading.allowed and reading.basis in (Basis.CONSENT, Basis.TEAM_TASK)


def acting_regisseur(user: User, household: Household) -> Membership | None:
    """The membership through which this user acts as the household's regisseur: they are named as its regisseur
    *and* still have an active wijkteam membership as regisseur or wijkteam member — of the owning team, or of
    another wijkteam team (a household handed over to a regisseur of the wijk it moves to). A regisseur who left the
    wijkteam loses the household, also when they now work for a partner organisation (DESIGN.md §5, invariant 9);
    there they are a partner like any other, under consent."""
    if household.regisseur_id is None or household.regisseur_id != user.pk:
        return None
    own_team = _team_membership(user, household, TEAM_CONTENT_ROLES)
    return own_team or next(iter(_regisseur_memberships(_memberships(user))), None)


def _regisseur_memberships(memberships: list[Membership]) -> list[Membership]:
    """The memberships that let someone be a household's regisseur: regisseur or wijkteam member of a wijkteam."""
    return [
        m
        for m in memberships
        if m.role in TEAM_CONTENT_ROLES and m.team_id and m.organisation.type == OrganisationType.WIJKTEAM
    ]


# Handing over when an account is switched off (eenplan.staff): who moves the regisseur role of the leaving
# person's households, and to whom. Not content: the handover names a household by number and its team only.
HANDOVER_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER}


def handover_membership(user: User, household: Household) -> Membership | None:
    """The membership under which this user may give the household another regisseur during a handover: a member
    or the team leader of the owning team, the owning organisation's functional administrator, or the
    municipality's. Recorded in the access log with the transfer."""
    memberships = _memberships(user)
    for membership in memberships:
        if membership.team_id == household.owning_team_id and membership.role in HANDOVER_ROLES:
            return membership
    for membership in memberships:
        if membership.role == Role.FUNCTIONAL_ADMIN and (
            membership.organisation.type == OrganisationType.WERK_EN_INKOMEN
            or membership.organisation_id == household.owning_team.organisation_id
        ):
            return membership
    return None


def regisseur_candidates(household: Household) -> QuerySet[User]:
    """Who can take over as the household's regisseur: active accounts with a regisseur's or wijkteam member's
    membership, valid today, in the team that owns the household (`acting_regisseur` then lets them act)."""
    today = timezone.localdate()
    return (
        User.objects.filter(  # one filter(): the same membership must meet every condition
            Q(memberships__until__isnull=True) | Q(memberships__until__gte=today),
            is_active=True,
            memberships__team_id=household.owning_team_id,
            memberships__role__in=sorted(TEAM_CONTENT_ROLES),
            memberships__since__lte=today,
        )
        .distinct()
        .order_by("full_name", "id")
    )


def decide(user: User, household: Household, operation: Operation = Operation.VIEW) -> Decision:
    """May this user perform this operation on this household, and which categories may they see?"""
    decision = _decide(user, household, operation)
    return replace(decision, household_id=household.pk) if decision.allowed else decision


def _decide(user: User, household: Household, operation: Operation) -> Decision:
    if not (user.is_authenticated and user.is_active):
        return DENIED
    content_operations = (Operation.VIEW, Operation.CHANGE, Operation.MANAGE_CONSENT)
    regisseur = acting_regisseur(user, household)
    if regisseur is not None:
        categories = frozenset() if operation == Operation.VIEW_ACCESS_LOG else all_category_codes()
        return Decision(True, Basis.TEAM_TASK, categories, Role.REGISSEUR, regisseur.organisation_id)
    team_member = _team_membership(user, household, TEAM_CONTENT_ROLES)
    if team_member is not None and operation in content_operations:
        return Decision(True, Basis.TEAM_TASK, all_category_codes(), team_member.role, team_member.organisation_id)

    if operation == Operation.VIEW_WORKFLOW:
        workflow = _team_membership(user, household, WORKFLOW_ROLES)
        if workflow is None:
            return DENIED
        return Decision(True, Basis.CASELOAD, frozenset(), workflow.role, workflow.organisation_id)

    if operation == Operation.VIEW_ACCESS_LOG:
        regisseur = _team_membership(user, household, frozenset({Role.REGISSEUR}))
        if regisseur is not None:
            return Decision(True, Basis.TEAM_TASK, frozenset(), regisseur.role, regisseur.organisation_id)
        officer = privacy_officer_membership(user)
        if officer is not None:
            return Decision(True, Basis.PRIVACY_OFFICER, frozenset(), officer.role, officer.organisation_id)
        return Decision(False, Basis.NONE)

    if operation != Operation.VIEW:
        return Decision(False, Basis.NONE)

    partners = _partner_memberships(user)
    if partners:
        categories, resident_ids = consent_scope([m.organisation_id for m in partners], household)
        if categories:
            first = partners[0]
            return Decision(
                True, Basis.CONSENT, categories | {BASIS}, first.role, first.organisation_id, resident_ids=resident_ids
            )

    emergency = active_break_glass(user, household)
    if emergency is not None:
        membership = break_glass_membership(user)
        return Decision(
            True,
            Basis.BREAK_GLASS,
            all_category_codes(),
            membership.role if membership else "",
            emergency.organisation_id,
            break_glass=emergency,
        )
    return Decision(
        False,
        Basis.NONE,
        may_break_glass=may_take_break_glass(user),
        offers_workflow=_team_membership(user, household, WORKFLOW_ROLES) is not None,
    )


def household_list_kind(user: User) -> str:
    """What "Mijn huishoudens" can hold for this user, so an empty list says the truth: `team` (their team's
    caseload), `partner` (households whose residents gave their organisation consent), `volunteer` (no households:
    only the actions assigned to them) or `none` (a role without households)."""
    memberships = _memberships(user)
    if _list_team_ids(memberships) or _regisseur_memberships(memberships):
        return "team"
    if _partner_org_ids(memberships):
        return "partner"
    if any(m.role == Role.VOLUNTEER for m in memberships):
        return "volunteer"
    return "none"


def workflow_only_team_ids(user: User) -> list[int]:
    """The teams whose households this user opens as workflow only: led by them, without being a member who sees
    content (the caseload list links those households to their workflow page)."""
    memberships = _memberships(user)
    content = {m.team_id for m in memberships if m.role in TEAM_CONTENT_ROLES}
    return sorted(
        {m.team_id for m in memberships if m.role == Role.TEAM_LEADER and m.team_id and m.team_id not in content}
    )


# A privacy officer of these organisations oversees the whole access log: the wijkteam and the municipality are
# responsible for the processing (DESIGN.md §3). An officer of any other organisation oversees their own.
OVERSEEING_ORGANISATION_TYPES = frozenset({OrganisationType.WIJKTEAM, OrganisationType.WERK_EN_INKOMEN})


@dataclass(frozen=True)
class PrivacyScope:
    """What one privacy officer oversees: every entry and emergency access (`everything`), or only those of users
    acting for the officer's own organisations (the organisation recorded in the entry or the emergency access)."""

    everything: bool
    organisation_ids: frozenset[int]

    def entries(self, entries: QuerySet[AccessLogEntry]) -> QuerySet[AccessLogEntry]:
        if self.everything:
            return entries
        return entries.filter(organisation_id_at_time__in=sorted(self.organisation_ids))

    def emergency_accesses(self, accesses: QuerySet[BreakGlassAccess]) -> QuerySet[BreakGlassAccess]:
        if self.everything:
            return accesses
        return accesses.filter(organisation_id__in=sorted(self.organisation_ids))


def oversees_whole_access_log(organisation_type: str) -> bool:
    """Does the privacy officer of an organisation of this type oversee the whole access log (every entry, whoever
    looked), rather than only the entries of their own organisation? The wijkteam's and the municipality's."""
    return organisation_type in OVERSEEING_ORGANISATION_TYPES


def privacy_officer_membership(user: User) -> Membership | None:
    """The privacy-officer membership a look is logged under: the one whose oversight reaches furthest."""
    officers = [m for m in _memberships(user) if m.role == Role.PRIVACY_OFFICER]
    officers.sort(key=lambda m: not oversees_whole_access_log(m.organisation.type))
    return officers[0] if officers else None


def privacy_scope(user: User) -> PrivacyScope | None:
    """The scope of this user as privacy officer, or None when they are none."""
    officers = [m for m in user.active_memberships() if m.role == Role.PRIVACY_OFFICER]
    if not officers:
        return None
    return PrivacyScope(
        everything=any(oversees_whole_access_log(m.organisation.type) for m in officers),
        organisation_ids=frozenset(m.organisation_id for m in officers),
    )


def organisation_privacy_scope(organisation_id: int, organisation_type: str) -> PrivacyScope:
    """What the privacy officer's system of this organisation (an API client) oversees: what a privacy officer of
    that organisation oversees on the log pages (`privacy_scope`): everything for the wijkteam and the
    municipality, else the entries written under the organisation itself."""
    return PrivacyScope(
        everything=oversees_whole_access_log(organisation_type), organisation_ids=frozenset({organisation_id})
    )


def _active_break_glass_households(user: User) -> QuerySet[BreakGlassAccess]:
    now = timezone.now()
    return BreakGlassAccess.objects.filter(user=user, started_at__lte=now, expires_at__gt=now)


def _household_ids(
    user: User, team_ids: list[int], partner_org_ids: list[int] | None = None, *, whole_household_only: bool = False
) -> QuerySet[Household, dict[str, int]]:
    """The ids of the households of these teams, of the user as regisseur (only while they have a wijkteam
    membership that lets them be one, as `acting_regisseur`), under their emergency access and (given partner
    organisations) with a valid consent for one of them, as one UNION. `whole_household_only`: only consents for
    the whole household, not those a resident gave for themself.

    A UNION rather than OR'ed conditions: each part uses its own index, so a list costs what the user's households
    cost and not a scan of every household in the municipality (bench/RESULTS.md).
    """
    parts: list[QuerySet[Any, Any]] = []
    if _regisseur_memberships(_memberships(user)):
        parts.append(Household.objects.filter(regisseur=user).values("pk"))
    if team_ids:
        parts.append(Household.objects.filter(owning_team_id__in=team_ids).values("pk"))
    if partner_org_ids:
        consents = Consent.objects.valid_on().filter(organisation_id__in=partner_org_ids)
        if whole_household_only:
            consents = consents.filter(resident__isnull=True)
        parts.append(consents.values("household_id"))
    parts.append(_active_break_glass_households(user).values("household_id"))
    first, *rest = (part.order_by() for part in parts)
    return first.union(*rest)  # type: ignore[return-value]


LIST_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER}


def _list_team_ids(memberships: list[Membership]) -> list[int]:
    return sorted({m.team_id for m in memberships if m.team_id and m.role in LIST_ROLES})


def _partner_org_ids(memberships: list[Membership]) -> list[int]:
    return sorted({m.organisation_id for m in memberships if m.role == Role.PARTNER_PROFESSIONAL})


def visible_households(user: User) -> QuerySet[Household]:
    """The households this user may find in lists: their teams' (also a team leader's caseload), those with a
    valid consent for their organisation, and those under their active emergency access."""
    memberships = _memberships(user)
    if not memberships:
        return Household.objects.none()
    return Household.objects.filter(
        pk__in=_household_ids(user, _list_team_ids(memberships), _partner_org_ids(memberships))
    )


def _households_seen_whole(user: User, memberships: list[Membership]) -> QuerySet[Household, dict[str, int]]:
    """Of the listed households, those this user sees whole: not only through consents residents gave for
    themselves."""
    return _household_ids(user, _list_team_ids(memberships), _partner_org_ids(memberships), whole_household_only=True)


def name_search(user: User, query: str) -> Q:
    """The condition on households for a search of this user by name (DESIGN.md §5, invariant 10): by a resident's
    name only for the residents they may see (`visible_rows`), and by the household's own name — which is a
    resident's family name — only where they see the whole household. A partner whose consent covers one resident
    finds the household by that resident's name, never by another's."""
    names = Q(first_name__icontains=query) | Q(last_name__icontains=query)
    by_own_name = Q(display_name__icontains=query)
    with_prefix = search_forms(query)  # "Baalen, van" or "van Baalen": the tussenvoegsel in either order
    if with_prefix is not None:
        shown, prefix, main = with_prefix
        names |= Q(name_prefix__iexact=prefix, last_name__icontains=main)
        by_own_name |= Q(display_name__icontains=shown)
    by_resident = Q(pk__in=visible_rows(user, Resident.objects.filter(names)).values("household_id"))
    memberships = _memberships(user)
    if _partner_org_ids(memberships):
        by_own_name &= Q(pk__in=_households_seen_whole(user, memberships))
    return by_own_name | by_resident


def _family_name() -> Concat:
    prefix = Case(When(name_prefix="", then=Value("")), default=Concat("name_prefix", Value(" ")))
    return Concat(prefix, "last_name", output_field=CharField())


def with_list_scope(user: User, households: QuerySet[Household]) -> QuerySet[Household]:
    """Annotate listed households with what this user may learn of their residents, sorted by the name they see:
    `list_name`, the name to show and sort by, and `resident_count`. A household seen whole shows its own name and
    all its residents; one seen only under consents residents gave for themselves shows the family name of the
    first covered resident and counts only the covered residents — nothing about the others, not even how many
    there are (invariant 10).

    Both are subqueries computed for a page's rows; users without a partner membership see every listed household
    whole and get the plain name and count."""
    every = Resident.objects.filter(household=OuterRef("pk")).order_by().values("household")
    count_all = Coalesce(Subquery(every.annotate(n=Count("pk")).values("n")), 0)
    memberships = _memberships(user)
    partner_org_ids = _partner_org_ids(memberships)
    if not partner_org_ids:
        return households.annotate(list_name=F("display_name"), resident_count=count_all).order_by(
            "sort_name", "list_name", "id"
        )
    covering = Consent.objects.valid_on().filter(organisation_id__in=partner_org_ids, resident=OuterRef("pk"))
    covered = Resident.objects.filter(Exists(covering), household=OuterRef("pk"))
    count_covered = Coalesce(Subquery(covered.order_by().values("household").annotate(n=Count("pk")).values("n")), 0)
    first_covered = Subquery(covered.order_by("id").annotate(name=_family_name()).values("name")[:1])
    # A Dutch list sorts on the main part of the family name; a resident's last name is that part already.
    first_covered_sort = Subquery(covered.order_by("id").annotate(key=Lower("last_name")).values("key")[:1])
    whole = Q(pk__in=_households_seen_whole(user, memberships))
    return households.annotate(
        list_name=Case(When(whole, then=F("display_name")), default=first_covered, output_field=CharField()),
        resident_count=Case(When(whole, then=count_all), default=count_covered, output_field=IntegerField()),
        list_sort=Case(When(whole, then=F("sort_name")), default=first_covered_sort, output_field=CharField()),
    ).order_by("list_sort", "list_name", "id")


def visible_rows(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Household-scoped rows of a registered model that this user may see, category by category."""
    scoped = registration(queryset.model)
    path = scoped.household_field
    memberships = _memberships(user)
    team_ids = sorted({m.team_id for m in memberships if m.team_id and m.role in TEAM_CONTENT_ROLES})
    condition = Q(**{f"{path}__in": _household_ids(user, team_ids)})
    if any(m.role == Role.PARTNER_PROFESSIONAL for m in memberships):
        condition |= Q(Exists(_consents_for_rows(scoped, memberships)))
    if scoped.assignee_field is not None and memberships and not _assignee_needs_consent(memberships):
        condition |= Q(**{scoped.assignee_field: user})
    return queryset.filter(condition)


def assigned_rows(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """Rows of a registered model assigned to this user ("Mijn acties"): the assignee rule of visible_rows alone.

    Every row assigned to the user is visible to them, so for such a list the other rules add nothing; leaving them
    out spares the database a join per row to find the household (bench/RESULTS.md).
    """
    scoped = registration(queryset.model)
    memberships = _memberships(user)
    if scoped.assignee_field is None or not memberships:
        return queryset.none()
    assigned = queryset.filter(**{scoped.assignee_field: user})
    if not _assignee_needs_consent(memberships):
        return assigned
    return assigned.filter(Exists(_consents_for_rows(scoped, memberships)))


def contact_residents(user: User, household_ids: Collection[int]) -> QuerySet[Resident]:
    """The residents of these households whose contact details this user may get for actions assigned to them
    ("Mijn acties"): a partner professional only the residents their organisation's consent covers; a volunteer or
    team member, working on the team's behalf, every resident (the minimum contact details, DESIGN.md §2)."""
    residents = Resident.objects.filter(household_id__in=sorted(household_ids))
    if _assignee_needs_consent(_memberships(user)):
        return visible_rows(user, residents)
    return residents


def _consents_for_rows(scoped: HouseholdScoped, memberships: list[Membership]) -> QuerySet[Consent]:
    """Valid consents of the user's partner organisations that cover a row's household and category."""
    partner_org_ids = sorted({m.organisation_id for m in memberships if m.role == Role.PARTNER_PROFESSIONAL})
    path = scoped.household_field
    consents = Consent.objects.valid_on().filter(household=OuterRef(path), organisation_id__in=partner_org_ids)
    if scoped.category_field is not None:
        consents = consents.filter(categories=OuterRef(scoped.category_field))
    elif scoped.fixed_category != BASIS:
        consents = consents.filter(categories__code=scoped.fixed_category)
    if scoped.resident_field is not None:
        consents = consents.filter(Q(resident__isnull=True) | Q(resident=OuterRef(scoped.resident_field)))
    return consents


def teams_that_may_register(user: User) -> QuerySet[Team]:
    """Wijkteam teams in which this user may register a new household (as a member or regisseur)."""
    team_ids = sorted({m.team_id for m in _memberships(user) if m.team_id and m.role in TEAM_CONTENT_ROLES})
    return Team.objects.filter(id__in=team_ids, organisation__type=OrganisationType.WIJKTEAM).select_related(
        "organisation"
    )


TRIAGE_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER}


def triage_membership(user: User, neighbourhood_id: int | None) -> Membership | None:
    """The membership through which this user may triage requests for help of a wijk: a wijkteam member,
    regisseur or team leader of a team serving that wijk. Requests without a known wijk go to every wijkteam."""
    candidates = [m for m in _memberships(user) if m.role in TRIAGE_ROLES and m.team_id]
    if not candidates:
        return None
    if neighbourhood_id is None:
        return next((m for m in candidates if m.organisation.type == OrganisationType.WIJKTEAM), None)
    serving = set(
        Team.neighbourhoods.through.objects.filter(
            team_id__in=[m.team_id for m in candidates], neighbourhood_id=neighbourhood_id
        ).values_list("team_id", flat=True)
    )
    return next((m for m in candidates if m.team_id in serving), None)


def triage_neighbourhood_ids(user: User) -> list[int]:
    team_ids = [m.team_id for m in _memberships(user) if m.role in TRIAGE_ROLES and m.team_id]
    return sorted(
        set(Team.neighbourhoods.through.objects.filter(team_id__in=team_ids).values_list("neighbourhood_id", flat=True))
    )


def may_triage(user: User) -> bool:
    """May this user open the triage queue at all (a wijkteam member, regisseur or team leader of a team)?"""
    return any(m.role in TRIAGE_ROLES and m.team_id for m in _memberships(user))


def is_professional(user: User) -> bool:
    """Does this user work with EenPlan as a professional: any active membership other than a volunteer's?
    Volunteers see only the actions assigned to them (DESIGN.md §2), not households or the sociale kaart."""
    return any(m.role != Role.VOLUNTEER for m in _memberships(user))


def may_signal(user: User) -> Membership | None:
    """Professionals (not volunteers, policy officers or administrators) may signal a worry about a resident."""
    allowed = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER, Role.PARTNER_PROFESSIONAL}
    return next((m for m in _memberships(user) if m.role in allowed), None)


# == The resident's own door (Mijn EenPlan, docs/portal.md) ==========================================================
# A resident is not a professional: they have no membership and sign in to the portal (DigiD or an activation
# letter), never to the professionals' pages. What they may see is answered here, like every other access question.

RESIDENT_ROLE = "inwoner"  # the role the access log records for a resident acting for themself
# A child is in a parent's or carer's care for the portal below this age (WGBO: from 16 a child decides alone).
CARE_AGE_LIMIT = 16


def residents_in_care(resident: Resident) -> frozenset[int]:
    """The residents whose person-bound data this resident may see: themself, and the children under 16 of their
    household they are recorded as parent or carer of. Nothing of any other member (partner, adult child)."""
    children = Resident.objects.filter(
        household_id=resident.household_id,
        relationships_to__from_resident=resident,
        relationships_to__kind__in=(RelationshipKind.PARENT, RelationshipKind.CARER),
    ).values_list("pk", "date_of_birth")
    today = timezone.localdate()
    young = {
        pk
        for pk, born in children
        if (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < CARE_AGE_LIMIT
    }
    return frozenset({resident.pk, *young})


def residents_sharing_with(resident: Resident) -> frozenset[int]:
    """The other adult members of the resident's household who gave this resident access to their information in
    the portal (`MemberAccessGrant`, not withdrawn)."""
    return frozenset(
        MemberAccessGrant.objects.filter(
            to_resident=resident, household_id=resident.household_id, withdrawn_at__isnull=True
        ).values_list("from_resident_id", flat=True)
    )


def may_give_member_access(giver: Resident, receiver: Resident) -> bool:
    """May this resident give that member access to their information in the portal? Two different adults (16 or
    older) of the same household."""
    return (
        giver.pk != receiver.pk
        and giver.household_id == receiver.household_id
        and giver.age >= CARE_AGE_LIMIT
        and receiver.age >= CARE_AGE_LIMIT
    )


def resident_decision(resident: Resident) -> Decision:
    """What a resident signed in to the portal may see of their own household: the household's plan (goals and
    actions are agreed with the whole household) in every category, and of the person-bound rows only their own and
    those of the children under 16 in their care (`residents_in_care`), and those of adult members who gave them
    access (`residents_sharing_with`: to see, not to act for them). Never another household: the decision is
    bound to the resident's own household, and `Decision.scoped` keeps its rows only. A resident changes only what
    the portal offers them (their own actions, agreeing, consents); `may_change` stays False."""
    return Decision(
        True,
        Basis.RESIDENT,
        all_category_codes(),
        RESIDENT_ROLE,
        None,
        resident_ids=residents_in_care(resident) | residents_sharing_with(resident),
        household_id=resident.household_id,
    )


REPRESENTATIVE_ROLE = "vertegenwoordiger"  # the role the access log records for a representative in the portal


def representative_decision(resident: Resident) -> Decision:
    """What a representative (a bewindvoerder, mentor or curator logged in with eHerkenning under a machtiging for
    this resident, docs/portal.md) sees in the portal: the household's plan and the represented resident's own
    person-bound rows, not those of the children in their care nor of members who gave *the resident* access (the
    machtiging is for this one person). What they may do is limited by the portal's door (`resident_view`)."""
    return Decision(
        True,
        Basis.REPRESENTATIVE,
        all_category_codes(),
        REPRESENTATIVE_ROLE,
        None,
        resident_ids=frozenset({resident.pk}),
        household_id=resident.household_id,
    )


def may_manage_own_consent(resident: Resident, consent: Consent) -> bool:
    """May this resident withdraw (or accept) this consent in the portal? Their own consent, or one for the whole
    household of which they are an adult member (16 or older)."""
    if consent.household_id != resident.household_id:
        return False
    if consent.resident_id is not None:
        return consent.resident_id in residents_in_care(resident)
    return resident.age >= CARE_AGE_LIMIT


# The wijkbudget (eenplan.budget): who sees a team's budget overview, and who may decide on a household's money.
BUDGET_TEAM_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER}
# Roles that never decide on a household's money: they see no household content (DESIGN.md §2).
NEVER_SPENDING_ROLES = frozenset({Role.VOLUNTEER, Role.POLICY_OFFICER, Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN})


def budget_team_ids(user: User) -> list[int]:
    """The teams whose wijkbudget overview this user sees (amounts only, never names): as regisseur, member or team
    leader of the team. The budget holder sees their own budgets besides (the budget's `owner`)."""
    return sorted({m.team_id for m in _memberships(user) if m.team_id and m.role in BUDGET_TEAM_ROLES})


def spending_memberships(user: User) -> list[Membership]:
    """The memberships through which this user may commit or approve wijkbudget money, as far as the mandate levels
    (data of eenplan.budget) give their role one. Volunteers, policy and privacy officers and functional
    administrators never do."""
    return [m for m in _memberships(user) if m.role not in NEVER_SPENDING_ROLES]


# == API clients (DESIGN.md §3, *API-client*; docs/api.md) ==========================================================
# An API client is an organisation's system acting for that organisation through the same door: it gets what a
# professional of that organisation would get. The wijkteam organisation that owns a household works on its own legal
# task (all categories, read and write); any other organisation only under the resident's valid consent for it, in the
# consented categories and residents, read only. No emergency access, no caseload of its own.

API_CLIENT_ROLE = "api_client"  # the role the access log records for a call of an organisation's system


def decide_for_organisation(organisation_id: int, household: Household, operation: Operation) -> Decision:
    """May a system acting for this organisation perform this operation on this household, and which categories
    may it see? Withdrawal or expiry of a consent takes effect on the next call.

    VIEW_ACCESS_LOG (the access-log entries about the household, whoever looked): only the system of an organisation
    whose privacy officer oversees the whole log (`oversees_whole_access_log`), for any household, without content,
    as that privacy officer on the household's log page."""
    if operation == Operation.VIEW_ACCESS_LOG:
        organisation_type = Organisation.objects.filter(pk=organisation_id).values_list("type", flat=True).first()
        if organisation_type is None or not oversees_whole_access_log(organisation_type):
            return DENIED
        return Decision(
            True, Basis.PRIVACY_OFFICER, frozenset(), API_CLIENT_ROLE, organisation_id, household_id=household.pk
        )
    if household.owning_team.organisation_id == organisation_id:
        if operation not in (Operation.VIEW, Operation.CHANGE):
            return DENIED
        return Decision(
            True, Basis.TEAM_TASK, all_category_codes(), API_CLIENT_ROLE, organisation_id, household_id=household.pk
        )
    if operation != Operation.VIEW:
        return DENIED
    categories, resident_ids = consent_scope([organisation_id], household)
    if not categories:
        return DENIED
    return Decision(
        True,
        Basis.CONSENT,
        categories | {BASIS},
        API_CLIENT_ROLE,
        organisation_id,
        resident_ids=resident_ids,
        household_id=household.pk,
    )


def organisation_households(organisation_id: int) -> QuerySet[Household]:
    """The households a system acting for this organisation may find: those of its own teams (legal task) and those
    with a valid consent for it (one UNION, each part on its own index)."""
    own = Household.objects.filter(owning_team__organisation_id=organisation_id).values("pk").order_by()
    consented = Consent.objects.valid_on().filter(organisation_id=organisation_id).values("household_id").order_by()
    return Household.objects.filter(pk__in=own.union(consented))


def organisation_rows(organisation_id: int, queryset: QuerySet[M]) -> QuerySet[M]:
    """Household-scoped rows of a registered model that a system acting for this organisation may see: every row of
    its own teams' households, and elsewhere the rows a valid consent for it covers (category and resident)."""
    scoped = registration(queryset.model)
    path = scoped.household_field
    own = Q(**{f"{path}__owning_team__organisation_id": organisation_id})
    consents = Consent.objects.valid_on().filter(household=OuterRef(path), organisation_id=organisation_id)
    if scoped.category_field is not None:
        consents = consents.filter(categories=OuterRef(scoped.category_field))
    elif scoped.fixed_category != BASIS:
        consents = consents.filter(categories__code=scoped.fixed_category)
    if scoped.resident_field is not None:
        consents = consents.filter(Q(resident__isnull=True) | Q(resident=OuterRef(scoped.resident_field)))
    return queryset.filter(own | Q(Exists(consents)))


def organisation_is_sender(organisation_id: int, household: Household) -> bool:
    """Is a system of this organisation on the sending side of what the household's team addresses to an
    organisation (a referral)? Only the owning wijkteam organisation, on its legal task."""
    return decide_for_organisation(organisation_id, household, Operation.CHANGE).allowed


def organisation_is_receiver(organisation_id: int, household: Household, to_organisation_id: int) -> bool:
    """Is a system of this organisation on the receiving side of something addressed to `to_organisation_id` about
    this household? Only the addressed organisation, while the resident's consent (or its own task) lets it see."""
    if organisation_id != to_organisation_id:
        return False
    return decide_for_organisation(organisation_id, household, Operation.VIEW).allowed


# Working together (eenplan.collaboration): the barriers log, mandates and the team leader's view.
BARRIER_OVERSIGHT_ROLES = frozenset({Role.TEAM_LEADER, Role.POLICY_OFFICER})


def may_oversee_barriers(user: User) -> bool:
    """Team leaders and policy officers see the barriers log counted and give barriers a status and a response."""
    return any(m.role in BARRIER_OVERSIGHT_ROLES for m in _memberships(user))


def sees_small_counts(user: User) -> bool:
    """May this user see a count below the small-cell threshold? Only roles with content access (regisseur,
    wijkteam member); team leaders and policy officers see "< 5" (DESIGN.md §5, invariant 6)."""
    return any(m.role in TEAM_CONTENT_ROLES for m in _memberships(user))


def holds_mandate(user: User, organisation_id: int, role: str) -> bool:
    """Does this user hold, today, the role in the organisation that a mandate level is given to?"""
    return any(m.organisation_id == organisation_id and m.role == role for m in _memberships(user))


def team_leader_team_ids(user: User) -> list[int]:
    """The teams this user leads (the team leader's view of working together)."""
    return sorted({m.team_id for m in _memberships(user) if m.role == Role.TEAM_LEADER and m.team_id})


# == Reports (eenplan.reports, docs/reports.md) ======================================================================
# Aggregates only. The team dashboard shows a team's workflow in counts (caseload, overdue, waiting times): the team's
# leader and its members, who may list that caseload household by household anyway, see its counts whole. The
# outcomes add up households of every team and wijk: everyone who may see them sees small cells suppressed.
REPORT_TEAM_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER}
OUTCOME_ROLES = TEAM_CONTENT_ROLES | {Role.TEAM_LEADER, Role.POLICY_OFFICER}


@dataclass(frozen=True)
class ReportScope:
    """What aggregates one user may see: the teams whose dashboard they open (and whether its small counts must be
    suppressed for them), and whether they see the outcomes of all neighbourhoods (always suppressed)."""

    team_ids: tuple[int, ...]
    suppress_team_counts: bool
    outcomes: bool
    suppress_outcomes: bool = True

    @property
    def any(self) -> bool:
        return bool(self.team_ids) or self.outcomes


def report_scope(user: User) -> ReportScope:
    memberships = _memberships(user)
    team_ids = tuple(sorted({m.team_id for m in memberships if m.team_id and m.role in REPORT_TEAM_ROLES}))
    return ReportScope(
        team_ids=team_ids,
        suppress_team_counts=False,
        outcomes=any(m.role in OUTCOME_ROLES for m in memberships),
    )


def start_page(user: User) -> str | None:
    """Where a user whose roles see no caseload lands instead of the (then empty) start page, as a URL name: the
    policy officer on the outcomes, a team leader without a caseload of their own on the team dashboard, the privacy
    officer on the access log, the functional administrator on management. None: the start page itself."""
    roles = {m.role for m in _memberships(user)}
    if not roles or roles & (TEAM_CONTENT_ROLES | {Role.PARTNER_PROFESSIONAL, Role.VOLUNTEER}):
        return None
    if Role.TEAM_LEADER in roles:
        return "reports:team"
    if Role.POLICY_OFFICER in roles:
        return "reports:outcomes"
    if Role.PRIVACY_OFFICER in roles:
        return "access:log_search"
    if Role.FUNCTIONAL_ADMIN in roles:
        return "admin:index"
    return None
