# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A professional's active memberships kept between requests (every page needs them: the navigation and every
access decision), so a request does not read them again while nothing changed.

The cache key holds the user's `memberships_version`, a random token on the user's row. Every change that can
change what the memberships say (a membership given, ended or removed, also in bulk: `MembershipQuerySet`; its
team or organisation changed) gives the user a new token in the same transaction. The user's row is read on every
request anyway (the login), so a request always asks for the newest key: a change takes effect on the next request
in every process, with nothing to invalidate. A token is random, not a counter, so a change that is rolled back can
never bring back a key that was filled inside it. The date is in the key too (`since` and `until` are days), and an
entry lives at most `MEMBERSHIP_CACHE_SECONDS` as a bound for changes made around the ORM (SQL by hand).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

if TYPE_CHECKING:
    from collections.abc import Callable

    from eenplan.accounts.models import Membership, User

CACHE_ALIAS = "memberships"


def new_memberships_version() -> int:
    """A fresh token for `User.memberships_version` (62 random bits: positive in a signed 64-bit column)."""
    return secrets.randbits(62)


def cached_memberships(user: User, read: Callable[[], list[Membership]]) -> list[Membership]:
    """The user's active memberships of today: from the cache under the user's current token, else `read()`."""
    if "memberships_version" in user.get_deferred_fields():
        return read()  # reading the token would cost the query the cache saves
    key = f"{user.pk}:{user.memberships_version}:{timezone.localdate().isoformat()}"
    cache = caches[CACHE_ALIAS]
    found: list[Membership] | None = cache.get(key)
    if found is None:
        found = read()
        cache.set(key, found, settings.MEMBERSHIP_CACHE_SECONDS)
    return found


def renew_memberships_version(**users: object) -> int:
    """Give the users matching these filters a new token: their cached memberships are no longer read."""
    from eenplan.accounts.models import User

    token = new_memberships_version()
    User.objects.filter(**users).update(memberships_version=token)
    return token


def _membership_changed(instance: Membership, **_kwargs: object) -> None:
    token = renew_memberships_version(pk=instance.user_id)
    # The user object the change was made with (give_membership(user, ...)) reads the new memberships too.
    user = instance._state.fields_cache.get("user")
    if user is not None:
        user.memberships_version = token
        user.__dict__.pop("_active_memberships", None)


def _membership_about_to_change(instance: Membership, **_kwargs: object) -> None:
    # The row's owner before the save: a membership moved to another user leaves the first one too.
    if not instance._state.adding:
        renew_memberships_version(memberships__pk=instance.pk)


def _team_changed(instance: object, created: bool = False, **_kwargs: object) -> None:
    if not created:
        renew_memberships_version(memberships__team=instance)


def _organisation_changed(instance: object, created: bool = False, **_kwargs: object) -> None:
    if not created:
        renew_memberships_version(memberships__organisation=instance)


def connect() -> None:
    """Renew the token on every change the cached memberships show (called from the app's ready())."""
    from eenplan.accounts.models import Membership, Organisation, Team

    pre_save.connect(_membership_about_to_change, sender=Membership, dispatch_uid="membership_cache_saving")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="membership_cache_saved")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="membership_cache_deleted")
    post_save.connect(_team_changed, sender=Team, dispatch_uid="membership_cache_team")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="membership_cache_organisation")
