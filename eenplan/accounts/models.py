# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Users, organisations (*organisaties*), teams, memberships with roles, and neighbourhoods (*wijken*)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.membership_cache import cached_memberships, new_memberships_version, renew_memberships_version


class OrganisationType(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Neighbourhood team (wijkteam)")
    WERK_EN_INKOMEN = "werk_inkomen", _("Municipality: Work & Income")
    SCHULDHULP = "schuldhulp", _("Debt help")
    JEUGDHULP = "jeugdhulp", _("Youth care")
    GGZ = "ggz", _("Mental health care (GGZ)")
    WONINGCORPORATIE = "woningcorporatie", _("Housing corporation")
    POLITIE = "politie", _("Police")
    HUISARTSENPRAKTIJK = "huisarts", _("GP practice")
    VRIJWILLIGERS = "vrijwilligers", _("Volunteer organisation")
    OVERIG = "overig", _("Other")


class Role(models.TextChoices):
    """The roles of DESIGN.md §2. A resident is not a membership role: residents use the portal."""

    REGISSEUR = "regisseur", _("Coordinator (regisseur)")
    WIJKTEAM_MEMBER = "wijkteam_member", _("Neighbourhood team member")
    PARTNER_PROFESSIONAL = "partner", _("Partner professional")
    VOLUNTEER = "volunteer", _("Volunteer / expert by experience")
    TEAM_LEADER = "team_leader", _("Team leader")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")


class Neighbourhood(models.Model):
    """*Wijk*: an area served by teams, defined by ranges of four-digit postcodes."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.name


class PostcodeRange(models.Model):
    """An inclusive range of four-digit postcode numbers (e.g. 3511–3514) that belongs to one wijk."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="postcode_ranges",
        verbose_name=_("neighbourhood"),
    )
    start = models.PositiveSmallIntegerField(
        _("from postcode number"), validators=[MinValueValidator(1000), MaxValueValidator(9999)]
    )
    end = models.PositiveSmallIntegerField(
        _("to postcode number"), validators=[MinValueValidator(1000), MaxValueValidator(9999)]
    )

    class Meta:
        ordering = ["start"]
        verbose_name = _("postcode range")
        verbose_name_plural = _("postcode ranges")
        indexes = [models.Index(fields=["start", "end"], name="postcoderange_start_end")]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="postcoderange_start_le_end"),
            models.CheckConstraint(
                condition=Q(start__gte=1000, start__lte=9999, end__gte=1000, end__lte=9999),
                name="postcoderange_four_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.start is None or self.end is None:
            return
        if self.start > self.end:
            raise ValidationError(_("The first postcode number must not be higher than the last."))
        overlapping = PostcodeRange.objects.filter(start__lte=self.end, end__gte=self.start).exclude(pk=self.pk)
        if overlapping.exists():
            other = overlapping.select_related("neighbourhood").first()
            assert other is not None
            raise ValidationError(
                _("This range overlaps %(range)s of %(neighbourhood)s.")
                % {"range": str(other), "neighbourhood": other.neighbourhood.name}
            )


class Organisation(models.Model):
    """*Organisatie*: the wijkteam organisation or a partner such as debt help or a housing corporation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices, db_index=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team inside an organisation, e.g. *Wijkteam Noord*, serving one or more neighbourhoods."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="teams", verbose_name=_("neighbourhoods")
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address; a professional's roles come from memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # A new random token on every change of the user's memberships: the key of their cached memberships.
    memberships_version = models.BigIntegerField(default=new_memberships_version, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The token belongs to the membership cache alone: a user object read before a membership changed must not
        # write its old token back (that would bring back the memberships cached under it).
        if not self._state.adding and kwargs.get("update_fields") is None:
            left_out = {"memberships_version", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in left_out
            ]
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, role: str) -> bool:
        return any(m.role == role for m in self.active_memberships())

    def active_memberships(self) -> list[Membership]:
        """Memberships valid today, kept on the instance for the request and in the membership cache between
        requests (accounts/membership_cache.py), so a request mostly asks the database nothing for them."""
        cached: list[Membership] | None = getattr(self, "_active_memberships", None)
        if cached is None:
            cached = cached_memberships(self, self._read_active_memberships)
            self._active_memberships = cached
        return cached

    def _read_active_memberships(self) -> list[Membership]:
        today = timezone.localdate()
        return list(
            self.memberships.filter(Q(until__isnull=True) | Q(until__gte=today), since__lte=today)
            .select_related("organisation", "team")
            .order_by("organisation__name", "team__name", "role")
        )


class MembershipQuerySet(models.QuerySet["Membership"]):
    """Changes in bulk renew the users' membership tokens too, as a membership's save and delete do (through their
    signals, accounts/membership_cache.py): the next request reads the memberships afresh."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db):
            user_ids = set(self.values_list("user_id", flat=True))
            changed = super().update(**kwargs)
            moved_to = kwargs.get("user_id", getattr(kwargs.get("user"), "pk", None))
            renew_memberships_version(pk__in=user_ids | ({moved_to} if moved_to is not None else set()))
        return changed

    def bulk_create(
        self,
        objs: Iterable[Any],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[Any]:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(
                objs,
                batch_size=batch_size,
                ignore_conflicts=ignore_conflicts,
                update_conflicts=update_conflicts,
                update_fields=update_fields,
                unique_fields=unique_fields,
            )
            renew_memberships_version(pk__in={membership.user_id for membership in created})
        return created

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], batch_size: int | None = None) -> int:
        # Django's bulk_update goes through update() above, which renews the rows' owners before; this renews the
        # owners the objects name (a membership moved to another user).
        objs = list(objs)
        with transaction.atomic(using=self.db):
            changed = super().bulk_update(objs, fields, batch_size=batch_size)
            renew_memberships_version(pk__in={membership.user_id for membership in objs})
        return changed


class Membership(models.Model):
    """A user's place in an organisation (and optionally a team) with one role of DESIGN.md §2."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["team", "role"], name="membership_team_role")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "team", "role"], name="membership_unique_role_in_team"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        where = self.team.name if self.team else self.organisation.name
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.team is not None and self.organisation_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("The team must belong to the chosen organisation.")})


def neighbourhood_for_postcode(postcode: str) -> Neighbourhood | None:
    """The wijk whose postcode range holds this postcode ("3512 AB" → the wijk of 3511–3514), if any."""
    digits = postcode[:4]
    if not digits.isdigit():
        return None
    number = int(digits)
    match = PostcodeRange.objects.filter(start__lte=number, end__gte=number).select_related("neighbourhood").first()
    return match.neighbourhood if match else None


def may_maintain_directory(user: User, organisation_id: int | None) -> bool:
    """Who keeps an organisation's entries on the sociale kaart up to date: the municipality's functional
    administrator for every organisation, or the organisation's own coordinator (its team leader or functional
    administrator) for its own entries."""
    if not user.is_authenticated:
        return False
    return (
        organisations_maintained_by(user).filter(pk=organisation_id).exists()
        if organisation_id
        else bool(organisations_maintained_by(user).exists())
    )


def _is_municipal(membership: Membership) -> bool:
    return membership.organisation.type == OrganisationType.WERK_EN_INKOMEN


def organisations_maintained_by(user: User) -> models.QuerySet[Organisation]:
    if user.is_superuser or any(
        m.role == Role.FUNCTIONAL_ADMIN and _is_municipal(m) for m in user.active_memberships()
    ):
        return Organisation.objects.order_by("name")
    ids = [m.organisation_id for m in user.active_memberships() if m.role in (Role.TEAM_LEADER, Role.FUNCTIONAL_ADMIN)]
    return Organisation.objects.filter(id__in=ids).order_by("name")


class AccountEventKind(models.TextChoices):
    INVITED = "invited", _("Invited")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    MEMBERSHIP_GIVEN = "membership_given", _("Membership given")
    MEMBERSHIP_ENDED = "membership_ended", _("Membership ended")
    MFA_RESET = "mfa_reset", _("Second factor reset")
    DEACTIVATED = "deactivated", _("Account switched off")
    REACTIVATED = "reactivated", _("Account switched on again")
    PASSWORD_RESET = "password_reset", _("Password set through a reset link")
    PASSKEY_ADDED = "passkey_added", _("Passkey added")
    PASSKEY_REMOVED = "passkey_removed", _("Passkey removed")
    PASSKEY_USED = "passkey_used", _("Logged in with a passkey")


class AccountEvent(models.Model):
    """What happened to an account and who did it (*accountbeheer*): invitations, memberships given and ended,
    a second factor reset (with its reason), an account switched off. Append-only by use; no household data."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_events", verbose_name=_("account"))
    kind = models.CharField(_("what"), max_length=30, choices=AccountEventKind.choices)
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    reason = models.TextField(_("reason"), blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        indexes = [models.Index(fields=["user", "-at"], name="accountevent_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user}"


# Roles an organisation's own coordinator (team leader or functional administrator of that organisation) may give.
# Giving someone the functional administrator's or the privacy officer's role, which reach beyond one organisation's
# own work, is for the municipality's functional administrator.
COORDINATOR_GRANTABLE_ROLES = frozenset(
    {Role.REGISSEUR, Role.WIJKTEAM_MEMBER, Role.PARTNER_PROFESSIONAL, Role.VOLUNTEER, Role.TEAM_LEADER}
)
WIJKTEAM_ROLES = frozenset({Role.REGISSEUR, Role.WIJKTEAM_MEMBER})


def is_account_administrator(user: User) -> bool:
    """The municipality's functional administrator (or a superuser): manages the accounts of every organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        m.role == Role.FUNCTIONAL_ADMIN and _is_municipal(m) for m in user.active_memberships()
    )


def organisations_managed_by(user: User) -> models.QuerySet[Organisation]:
    """The organisations whose accounts this user manages: every one for the municipality's functional
    administrator, their own for an organisation's coordinator (team leader or functional administrator), none
    for anybody else. The same notion of "coordinator" as the sociale kaart's (`organisations_maintained_by`)."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return organisations_maintained_by(user)


def grantable_roles(user: User, organisation: Organisation) -> list[str]:
    """The roles this user may give in this organisation; wijkteam roles only in a wijkteam organisation."""
    if not organisations_managed_by(user).filter(pk=organisation.pk).exists():
        return []
    roles = set(Role.values) if is_account_administrator(user) else set(COORDINATOR_GRANTABLE_ROLES)
    if organisation.type != OrganisationType.WIJKTEAM:
        roles -= WIJKTEAM_ROLES
    return [value for value in Role.values if value in roles]


def manages_accounts(user: User) -> bool:
    """Whether the account pages are open to this user (no query beyond the cached memberships)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        m.role in (Role.TEAM_LEADER, Role.FUNCTIONAL_ADMIN) for m in user.active_memberships()
    )
