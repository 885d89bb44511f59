# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The outcomes report (*uitkomsten per wijk en periode*): change in self-reliance per life domain, plans finished with
their goals reached, referrals per service and organisation, time to first contact, barriers raised and wijkbudget
paid. Read from the newest summary run (eenplan.reports.summary) and protected table by table
(eenplan.lib.disclosure): nothing here names or links to a household."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eenplan.accounts.models import Neighbourhood, Organisation
from eenplan.assessments.models import InstrumentDomain
from eenplan.budget.models import Purpose
from eenplan.collaboration.models import BarrierKind
from eenplan.directory.models import Service
from eenplan.lib.disclosure import ProtectedTable, derived_sum, mean, protect, protect_list, share, threshold
from eenplan.reports.models import Measure, OutcomeFact, ProtectedCounts, SummaryRun
from eenplan.reports.summary import CONTACT_BANDS, CONTACT_LAST_BAND
from eenplan.reports.tables import (
    PERIODS,
    Period,
    Section,
    bar_chart,
    cells,
    period,
    section_data,
    section_from_data,
    stacked_chart,
)

ZRM_OUTCOMES = ("better", "same", "worse")
PLAN_OUTCOMES = ("all", "some", "none", "no_goals")
REFERRAL_COLUMNS = ("waiting", "accepted", "completed", "declined", "stopped")
BANDS = (*(label for _upper, label in CONTACT_BANDS), CONTACT_LAST_BAND)

Totals = dict[tuple[str, int | None, str, str], tuple[int, int]]
# Tables with more rows than this are protected once per summary run and kept (ProtectedCounts): the referrals per
# service run to thousands of rows, and their secondary suppression takes seconds.
KEEP_ROWS = 200


@dataclass
class Outcomes:
    run: SummaryRun
    sections: list[Section]


def _facts(run: SummaryRun, when: Period, neighbourhood_id: int | None) -> Totals:
    """The facts of this run in the period (and neighbourhood), added up over the months: one query."""
    facts = OutcomeFact.objects.filter(run=run, month__lt=when.end)
    if when.start is not None:
        facts = facts.filter(month__gte=when.start)
    if neighbourhood_id is not None:
        facts = facts.filter(neighbourhood_id=neighbourhood_id)
    rows = (
        facts.values("measure", "neighbourhood_id", "dimension", "outcome")
        .annotate(n=Sum("count"), amount=Sum("amount"))
        .order_by()
    )
    return {
        (r["measure"], r["neighbourhood_id"], r["dimension"], r["outcome"]): (int(r["n"]), int(r["amount"]))
        for r in rows
    }


def _split(totals: Totals) -> dict[str, Totals]:
    """The facts per measure, in one pass (each section reads only its own)."""
    parts: dict[str, Totals] = defaultdict(dict)
    for key, value in totals.items():
        parts[key[0]][key] = value
    return parts


def _by(
    parts: dict[str, Totals], measure: str, *, per_neighbourhood: bool
) -> dict[tuple[object, str], tuple[int, int]]:
    """Facts of one measure keyed by (row key, outcome): the row key is the neighbourhood or the dimension."""
    found: dict[tuple[object, str], list[int]] = defaultdict(lambda: [0, 0])
    for (_measure, neighbourhood_id, dimension, outcome), (n, amount) in parts.get(measure, {}).items():
        key: object = neighbourhood_id if per_neighbourhood else dimension
        found[(key, outcome)][0] += n
        found[(key, outcome)][1] += amount
    return {key: (n, amount) for key, (n, amount) in found.items()}


def build(run: SummaryRun, when: Period, neighbourhood: Neighbourhood | None, *, suppress: bool = True) -> Outcomes:
    totals = _facts(run, when, neighbourhood.pk if neighbourhood else None)
    neighbourhoods = _neighbourhood_rows(totals, neighbourhood)
    parts = _split(totals)
    sections = [
        _zrm(parts, suppress),
        _plans(parts, neighbourhoods, suppress),
        *_referrals(run, parts, suppress),
        _first_contact(parts, neighbourhoods, suppress),
        _barriers(parts, suppress),
        _budget(parts, suppress),
    ]
    return Outcomes(run, sections)


def _neighbourhood_rows(totals: Totals, chosen: Neighbourhood | None) -> list[tuple[int | None, str]]:
    if chosen is not None:
        return [(chosen.pk, chosen.name)]
    present = {key[1] for key in totals}
    rows: list[tuple[int | None, str]] = list(
        Neighbourhood.objects.filter(pk__in=[pk for pk in present if pk is not None])
        .order_by("name")
        .values_list("pk", "name")
    )
    if None in present:
        rows.append((None, _("No neighbourhood known")))
    return rows


def _zrm(parts: dict[str, Totals], suppress: bool) -> Section:
    facts = _by(parts, Measure.ZRM, per_neighbourhood=False)
    domains = list(
        InstrumentDomain.objects.filter(instrument__is_default=True)
        .order_by("position", "id")
        .values_list("code", "name")
    )
    values = [[facts.get((code, outcome), (0, 0))[0] for outcome in ZRM_OUTCOMES] for code, _name in domains]
    table = protect(values, suppress=suppress) if values else None
    rows = []
    chart_rows = []
    for index, (code, name) in enumerate(domains):
        assert table is not None
        change = sum(facts.get((code, outcome), (0, 0))[1] for outcome in ZRM_OUTCOMES)
        base = table.row_totals[index]
        shown_row = table.cells[index]
        rows.append(
            (
                name,
                cells(
                    [
                        *shown_row,
                        base,
                        share(shown_row[0], base),
                        share(shown_row[2], base),
                        mean(change, base, digits=2),
                    ]
                ),
            )
        )
        chart_rows.append((name, shown_row))
    titles = [_("Better"), _("The same"), _("Worse")]
    return Section(
        "zrm",
        _("Change in self-reliance per life domain"),
        _("Life domain"),
        [*titles, _("Residents"), _("% better"), _("% worse"), _("Mean change (steps)")],
        rows,
        total=cells([*table.column_totals, table.total, None, None, None]) if table else None,
        note=_(
            "Residents with two or more assessments on the default instrument whose latest assessment falls in the "
            "period: the latest level per life domain against the first."
        ),
        chart=stacked_chart(_("Share better, the same and worse per life domain"), chart_rows, titles)
        if rows
        else None,
        hidden_any=bool(table and table.hidden_count),
    )


def _plans(parts: dict[str, Totals], neighbourhoods: list[tuple[int | None, str]], suppress: bool) -> Section:
    facts = _by(parts, Measure.PLANS, per_neighbourhood=True)
    values = [[facts.get((pk, outcome), (0, 0))[0] for outcome in PLAN_OUTCOMES] for pk, _name in neighbourhoods]
    table = protect(values, suppress=suppress) if values else None
    rows = []
    for index, (_pk, name) in enumerate(neighbourhoods):
        assert table is not None
        shown_row = table.cells[index]
        rows.append((name, cells([*shown_row, table.row_totals[index], share(shown_row[0], table.row_totals[index])])))
    titles = [_("All goals reached"), _("Some goals reached"), _("No goal reached"), _("Without goals")]
    return Section(
        "plans",
        _("Plans finished, by goals reached"),
        _("Neighbourhood"),
        [*titles, _("Plans"), _("% all goals reached")],
        rows,
        total=cells([*table.column_totals, table.total, share(table.column_totals[0], table.total)]) if table else None,
        note=_("Plans evaluated or closed in the period."),
        chart=stacked_chart(
            _("Plans finished by goals reached"), [(r[0], table.cells[i]) for i, r in enumerate(rows)], titles
        )
        if table and rows
        else None,
        hidden_any=bool(table and table.hidden_count),
    )


def _referral_labels(keys: list[str]) -> dict[str, tuple[int, str, str]]:
    """organisation:service → (organisation id, organisation name, service name), in two queries."""
    pairs = [key.split(":", 1) for key in keys]
    service_ids = [int(s) for _o, s in pairs if s.isdigit()]
    organisation_ids = [int(o) for o, _s in pairs if o.isdigit()]
    services = dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "name"))
    organisations = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"))
    labels = {}
    for key, (o, s) in zip(keys, pairs, strict=True):
        organisation_id = int(o) if o.isdigit() else 0
        labels[key] = (
            organisation_id,
            organisations.get(organisation_id, "?"),
            services.get(int(s), "?") if s.isdigit() else "?",
        )
    return labels


def _referral_figures(row: list[int | None], accepted_days: int | None = None) -> list[int | float | None]:
    """The published counts of one row, their sum, the shares and the mean days to acceptance (each hidden where
    a figure it is made of is hidden, or its base is small)."""
    _waiting, accepted, completed, declined, _stopped = row
    taken = derived_sum([accepted, completed])
    decided = derived_sum([taken, declined])
    return [
        *row,
        derived_sum(row),
        share(taken, decided),
        share(completed, taken),
        mean(accepted_days, taken) if accepted_days is not None else None,
    ]


def protect_kept(run: SummaryRun, values: list[list[int]], *, row_totals: bool, suppress: bool) -> ProtectedTable:
    """`protect`, kept with the run for large tables: the same counts and options give the same published table, so
    it is computed once per run (at the nightly refresh for the default filters: `keep_protected`)."""
    if len(values) <= KEEP_ROWS or not suppress:
        return protect(values, row_totals=row_totals, suppress=suppress)
    limit = threshold()
    key = hashlib.sha256(json.dumps([values, row_totals, limit]).encode()).hexdigest()
    kept = ProtectedCounts.objects.filter(run=run, key=key).values_list("table", flat=True).first()
    if kept is not None:
        return ProtectedTable(**{**kept, "primary": {tuple(entry) for entry in kept["primary"]}})
    table = protect(values, row_totals=row_totals, suppress=suppress, limit=limit)
    stored = {**asdict(table), "primary": sorted(table.primary)}
    try:
        with transaction.atomic():
            ProtectedCounts.objects.create(run=run, key=key, table=stored)
    except IntegrityError:  # another request kept the same table at the same moment
        pass
    return table


def kept_sections(
    run: SummaryRun, when: Period, neighbourhood: Neighbourhood | None, *, suppress: bool
) -> list[Section]:
    """The page's sections as `build` makes them, kept with the run per filter and language: the figures change only
    with a new run, so the page adds up and protects them once per run and filter instead of on every view."""
    neighbourhood_id = neighbourhood.pk if neighbourhood else None
    parts = ["page", run.pk, when.code, str(when.start), str(when.end), neighbourhood_id, suppress, threshold()]
    key = hashlib.sha256(json.dumps([*parts, get_language()]).encode()).hexdigest()
    kept = ProtectedCounts.objects.filter(run=run, key=key).values_list("table", flat=True).first()
    if kept is not None:
        try:
            return [section_from_data(data) for data in kept["sections"]]
        except (AttributeError, KeyError, TypeError, ValueError):
            ProtectedCounts.objects.filter(run=run, key=key).delete()  # kept by an older version: compute anew
    sections = build(run, when, neighbourhood, suppress=suppress).sections
    try:
        with transaction.atomic():
            ProtectedCounts.objects.create(
                run=run, key=key, table={"sections": [section_data(section) for section in sections]}
            )
    except IntegrityError:  # another request kept the same page at the same moment
        pass
    return sections


def keep_protected(run: SummaryRun) -> None:
    """Add up and protect the page of every period for all neighbourhoods (in the default language) right after the
    run is computed, so the first visitor does not wait for them."""
    with translation.override(settings.LANGUAGE_CODE):
        for code in PERIODS:
            kept_sections(run, period(code), None, suppress=True)


def _referrals(run: SummaryRun, parts: dict[str, Totals], suppress: bool) -> list[Section]:
    """Per service (the protected table) and per organisation (sums of the published service figures only, so the
    two tables together tell nothing one of them does not)."""
    facts = _by(parts, Measure.REFERRALS, per_neighbourhood=False)
    keys = sorted({str(key) for key, _outcome in facts})
    labels = _referral_labels(keys)
    keys.sort(key=lambda k: (labels[k][1], labels[k][2], k))
    values: list[list[int]] = [[facts.get((key, outcome), (0, 0))[0] for outcome in REFERRAL_COLUMNS] for key in keys]
    days = {key: sum(facts.get((key, o), (0, 0))[1] for o in ("accepted", "completed")) for key in keys}
    table = protect_kept(run, values, row_totals=True, suppress=suppress) if values else None
    columns = [
        _("Waiting"),
        _("Accepted"),
        _("Completed"),
        _("Declined"),
        _("Stopped or withdrawn"),
        _("Sent"),
        _("% accepted of decided"),
        # xgettext:no-python-format
        _("% completed of accepted"),
        _("Mean days to acceptance"),
    ]
    service_rows = []
    per_organisation: dict[int, list[list[int | None]]] = defaultdict(list)
    organisation_days: dict[int, int] = defaultdict(int)
    organisation_names: dict[int, str] = {}
    for index, key in enumerate(keys):
        assert table is not None
        organisation_id, organisation, service = labels[key]
        shown_row = table.cells[index]
        figures = _referral_figures(shown_row, days[key] if derived_sum(shown_row[1:3]) is not None else None)
        service_rows.append((f"{organisation} — {service}", cells(figures)))
        per_organisation[organisation_id].append(shown_row)
        organisation_days[organisation_id] += days[key]
        organisation_names[organisation_id] = organisation
    organisation_rows = []
    chart_rows = []
    for organisation_id, rows in sorted(per_organisation.items(), key=lambda item: organisation_names[item[0]]):
        summed = [derived_sum([row[c] for row in rows]) for c in range(len(REFERRAL_COLUMNS))]
        taken_known = derived_sum(summed[1:3]) is not None
        figures = _referral_figures(summed, organisation_days[organisation_id] if taken_known else None)
        organisation_rows.append((organisation_names[organisation_id], cells(figures)))
        chart_rows.append((organisation_names[organisation_id], figures[6]))
    total = cells(_referral_figures(list(table.column_totals))) if table else None
    note = _(
        "Referrals sent in the period, by where they stand now. An organisation's figures add up its services' "
        "published figures, so a figure hidden for one service is hidden for its organisation too."
    )
    hidden = bool(table and table.hidden_count)
    return [
        Section(
            "organisations",
            _("Referrals per organisation"),
            _("Organisation"),
            columns,
            organisation_rows,
            total=total,
            note=note,
            chart=bar_chart(
                _("Share of decided referrals accepted, per organisation"), chart_rows, legend=_("% accepted")
            )
            if chart_rows
            else None,
            hidden_any=hidden,
        ),
        Section(
            "services",
            _("Referrals per service"),
            _("Organisation — service"),
            columns,
            service_rows,
            total=total,
            hidden_any=hidden,
        ),
    ]


def _first_contact(parts: dict[str, Totals], neighbourhoods: list[tuple[int | None, str]], suppress: bool) -> Section:
    facts = _by(parts, Measure.FIRST_CONTACT, per_neighbourhood=True)
    values = [[facts.get((pk, band), (0, 0))[0] for band in BANDS] for pk, _name in neighbourhoods]
    table = protect(values, suppress=suppress) if values else None
    rows = []
    chart_rows = []
    for index, (pk, name) in enumerate(neighbourhoods):
        assert table is not None
        days = sum(facts.get((pk, band), (0, 0))[1] for band in BANDS)
        base = table.row_totals[index]
        rows.append((name, cells([*table.cells[index], base, mean(days, base)])))
        chart_rows.append((name, mean(days, base)))
    return Section(
        "first_contact",
        _("Time from request for help to intake"),
        _("Neighbourhood"),
        [*(_("%(band)s days") % {"band": band} for band in BANDS), _("Intakes"), _("Mean days")],
        rows,
        total=cells([*table.column_totals, table.total, None]) if table else None,
        note=_("Intakes held in the period after a request for help: days from the request to the intake."),
        chart=bar_chart(_("Mean days from request to intake per neighbourhood"), chart_rows, legend=_("mean days"))
        if chart_rows
        else None,
        hidden_any=bool(table and table.hidden_count),
    )


def _barriers(parts: dict[str, Totals], suppress: bool) -> Section:
    facts = _by(parts, Measure.BARRIERS, per_neighbourhood=False)
    kinds = list(BarrierKind.choices)
    table = protect_list([facts.get((value, "raised"), (0, 0))[0] for value, _label in kinds], suppress=suppress)
    rows = [(str(label), cells([table.cells[i][0]])) for i, (_value, label) in enumerate(kinds)]
    return Section(
        "barriers",
        _("Barriers raised"),
        _("Kind"),
        [_("Barriers")],
        rows,
        total=cells([table.total]),
        note=_("Organisational barriers reported by professionals in the period (never linked to a household)."),
        chart=bar_chart(_("Barriers raised per kind"), [(r[0], table.cells[i][0]) for i, r in enumerate(rows)]),
        hidden_any=bool(table.hidden_count),
    )


def _budget(parts: dict[str, Totals], suppress: bool) -> Section:
    """Payments per purpose: a payment amount is hidden wherever its number is, so hidden amounts cannot be found
    from the total amount either (the same pattern protects both columns)."""
    facts = _by(parts, Measure.BUDGET, per_neighbourhood=False)
    purposes = list(Purpose.choices)
    counts = [facts.get((value, "paid"), (0, 0))[0] for value, _label in purposes]
    amounts = [facts.get((value, "paid"), (0, 0))[1] for value, _label in purposes]
    table = protect_list(counts, suppress=suppress)
    rows = []
    for index, (_value, label) in enumerate(purposes):
        shown_count = table.cells[index][0]
        euros = None if shown_count is None else round(amounts[index] / 100)
        rows.append((str(label), cells([shown_count, euros])))
    total_euros = None if table.total is None else round(sum(amounts) / 100)
    return Section(
        "budget",
        _("Neighbourhood budget paid"),
        _("Purpose"),
        [_("Payments"), _("Amount (euro)")],
        rows,
        total=cells([table.total, total_euros]),
        note=_("Wijkbudget commitments paid in the period, in whole euros."),
        hidden_any=bool(table.hidden_count),
    )
