# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The barriers log counted per kind, organisation, neighbourhood and month (DESIGN.md §1 question 9).

The counts read only `Barrier` (and its organisations): never `BarrierSource`, so no figure can be traced to the
household a barrier was raised from. For roles without content access (team leaders, policy officers) each table goes
through the shared rule of eenplan.lib.disclosure: a count from 1 to 4 is hidden and shown as "x"
(DESIGN.md §5, invariant 6). The tables publish no totals, so no hidden count can be recomputed from them.
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
from eenplan.lib import disclosure

MONTHS = 12


@dataclass
class Cell:
    label: str
    count: int | None  # None: hidden by the disclosure control

    @property
    def shown(self) -> str:
        return disclosure.shown(self.count)


@dataclass
class Table:
    title: str
    cells: list[Cell]


def _table(title: str, rows: list[tuple[str, int]], *, suppress: bool) -> Table:
    """Primary suppression with the shared rule (disclosure.is_small). The tables publish no totals, so no hidden
    count can be recomputed from them and no secondary suppression is needed."""
    return Table(title, [Cell(label, None if suppress and disclosure.is_small(n) else n) for label, n in rows])


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
        _table(
            _("Per kind"),
            [(str(label), kinds.get(value, 0)) for value, label in BarrierKind.choices],
            suppress=suppress,
        ),
        _table(_("Per organisation"), list(organisations), suppress=suppress),
        _table(
            _("Per neighbourhood"),
            [(name or _("No neighbourhood"), n) for name, n in neighbourhoods],
            suppress=suppress,
        ),
        _table(_("Per month"), [(_month_label(month), n) for month, n in months], suppress=suppress),
    ]


def _month_label(month: datetime.date | datetime.datetime) -> str:
    from django.utils.formats import date_format

    return date_format(month, "YEAR_MONTH_FORMAT")
