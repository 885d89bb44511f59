# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Closing and reopening the help to a household (*hulp afsluiten*, *hulp heropenen*): the rules in one place.

Closing records a `CaseClosure`: the legal basis under which the wijkteam helped and the day the help ended. It is
refused while the household has an active plan (the plan is closed first), for a day in the future or before the
household was registered, and when the help is already closed (also when two people submit at the same moment: the
one-to-one key refuses the second). Reopening (the help starts again) deletes the closure; the history table keeps
who closed and who reopened it, and when. From the day the help ended the retention period of its legal basis counts
(`kept_until`); `due.due_closures` lists the file once that period has passed.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import User
from eenplan.households.models import Household
from eenplan.plans.models import Plan
from eenplan.retention.due import period_years
from eenplan.retention.models import CaseClosure, LegalBasis


class ClosureError(Exception):
    """A closing or reopening the rules do not allow; the message is shown to the user."""


class AlreadyClosed(ClosureError):
    """The help to this household was closed already (perhaps by a colleague a moment ago)."""


def is_closed(household: Household) -> bool:
    return CaseClosure.objects.filter(household=household).exists()


def registered_on(household: Household) -> datetime.date:
    """The day the household was registered, in local time."""
    return timezone.localdate(household.created_at)


def end_date_problem(household: Household, day: datetime.date) -> str | None:
    """Why `day` cannot be the day the help ended, or None when it can."""
    if day > timezone.localdate():
        return _("The help cannot end in the future. Choose today or an earlier date.")
    if day < registered_on(household):
        return _("The help cannot have ended before the household was registered on %(date)s.") % {
            "date": formats.date_format(registered_on(household), "DATE_FORMAT")
        }
    return None


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kept_until(closure: CaseClosure) -> datetime.date | None:
    """The last day the file is kept under its legal basis's period; from the next day `retention_due` lists it.
    None when no period is set for that basis (then nothing is removed)."""
    years = period_years(closure.legal_basis)
    return None if years is None else years_after(closure.help_ended_on, years)


@transaction.atomic
def close_help(household: Household, *, legal_basis: str, ended_on: datetime.date, by: User) -> CaseClosure:
    """Record that the help to this household ended on `ended_on` under `legal_basis`."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if legal_basis not in LegalBasis.values:
        raise ClosureError(_("Choose the legal basis under which the help was given."))
    if Plan.objects.filter(household=locked, is_active=True).exists():
        raise ClosureError(_("This household still has an active plan. Close the plan first, then close the help."))
    problem = end_date_problem(locked, ended_on)
    if problem:
        raise ClosureError(problem)
    if is_closed(locked):
        raise AlreadyClosed(_("The help to this household has already been closed, perhaps by a colleague just now."))
    closure = CaseClosure(household=locked, legal_basis=legal_basis, help_ended_on=ended_on, recorded_by=by)
    closure._history_user = by  # type: ignore[attr-defined]  # django-simple-history: who closed it
    try:
        with transaction.atomic():
            closure.save()
    except IntegrityError as error:  # a second submit that passed the check at the same moment
        raise AlreadyClosed(
            _("The help to this household has already been closed, perhaps by a colleague just now.")
        ) from error
    return closure


@transaction.atomic
def reopen_help(closure: CaseClosure, *, by: User) -> None:
    """The help starts again: the closure goes, so nothing of this household is due; its history stays."""
    Household.objects.select_for_update().get(pk=closure.household_id)
    if not CaseClosure.objects.filter(pk=closure.pk).exists():
        raise ClosureError(_("The help to this household is no longer closed, perhaps reopened by a colleague."))
    closure._history_user = by  # type: ignore[attr-defined]  # django-simple-history: who reopened it
    closure.delete()
