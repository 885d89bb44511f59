# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The barriers log counted per kind, organisation, neighbourhood and month (DESIGN.md §1 question 9).

The counts read only `Barrier` (and its organisations): never `BarrierSource`, so no figure can be traced to the
household a barrier was raised from. For roles without content access (team leaders, policy officers) a count below
SMALL_CELL is shown as "< 5" (DESIGN.md §5, invariant 6). EenPlan has no shared suppression helper yet; referrals'
figures use the same threshold.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import Organisation
from eenplan.collaboration.models import Barrier, BarrierKind

SMALL_CELL = 5
MONTHS = 12


@dataclass
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return f"< {SMALL_CELL}" if self.count is None else str(self.count)


@dataclass
class Table:
    title: str
    cells: list[Cell]


def suppressed(count: int, *, suppress: bool) -> int | None:
    """The count, or None where it describes fewer than SMALL_CELL (but more than zero) for a suppressed role."""
    return None if suppress and 0 < count < SMALL_CELL else count


def barrier_tables(*, suppress: bool) -> list[Table]:
    kinds = dict(Barrier.objects.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    organisations = (
        Organisation.objects.filter(barriers__isnull=False)
        .annotate(n=Count("barriers"))
        .order_by("name")
        .values_list("name", "n")
    )
    neighbourhoods = (
        Barrier.objects.values("neighbourhood__name")
        .annotate(n=Count("id"))
        .order_by("neighbourhood__name")
        .values_list("neighbourhood__name", "n")
    )
    since = (timezone.localdate().replace(day=1) - datetime.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    months = (
        Barrier.objects.filter(raised_at__date__gte=since)
        .annotate(month=TruncMonth("raised_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
        .values_list("month", "n")
    )
    return [
        Table(
            _("Per kind"),
            [
                Cell(str(label), suppressed(kinds.get(value, 0), suppress=suppress))
                for value, label in BarrierKind.choices
            ],
        ),
        Table(_("Per organisation"), [Cell(name, suppressed(n, suppress=suppress)) for name, n in organisations]),
        Table(
            _("Per neighbourhood"),
            [Cell(name or _("No neighbourhood"), suppressed(n, suppress=suppress)) for name, n in neighbourhoods],
        ),
        Table(
            _("Per month"),
            [Cell(_month_label(month), suppressed(n, suppress=suppress)) for month, n in months],
        ),
    ]


def _month_label(month: datetime.date | datetime.datetime) -> str:
    from django.utils.formats import date_format

    return date_format(month, "F Y")
