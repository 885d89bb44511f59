# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The barriers log counted per kind, organisation, neighbourhood and month (DESIGN.md §1 question 9).

The counts read only `Barrier` (and its organisations): never `BarrierSource`, so no figure can be traced to the
household a barrier was raised from. For roles without content access (team leaders, policy officers) every table goes
through the project's one disclosure control, eenplan.lib.disclosure, as the reports do (DESIGN.md §5, invariant 6):

- primary suppression: a count from 1 to 4 is hidden and shown as "x";
- secondary suppression: the kind, neighbourhood and month tables publish their total, so further cells are hidden
  until no hidden count can be recomputed from the total and the other cells;
- a share (percentage of the total) is hidden when its count or its base is hidden.

The organisation table publishes no total: one barrier may name several organisations, so its counts do not add up to
the number of barriers, and a total of mentions would only give a reader one more equation.

`BarrierFigures.shown_kinds` and `shown_organisations` tell the lists of barriers which kinds and organisations they
may name for a barrier without giving away a hidden count (views.barrier_overview, the team leader's view).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from eenplan.accounts.models import Organisation
from eenplan.collaboration.models import Barrier, BarrierKind
from eenplan.lib import disclosure

MONTHS = 12


@dataclass
class Cell:
    label: str
    count: int | None  # None: hidden by the disclosure control
    share: int | None = None  # a whole percentage of the table's total; None: hidden, or no total published
    key: str | int | None = None  # the kind's value or the organisation's id

    @property
    def shown(self) -> str:
        return disclosure.shown(self.count)

    @property
    def share_shown(self) -> str:
        return disclosure.shown(self.share)


@dataclass
class Table:
    title: str
    cells: list[Cell]
    has_total: bool = False
    total: int | None = None

    @property
    def total_shown(self) -> str:
        return disclosure.shown(self.total)


@dataclass
class BarrierFigures:
    tables: list[Table]
    suppress: bool
    shown_kinds: frozenset[str] = field(default_factory=frozenset)
    shown_organisations: frozenset[int] = field(default_factory=frozenset)


def _table(title: str, rows: list[tuple[str, int, str | int | None]], *, suppress: bool, total: bool) -> Table:
    """One column of counts through disclosure.protect_list; with `total`, the total is published and each count
    gets its share of it (disclosure.share, hidden with its count or its base)."""
    protected = disclosure.protect_list([n for _label, n, _key in rows], total=total, suppress=suppress)
    cells = []
    for (label, _n, key), (count,) in zip(rows, protected.cells, strict=True):
        share = disclosure.share(count, protected.total) if total else None
        cells.append(Cell(label, count, share, key))
    return Table(title, cells, has_total=total, total=protected.total if total else None)


def barrier_figures(*, suppress: bool) -> BarrierFigures:
    """The four tables of the barriers overview, suppressed when `suppress` (disclosure.protect_list)."""
    kinds = dict(Barrier.objects.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    organisations = (
        Organisation.objects.filter(barriers__isnull=False)
        .annotate(n=Count("barriers"))
        .order_by("name")
        .values_list("name", "n", "pk")
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
    per_kind = _table(
        _("Per kind"),
        [(str(label), kinds.get(value, 0), value) for value, label in BarrierKind.choices],
        suppress=suppress,
        total=True,
    )
    per_organisation = _table(
        _("Per organisation"), [(name, n, pk) for name, n, pk in organisations], suppress=suppress, total=False
    )
    tables = [
        per_kind,
        per_organisation,
        _table(
            _("Per neighbourhood"),
            [(name or _("No neighbourhood"), n, None) for name, n in neighbourhoods],
            suppress=suppress,
            total=True,
        ),
        _table(_("Per month"), [(_month_label(month), n, None) for month, n in months], suppress=suppress, total=True),
    ]
    return BarrierFigures(
        tables,
        suppress,
        shown_kinds=frozenset(str(c.key) for c in per_kind.cells if c.count),
        shown_organisations=frozenset(int(c.key) for c in per_organisation.cells if c.count and c.key is not None),
    )


def _month_label(month: datetime.date | datetime.datetime) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def mask(barriers: Iterable[Barrier], figures: BarrierFigures, *, organisations: bool = True) -> None:
    """Give each barrier of a list what the list may name of it, so that the list cannot give away a count the
    figures hide (counting its rows per kind, organisation, neighbourhood or month):

    - `kind_shown`: the kind's label, or None where the kind's count is hidden;
    - `organisations_shown`: the organisations whose count is published (with `organisations`: prefetched);
    - `place_shown`: whether the neighbourhood and the month may be named. Never under suppression: they only
      appear as protected counts, so a list filtered or paged in any way reveals no small cell of those tables.

    Without suppression (roles with content access, and the professional who raised the barrier) all is named."""
    whole = not figures.suppress
    for barrier in barriers:
        barrier.kind_shown = (  # type: ignore[attr-defined]
            barrier.get_kind_display() if whole or barrier.kind in figures.shown_kinds else None
        )
        barrier.organisations_shown = (  # type: ignore[attr-defined]
            [o for o in barrier.organisations.all() if whole or o.pk in figures.shown_organisations]
            if organisations
            else []
        )
        barrier.place_shown = whole  # type: ignore[attr-defined]


WHOLE = BarrierFigures(tables=[], suppress=False)
