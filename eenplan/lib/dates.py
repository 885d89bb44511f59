# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dates that make no sense are refused with a Dutch message that says what is allowed (issue 17).

One rule for every form: what is impossible (a birth date in the future, a consent that ended before it is
recorded) and what is implausible (an action due decades ago or far ahead) are both refused, each with the
window that is allowed, so the professional corrects a typo such as 2062 for 2026 instead of saving it.
Forms check a date only when it was changed, so older records stay editable.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext as _

OLDEST_AGE_YEARS = 125
# A planning date (an action's due date, an evaluation) lies within a year back and five years ahead.
PLANNING_DAYS_BACK = 366
PLANNING_YEARS_AHEAD = 5


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shown(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def check_birth_date(born: datetime.date) -> datetime.date:
    """Refuse a birth date in the future or more than 125 years ago."""
    today = timezone.localdate()
    if born > today:
        raise forms.ValidationError(_("The date of birth cannot be in the future."), code="future")
    if born < _years_after(today, -OLDEST_AGE_YEARS):
        raise forms.ValidationError(_("Check the date of birth: this person would be older than 125."), code="too_old")
    return born


def check_planning_date(day: datetime.date) -> datetime.date:
    """Refuse a due or evaluation date more than a year ago or more than five years ahead."""
    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=PLANNING_DAYS_BACK)
    latest = _years_after(today, PLANNING_YEARS_AHEAD)
    if day < earliest:
        raise forms.ValidationError(
            _("This date is more than a year ago. Check the year, or choose a date from %(date)s.")
            % {"date": _shown(earliest)},
            code="too_early",
        )
    if day > latest:
        raise forms.ValidationError(
            _("This date is more than five years away. Check the year, or choose a date until %(date)s.")
            % {"date": _shown(latest)},
            code="too_late",
        )
    return day


def check_consent_end(day: datetime.date) -> datetime.date:
    """Refuse a consent that would only be valid in the past: it would give nobody access."""
    if day < timezone.localdate():
        raise forms.ValidationError(
            _(
                "The end date is in the past, so this consent would give no access at all. Choose today or a later "
                "date; to end a consent, withdraw it."
            ),
            code="ended",
        )
    return day


def check_consent_start(day: datetime.date) -> datetime.date:
    """Refuse a start more than a year ago (a paper consent is recorded soon after it is given)."""
    earliest = timezone.localdate() - datetime.timedelta(days=PLANNING_DAYS_BACK)
    if day < earliest:
        raise forms.ValidationError(
            _("The start date is more than a year ago. Check the year, or choose a date from %(date)s.")
            % {"date": _shown(earliest)},
            code="too_early",
        )
    return day
